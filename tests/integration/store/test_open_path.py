"""The one fail-closed open path: encrypted file, wrong passphrase vs damaged data, no recreation."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import DomainError


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_file_is_encrypted_and_unreadable_by_stdlib_sqlite(unit):
    app, session, _ = unit
    session.store.checkpoint()
    path = app.vault.db_path
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    conn = sqlite3.connect(str(path))
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_cipher_settings_and_pragmas(unit):
    _, session, _ = unit
    store = session.store
    assert store.scalar("PRAGMA cipher_version")
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA temp_store") == 2  # MEMORY: SQLCipher does not encrypt temp files


def test_wrong_passphrase_is_told_apart_and_touches_nothing(unit):
    app, session, _ = unit
    session.close()
    before = (_sha(app.vault.db_path), _sha(app.vault.key_path))
    with pytest.raises(DomainError) as err:
        app.unlock("not the passphrase")
    assert err.value.code == "E_WRONG_PASSPHRASE"
    assert (_sha(app.vault.db_path), _sha(app.vault.key_path)) == before


def test_damaged_database_is_told_apart_and_never_recreated(unit):
    app, session, _ = unit
    session.store.checkpoint()
    session.close()
    for suffix in ("-wal", "-shm"):
        (app.vault.db_path.parent / (app.vault.db_path.name + suffix)).unlink(missing_ok=True)
    data = bytearray(app.vault.db_path.read_bytes())
    data[100] ^= 0x01  # inside page 1, after the salt
    app.vault.db_path.write_bytes(bytes(data))
    before = _sha(app.vault.db_path)
    with pytest.raises(DomainError) as err:
        app.unlock(PASSPHRASE)
    assert err.value.code == "E_DB_DAMAGED"
    assert _sha(app.vault.db_path) == before
    assert app.vault.db_path.exists()


def test_missing_database_is_not_recreated(unit):
    app, session, _ = unit
    session.close()
    app.vault.db_path.rename(app.vault.db_path.with_suffix(".moved"))
    with pytest.raises(DomainError) as err:
        app.unlock(PASSPHRASE)
    assert err.value.code == "E_DB_MISSING"
    assert not app.vault.db_path.exists()


def test_init_refuses_to_overwrite(unit):
    app, _, _ = unit
    with pytest.raises(DomainError) as err:
        app.create_unit("别的单位", "999", PASSPHRASE)
    assert err.value.code == "E_ALREADY_INITIALISED"


def test_passphrase_change_leaves_database_byte_identical(unit):
    app, session, _ = unit
    session.store.checkpoint()
    session.close()
    before = _sha(app.vault.db_path)
    app.change_passphrase(PASSPHRASE, "新的口令 2026 long")
    assert _sha(app.vault.db_path) == before
    with pytest.raises(DomainError):
        app.unlock(PASSPHRASE)
    app.unlock("新的口令 2026 long").close()


def test_recovery_code_sets_a_new_passphrase(unit):
    app, session, code = unit
    session.close()
    app.recover(code, "找回后的口令 abc")
    app.unlock("找回后的口令 abc").close()
    with pytest.raises(DomainError) as err:
        app.recover(
            code.replace(code[0], "Z" if code[0] != "Z" else "Y", 1), "另一个好记的口令 2027"
        )
    assert err.value.code in ("E_RECOVERY_CODE", "E_RECOVERY_CODE_TYPO")


def test_schema_version_is_the_latest_migration(unit):
    from ztclient.infra.db import migrations

    _, session, _ = unit
    assert session.store.schema_version == migrations.latest() >= 1


def test_a_damaged_page_met_later_is_reported_as_damage(unit):
    """Page 1 opens fine, a later page is damaged: the query says E_DB_DAMAGED, not a crash."""
    app, session, _ = unit
    branch = session.store.get_meta("test_branch_id")
    for i in range(200):
        session.members.add(
            {
                "org_id": branch,
                "name": f"填充{i}",
                "gender": "1",
                "category": "applicant",
                "note": "备注" * 200,
            }
        )
    session.store.checkpoint()
    session.close()
    data = bytearray(app.vault.db_path.read_bytes())
    page = 4096
    for p in range(len(data) // page - 3, len(data) // page):  # damage the last pages
        data[p * page + 100] ^= 0xFF
    app.vault.db_path.write_bytes(bytes(data))
    session = app.unlock(PASSPHRASE)  # page 1 is intact: opening works
    try:
        with pytest.raises(DomainError) as err:
            session.members.list(include_former=True)
            session.store.read("SELECT * FROM members")
            session.store.read("SELECT * FROM outbox")
        assert err.value.code == "E_DB_DAMAGED"
    finally:
        session.close()
