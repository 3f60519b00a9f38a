"""ztprotocol.dues_price: what a month costs by the bases of its year — one rule, read by the
client's ledger and the centre's 党费 sheet (the centre restated it before, ztcentral/dues_report)."""

from __future__ import annotations

import inspect

from ztcentral import dues_report
from ztclient.domain import dues_ledger
from ztprotocol.dues_price import last_fallen_due, monthly_in_force


def idx(month: int, year: int = 2025) -> int:
    return year * 12 + month - 1


def test_month_priced_by_hand():
    """5,000 → 50.00 from January, 8,000 → 120.00 from July: June 50.00, July 120.00."""
    bases = {idx(1): 5000, idx(7): 12000, idx(1, 2024): 4500}
    assert [monthly_in_force(bases, idx(m)) for m in (1, 6, 7, 12)] == [5000, 5000, 12000, 12000]
    assert monthly_in_force(bases, idx(12, 2024)) == 4500  # another year's base never leaks
    assert monthly_in_force(bases, idx(1, 2026)) is None
    assert monthly_in_force({idx(7): 12000}, idx(6)) is None  # before the year's first base


def test_both_programs_read_the_shared_rule():
    assert dues_ledger.monthly_in_force is monthly_in_force
    assert dues_report.monthly_in_force is monthly_in_force
    # and which months have fallen due (the month in progress is still to pay, not owed)
    assert dues_ledger.last_fallen_due is last_fallen_due
    assert dues_report.last_fallen_due is last_fallen_due
    assert not hasattr(dues_report, "_in_force")  # no copy of its own
    assert "def monthly_in_force" not in inspect.getsource(dues_report)
