"""The data folder as a whole: create, unlock, change passphrase, recover, back up, restore,
rekey.

Key file (key slots) + SQLCipher database. Never deletes or recreates a database by itself:
a restore moves what it replaces aside into ``replaced-YYYYmmdd-HHMMSS/``, a rekey into
``rekeyed-YYYYmmdd-HHMMSS/`` (``-2``, ``-3`` … when that second's name is taken). The folder
is 0700 and its files 0600 (infra/files.py); every OSError becomes a coded error
(infra/os_errors.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ztclient.domain import dues_receipts as receipts_
from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.infra import rekey as rekeying
from ztclient.infra.crypto.keyfile import SLOT_RECOVERY, KeyFile, WrapSlot
from ztclient.infra.crypto.recovery_code import sheet_number
from ztclient.infra.db import store as db
from ztclient.infra.files import aside_name, secure_file, secure_folder, tighten
from ztclient.infra.layout import KEY_FILE, folder_state
from ztclient.infra.os_errors import os_errors
from ztprotocol.atomic import atomic_path, atomic_write, fsync_dir

BACKUP_FORMAT = "ztclient-backup/1"
BACKUP_MANIFEST = "manifest.json"


def _zero(buf: bytearray) -> None:
    buf[:] = bytes(len(buf))


class Vault:
    """One data folder. Opening it yields a :class:`~ztclient.infra.db.store.Store`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    @property
    def key_path(self) -> Path:
        return self.data_dir / KEY_FILE

    @property
    def db_path(self) -> Path:
        return db.database_path(self.data_dir)

    def state(self) -> str:
        """ "empty" (first run), "ready" (key file and database present) or "incomplete"."""
        return folder_state(self.data_dir)

    # -- create and open ---------------------------------------------------------------------
    def create(self, passphrase: str, meta: dict[str, str]) -> tuple[db.Store, str]:
        """Make a new unit: key file, encrypted database, meta rows. Returns (store, recovery code)."""
        if self.state() != "empty":
            raise DomainError("E_ALREADY_INITIALISED", path=str(self.data_dir))
        _check_passphrase(passphrase)
        keyfile, dek, code = KeyFile.create(passphrase)
        try:
            with os_errors(self.data_dir):
                secure_folder(self.data_dir)
                keyfile.save(self.key_path)
                store = db.create_database(self.data_dir, dek)
                secure_file(self.db_path)
        except BaseException:
            # We made these a moment ago and nothing else uses them yet: a failed init must
            # leave the folder as empty as it was, so that init can simply be run again.
            for name in (db.DB_FILE + "-wal", db.DB_FILE + "-shm", db.DB_FILE, KEY_FILE):
                (self.data_dir / name).unlink(missing_ok=True)
            raise
        finally:
            _zero(dek)
        with store.transaction() as tx:
            for key, value in {
                **meta,
                "device_id": uuid7(),
                receipts_.META_KEY: receipts_.new_mark(),
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }.items():
                tx.set_meta(key, value)
        return store, code

    def _keyfile(self) -> KeyFile:
        if not self.key_path.exists():
            raise DomainError(
                "E_NO_DATA" if not self.db_path.exists() else "E_KEYFILE_MISSING",
                path=str(self.key_path),
            )
        return KeyFile.load(self.key_path)

    def unlock(self, passphrase: str) -> db.Store:
        """Open with the passphrase: E_WRONG_PASSPHRASE, E_KEYFILE_DAMAGED or E_DB_DAMAGED.

        First completes a rekey that was committed but interrupted, and brings the folder to
        0700/0600 (a folder from an older version, or copied in)."""
        with os_errors(self.data_dir):
            rekeying.finish(self.data_dir)
            self.tightened = tighten(self.data_dir)
        keyfile = self._keyfile()
        dek = keyfile.unlock(passphrase)
        try:
            return db.open_database(self.data_dir, dek)
        finally:
            _zero(dek)

    def data_key(self, passphrase: str) -> bytearray:
        """The raw data key (caller zeroes it). Used for backups with a live store."""
        return self._keyfile().unlock(passphrase)

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the key file; the database file is not touched (stays byte-identical)."""
        _check_passphrase(new)
        keyfile = self._keyfile()
        dek = keyfile.unlock(old)
        try:
            with os_errors(self.key_path):
                keyfile.with_passphrase(dek, new).save(self.key_path)
        finally:
            _zero(dek)

    def recover(self, recovery_code: str, new_passphrase: str) -> None:
        """Set a new passphrase with the printed recovery code (the code stays valid)."""
        _check_passphrase(new_passphrase)
        keyfile = self._keyfile()
        dek = keyfile.unlock_with_recovery(recovery_code)
        try:
            # prove the key opens the database before anything is rewritten
            db.open_database(self.data_dir, dek, migrate=False).close()
            with os_errors(self.key_path):
                keyfile.with_passphrase(dek, new_passphrase).save(self.key_path)
        finally:
            _zero(dek)

    def recovery_number(self) -> str:
        """The 恢复码编号 of the recovery code now valid (recovery_code.sheet_number); "" when
        the key file cannot be read (the sheet then leaves it blank)."""
        try:
            slot = self._keyfile().slots.get(SLOT_RECOVERY)
        except DomainError:
            return ""
        return sheet_number(slot.salt) if isinstance(slot, WrapSlot) else ""

    def new_recovery_code(self, passphrase: str) -> str:
        """Replace the recovery slot with one for a new code (the old code stops working)."""
        keyfile = self._keyfile()
        dek = keyfile.unlock(passphrase)
        try:
            renewed, code = keyfile.with_new_recovery(dek)
            renewed.save(self.key_path)
        finally:
            _zero(dek)
        return code

    # -- backup and restore ------------------------------------------------------------------
    def backup(self, store: db.Store, out: Path) -> dict[str, Any]:
        """Write an encrypted backup file: the key file and a consistent encrypted copy of the
        database (``VACUUM INTO``, same data key) in one zip. Nothing in it is plaintext; the
        file is the owner's only (0600), wherever it is written."""
        out = Path(out)
        if out.exists():
            raise DomainError("E_FILE_EXISTS", path=str(out))
        if not out.parent.is_dir():
            raise DomainError("E_FOLDER_NOT_FOUND", path=str(out.parent))
        with os_errors(out), tempfile.TemporaryDirectory(dir=out.parent) as tmp:
            copy = Path(tmp) / db.DB_FILE
            store.backup_to(copy)
            digest = hashlib.sha256(copy.read_bytes()).hexdigest()
            manifest = {
                "format": BACKUP_FORMAT,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "schema": store.schema_version,
                "unit_code": store.get_meta("unit_code") or "",
                "unit_name": store.get_meta("unit_name") or "",
                "db_sha256": digest,
            }
            # the one atomic writer's recipe: a temp file beside ``out``, fsync, rename, fsync
            # the folder (no second copy of the zip in memory)
            with atomic_path(out) as staging:
                with zipfile.ZipFile(staging, "w", compression=zipfile.ZIP_STORED) as z:
                    z.writestr(BACKUP_MANIFEST, json.dumps(manifest, sort_keys=True))
                    z.writestr(KEY_FILE, self.key_path.read_bytes())
                    z.write(copy, db.DB_FILE)
                secure_file(staging)
        return manifest

    def restore(
        self,
        backup_file: Path,
        passphrase: str,
        *,
        other_unit: bool = False,
        check: Callable[[Any], list[str]] | None = None,
    ) -> dict[str, Any]:
        """Check a backup fully (manifest, hash, passphrase, integrity, same unit), then
        install it. What the data folder held before is moved aside, never deleted.

        ``check`` reads a migrated scratch copy of the backup (the bytes installed are the
        backup's own) and returns problems, given back as ``trail_problems``: the services'
        audit-trail check, which this layer does not know.

        A backup of another unit is refused (E_RESTORE_OTHER_UNIT, naming both) unless
        ``other_unit``; so is one that cannot be matched to the current data because that
        does not open with this passphrase (E_RESTORE_UNIT_UNKNOWN).
        """
        manifest, keyfile_bytes, db_bytes = _read_backup(Path(backup_file))
        keyfile = KeyFile.from_bytes(keyfile_bytes)
        dek = keyfile.unlock(passphrase)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                candidate = Path(tmp) / db.DB_FILE
                with os_errors(candidate):
                    candidate.write_bytes(db_bytes)
                probe = db.open_file(candidate, dek)
                problems = probe.integrity_problems()
                backup_unit = (probe.get_meta("unit_code"), probe.get_meta("unit_name"))
                probe.close()
                if problems:
                    raise DomainError("E_BACKUP_INVALID", detail="; ".join(problems[:3]))
                if not other_unit:
                    self._check_same_unit(keyfile, passphrase, backup_unit)
                trail = self._check_copy(candidate, dek, check) if check else []
                with os_errors(self.data_dir):
                    secure_folder(self.data_dir)
                    moved = self._move_aside()
                    atomic_write(self.data_dir / db.DB_FILE, db_bytes)
                    atomic_write(self.key_path, keyfile_bytes)
                    fsync_dir(self.data_dir)
                self._new_receipt_series(dek)
        finally:
            _zero(dek)
        return {
            **manifest,
            "replaced": str(moved) if moved else None,
            "other_unit": other_unit,
            "trail_problems": trail,
        }

    def _new_receipt_series(self, dek: bytes | bytearray) -> None:
        """The restored data gets a receipt series of its own (domain/dues_receipts.py): its
        counter is where it was at the backup, below numbers this device gave since."""
        store = db.open_database(self.data_dir, dek)
        try:
            with store.transaction() as tx:
                tx.set_meta(receipts_.META_KEY, receipts_.new_mark())
        finally:
            store.close()

    @staticmethod
    def _check_copy(
        candidate: Path, dek: bytes | bytearray, check: Callable[[Any], list[str]]
    ) -> list[str]:
        scratch = candidate.parent / "scratch"
        scratch.mkdir()
        shutil.copyfile(candidate, scratch / db.DB_FILE)
        store = db.open_database(scratch, dek)  # migrated: the checks read the latest schema
        try:
            return check(store)
        finally:
            store.close()

    def _check_same_unit(
        self, backup_keyfile: KeyFile, passphrase: str, backup_unit: tuple[str | None, ...]
    ) -> None:
        """Same unit: the key files share their ``file_id`` (same data key lineage), or the
        current data opens with this passphrase and names the same unit code."""
        if self.state() == "empty":
            return
        try:
            current = KeyFile.load(self.key_path)
        except DomainError:
            current = None
        if current is not None and current.file_id == backup_keyfile.file_id:
            return
        current_unit = None
        if current is not None:
            try:
                dek = current.unlock(passphrase)
            except DomainError:
                dek = None
            if dek is not None:
                try:
                    store = db.open_database(self.data_dir, dek, migrate=False)
                    current_unit = (store.get_meta("unit_code"), store.get_meta("unit_name"))
                    store.close()
                except DomainError:
                    pass
                finally:
                    _zero(dek)
        if current_unit is None:
            raise DomainError("E_RESTORE_UNIT_UNKNOWN", backup_unit=_unit_label(*backup_unit))
        if current_unit[0] != backup_unit[0]:  # the code names the unit; a name can change
            raise DomainError(
                "E_RESTORE_OTHER_UNIT",
                backup_unit=_unit_label(*backup_unit),
                current_unit=_unit_label(*current_unit),
            )

    def _move_aside(self) -> Path | None:
        names = [db.DB_FILE, db.DB_FILE + "-wal", db.DB_FILE + "-shm", KEY_FILE]
        present = [n for n in names if (self.data_dir / n).exists()]
        if not present:
            return None
        aside = self.data_dir / aside_name(self.data_dir, "replaced")
        aside.mkdir(mode=0o700)
        for n in present:
            os.replace(self.data_dir / n, aside / n)
        fsync_dir(self.data_dir)
        return aside

    # -- rekey -------------------------------------------------------------------------------
    def rekey(self, passphrase: str, new_passphrase: str | None = None) -> dict[str, Any]:
        """Re-encrypt under a new data key (infra/rekey.py). The database must be closed.
        Returns the new recovery code (print it once) and where the old files went."""
        if new_passphrase is not None:
            _check_passphrase(new_passphrase)
        keyfile = self._keyfile()
        with os_errors(self.data_dir):
            return rekeying.rekey(self.data_dir, keyfile, passphrase, new_passphrase)


def _unit_label(code: str | None, name: str | None) -> str:
    """How a unit is named in a question to the clerk: "name（code）", or the code alone."""
    code, name = (code or "").strip(), (name or "").strip()
    return f"{name}（{code}）" if name and code else (name or code or "?")


def _check_passphrase(passphrase: str) -> None:
    """The domain's one strength rule (length, variety, the common list): init, passwd,
    recover and the first-run wizard all come through here."""
    from ztclient.domain import passphrase as strength

    strength.check(passphrase)


def _read_backup(path: Path) -> tuple[dict[str, Any], bytes, bytes]:
    if not path.is_file():
        raise DomainError("E_FILE_NOT_FOUND", path=str(path))
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if names != {BACKUP_MANIFEST, KEY_FILE, db.DB_FILE}:
                raise DomainError("E_BACKUP_INVALID", detail="unexpected contents")
            manifest = json.loads(z.read(BACKUP_MANIFEST))
            keyfile_bytes = z.read(KEY_FILE)
            db_bytes = z.read(db.DB_FILE)
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise DomainError("E_BACKUP_INVALID", detail=str(exc)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise DomainError("E_BACKUP_INVALID", detail="not a ztclient backup")
    if hashlib.sha256(db_bytes).hexdigest() != manifest.get("db_sha256"):
        raise DomainError("E_BACKUP_INVALID", detail="database hash mismatch")
    return manifest, keyfile_bytes, db_bytes


def copy_tree_readonly(src: Path, dst: Path) -> None:  # used by tests and the crash harness
    shutil.copytree(src, dst)
