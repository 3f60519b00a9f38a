"""The 补充资料 counts of the 党内统计 (domain/dues_statistics.py), on ledger lines made by hand:
on time and in full, 少交, 免交, and one payment's 自愿多交 of 1,000 元 or more."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain import dues_months as M
from ztclient.domain.dues_ledger import Approval, member_year
from ztclient.domain.dues_statistics import DuesCounts, count, here_on, paid_on_time
from ztprotocol.dues_extra import ONE_OFF_EXTRA_FEN, is_one_off_extra

D = date.fromisoformat
Y = 2025
ALL = [M.index(Y, m) for m in range(1, 13)]
YEAR_END = D("2025-12-31")


def paid_year(fen: int = 1500, months: range = range(1, 13)) -> dict[int, int]:
    return {M.index(Y, m): fen for m in months}


def on(day: str, months: range = range(1, 13)) -> dict[int, date]:
    """Every month in ``months`` paid on ``day``."""
    return dict.fromkeys(months, D(day))


@pytest.mark.parametrize(
    ("extra_fen", "counts"),
    [(100_000, True), (99_999, False), (100_001, True), (0, False), (None, False)],
)
def test_one_thousand_yuan_counts_and_a_fen_less_does_not(extra_fen, counts):
    assert ONE_OFF_EXTRA_FEN == 100_000  # 1,000.00 元: "以上" includes the figure
    assert is_one_off_extra(extra_fen) is counts


def test_a_year_paid_ahead_in_january_is_on_time():
    line = member_year(Y, YEAR_END, ALL, 1500, paid=paid_year())
    assert paid_on_time(line, YEAR_END, on("2025-01-10"))


def test_each_month_paid_by_its_last_day_is_on_time_and_a_day_later_is_not():
    line = member_year(Y, YEAR_END, ALL, 1500, paid=paid_year())
    monthly = {m: date(Y, m, 28) for m in range(1, 13)}
    assert paid_on_time(line, YEAR_END, {**monthly, 1: D("2025-01-31")})
    assert not paid_on_time(line, YEAR_END, {**monthly, 1: D("2025-02-01")})  # 补交 of January


def test_december_unpaid_is_late_on_31_december_but_not_on_the_15th():
    line = member_year(Y, YEAR_END, ALL, 1500, paid=paid_year(months=range(1, 12)))
    assert not paid_on_time(line, YEAR_END, on("2025-01-10", range(1, 12)))
    mid = D("2025-12-15")
    line = member_year(Y, mid, ALL, 1500, paid=paid_year(months=range(1, 12)))
    assert paid_on_time(line, mid, on("2025-01-10", range(1, 12)))  # December is not over


def test_an_approval_is_not_the_standard():
    reduce = Approval("reduce", ALL[0], ALL[-1], D("2025-01-05"), 500)
    line = member_year(Y, YEAR_END, ALL, 1500, [reduce], paid=paid_year(500))
    assert not paid_on_time(line, YEAR_END, on("2025-01-10"))
    exempt = Approval("exempt", ALL[0], ALL[2], D("2025-01-05"))  # January–March 免交
    line = member_year(Y, YEAR_END, ALL, 1500, [exempt], paid=paid_year(months=range(4, 13)))
    assert not paid_on_time(line, YEAR_END, on("2025-04-01", range(4, 13)))


def eight_members(as_of: date):
    """(line, month → day paid, each payment's extra) of eight members as of ``as_of``:

    甲 a year paid on 10 January, 1,000.00 extra in that payment;
    乙 the same with 999.99 extra;
    丙 two payments with 600.00 extra each (1,200 in the year, never 1,000 at once);
    丁 a year paid on 1 March (January and February are 补交);
    戊 少交 approved for the year (5.00 a month), paid;
    己 免交 approved for the year;
    庚 January–June paid with 1,000.00 extra, transferred out in June;
    辛 少交 approved for January–June and paid, 免交 approved on 1 July for July–December."""
    year = paid_year()
    reduce = Approval("reduce", ALL[0], ALL[-1], D("2025-01-05"), 500)
    exempt = Approval("exempt", ALL[0], ALL[-1], D("2025-01-05"))
    half_reduce = Approval("reduce", ALL[0], ALL[5], D("2025-01-05"), 500)
    half_exempt = Approval("exempt", ALL[6], ALL[11], D("2025-07-01"))
    first_half = range(1, 7)
    return [
        (member_year(Y, as_of, ALL, 1500, paid=year), on("2025-01-10"), [100_000]),
        (member_year(Y, as_of, ALL, 1500, paid=year), on("2025-01-10"), [99_999]),
        (member_year(Y, as_of, ALL, 1500, paid=year), on("2025-01-10"), [60_000, 60_000]),
        (member_year(Y, as_of, ALL, 1500, paid=year), on("2025-03-01"), []),
        (member_year(Y, as_of, ALL, 1500, [reduce], paid_year(500)), on("2025-01-10"), []),
        (member_year(Y, as_of, ALL, 1500, [exempt]), {}, []),
        (
            member_year(Y, as_of, ALL[:6], 1500, paid=paid_year(months=first_half)),
            on("2025-01-10", first_half),
            [100_000],
        ),
        (
            member_year(
                Y, as_of, ALL, 1500, [half_reduce, half_exempt], paid_year(500, first_half)
            ),
            on("2025-01-10", first_half),
            [],
        ),
    ]


def test_the_counts_by_hand():
    """As of 31 December: 按时按标准 3 (甲乙丙), 少交 2 (戊辛), 免交 2 (己辛), 一次性多交 1 (甲);
    庚 left in June and is in no count. As of 30 June 庚 is still here (on time, 多交) and 辛's
    免交 is not approved yet: 按时 4 (甲乙丙庚), 少交 2, 免交 1 (己), 多交 2 (甲庚)."""
    members = eight_members(YEAR_END)
    assert not here_on(members[6][0], YEAR_END)
    assert count(members, YEAR_END) == DuesCounts(on_time=3, reduced=2, exempt=2, one_off_extra=1)
    june = D("2025-06-30")
    assert here_on(eight_members(june)[6][0], june)
    assert count(eight_members(june), june) == DuesCounts(
        on_time=4, reduced=2, exempt=1, one_off_extra=2
    )
