"""Encrypted backup and restore; verify finds tampering with the audit chain and the outbox."""

from __future__ import annotations

import zipfile

import pytest
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import DomainError


def _add_member(session, name="王小明", id_number="11010519491231002X"):
    branch = session.store.get_meta("test_branch_id")
    member_id, _ = session.members.add(
        {
            "org_id": branch,
            "name": name,
            "gender": "2",
            "id_number": id_number,
            "category": "full",
            "join_date": "1975-07-01",
            "full_member_date": "1976-07-01",
        }
    )
    return member_id


def test_backup_restore_round_trip(unit, tmp_path):
    app, session, _ = unit
    _add_member(session)
    out = tmp_path / "backup.ztbak"
    manifest = app.backups.backup(session, out)
    assert manifest["schema"] >= 1
    with zipfile.ZipFile(out) as z:
        assert z.read("ztclient.db")[:16] != b"SQLite format 3\x00"
    _add_member(session, "李四", None)  # after the backup: gone once restored
    session.close()
    result = app.backups.restore(out, PASSPHRASE)
    assert result["replaced"]  # the previous data was moved aside, not deleted
    restored = app.unlock(PASSPHRASE)
    names = [r["name"] for r in restored.members.list()]
    assert names == ["王小明"]
    assert restored.verify() == []
    restored.close()


def test_restore_rejects_a_damaged_backup_and_keeps_current_data(unit, tmp_path):
    app, session, _ = unit
    _add_member(session)
    out = tmp_path / "backup.ztbak"
    app.backups.backup(session, out)
    session.close()
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x40
    out.write_bytes(bytes(data))
    with pytest.raises(DomainError) as err:
        app.backups.restore(out, PASSPHRASE)
    assert err.value.code == "E_BACKUP_INVALID"
    app.unlock(PASSPHRASE).close()


def test_verify_is_clean_then_detects_audit_and_outbox_tampering(unit):
    _, session, _ = unit
    _add_member(session)
    assert session.verify() == []
    with session.store.transaction() as tx:
        tx.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    assert any("audit 2" in p for p in session.verify())
    with session.store.transaction() as tx:
        tx.execute("UPDATE audit SET actor = 'clerk' WHERE seq = 2")
        tx.execute("DELETE FROM outbox WHERE seq = 1")
    assert any("outbox" in p for p in session.verify())


def test_every_edit_writes_outbox_and_audit_in_one_transaction(unit):
    _, session, _ = unit
    before = (
        session.store.scalar("SELECT count(*) FROM outbox"),
        session.store.scalar("SELECT count(*) FROM audit"),
    )
    member_id = _add_member(session)
    after = (
        session.store.scalar("SELECT count(*) FROM outbox"),
        session.store.scalar("SELECT count(*) FROM audit"),
    )
    assert after == (before[0] + 1, before[1] + 1)
    op = session.store.read_one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
    assert op["entity"] == "member" and op["record_id"] == member_id and op["op"] == "create"
    assert len(op["op_id"]) == 36 and op["op_id"][14] == "7"  # UUIDv7
