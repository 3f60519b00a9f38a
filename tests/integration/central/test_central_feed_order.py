"""The records one device sent go down to the unit's other devices in the order their
references need: a 换届选举 names its organisation and the 党员大会 that elected, and the posts
it seated name it (org_posts.election_id), so it comes after the meeting and before the posts
— a post arriving first would name an election the device does not have (E_RECORD_UNKNOWN)."""

from __future__ import annotations

from tests.integration.central.zc_helpers import Device


def test_an_election_goes_down_between_its_meeting_and_its_posts(central):
    from ztcentral.downlink import fetch_down
    from ztcentral.feed import queue_for

    pc, laptop = Device("U001"), Device("U001")
    pc.enrol_direct(central)
    laptop.enrol_direct(central)
    effects = {"ended": [{"id": "p1", "end_date": None, "ended": "2023-05-31"}],
               "term": {"elected_on": "2020-06-01", "term_years": 3}}  # fmt: skip
    election = {"org_id": "b1", "date": "2023-06-01", "term_years": 3, "term_end": "2026-06-01",
                "meeting_id": "mt1", "committee": [{"member_id": "m2", "post": "secretary"}],
                "effects": effects}  # fmt: skip
    old_post = {"org_id": "b1", "member_id": "m1", "post": "secretary", "start_date": "2020-06-01"}
    new_post = {**old_post, "member_id": "m2", "start_date": "2023-06-01", "election_id": "e2"}
    meeting = {"org_id": "b1", "kind": "general", "starts_at": "2023-06-01T09:00"}
    ops = pc.next_ops(
        [
            ("org", "b1", "create", {"name": "第一党支部", "kind": "branch"}),
            ("member", "m1", "create", {"name": "甲", "category": "full", "org_id": "b1"}),
            ("org_post", "p1", "create", old_post),
            ("member", "m2", "create", {"name": "乙", "category": "full", "org_id": "b1"}),
            ("meeting", "mt1", "create", meeting),
            ("election", "e2", "create", election),
            ("org_post", "p1", "update", {"end_date": "2023-05-31"}, 1),
            ("org_post", "p2", "create", new_post),
            ("org", "b1", "update", {"elected_on": "2023-06-01"}, 1),
        ]
    )
    assert central.process(pc.seal(ops)).status == "applied"

    queue_for(central, laptop.device_id)
    _, items = laptop.open_down(fetch_down(central, laptop.device_id, 0))
    records = [(i["body"]["entity"], i["body"]["id"]) for i in items if i["type"] == "record"]
    assert records == [
        ("org", "b1"), ("member", "m1"), ("member", "m2"), ("meeting", "mt1"),
        ("election", "e2"), ("org_post", "p1"), ("org_post", "p2"),
    ]  # fmt: skip
    # the election as recorded, with what voiding it undoes
    [body] = [i["body"] for i in items if i["type"] == "record" and i["body"]["id"] == "e2"]
    assert (body["version"], body["voided"], body["data"]) == (1, False, election)


def test_org_life_records_go_down_after_what_they_name(central):
    """A talk, a grade, a 整改 item and a 发展党员 step name organisations, members and the
    组织生活会: recorded in one bundle before an edit of that member and meeting, they still come
    down after them (and after the posts), each as recorded — a voided one voided."""
    from ztcentral.downlink import fetch_down
    from ztcentral.feed import queue_for

    pc, laptop = Device("U002"), Device("U002")
    pc.enrol_direct(central)
    laptop.enrol_direct(central)
    talk = {"org_id": "b1", "date": "2024-01-06", "talker_id": "m1", "talkee_id": "m2",
            "topic": "会前谈心", "follow_up": ""}  # fmt: skip
    grade = {"year": 2023, "member_id": "m2", "org_id": "b1", "grade": "unqualified",
             "meeting_id": "mt1", "measure": "correct", "deadline": "2024-06-30", "note": None}  # fmt: skip
    item = {"org_id": "b1", "year": 2023, "meeting_id": "mt1", "problem": "学习不够经常",
            "measure": "每月集中学习", "owner_id": "m1", "owner": None, "deadline": "2024-06-30",
            "done_on": None, "result": None}  # fmt: skip
    step = {"member_id": "m3", "step": "talk", "date": "2018-03-20",
            "people": [{"name": "王书记"}], "details": {}, "meeting_id": None}  # fmt: skip
    meeting = {"org_id": "b1", "kind": "org_life", "starts_at": "2024-01-10T09:00"}
    ops = pc.next_ops(
        [
            ("org", "b1", "create", {"name": "第一党支部", "kind": "branch"}),
            ("member", "m1", "create", {"name": "甲", "category": "full", "org_id": "b1"}),
            ("member", "m2", "create", {"name": "乙", "category": "full", "org_id": "b1"}),
            ("member", "m3", "create", {"name": "丙", "category": "applicant", "org_id": "b1"}),
            ("meeting", "mt1", "create", meeting),
            ("development_step", "s1", "create", step),
            ("talk", "t1", "create", talk),
            ("appraisal", "a1", "create", grade),
            ("rectification", "r1", "create", item),
            ("talk", "t1", "void", {"voided": 1, "void_reason": "对象录反"}, 1),
            ("org_post", "p1", "create", {"org_id": "b1", "member_id": "m1",
                                          "post": "secretary", "start_date": "2024-01-10"}),
            ("member", "m2", "update", {"phone": "13800000002"}, 1),
            ("meeting", "mt1", "update", {"place": "党员活动室"}, 1),
        ]
    )  # fmt: skip
    assert central.process(pc.seal(ops)).status == "applied"

    queue_for(central, laptop.device_id)
    _, items = laptop.open_down(fetch_down(central, laptop.device_id, 0))
    records = [(i["body"]["entity"], i["body"]["id"]) for i in items if i["type"] == "record"]
    assert records == [
        ("org", "b1"), ("member", "m1"), ("member", "m3"), ("member", "m2"), ("meeting", "mt1"),
        ("org_post", "p1"), ("development_step", "s1"), ("appraisal", "a1"),
        ("rectification", "r1"), ("talk", "t1"),
    ]  # fmt: skip
    bodies = {i["body"]["id"]: i["body"] for i in items if i["type"] == "record"}
    assert (bodies["a1"]["voided"], bodies["a1"]["data"]) == (False, grade)
    assert (bodies["s1"]["voided"], bodies["s1"]["data"]) == (False, step)
    assert (bodies["r1"]["voided"], bodies["r1"]["data"]) == (False, item)
    assert (bodies["t1"]["version"], bodies["t1"]["voided"], bodies["t1"]["data"]) == (
        2, True, {**talk, "voided": 1, "void_reason": "对象录反"},
    )  # fmt: skip
