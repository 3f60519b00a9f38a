"""Migration 009 snapshots meetings saved before snapshots existed, from the dated records.

A real unit is made at the schema before this migration (the migrations shipped before it), given members, events
and a meeting stored the old way (attendance rows with a mark only), closed, and opened by the
current program, which migrates it. Expected figures are counted by hand from meeting_world.py.
"""

from __future__ import annotations

from meeting_world import FixedClock, add
from tests.helpers import PASSPHRASE


def test_old_meetings_are_snapshotted_from_the_dated_records(tmp_path, monkeypatch):
    from datetime import date

    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    shipped = migrations.available
    before = next(n for n, name, _ in shipped() if name.endswith("_meeting_snapshot.sql")) - 1
    monkeypatch.setattr(migrations, "available", lambda: shipped()[:before])
    app = App(tmp_path / "data", clock=FixedClock(date(2026, 12, 1)))
    s, _ = app.create_unit("中共青山镇机关委员会", "3301060001", PASSPHRASE)
    assert s.store.schema_version == before
    branch, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第一党支部"})
    ids = {n: add(s, branch, n, "2010-05-04") for n in ("甲", "乙", "丙", "丁")}
    ids["新人"] = add(s, branch, "新人", "2026-11-05", full=False)  # not yet a member in Sept.
    with s.store.transaction() as tx:  # a transfer and a meeting as the old program stored them
        # (written as rows: today's event service needs tables of later migrations)
        tx.execute(
            "INSERT INTO member_events (id, member_id, kind, date, details, voided, created_at) "
            "VALUES ('e1', ?, 'transfer_out', '2026-10-01', '{\"to_org\": \"某县委\"}', 0, "
            "'2026-10-01T08:00Z')",
            (ids["丁"],),
        )
        tx.execute("UPDATE members SET status = 'transferred_out' WHERE id = ?", (ids["丁"],))
        tx.execute(
            "INSERT INTO meetings (id, org_id, kind, title, starts_at, agenda, minutes, summary, "
            "version, created_at, updated_at) VALUES ('m1', ?, 'branch_general', '九月大会', "
            "'2026-09-10T09:00', '[]', '', '', 1, '2026-09-10T12:00Z', '2026-09-10T12:00Z')",
            (branch,),
        )
        for name, status in (("甲", "present"), ("乙", "present"), ("新人", "present")):
            tx.execute(
                "INSERT INTO meeting_attendance (meeting_id, member_id, status) VALUES ('m1', ?, ?)",
                (ids[name], status),
            )
        # a 支委会 of a time for which no committee posts were ever recorded
        tx.execute(
            "INSERT INTO meetings (id, org_id, kind, title, starts_at, agenda, minutes, summary, "
            "version, created_at, updated_at) VALUES ('m2', ?, 'branch_committee', '支委会', "
            "'2026-08-05T09:00', '[]', '', '', 1, '2026-08-05T12:00Z', '2026-08-05T12:00Z')",
            (branch,),
        )
        for name, status in (("甲", "present"), ("乙", "absent"), ("丙", "present")):
            tx.execute(
                "INSERT INTO meeting_attendance (meeting_id, member_id, status) VALUES ('m2', ?, ?)",
                (ids[name], status),
            )
    s.close()

    monkeypatch.setattr(migrations, "available", shipped)
    s = app.unlock(PASSPHRASE)
    try:
        assert s.store.schema_version == migrations.latest()
        rows = {a.name: a for a in s.meetings.snapshot("m1")}
        # 丙 had no row: due that day, added as absent. 丁 left on 10-01: was due on 09-10.
        assert rows["丙"].due and rows["丙"].status == "absent"
        assert rows["丁"].due and rows["丁"].member_status == "normal"
        assert not rows["新人"].due and rows["新人"].category == "candidate"  # listed, not counted
        q = s.meetings.result("m1")
        assert (q.due_total, q.present_total, q.others_present) == (4, 2, 1)
        # the people the old program listed form that day's committee: 3 due, 2 present
        c = s.meetings.result("m2")
        assert (c.due_total, c.present_total, c.quorum_met) == (3, 2, True)
        m = s.store.read_one("SELECT snapshot_basis, snapshot_on FROM meetings WHERE id = 'm1'")
        assert m["snapshot_basis"] == "migrated" and m["snapshot_on"]
    finally:
        s.close()
