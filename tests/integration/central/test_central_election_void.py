"""录入错误作废 of a 换届选举 at the centre: the device sends the election's ``void`` with the ops
that undo it (its posts voided, the previous post held again, the term back); the centre applies
them like any other and a second delivery of the same bundle changes nothing."""

from __future__ import annotations

from tests.integration.central.test_central_dues import rows
from tests.integration.central.zc_helpers import Device


def test_an_election_void_is_applied_once(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    org = {"name": "第一党支部", "kind": "branch", "elected_on": "2020-06-01", "term_years": 3}
    member = {"name": "张三", "category": "full", "status": "normal", "join_date": "2001-07-01"}
    old = {"org_id": "b1", "member_id": "m1", "post": "secretary", "start_date": "2020-06-01",
           "end_date": "2023-05-31"}  # fmt: skip
    new = {**old, "start_date": "2023-06-01", "end_date": None, "election_id": "e2"}
    election = {"org_id": "b1", "date": "2023-06-01", "term_years": 3, "committee": []}
    first = dev.seal(
        dev.next_ops(
            [
                ("org", "b1", "create", org),
                ("member", "m1", "create", member),
                ("org_post", "p1", "create", old),
                ("election", "e2", "create", election),
                ("org_post", "p2", "create", new),
                ("org", "b1", "update", {"elected_on": "2023-06-01"}, 1),
            ]
        )
    )
    central.process(first)
    undo = dev.seal(
        dev.next_ops(
            [
                ("election", "e2", "void", {"reason": "日期录错"}, 1),
                ("org_post", "p2", "void", {"reason": "日期录错"}, 1),
                ("org_post", "p1", "update", {"end_date": None}, 1),
                ("org", "b1", "update", {"elected_on": "2020-06-01"}, 2),
            ]
        )
    )
    got = [(o["s"], o["code"]) for o in dev.verify(central.process(undo).receipt, undo).ops]
    assert got == [("applied", None)] * 4
    after = {e: rows(central, e) for e in ("election", "org_post", "org")}
    assert after["election"]["e2"][1] == 1
    assert after["election"]["e2"][0]["void_reason"] == "日期录错"
    assert after["org_post"]["p2"][1] == 1 and after["org_post"]["p1"][1] == 0
    assert after["org_post"]["p1"][0]["end_date"] is None
    assert after["org"]["b1"][0]["elected_on"] == "2020-06-01"
    central.process(undo)  # delivered again (a retried upload, a USB copy read twice)
    assert {e: rows(central, e) for e in ("election", "org_post", "org")} == after
