"""``rekey``: re-encrypt the database under a new data key, with a new key file.

Changing the passphrase only rewraps the key file (the data key stays), so an old key file
with the old passphrase still opens the data. After a suspected compromise of the data key,
of a key file or of the recovery code, ``rekey`` makes a new data key, copies the database
under it (``sqlcipher_export``), writes a new key file (passphrase, a new recovery code, and
the escrow slot to the same committee key if there was one) and moves the old files aside.

Crash safety (two files cannot be replaced atomically together): everything new is prepared
in ``DATA_DIR/.rekey/`` and checked; then a ``READY`` marker commits the change, and
:func:`finish` moves the old files aside and the new ones in. Every step of ``finish`` can be
repeated, and the open path calls it first, so a rekey killed at any point leaves either the
old pair or the new pair in place, never a mix. Before ``READY`` the old files are untouched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.infra.crypto.audit_keys import derive_chain_key
from ztclient.infra.crypto.keyfile import SLOT_ESCROW, EscrowSlot, KeyFile
from ztclient.infra.db import store as db
from ztclient.infra.files import aside_name, secure_file
from ztclient.infra.layout import DB_FILE, KEY_FILE, REKEY_DIR, REKEY_READY
from ztprotocol.atomic import atomic_write_json, fsync_dir

_COUNTED = ("members", "orgs", "meetings", "study_logs", "outbox", "audit", "audit_keys")


def _zero(buf: bytearray) -> None:
    buf[:] = bytes(len(buf))


def rekey(
    data_dir: Path, keyfile: KeyFile, passphrase: str, new_passphrase: str | None = None
) -> dict[str, Any]:
    """Re-encrypt ``data_dir`` under a new data key. Returns the new recovery code (to print
    once), where the old files went, and the new key id. The database must be closed."""
    data_dir = Path(data_dir)
    work = data_dir / REKEY_DIR
    finish(data_dir)  # an earlier rekey that was interrupted after READY completes first
    old_dek = keyfile.unlock(passphrase)
    new_dek = None
    try:
        old = db.open_database(data_dir, old_dek)
        try:
            problems = old.integrity_problems()
            if problems:
                raise DomainError("E_DB_DAMAGED", detail="; ".join(problems[:3]))
            new_keyfile, new_dek, code = KeyFile.create(new_passphrase or passphrase)
            escrow = keyfile.slots.get(SLOT_ESCROW)
            if isinstance(escrow, EscrowSlot):  # keep the committee's recovery path
                new_keyfile = new_keyfile.add_escrow(new_dek, escrow.recipient)
            if work.exists():
                shutil.rmtree(work)  # a preparation that never reached READY: only new files
            work.mkdir(mode=0o700)
            _prepare(old, work, new_dek)
            new_keyfile.save(work / KEY_FILE)
        finally:
            old.checkpoint()
            old.close()
        aside = aside_name(
            data_dir, "rekeyed"
        )  # chosen before the commit point: finish() reuses it
        atomic_write_json(work / REKEY_READY, {"aside": aside})  # the commit point
        fsync_dir(work)
        finish(data_dir)
    except BaseException:
        if work.exists() and not (work / REKEY_READY).exists():
            shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        _zero(old_dek)
        if new_dek is not None:
            _zero(new_dek)
    return {"recovery_code": code, "moved_aside": str(data_dir / aside)}


def _prepare(old: db.Store, work: Path, new_dek: bytearray) -> None:
    """The new database in ``work``: exported, older chain keys rewrapped, checked."""
    target = work / DB_FILE
    old.export_rekeyed(target, new_dek)
    assert old.chain_keys is not None
    epochs = [r["epoch"] for r in old.read("SELECT epoch FROM audit_keys")]
    wrapped = old.chain_keys.rewrapped(epochs, derive_chain_key(new_dek))
    new = db.open_file(target, new_dek)
    try:
        with new.transaction() as tx:
            for epoch, value in wrapped.items():
                tx.execute("UPDATE audit_keys SET wrapped = ? WHERE epoch = ?", (value, epoch))
        problems = new.integrity_problems()
        counts = {t: new.scalar(f"SELECT count(*) FROM {t}") for t in _COUNTED}
        expected = {t: old.scalar(f"SELECT count(*) FROM {t}") for t in _COUNTED}
        if problems or counts != expected:
            raise DomainError("E_REKEY_CHECK", detail="; ".join(problems[:3]) or str(counts))
        new.checkpoint()
    finally:
        new.close()
    for suffix in ("-wal", "-shm"):  # the new file's own, emptied by the checkpoint
        (work / (DB_FILE + suffix)).unlink(missing_ok=True)
    secure_file(target)


def pending(data_dir: Path) -> bool:
    """A committed rekey whose files are not all in place yet."""
    return (Path(data_dir) / REKEY_DIR / REKEY_READY).exists()


def finish(data_dir: Path) -> None:
    """Complete a committed rekey (idempotent), or drop a preparation that never committed."""
    data_dir = Path(data_dir)
    work = data_dir / REKEY_DIR
    if not work.exists():
        return
    ready = work / REKEY_READY
    if not ready.exists():
        shutil.rmtree(work, ignore_errors=True)  # new files only; the old pair is in place
        return
    try:
        aside = data_dir / json.loads(ready.read_text(encoding="utf-8"))["aside"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DomainError("E_REKEY_CHECK", detail=f"marker: {exc}") from exc
    aside.mkdir(mode=0o700, exist_ok=True)
    if (work / DB_FILE).exists():
        for name in (DB_FILE + "-wal", DB_FILE + "-shm", DB_FILE):
            if (data_dir / name).exists() and not (aside / name).exists():
                os.replace(data_dir / name, aside / name)
        os.replace(work / DB_FILE, data_dir / DB_FILE)
    if (work / KEY_FILE).exists():
        if (data_dir / KEY_FILE).exists() and not (aside / KEY_FILE).exists():
            os.replace(data_dir / KEY_FILE, aside / KEY_FILE)
        os.replace(work / KEY_FILE, data_dir / KEY_FILE)
    fsync_dir(aside)
    fsync_dir(data_dir)
    ready.unlink()
    shutil.rmtree(work, ignore_errors=True)
    fsync_dir(data_dir)
