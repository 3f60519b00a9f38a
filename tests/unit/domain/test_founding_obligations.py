"""What a branch owes in a year when it was founded during it (成立日期): the periods that ended
before the founding day are not owed, the one it was founded in is. Figures written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain.compliance import missing, owed, required_count

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
KINDS = ("branch_committee", "group", "theme_day", "branch_general", "lecture", "org_life",
         "appraisal")  # fmt: skip


def counts(founded: date | None) -> dict[str, int]:
    return {k: required_count(k, *YEAR, founded=founded) for k in KINDS}


@pytest.mark.parametrize(
    ("founded", "monthly", "quarterly", "yearly"),
    [
        (None, 12, 4, 1),  # not recorded: the whole year, as before
        (date(2025, 6, 1), 12, 4, 1),  # founded before the year
        (date(2026, 11, 10), 2, 1, 1),  # mid-month: November and December; Q4
        (date(2026, 4, 1), 9, 3, 1),  # first day of Q2: April..December; Q2..Q4
        (date(2026, 3, 31), 10, 4, 1),  # last day of March: March..December; Q1..Q4
        (date(2026, 12, 31), 1, 1, 1),  # the last day of the year: December; Q4
        (date(2027, 1, 5), 0, 0, 0),  # founded after the year: nothing
    ],
)
def test_required_counts_from_the_founding_date(founded, monthly, quarterly, yearly):
    assert counts(founded) == {
        "branch_committee": monthly,
        "group": monthly,
        "theme_day": monthly,
        "branch_general": quarterly,
        "lecture": quarterly,
        "org_life": yearly,
        "appraisal": yearly,
    }


def test_owed_is_the_one_rule():
    assert owed(date(2026, 10, 31), None)
    assert not owed(date(2026, 10, 31), date(2026, 11, 10))
    assert owed(date(2026, 11, 30), date(2026, 11, 10))
    assert owed(date(2026, 11, 10), date(2026, 11, 10))  # founded on a period's last day


def test_missing_of_a_branch_founded_in_november():
    held = [("branch_committee", "2026-11-20"), ("theme_day", "2026-12-01")]
    out = missing(held, *YEAR, has_groups=False, founded=date(2026, 11, 10))
    assert [(m.kind, m.period_label) for m in out] == [
        ("org_life", "2026年"),
        ("appraisal", "2026年"),
        ("branch_general", "2026年第4季度"),
        ("lecture", "2026年第4季度"),
        ("theme_day", "2026年11月"),
        ("branch_committee", "2026年12月"),
    ]
    # without a founding date the whole year is asked for, as before
    assert len(missing(held, *YEAR, has_groups=False)) == 11 + 11 + 4 + 4 + 2


def test_partial_periods_still_follow_the_founding_date():
    # as of 2026-11-20, counting the current month: November only
    start, end = date(2026, 1, 1), date(2026, 11, 20)
    assert required_count("branch_committee", start, end, founded=date(2026, 11, 10)) == 0
    assert (
        required_count(
            "branch_committee", start, end, include_partial=True, founded=date(2026, 11, 10)
        )
        == 1
    )
