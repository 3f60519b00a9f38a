"""Terms, elections, committees, the talk norm, appraisal and 整改 rules (domain facts §3, §8),
with the figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain import appraisal, committee, rectification, talks, terms
from ztclient.domain.errors import DomainError
from ztclient.domain.messages import MESSAGES


def test_term_lengths_and_ends():
    assert terms.default_term_years("branch") == 3
    assert terms.default_term_years("general_branch") == 3
    assert terms.default_term_years("committee") == 5
    assert terms.default_term_years("branch", "village") == 5
    assert terms.default_term_years("general_branch", "community") == 5
    assert terms.term_end("2020-06-01", 3) == date(2023, 6, 1)
    assert terms.term_end("2020-02-29", 3) == date(2023, 2, 28)
    assert [terms.check_term_years(v) for v in (3, "5", 3.0)] == [3, 5, 3]
    for bad in (4, "3年", 3.5, True, None, 2):
        with pytest.raises(DomainError) as exc:
            terms.check_term_years(bad)
        assert exc.value.code == "E_TERM_YEARS"


@pytest.mark.parametrize(
    ("today", "state", "days"),
    [
        (date(2022, 11, 30), "current", 183),  # 2023-06-01 minus six months is 2022-12-01
        (date(2022, 12, 1), "ending", 182),
        (date(2023, 5, 31), "ending", 1),
        (date(2023, 6, 1), "overdue", 0),
        (date(2024, 5, 31), "overdue", -365),
        (date(2024, 6, 1), "overdue_long", -366),
    ],
)
def test_term_state_six_months_ahead_and_a_year_late(today, state, days):
    t = terms.term_state("2020-06-01", 3, today)
    assert (t.term_end, t.state, t.days_left) == (date(2023, 6, 1), state, days)
    assert t.due == (state != "current")


def test_election_figures_four_fifths_and_half_of_due():
    e = [terms.Elected("a", "secretary", 6), terms.Elected("b", "member", 5)]
    # 9 due: four fifths is 7.2 → 8 present needed; elected needs more than 4.5 → 5.
    assert terms.check_election_votes(9, 8, e) == []
    assert [x.code for x in terms.check_election_votes(9, 7, e)] == ["E_QUORUM_ELECTION"]
    low = [terms.Elected("a", "secretary", 4)]
    (err,) = terms.check_election_votes(9, 8, low)
    assert err.code == "E_ELECTION_NOT_ELECTED" and err.params["needed"] == 5
    assert [x.code for x in terms.check_election_votes(9, 8, [terms.Elected("a", "x", 9)])] == [
        "E_ELECTION_VOTES"
    ]
    assert [x.code for x in terms.check_election_votes(9, 10, e)] == ["E_ELECTION_FIGURES"]
    assert terms.check_election_votes(None, None, [terms.Elected("a", "x")]) == []
    assert [x.code for x in terms.check_election_votes(None, None, e)] == ["E_FIELD_REQUIRED"]
    # 10 due: exactly four fifths (8) is enough; 5 votes is not more than half, 6 is.
    assert terms.check_election_votes(10, 8, [terms.Elected("a", "x", 6)]) == []
    assert terms.check_election_votes(10, 8, [terms.Elected("a", "x", 5)])[0].params["needed"] == 6


def post(m, p, start, end=None):
    return committee.Post(m, p, start, end)


def test_committee_on_a_day():
    posts = [
        post("a", "secretary", "2020-06-01", "2023-05-19"),
        post("b", "organisation", "2020-06-01", "2023-05-19"),
        post("c", "publicity", "2020-06-01"),
        post("d", "group_leader", "2020-06-01"),  # not a committee post
        post("a", "member", "2023-05-20"),
    ]
    assert committee.committee_size(posts, "2020-05-31") == 0
    assert committee.committee_size(posts, "2023-05-19") == 3
    assert committee.committee_size(posts, date(2023, 5, 20)) == 2
    assert committee.secretary_on(posts, "2021-01-01").member_id == "a"
    assert committee.secretary_on(posts, "2024-01-01") is None


def test_new_posts_may_not_clash():
    posts = [post("a", "secretary", "2020-06-01", "2023-05-19"), post("b", "member", "2020-06-01")]
    committee.check_new_post(posts, post("c", "secretary", "2023-05-20"))
    with pytest.raises(DomainError) as exc:
        committee.check_new_post(posts, post("c", "secretary", "2023-05-19"))
    assert exc.value.code == "E_POST_TAKEN"
    with pytest.raises(DomainError) as exc:
        committee.check_new_post(posts, post("b", "organisation", "2024-01-01"))
    assert exc.value.code == "E_POST_OVERLAP"
    committee.check_new_post(posts, post("c", "member", "2024-01-01"))  # several 委员 are fine
    with pytest.raises(DomainError) as exc:
        committee.check_new_post(posts, post("c", "member", "2024-01-01", "2023-01-01"))
    assert exc.value.code == "E_DATE_ORDER"


def test_committee_composition_errors_and_norms():
    ok = [("a", "书记"), ("b", "organisation"), ("c", "publicity")]
    assert committee.check_committee(ok, 12) == ([], [])
    errors, _ = committee.check_committee([("a", "secretary"), ("a", "member")], 12)
    assert [e.code for e in errors] == ["E_DUPLICATE"]
    errors, _ = committee.check_committee([("a", "secretary"), ("b", "secretary")], 12)
    assert [e.code for e in errors] == ["E_POST_TAKEN"]
    errors, _ = committee.check_committee([("a", "group_leader")], 12)
    assert [e.code for e in errors] == ["E_POST_NOT_COMMITTEE"]
    _, warnings = committee.check_committee([(str(i), "member") for i in range(8)], 30)
    assert [w.code for w in warnings] == ["W_NO_SECRETARY", "W_COMMITTEE_SIZE"]
    assert committee.check_committee([("a", "secretary"), ("b", "副书记")], 5) == ([], [])
    _, warnings = committee.check_committee(ok, 5)
    assert [w.code for w in warnings] == ["W_COMMITTEE_NOT_REQUIRED"]


def test_talk_norm_counts_either_direction():
    gaps = talks.yearly_gaps(
        "s",
        ["s", "c1", "c2", "c3"],
        ["m1", "c1", "m2"],
        [("c1", "s"), ("s", "m2"), ("c2", "c3"), ("m1", "m1")],
    )
    assert gaps.members_missing == ("c2", "c3", "m1")
    assert gaps.pairs_missing == (("c1", "c2"), ("c1", "c3"))
    assert not gaps.complete
    none = talks.yearly_gaps(None, ["c1", "c2"], ["m1"], [])
    assert none.members_missing == () and none.pairs_missing == (("c1", "c2"),)


def test_appraisal_grades_measures_and_share():
    assert appraisal.check_grade({"grade": "优秀"})["grade"] == "excellent"
    row = appraisal.check_grade({"grade": "不合格", "measure": "劝退", "deadline": "2027-01-31"})
    assert (row["measure"], row["deadline"]) == ("persuade", "2027-01-31")
    for bad in ({"grade": "合格", "measure": "限期改正"}, {"grade": "基本合格", "measure": "除名"}):
        with pytest.raises(DomainError) as exc:
            appraisal.check_grade(bad)
        assert exc.value.code == "E_APPRAISAL_MEASURE"
    # 30 members: at most 10 优秀.
    assert appraisal.excellent_share_warning(10, 30) is None
    w = appraisal.excellent_share_warning(11, 30)
    assert w.code == "W_APPRAISAL_EXCELLENT" and w.params["limit"] == 10
    today = date(2026, 11, 20)
    state = appraisal.follow_up_state
    assert state({"grade": "qualified"}, today) is None
    assert state({"grade": "unqualified"}, today).state == "undecided"
    assert (
        state({"grade": "unqualified", "measure": "correct", "deadline": "2026-11-19"}, today).state
        == "overdue"
    )
    assert (
        state({"grade": "unqualified", "measure": "correct", "deadline": "2026-11-20"}, today).state
        == "open"
    )
    assert state({"grade": "basically_qualified", "done_on": "2026-10-01"}, today).state == "done"


def test_rectification_states():
    today = date(2026, 11, 20)
    s = rectification.item_state
    assert s({"deadline": "2026-12-20", "year": 2026}, today) == "due"  # 30 days ahead
    assert s({"deadline": "2026-12-21", "year": 2026}, today) == "open"
    assert s({"deadline": "2026-11-19", "year": 2026}, today) == "overdue"
    assert s({"year": 2025}, today) == "due"  # carried over without a deadline
    assert s({"year": 2026}, today) == "open"
    assert s({"year": 2020, "done_on": "2021-01-01"}, today) == "done"
    with pytest.raises(DomainError) as exc:
        rectification.check_item({"problem": "x"})
    assert exc.value.field == "owner"


def test_every_warning_code_used_in_src_has_a_text():
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parents[3] / "src"
    used = {
        c for p in src.rglob("*.py") for c in re.findall(r'"(W_[A-Z0-9_]+)"', p.read_text("utf-8"))
    }
    assert used >= {"W_NO_SECRETARY", "W_COMMITTEE_SIZE", "W_APPRAISAL_EXCELLENT"}
    assert used <= set(MESSAGES)
