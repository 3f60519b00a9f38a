"""Two devices of one unit (an office PC and a laptop), each edited offline, converge after
both sync: the same roster on both and at the centre, one person per ID number, and what the
two entries of one person disagree on kept for review."""

from __future__ import annotations

from datetime import date

ZHANG = "110105198001010016"  # the same person, entered on both devices
LI = "110105198502020028"
WANG = "110105199003030031"


def _enrol(central, s, tmp_path, tag):
    s.sync.enroll_online(central.url, central.enroll_unit("U600", tmp_path / f"e-{tag}.json"))


def _member(s, name, id_number, gender, phone):
    mid, _ = s.members.add(
        {
            "org_id": s.root_org_id,
            "name": name,
            "gender": gender,
            "id_number": id_number,
            "birth_date": f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}",
            "join_date": "2010-07-01",
            "full_member_date": "2011-07-01",
            "phone": phone,
        }
    )
    return mid


def _roster(s) -> dict[str, tuple]:
    return {
        r["id_number"]: (r["id"], r["name"], r["phone"], r["org_id"])
        for r in s.store.read("SELECT * FROM members ORDER BY id_number")
    }


def test_two_devices_of_one_unit_converge(central, make_unit, tmp_path):
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    _, pc = make_unit("U600", name="中共U600支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        "中共U600支部委员会", "U600", PASSPHRASE, "branch"
    )
    _enrol(central, pc, tmp_path, "pc")
    _enrol(central, laptop, tmp_path, "laptop")
    # each edited offline: the same person on both, with a different phone number
    _member(pc, "张伟", ZHANG, "1", "13800000001")
    _member(pc, "李娜", LI, "2", "13800000002")
    _member(laptop, "张伟", ZHANG, "1", "13900000009")
    _member(laptop, "王强", WANG, "1", "13800000003")
    laptop.meetings.add(
        {
            "org_id": laptop.root_org_id,
            "kind": "group",
            "starts_at": f"{date(2026, 11, 3).isoformat()}T15:00",
            "place": "党员活动室",
            "agenda": ["学习"],
            "attendance": [
                {"member_id": m, "status": "present", "reason": None}
                for m in laptop.store.column("SELECT id FROM members")
            ],
        }
    )

    for _ in range(2):  # each syncs; the first to sync learns the other's work next time
        pc.sync.sync()
        laptop.sync.sync()
    pc.sync.sync()

    on_pc, on_laptop = _roster(pc), _roster(laptop)
    assert set(on_pc) == set(on_laptop) == {ZHANG, LI, WANG}  # one person per ID number
    assert on_pc == on_laptop  # the same records: ids, names, phones, branch
    assert pc.root_org_id == laptop.root_org_id  # one unit root, not two
    assert pc.store.scalar("SELECT count(*) FROM orgs") == 1
    assert laptop.store.scalar("SELECT count(*) FROM orgs") == 1
    # the meeting and its attendance reached the PC too, naming the PC's own 张伟
    [meeting] = pc.store.read("SELECT id FROM meetings")
    present = pc.store.column(
        "SELECT member_id FROM meeting_attendance WHERE meeting_id = ?", (meeting["id"],)
    )
    assert sorted(present) == sorted([on_pc[ZHANG][0], on_pc[WANG][0]])
    # … as the laptop saved it: the snapshot (应到, 实到, who could vote, as on the day), its
    # figures the same on both, not recounted from the PC's roster (issue 10)
    figures = (
        "SELECT sum(due) AS due, sum(due AND status = 'present') AS present, sum(voting) AS voting, "
        "group_concat(name, ',') AS names FROM (SELECT * FROM meeting_attendance "
        "WHERE meeting_id = ? ORDER BY name)"
    )
    [laptop_meeting] = laptop.store.column("SELECT id FROM meetings")
    mine = laptop.store.read_one(figures, (laptop_meeting,))
    assert mine["due"] == 2 and mine["present"] == 2  # 张伟 and 王强, both 正式, both there
    assert pc.store.read_one(figures, (meeting["id"],)) == mine
    # at the centre: one person per ID number, and the two phone numbers kept for review
    with central.db().tx() as tx:
        people = tx.all("SELECT id, data FROM records WHERE unit = 'U600' AND entity = 'member'")
        conflicts = tx.all(
            "SELECT field, current, displaced FROM conflicts WHERE unit = 'U600' "
            "AND entity = 'member'"
        )
    assert len(people) == 3
    assert [c["field"] for c in conflicts] == ["phone"]
    assert {conflicts[0]["current"], conflicts[0]["displaced"]} == {
        '"13800000001"',
        '"13900000009"',
    }
    for s in (pc, laptop):
        st = s.sync.status()
        assert st["pending"] == st["in_flight"] == 0
        assert s.verify() == []  # the local records and the audit chain still hold
    laptop.close()
