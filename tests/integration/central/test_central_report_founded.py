"""The centre's report for the level above asks a branch founded during the year for the
periods from its 成立日期 only (the client's rule, ztprotocol/obligations.py): a unit with one
branch of the whole year and one founded 2026-11-10. Figures counted by hand."""

from __future__ import annotations

from tests.integration.central.console_world import UnitPlan, seed_unit


def test_report_required_counts_follow_the_founding_date(central):
    from ztcentral import report

    # no posts recorded: each branch's 支委会 is owed (a lone 书记 would owe none, below)
    plan = UnitPlan("U001", "中共测试街道工作委员会", branches=2, founded={1: "2026-11-10"},
                    meetings=[(1, "branch_committee", "2026-11-20")],
                    committee_per_branch=0)  # fmt: skip
    seed_unit(central, plan)
    (row,) = report.figures(central.db, 2026)
    # (held, required): 12 + 2 支委会 (Nov, Dec), 4 + 1 大会 and 党课 (Q4); no groups
    assert row["meetings"] == {
        "branch_committee": (1, 14),
        "branch_general": (0, 5),
        "lecture": (0, 5),
        "group": (0, 0),
    }


def test_a_group_owes_from_its_own_or_its_branchs_founding_date_whichever_is_later():
    from ztcentral.report import _required

    orgs = {
        "b1": {"kind": "branch", "founded_on": "2026-11-10"},
        "b2": {"kind": "branch"},
        "g1": {"kind": "group", "parent_id": "b1", "founded_on": "2026-05-01"},  # → 11-10
        "g2": {"kind": "group", "parent_id": "b2", "founded_on": "2026-12-31"},
        "g3": {"kind": "group", "parent_id": "b2"},
    }
    assert _required(orgs, "group", 12, 2026) == 2 + 1 + 12
    assert _required(orgs, "branch_committee", 12, 2026) == 2 + 12
    assert _required(orgs, "branch_general", 4, 2026) == 1 + 4
    assert _required({}, "branch_general", 4, 2026) == 4  # no branch sent: one, as before


def test_console_unit_page_counts_a_month_only_for_the_branches_that_owed_it(central):
    from datetime import date

    from ztcentral.console.unit_detail import detail

    plan = UnitPlan("U002", "中共测试社区委员会", branches=2, founded={1: "2026-11-10"},
                    meetings=[(1, "branch_committee", "2026-11-20"),
                              (1, "theme_day", "2026-11-21")])  # fmt: skip
    seed_unit(central, plan)
    d = detail(central.db, "U002", date(2026, 12, 15))
    months = {m["month"]: (m["complete"], m["total"]) for m in d["months"]}
    # January–October: only the old branch owed them; November and December: both
    assert months[1] == months[10] == (0, 1)
    assert months[11] == (1, 2) and months[12] == (0, 2)
    quarters = {q["quarter"]: (q["complete"], q["total"]) for q in d["quarters"]}
    assert quarters == {1: (0, 1), 2: (0, 1), 3: (0, 1), 4: (0, 2)}


def test_report_asks_a_dissolved_branch_until_its_dissolution_only():
    """A branch dissolved on 2026-06-30 owed January–June (6 支委会, 2 大会 and 党课); one
    dissolved on 06-15 owed January–May and the first quarter, as the clerk's 会议缺项 counts
    (a period is owed when it ended on or before the day the branch ended)."""
    from ztcentral.report import _required

    orgs = {
        "b1": {"kind": "branch", "dissolved_on": "2026-06-30"},
        "b2": {"kind": "branch", "dissolved_on": "2026-06-15"},
        "b3": {"kind": "branch", "founded_on": "2026-03-02", "dissolved_on": "2026-09-30"},
    }
    assert _required(orgs, "branch_committee", 12, 2026) == 6 + 5 + 7
    assert _required(orgs, "branch_general", 4, 2026) == 2 + 1 + 3


def test_report_asks_no_committee_meeting_of_a_branch_with_a_secretary_alone():
    """支委会应开 follows the committee rule the console and the clerk's 工作台 read: a branch
    whose posts are a 书记 alone (fewer than 7 正式党员, domain facts §8) owes no 支委会 in the
    months it had no committee; with no post recorded it is owed."""
    from ztcentral.report import _required

    orgs = {"b1": {"kind": "branch"}, "b2": {"kind": "branch"}}
    posts = {
        # b1: a 书记 alone until 2026-08-31, then a 委员 joins (a committee from September)
        "b1": [("secretary", "2025-01-01", ""), ("member", "2026-09-01", "")],
        # b2: no post recorded: owed all year
    }
    assert _required(orgs, "branch_committee", 12, 2026, posts) == 4 + 12
    assert _required(orgs, "branch_general", 4, 2026, posts) == 4 + 4  # not touched


def test_console_unit_page_counts_a_dissolved_branch_until_its_dissolution(central):
    """A branch dissolved on 2026-06-30 owed January–June: the unit page counts it there (it
    vanished from every month before) and not after, as the report does."""
    from datetime import date

    from ztcentral.console.unit_detail import detail

    plan = UnitPlan("U003", "中共测试镇委员会", branches=2, dissolved={1: "2026-06-30"},
                    committee_per_branch=0)  # fmt: skip
    seed_unit(central, plan)
    d = detail(central.db, "U003", date(2026, 12, 15))
    totals = {m["month"]: m["total"] for m in d["months"]}
    assert [totals[m] for m in range(1, 13)] == [2] * 6 + [1] * 6
    assert [q["total"] for q in d["quarters"]] == [2, 2, 1, 1]
    assert d["branches"] == 1  # today: one branch left
