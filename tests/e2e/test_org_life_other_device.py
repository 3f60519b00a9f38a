"""The organisation's life recorded on one device of a unit reaches the unit's other device (a
real ztcentral on loopback): a 谈心谈话, a 民主评议 grade with its follow-up, a 整改 item and a
发展党员 step are there as recorded, naming the people and the 组织生活会 they name; a talk voided
on the recording device arrives voided. Before, the centre sent them down and the other device
passed over them (records_in.TABLES did not take them)."""

from __future__ import annotations

from tests.helpers import PASSPHRASE

from ztclient.domain import idnumber

UNIT = "U642"
ORG = "中共U642支部委员会"


def _member(s, name, year):
    mid, _ = s.members.add(
        {"org_id": s.root_org_id, "name": name, "gender": "1", "category": "full",
         "join_date": f"{year}-07-01", "full_member_date": f"{year + 1}-07-01"}
    )  # fmt: skip
    return mid


def _no_failed(s):
    assert s.store.read("SELECT type, code FROM sync_down_items WHERE state = 'failed'") == []


def test_talks_grades_rectifications_and_steps_reach_the_other_device(central, make_unit, tmp_path):
    from ztclient.bootstrap import App

    _, pc = make_unit(UNIT, name=ORG)
    laptop_app = App(tmp_path / "laptop")
    laptop, _ = laptop_app.create_unit(ORG, UNIT, PASSPHRASE, "branch")
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit(UNIT, tmp_path / f"e-{tag}.json"))
    pc.sync.sync()
    laptop.sync.sync()  # the laptop's root folds into the pc's: one unit root

    # on the pc: two members, an applicant, the year's 组织生活会, then what it recorded
    root = pc.root_org_id
    jia, yi = _member(pc, "甲", 1990), _member(pc, "乙", 1991)
    first = "11010520000305001"
    bing, _ = pc.members.add(
        {"org_id": root, "name": "丙", "gender": "1", "category": "applicant",
         "id_number": first + idnumber.check_char(first)}
    )  # fmt: skip
    pc.members.record_event(bing, "applied", "2018-03-05")
    pc.development.record_step(bing, "talk", "2018-03-20", ["王书记", {"member_id": jia}])
    meeting, _ = pc.meetings.add(
        {"org_id": root, "kind": "org_life", "starts_at": "2024-01-10T09:00",
         "place": "党员活动室", "agenda": ["2023年度组织生活会"],
         "attendance": [{"member_id": m, "status": "present", "reason": None}
                        for m in (jia, yi)]}
    )  # fmt: skip
    talk, _ = pc.talks.add(
        {"date": "2024-01-06", "talker_id": jia, "talkee_id": yi, "topic": "会前谈心",
         "follow_up": "每月交流一次"}
    )  # fmt: skip
    mistaken, _ = pc.talks.add(
        {"date": "2024-01-07", "talker_id": yi, "talkee_id": jia, "topic": "录错的谈话"}
    )  # fmt: skip
    pc.appraisals.record(
        2023,
        [{"member_id": yi, "grade": "不合格", "measure": "限期改正", "meeting_id": meeting,
          "deadline": "2024-06-30"}],
    )  # fmt: skip
    pc.rectifications.add(
        {"org_id": root, "year": 2023, "meeting_id": meeting, "problem": "学习不够经常",
         "measure": "每月集中学习", "owner_id": jia, "deadline": "2024-06-30"}
    )  # fmt: skip
    pc.sync.sync()
    laptop.sync.sync()

    # on the laptop: each as recorded
    _no_failed(laptop)
    assert [
        (t["id"], t["date"], t["talker_name"], t["talkee_name"], t["topic"], t["follow_up"])
        for t in laptop.talks.list(2024)
    ] == [
        (mistaken, "2024-01-07", "乙", "甲", "录错的谈话", ""),
        (talk, "2024-01-06", "甲", "乙", "会前谈心", "每月交流一次"),
    ]
    assert [
        (a["member_name"], a["grade"], a["measure"], a["deadline"], a["meeting_title"])
        for a in laptop.appraisals.list(2023)
    ] == [("乙", "unqualified", "correct", "2024-06-30", f"{ORG}组织生活会")]
    assert [(f["member_name"], f["state"]) for f in laptop.appraisals.follow_ups()] == [
        ("乙", "overdue")
    ]
    assert [
        (r["year"], r["problem"], r["measure"], r["owner_label"], r["deadline"], r["meeting_id"])
        for r in laptop.rectifications.list(year=2023)
    ] == [(2023, "学习不够经常", "每月集中学习", "甲", "2024-06-30", meeting)]
    steps = [e for e in laptop.development.entries(bing) if e["source"] == "step"]
    assert [(e["step"], e["date"], e["people"], e["voided"]) for e in steps] == [
        ("talk", "2018-03-20", [{"name": "王书记"}, {"name": "甲", "member_id": jia}], 0)
    ]

    # the pc voids the mistaken talk; the laptop has it voided, with the reason
    pc.talks.void(mistaken, "对象录反")
    pc.sync.sync()
    laptop.sync.sync()
    _no_failed(laptop)
    assert [t["id"] for t in laptop.talks.list(2024)] == [talk]
    row = laptop.store.read_one("SELECT voided, void_reason FROM talks WHERE id = ?", (mistaken,))
    assert (row["voided"], row["void_reason"]) == (1, "对象录反")
    st = laptop.sync.status()
    assert st["pending"] == st["in_flight"] == 0
    laptop.close()
