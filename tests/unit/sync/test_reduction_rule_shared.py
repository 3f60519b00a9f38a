"""ztprotocol.dues_price.reduction_over: an approved 少交 stays below the standard its months
cost — one rule over plain records, read by the client (refusing on entry, flagging what sync
brings) and the centre (flagging for 审核). Before, the client kept it over SQL
(services/dues_bases.py) and the centre restated it over JSON (ztcentral/dues.py).

Figures by hand, money in fen as both programs keep it: a base of 5,000.00 元 costs 50.00 a
month (5000 fen); 8,000.00 costs 120.00 (12000 fen)."""

from __future__ import annotations

import inspect

from ztcentral import dues as central_dues
from ztclient.services import dues_bases
from ztclient.services.sync import dues_flags
from ztprotocol.dues_price import bases_by_month, reduction_over


def idx(month: int, year: int = 2026) -> int:
    return year * 12 + month - 1


def reduce(first: str, last: str, fen: int, **more) -> dict:
    return {"kind": "reduce", "first_month": first, "last_month": last, "monthly_fen": fen, **more}


def test_below_the_standard_every_month_is_none():
    """少交 30.00 a month, March to December, against 50.00 from January: below throughout."""
    assert reduction_over([reduce("2026-03", "2026-12", 3000)], {idx(1): 5000}) is None


def test_one_fen_decides():
    """49.99 under 50.00 stands; 50.00 is not below 50.00 (not less: the first such month)."""
    assert reduction_over([reduce("2026-01", "2026-12", 4999)], {idx(1): 5000}) is None
    got = reduction_over([reduce("2026-01", "2026-12", 5000)], {idx(1): 5000})
    assert got == (5000, idx(1), 5000)


def test_a_base_from_the_month_the_reduction_starts():
    """少交 20.00 from July; a base of 15.00 from January and one from July. At 50.00 from July
    the 少交 is below (January–June are not in it); at 15.00 from July it is not (July)."""
    r = [reduce("2026-07", "2026-12", 2000)]
    assert reduction_over(r, {idx(1): 1500, idx(7): 5000}) is None
    assert reduction_over(r, {idx(1): 5000, idx(7): 1500}) == (2000, idx(7), 1500)


def test_a_later_base_raising_or_lowering_the_standard():
    """少交 20.00 all year. Raised from April (15.00 → 50.00): January is the first month not
    below; looked at from April on (the months the raised base prices), nothing. Lowered from
    September (50.00 → 15.00): September."""
    r = [reduce("2026-01", "2026-12", 2000)]
    raised = {idx(1): 1500, idx(4): 5000}
    assert reduction_over(r, raised) == (2000, idx(1), 1500)
    assert reduction_over(r, raised, idx(4), idx(12)) is None
    lowered = {idx(1): 5000, idx(9): 1500}
    assert reduction_over(r, lowered) == (2000, idx(9), 1500)
    assert reduction_over(r, lowered, idx(1), idx(8)) is None


def test_voided_and_other_kinds_are_ignored():
    """A voided 少交, and a 免交 (no amount), are never checked; a voided base prices nothing."""
    bases = bases_by_month([
        {"year": 2026, "from_month": 1, "monthly_fen": 5000},
        {"year": 2026, "from_month": 7, "monthly_fen": 1500, "voided": 1},
    ])  # fmt: skip
    assert bases == {idx(1): 5000}
    records = [
        reduce("2026-01", "2026-12", 6000, voided=1),
        {"kind": "exempt", "first_month": "2026-01", "last_month": "2026-12", "monthly_fen": None},
    ]
    assert reduction_over(records, bases) is None
    assert reduction_over([reduce("2026-07", "2026-12", 2000)], bases) is None


def test_months_without_a_base_and_across_a_year():
    """No base for January–March (the year's first base is from April): nothing to compare.
    A 少交 of 30.00 from October 2025 to March 2026, against 50.00 in 2025 and 5.00 in 2026:
    January 2026."""
    assert reduction_over([reduce("2026-01", "2026-03", 100)], {idx(4): 50}) is None
    bases = {idx(1, 2025): 5000, idx(1, 2026): 500}
    assert reduction_over([reduce("2025-10", "2026-03", 3000)], bases) == (3000, idx(1), 500)


def test_the_earliest_month_whatever_the_order():
    """Two 少交: 40.00 from June (listed first) and 60.00 in February–March, against 50.00: the
    February one is the first month not below."""
    r = [reduce("2026-06", "2026-12", 4000), reduce("2026-02", "2026-03", 6000)]
    assert reduction_over(r, {idx(1): 5000}) == (6000, idx(2), 5000)


def test_a_base_from_a_device_before_bases_had_a_month():
    """``from_month`` missing: the year's base from January; a base without a year is left."""
    got = bases_by_month([{"year": 2026, "monthly_fen": 5000}, {"monthly_fen": 1}])
    assert got == {idx(1): 5000}


def test_both_programs_read_the_shared_rule():
    assert dues_bases.reduction_over is reduction_over
    assert dues_flags.reduction_over is reduction_over
    assert central_dues.reduction_over is reduction_over
    source = inspect.getsource(central_dues)
    assert "monthly_in_force(bases, m)" not in source  # no restated loop of its own
    assert "data LIKE" not in source  # a member's records found by an exact match
