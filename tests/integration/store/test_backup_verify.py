"""Encrypted backup and restore; verify finds tampering with the audit chain and the outbox."""

from __future__ import annotations

import zipfile

import pytest
from tests.helpers import PASSPHRASE, run_cli

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


def test_every_edit_writes_outbox_and_audit_in_one_transaction(unit, monkeypatch):
    """Add, update, an event and its voiding: each is one commit holding one outbox op and the
    audit entry that names it; when the audit write fails, the edit and its op are gone too."""
    _, session, _ = unit
    store = session.store

    def state():
        return (
            store.commits,
            store.scalar("SELECT coalesce(max(seq), 0) FROM outbox"),
            store.scalar("SELECT coalesce(max(seq), 0) FROM audit"),
        )

    def one_edit(edit):
        """The edit in one commit; its ops (one, or an event's void and the member fields it
        gives back) each with the audit entry that names it. Returns the last op."""
        commits, last_op, last_entry = state()
        result = edit()
        assert state()[0] == commits + 1, edit
        new_ops = store.read("SELECT * FROM outbox WHERE seq > ? ORDER BY seq", (last_op,))
        new_entries = store.read(
            "SELECT op_seq FROM audit WHERE seq > ? ORDER BY seq", (last_entry,)
        )
        assert new_ops and [e["op_seq"] for e in new_entries] == [o["seq"] for o in new_ops]
        assert all(len(o["op_id"]) == 36 and o["op_id"][14] == "7" for o in new_ops)  # UUIDv7
        return result, new_ops[-1]

    member_id, op = one_edit(lambda: _add_member(session))
    assert (op["entity"], op["record_id"], op["op"]) == ("member", member_id, "create")
    version = session.members.get(member_id)["version"]
    _, op = one_edit(lambda: session.members.update(member_id, {"phone": "13800001111"}, version))
    assert (op["entity"], op["op"]) == ("member", "update")
    moved = {"destination": "广东省深圳市", "reason": "外出务工"}
    _, op = one_edit(
        lambda: session.members.record_event(member_id, "mobile_out", "2024-03-01", moved)
    )
    event_id = op["record_id"]
    _, op = one_edit(lambda: session.members.void_event(event_id, "登记错了"))
    assert (op["entity"], op["record_id"], op["op"]) == ("member_event", event_id, "void")

    def disk_gone(*_a, **_k):
        raise OSError("audit write failed")

    monkeypatch.setattr(session.journal, "_append", disk_gone)
    before, members = state(), store.scalar("SELECT count(*) FROM members")
    with pytest.raises(OSError):
        _add_member(session, "李小红", "110105195001010020")
    assert state() == before and store.scalar("SELECT count(*) FROM members") == members


def test_restore_says_when_the_backups_trail_was_changed(unit, tmp_path):
    """A backup made after someone with the passphrase rewrote an audit entry: restore used to
    check only SQLite/SQLCipher integrity and the unit, so the change came to light only at the
    next `verify` or sync (QA). The trail is now checked before install and the problems said;
    the backup is still installed (it may be the only copy) and the old data moved aside."""
    app, session, _ = unit
    _add_member(session)
    clean = tmp_path / "clean.ztbak"
    app.backups.backup(session, clean)
    with session.store.transaction() as tx:
        tx.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    changed = tmp_path / "changed.ztbak"
    app.backups.backup(session, changed)
    session.close()

    assert app.backups.restore(clean, PASSPHRASE)["trail_problems"] == []
    result = app.backups.restore(changed, PASSPHRASE)
    assert result["replaced"] and any("audit 2" in p for p in result["trail_problems"])
    restored = app.unlock(PASSPHRASE)
    assert [r["name"] for r in restored.members.list()] == ["王小明"]
    assert any("audit 2" in p for p in restored.verify())
    restored.close()

    out = run_cli(app.data_dir, "restore", str(changed))
    assert out.returncode == 0, out.stderr
    assert "审计记录有" in out.stdout and "verify" in out.stdout
    out = run_cli(app.data_dir, "restore", str(clean))
    assert out.returncode == 0 and "审计记录" not in out.stdout
