"""Fail closed (issue 11, item 1): the store opens only a database that is ours.

Every case here leaves the file byte-identical and writes no -wal/-shm beside it. On the main
of round 1, the zero-byte case opened and migrated into an empty unit ("数据完整 … 0 名党员").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
import sqlcipher3
from tests.helpers import PASSPHRASE, run_cli

from ztclient.domain.errors import DomainError


def _state(data_dir):
    """Every file of the data folder with its SHA-256 (so a stray -wal would show up too)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.iterdir())
        if p.is_file()
    }


@pytest.fixture
def closed_unit(unit):
    app, session, _ = unit
    session.store.checkpoint()
    session.close()
    for suffix in ("-wal", "-shm"):
        (app.vault.db_path.parent / (app.vault.db_path.name + suffix)).unlink(missing_ok=True)
    return app


def _refused(app, code, reason=None):
    before = _state(app.data_dir)
    with pytest.raises(DomainError) as err:
        app.unlock(PASSPHRASE)
    assert err.value.code == code, err.value
    if reason is not None:
        assert err.value.params.get("reason") == reason
    assert _state(app.data_dir) == before  # byte-identical, and nothing new beside it
    return err.value


def test_zero_byte_database_is_damaged_and_stays_zero_bytes(closed_unit):
    app = closed_unit
    app.vault.db_path.write_bytes(b"")
    _refused(app, "E_DB_DAMAGED", "empty")
    assert app.vault.db_path.stat().st_size == 0


def test_zero_byte_database_exit_5_from_the_cli(closed_unit):
    app = closed_unit
    app.vault.db_path.write_bytes(b"")
    for verb in (["verify"], ["members", "list"]):
        r = run_cli(app.data_dir, *verb)
        assert r.returncode == 5, (verb, r.stdout, r.stderr)
        assert "E_DB_DAMAGED" in r.stderr and "Traceback" not in r.stderr
    assert app.vault.db_path.stat().st_size == 0
    # nothing beside the database: no -wal, no -shm (the CLI's log folder is expected)
    assert sorted(p.name for p in app.data_dir.iterdir()) == ["keyfile.json", "logs", "ztclient.db"]


def test_short_file_is_damaged(closed_unit):
    app = closed_unit
    app.vault.db_path.write_bytes(os.urandom(1000))
    _refused(app, "E_DB_DAMAGED", "short")


def test_random_bytes_are_damaged(closed_unit):
    app = closed_unit
    app.vault.db_path.write_bytes(os.urandom(8 * 4096))
    _refused(app, "E_DB_DAMAGED", "foreign")


def test_another_units_database_is_damaged(closed_unit, tmp_path):
    """A real SQLCipher file under another key: page 1 fails its HMAC under ours."""
    app = closed_unit
    other = tmp_path / "other.db"
    conn = sqlcipher3.connect(str(other))
    conn.execute("PRAGMA key = \"x'" + "ab" * 32 + "'\"")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    app.vault.db_path.write_bytes(other.read_bytes())
    _refused(app, "E_DB_DAMAGED", "foreign")


def test_our_key_but_no_schema_is_damaged(closed_unit):
    """Encrypted under the right key but never migrated (e.g. a crash during init): not a unit."""
    app = closed_unit
    dek = app.vault.data_key(PASSPHRASE)
    app.vault.db_path.unlink()
    conn = sqlcipher3.connect(str(app.vault.db_path))
    conn.set_key(bytearray(b"x'" + bytes(dek).hex().encode() + b"'"))
    conn.execute("CREATE TABLE scratch (x)")
    conn.commit()
    conn.close()
    _refused(app, "E_DB_DAMAGED", "no_schema")


def test_plaintext_sqlite_is_refused(closed_unit):
    app = closed_unit
    app.vault.db_path.unlink()
    conn = sqlite3.connect(str(app.vault.db_path))
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused(app, "E_DB_NOT_ENCRYPTED")


def test_missing_database_beside_a_key_file_says_so(closed_unit):
    app = closed_unit
    app.vault.db_path.unlink()
    err = _refused(app, "E_DB_MISSING")
    assert err.params["path"].endswith("ztclient.db")
    r = run_cli(app.data_dir, "verify")
    assert r.returncode == 5 and "E_DB_MISSING" in r.stderr
    assert not app.vault.db_path.exists()


def test_backup_with_an_empty_database_is_invalid(unit, tmp_path):
    import json
    import zipfile

    app, session, _ = unit
    good = tmp_path / "good.zip"
    app.backups.backup(session, good)
    session.close()
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        manifest["db_sha256"] = hashlib.sha256(b"").hexdigest()
        dst.writestr("manifest.json", json.dumps(manifest))
        dst.writestr("keyfile.json", src.read("keyfile.json"))
        dst.writestr("ztclient.db", b"")
    before = _state(app.data_dir)
    with pytest.raises(DomainError) as err:
        app.backups.restore(bad, PASSPHRASE)
    assert err.value.code == "E_BACKUP_INVALID"
    assert _state(app.data_dir) == before
