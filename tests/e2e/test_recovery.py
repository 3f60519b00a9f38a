"""Recovery without a technician (issue 15 item 5): a client restored from an old backup, then
edited, syncs with nothing lost or duplicated at the centre; a refused chain is cleared by the
next sync; a bundle released at the centre unblocks the client by itself."""

from __future__ import annotations

from tests.e2e.work import add_members
from tests.helpers import PASSPHRASE


def _centre(central, unit: str):
    with central.db().tx() as tx:
        ops = tx.all(
            "SELECT a.op_id, a.seq FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
            "WHERE d.unit = $1 ORDER BY a.seq",
            (unit,),
        )
        people = {
            r["id"]: r["data"]
            for r in tx.all(
                "SELECT id, data FROM records WHERE unit = $1 AND entity = 'member'", (unit,)
            )
        }
        quarantined = tx.scalar("SELECT count(*) FROM quarantine")
    return ops, people, quarantined


def test_restored_from_an_old_backup_resyncs_and_loses_nothing(central, make_unit, tmp_path):
    import json

    app, s = make_unit("U610")
    s.sync.enroll_online(central.url, central.enroll_unit("U610", tmp_path / "e.json"))
    first = add_members(s, 3)
    s.sync.sync()
    backup = tmp_path / "week-old.zip"
    app.backups.backup(s, backup)
    # a week of work after the backup, synced: the centre has it, the backup does not
    later = add_members(s, 2, start=10)
    m = s.members.get(first[0])
    s.members.update(first[0], {"phone": "13911110000"}, m["version"])
    s.sync.sync()
    s.close()

    app.backups.restore(backup, PASSPHRASE)
    s = app.unlock(PASSPHRASE)
    try:
        assert not s.store.read("SELECT id FROM members WHERE id IN (?, ?)", tuple(later))
        # edits on the restored copy: their outbox seqs are ones the centre has seen already
        fresh = add_members(s, 1, start=20)
        m1 = s.members.get(first[1])
        s.members.update(first[1], {"phone": "13922220000"}, m1["version"])
        rep = s.sync.sync()  # one plain sync: the centre's record, then the new work
        assert [(b.status, b.code) for b in rep.sent] == [("applied", None)] * len(rep.sent)

        ops, people, quarantined = _centre(central, "U610")
        assert quarantined == 0  # nothing forked
        assert len({o["op_id"] for o in ops}) == len(ops)  # every op once
        local_ops = s.store.column("SELECT op_id FROM outbox")
        assert set(local_ops) <= {o["op_id"] for o in ops}  # every local op is there
        assert s.store.scalar("SELECT count(*) FROM outbox WHERE sync_state != 'synced'") == 0
        # nothing lost on either side: the week after the backup came back down …
        here = {r["id"]: r for r in s.store.read("SELECT id, phone FROM members")}
        assert set(here) == set(people) == set(first + later + fresh)
        assert here[first[0]]["phone"] == "13911110000"
        # … and the edit made on the restored copy reached the centre
        assert json.loads(people[first[1]])["phone"] == "13922220000"
        assert s.verify() == []
        # the centre let the restore through and says so: the audit heads it rolled back
        [rollback] = central.status()["audit_rollbacks"]
        assert rollback["unit"] == "U610" and rollback["dropped_to"] > rollback["branch_seq"]
    finally:
        s.close()


def test_a_refused_chain_is_cleared_by_the_next_sync(central, make_unit, tmp_path):
    """A bundle refused for its place in the chain (E_BUNDLE_REORDER) is explained and cleared:
    the next sync takes the centre's record and sends what it lacks, once."""
    _, s = make_unit("U611")
    s.sync.enroll_online(central.url, central.enroll_unit("U611", tmp_path / "e.json"))
    add_members(s, 2)
    s.sync.sync()
    add_members(s, 2, start=10)
    # the chain head is damaged (as by a half-restored copy): the next bundle will not chain
    with s.store.transaction() as tx:
        tx.execute("UPDATE sync_enrolment SET chain_head = ? WHERE id = 1", ("ab" * 32,))
    s.sync.sync()
    st = s.sync.status()
    refused = [b for b in st["refused_bundles"] if b["state"] == "refused"]
    assert [b["code"] for b in refused] == ["E_BUNDLE_REORDER"]
    assert st["in_flight"] == 2  # blocked, kept
    add_members(s, 1, start=20)
    s.sync.sync()  # the recovery: the centre's record, then the ops again, in its chain
    st = s.sync.status()
    assert (st["pending"], st["in_flight"], st["synced"]) == (0, 0, 6)
    assert [b for b in st["refused_bundles"] if b["state"] == "refused"] == []
    ops, _people, quarantined = _centre(central, "U611")
    assert len(ops) == 6 and len({o["op_id"] for o in ops}) == 6 and quarantined == 0


def test_a_bundle_released_at_the_centre_unblocks_the_client_by_itself(
    central, make_unit, tmp_path
):
    """A bundle the centre quarantined (it came by USB before its device was known) and an
    administrator later released: the client's next ordinary sync confirms it, no file and no
    technician needed."""
    _, s = make_unit("U613")
    usb = tmp_path / "usb"
    s.sync.enroll_file(
        str(tmp_path / "enrol.json")
        if central.enroll_unit("U613", tmp_path / "enrol.json")
        else "",
        str(usb / "request.json"),
    )
    add_members(s, 2)
    [f] = s.sync.export(str(usb))
    assert central.cli("import", f["file"], check=False).returncode == 4  # quarantined
    # the device then enrols online; its exported bundle is still held in quarantine
    s.sync.enroll_online(central.url, central.enroll_unit("U613", tmp_path / "again.json"))
    s.sync.sync()
    assert s.sync.status()["in_flight"] == 3  # waiting on the centre, nothing sent twice
    [q] = central.status()["quarantine"]
    central.cli("quarantine", "--retry", q["sha256"], "--out", str(tmp_path))
    s.sync.sync()  # asked about again by hash: applied now, its receipt comes back
    st = s.sync.status()
    assert (st["pending"], st["in_flight"], st["synced"]) == (0, 0, 3)
    ops, _people, quarantined = _centre(central, "U613")
    assert len(ops) == 3 and quarantined == 0


def test_restored_from_a_backup_older_than_many_synced_ops(central, make_unit, tmp_path):
    """The centre's record names the ops it holds after the device's watermark; 2,000 of them
    (~92 KB) passed the answer's 64 KiB state ceiling, so a device restored from a backup older
    than ~1,400 synced ops was refused on every sync (E_EXCHANGE_FORMAT, "state length"), and
    each attempt queued all its records again at the centre (QA, 2026-12-02). The record now
    fits; the ops it leaves out are sent again and known by their ids."""
    from ztprotocol.exchange import MAX_STATE

    app, s = make_unit("U612")
    s.sync.enroll_online(central.url, central.enroll_unit("U612", tmp_path / "e.json"))
    backup = tmp_path / "before.zip"
    app.backups.backup(s, backup)
    many = add_members(s, 1600)  # 1,600 × [seq, op id] ≈ 74 KB > MAX_STATE
    assert MAX_STATE < 1600 * 46
    s.sync.sync()
    s.close()

    app.backups.restore(backup, PASSPHRASE)
    s = app.unlock(PASSPHRASE)
    try:
        s.sync.sync()  # raised E_EXCHANGE_FORMAT before
        s.sync.sync()
        ops, people, quarantined = _centre(central, "U612")
        assert quarantined == 0
        assert len(ops) == len({o["op_id"] for o in ops}) >= 1600  # every op once
        assert set(many) <= set(people)
        assert set(many) <= set(s.store.column("SELECT id FROM members"))  # they came back down
        assert s.store.scalar("SELECT count(*) FROM outbox WHERE sync_state != 'synced'") == 0
        # asked again before it took the answer, the centre does not queue the records twice
        from ztcentral import feed
        from ztcentral.config import open_central

        c = open_central(central.data)
        with c.db.tx() as tx:
            device = tx.scalar("SELECT device_id FROM devices WHERE unit = $1", ("U612",))
        assert feed.queue_own(c, device, 0) >= 1600
        assert feed.queue_own(c, device, 0) == 0
        assert s.verify() == []
    finally:
        s.close()
