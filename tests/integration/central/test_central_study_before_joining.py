"""The centre's figures for the level above count a member's study only from their 入党日期
(domain facts §5: 党员 hours), as the client does: a log kept from before joining (an older
client let it in) is not a 党员's. Figures counted by hand."""

from __future__ import annotations

from datetime import date

from tests.integration.central.console_world import UnitPlan, seed_unit


def test_study_logged_before_joining_counts_neither_in_the_report_nor_the_console(central):
    from ztcentral import report
    from ztcentral.console.figures import compute

    # two 预备党员 per branch (one branch), joined 2026-06-01; 40 hours logged on 2026-03-01
    early = UnitPlan("U001", "中共测试街道工作委员会", branches=1,
                     categories={"probationary": 2}, committee_per_branch=0,
                     hours={0: 40.0}, study_date="2026-03-01", join_date="2026-06-01")  # fmt: skip
    seed_unit(central, early)
    later = UnitPlan("U002", "中共测试社区委员会", branches=1,
                     categories={"probationary": 2}, committee_per_branch=0,
                     hours={0: 40.0}, study_date="2026-06-01", join_date="2026-06-01")  # fmt: skip
    seed_unit(central, later)
    rows = {r["unit"]: r for r in report.figures(central.db, 2026, date(2026, 12, 2))}
    assert (rows["U001"]["study_total"], rows["U001"]["under_target"]) == (0.0, 2)
    assert (rows["U002"]["study_total"], rows["U002"]["under_target"]) == (40.0, 1)
    with central.db.tx() as tx:
        assert compute(tx, "U001", date(2026, 12, 2)).study_short == 2
        assert compute(tx, "U002", date(2026, 12, 2)).study_short == 1
