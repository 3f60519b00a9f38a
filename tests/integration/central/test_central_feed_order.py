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
