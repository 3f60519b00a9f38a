"""Quorum and votes (domain facts §3.2): 双过半 against 应到会, four fifths for elections.

The figures are counted from a meeting's snapshot rows (domain/meeting_snapshot.py); ``people``
builds those rows the way the service does, from each person's state on the day.
"""

from __future__ import annotations

from datetime import date

from ztclient.domain import quorum as q_mod
from ztclient.domain.meeting_snapshot import Attendee, attendee
from ztclient.domain.member_state import MemberState
from ztclient.domain.model import MeetingKind

DAY = date(2026, 9, 10)


def Voter(member_id, category, status, voting_suspended=False):
    return (member_id, category, status, voting_suspended)


def people(due, attendance):
    """Snapshot rows: everyone on the due list (absent unless marked), then anyone else marked."""
    rows = []
    for mid, cat, st, vs in due:
        state = MemberState(mid, DAY, "b1", None, cat, st, bool(vs))
        rows.append(
            attendee(state, mid, (), True, (attendance[mid], None) if mid in attendance else None)
        )
    listed = {r.member_id for r in rows}
    rows += [Attendee(mid, status=s) for mid, s in attendance.items() if mid not in listed]
    return rows


def compute(kind, due, attendance, resolutions=(), committee_size=None):
    return q_mod.compute(kind, people(due, attendance), resolutions)


def branch(full=12, probationary=2, **special):
    """A branch: ``full`` voting members f1…, ``probationary`` p1…, plus special voters."""
    voters = [Voter(f"f{i}", "full", "normal") for i in range(1, full + 1)]
    voters += [Voter(f"p{i}", "probationary", "normal") for i in range(1, probationary + 1)]
    voters += [Voter(mid, cat, st, bool(vs)) for mid, (cat, st, vs) in special.items()]
    return voters


def present(*ids, **others):
    att = {m: "present" for m in ids}
    att.update(others)
    return att


def codes(res):
    return [e.code for e in res.errors]


def test_double_majority_passes():
    due = branch()
    att = present(*[f"f{i}" for i in range(1, 9)], "p1")  # 8 of 12 voters, one probationary
    res = {"title": "接收张三为预备党员", "kind": "admission", "votes_for": 7, "votes_against": 1,
           "votes_abstain": 0}  # fmt: skip
    q = compute(MeetingKind.BRANCH_GENERAL, due, att, [res])
    assert (q.due_total, q.present_total, q.voters_due, q.voters_present) == (14, 9, 12, 8)
    assert q.quorum_met and q.quorum_required
    r = q.resolutions[0]
    assert r.needed == 7 and r.passed is True and r.errors == ()
    assert q.ok
    assert q.explain()[1] == "应到会有表决权 12 人，实到 8 人，超过半数，符合开会要求"


def test_threshold_is_half_of_due_not_of_present():
    due = branch()
    att = present(*[f"f{i}" for i in range(1, 9)])
    # 6 of 8 present voted for: a majority of those present, but not more than half of 12 due.
    q = compute("branch_general", due, att, [{"title": "决议", "votes_for": 6, "votes_against": 2}])
    r = q.resolutions[0]
    assert r.passed is False
    assert codes(r) == ["E_NOT_PASSED"]
    assert r.errors[0].params == {"title": "决议", "votes_for": 6, "needed": 7}
    assert not q.ok


def test_exactly_half_present_is_not_a_quorum():
    q = compute("branch_general", branch(), present(*[f"f{i}" for i in range(1, 7)]))
    assert q.voters_present == 6 and not q.quorum_met
    assert codes(q) == ["E_QUORUM"]
    assert "未超过半数，不符合开会要求" in q.explain()[1]


def test_who_has_a_vote():
    due = branch(
        full=4,
        probationary=1,
        m1=("full", "mobile", 0),  # mobile: due with a vote at the home branch
        s1=("full", "normal", 1),  # 留党察看: due, no vote
        l1=("full", "lost_contact", 0),  # lost contact: not due
        x1=("full", "suspended", 0),
        a1=("activist", "normal", 0),  # not a member
    )
    q = compute("branch_general", due, present("f1", "f2", "f3", "m1", "s1", "p1"))
    assert q.due_total == 7  # f1-f4, p1, m1, s1
    assert q.voters_due == 5  # f1-f4, m1
    assert q.voters_present == 4
    assert q.present_total == 6
    assert set(q.absent) == {"f4"}


def test_excluded_with_approval_leaves_due_count():
    due = branch(full=10, probationary=0)
    att = present("f1", "f2", "f3", "f4", "f5", f9="excluded", f10="excluded")
    q = compute("branch_general", due, att)
    assert q.voters_due == 8 and q.voters_present == 5 and q.quorum_met
    assert set(q.excluded) == {"f9", "f10"}
    assert "经批准不计入应到会人数 2 人" in q.explain()


def test_written_opinions_count_and_are_bounded():
    due = branch(full=10, probationary=0)
    att = present(*[f"f{i}" for i in range(1, 7)])  # 6 of 10
    ok = {"title": "a", "votes_for": 6, "votes_against": 1, "written_opinions": 2}
    too_many = {"title": "b", "votes_for": 6, "votes_against": 3, "written_opinions": 2}
    too_written = {"title": "c", "votes_for": 6, "written_opinions": 5}
    q = compute("branch_general", due, att, [ok, too_many, too_written])
    assert q.resolutions[0].passed is True
    assert codes(q.resolutions[1]) == ["E_VOTES_EXCEED"]
    assert codes(q.resolutions[2]) == ["E_WRITTEN_EXCEED"]


def test_no_quorum_fails_every_resolution():
    att = present("f1", "f2", "f3", "f4", "f5")  # 5 of 10 voters: not more than half
    resolutions = [
        {"title": "a", "votes_for": 5},
        {"title": "b", "votes_for": 3, "votes_against": 1, "votes_abstain": 1},
        {"title": "c", "votes_for": 0, "votes_against": 5},
    ]
    q = compute("branch_general", branch(full=10, probationary=0), att, resolutions)
    assert [r.title for r in q.resolutions] == ["a", "b", "c"]
    for r in q.resolutions:
        assert codes(r) == ["E_QUORUM", "E_NOT_PASSED"] and r.passed is False, r.title


def test_election_four_fifths():
    due = branch(full=10, probationary=0)
    seven = present(*[f"f{i}" for i in range(1, 8)])
    eight = present(*[f"f{i}" for i in range(1, 9)])
    ballot = [{"title": "选举李四为支部委员", "kind": "election", "votes_for": 7}]
    q7 = compute("branch_general", due, seven, ballot)
    assert codes(q7.resolutions[0]) == ["E_QUORUM_ELECTION"]
    assert q7.resolutions[0].errors[0].params["needed"] == 8
    q8 = compute("branch_general", due, eight, ballot)
    assert q8.resolutions[0].passed is True
    # Winner needs more than half of those due, not of those present.
    low = [{"title": "x", "kind": "election", "votes_for": 5}]
    assert codes(compute("branch_general", due, eight, low).resolutions[0]) == ["E_NOT_PASSED"]


def test_committee_meeting():
    committee = [Voter(f"c{i}", "full", "normal") for i in range(1, 6)]
    q = compute("branch_committee", committee, present("c1", "c2", "c3"),
                [{"title": "研究发展对象", "votes_for": 3}], committee_size=5)  # fmt: skip
    assert q.quorum_met and q.resolutions[0].passed
    assert q.explain()[1] == "支部委员 5 人，到会 3 人，超过半数，符合开会要求"
    q2 = compute("branch_committee", committee, present("c1", "c2"), committee_size=5)
    assert not q2.quorum_met and codes(q2) == ["E_COMMITTEE_QUORUM"]


def test_non_deciding_meeting_and_unvoted_resolution():
    q = compute("lecture", branch(full=3, probationary=0), present("f1"),
                [{"title": "学习"}])  # fmt: skip
    assert not q.quorum_required and q.resolutions[0].passed is None and q.ok
    assert "“学习”：未记录表决" in q.explain()
    assert q.explain("en")[0] == "Due 3, present 1, absent 2"


def test_others_present_not_counted():
    q = compute("branch_general", branch(full=2, probationary=0), present("f1", "f2", "zz"))
    assert q.present_total == 2 and q.others_present == 1
    assert q.to_dict()["others_present"] == 1


def test_empty_branch_has_no_quorum():
    q = compute("branch_general", [], {})
    assert not q.quorum_met and q.voters_due == 0


def test_each_resolution_has_its_own_figures_and_verdict():
    """Two resolutions, one passing and one failing: each verdict stated once, the same in
    the table word, the sentences and the figures sent to the centre (issue 10's off-by-one)."""
    due = branch(full=10, probationary=0)
    att = present(*[f"f{i}" for i in range(1, 9)])  # 8 of 10 voters: quorum
    q = q_mod.compute("branch_general", people(due, att), [
        {"title": "接收刘洋为预备党员", "kind": "admission", "votes_for": 7, "votes_against": 1},
        {"title": "调整活动经费", "votes_for": 4, "votes_against": 3, "votes_abstain": 1},
    ])  # fmt: skip
    first, second = q.resolutions
    assert (first.index, first.needed, first.passed, first.verdict) == (1, 6, True, "通过")
    assert (second.index, second.needed, second.passed, second.verdict) == (2, 6, False, "未通过")
    assert q.resolution_lines(first) == [
        "“接收刘洋为预备党员”：赞成 7 票，反对 1 票，弃权 0 票（含书面意见 0 份）",
        "“接收刘洋为预备党员”赞成票超过应到会有表决权人数的半数（至少 6 票），通过",
    ]
    assert q.resolution_lines(second)[1] == (
        "“调整活动经费”赞成4票，未超过应到会有表决权人数的半数（至少需6票），未通过"
    )
    assert q.attendance_lines() == [
        "应到 10 人，实到 8 人，缺席 2 人",
        "应到会有表决权 10 人，实到 8 人，超过半数，符合开会要求",
    ]
    assert [r["passed"] for r in q.figures()["resolutions"]] == [True, False]
    assert q.figures()["due"] == 10 and q.figures()["absent"] == 2


def test_a_single_admission_vote_is_counted():
    q = q_mod.compute(
        "branch_general",
        people(branch(full=5, probationary=1), present("f1", "f2", "f3", "f4", "p1")),
        [{"title": "接收", "kind": "admission", "votes_for": 4}],
    )
    assert q.resolutions[0].passed is True and q.resolutions[0].verdict == "通过"


def test_vote_errors_name_the_row_and_field():
    errors = q_mod.vote_errors(
        2,
        {
            "title": "b",
            "votes_for": 6,
            "votes_against": 3,
            "votes_abstain": 3,
            "written_opinions": 5,
        },
        base=10,
        here=6,
    )
    assert [(e.code, e.field, e.params["row"]) for e in errors] == [
        ("E_WRITTEN_EXCEED", "resolutions[2].written_opinions", 2),
        ("E_VOTES_EXCEED", "resolutions[2].votes_for", 2),
    ]
    assert errors[0].params["absent"] == 4 and errors[1].params["allowed"] == 11
    assert q_mod.vote_errors(1, {"votes_for": 6, "written_opinions": 4}, base=10, here=6) == []


def test_committee_base_is_the_committee_on_the_day():
    committee = [Voter(f"c{i}", "full", "normal") for i in range(1, 6)]
    q = compute("branch_committee", committee, present("c1", "c2", "c3", c5="excluded"))
    assert q.committee_size == 4 and q.due_total == 4 and q.quorum_met
