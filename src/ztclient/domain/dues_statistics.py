"""党员基本情况 补充资料: the four dues counts of the 党内统计年报, from a year's ledger.

The 年报's table 党员基本情况 ends with "补充资料：1．能够按时按标准交纳党费的党员 __ 名，经批准少交
党费的党员 __ 名，免交党费的党员 __ 名，自愿一次性多交纳1000元以上党费的 __ 名" (domain facts §6).
The program makes them from the same ledger lines as every other dues figure
(``domain.dues_ledger.MemberYear``), plus the day each month was paid and each payment's
自愿多交. Where the rules are silent, the choices (docs/dues.md says them too):

* **who is counted**: the members at the unit on the as-of date (the as-of month is one of
  theirs; December for a past year) — the 年报 counts the roll at the end of the year, so a
  member transferred out in March is in the ledger but not in these counts;
* **按时按标准**: at least one month owed in the year; no 少交 or 免交 approved for any of the
  year's months (those are counted apart: what they pay is not the standard); every month owed
  by the as-of date paid by the last day of that month (paying ahead is on time, 补交 is not; a
  month whose last day has not passed yet is not late);
* **经批准少交 / 免交**: an approval of that kind, approved by the as-of date, covering one of the
  member's months of the year (paid or not);
* **自愿一次性多交1000元以上**: one payment of the year (the ledger's year of a payment: the year of
  its first month; recorded by the as-of date, not voided) whose 自愿多交 alone is at least
  1,000.00 元 (``ztprotocol.dues_extra``: one payment, not the year's sum).

The counts are "of which" figures, not a division of the members: one member may be both 少交
and 多交, and one with months of 少交 and months of 免交 is in both.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date

from ztclient.domain.dues_ledger import MemberYear
from ztprotocol.dues_extra import is_one_off_extra


@dataclass(frozen=True)
class DuesCounts:
    """The four 补充资料 counts (members)."""

    on_time: int = 0  # 能够按时按标准交纳党费的党员
    reduced: int = 0  # 经批准少交党费的党员
    exempt: int = 0  # 免交党费的党员
    one_off_extra: int = 0  # 自愿一次性多交纳1000元以上党费的党员

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def here_on(dues: MemberYear, as_of: date) -> bool:
    """Whether the member is at the unit on ``as_of`` (December's cell for a past year)."""
    if as_of.year < dues.year:
        return False
    cell = dues.months[as_of.month if as_of.year == dues.year else 12]
    return cell.status in ("unpaid", "pending", "exempt", "upcoming") or (
        cell.status == "paid" and cell.amount_fen is not None  # paid, and a month here
    )


def paid_on_time(dues: MemberYear, as_of: date, paid_on: Mapping[int, date]) -> bool:
    """按时按标准: every month owed by ``as_of`` paid by its last day, at the standard amount
    (no 少交/免交 approval in the year). ``paid_on`` maps month 1..12 → the day it was paid."""
    if any(c.approval is not None for c in dues.months.values()):
        return False
    owed = [m for m, c in dues.months.items() if c.owed or c.status == "pending"]
    if not owed:
        return False
    for m in owed:
        deadline = last_day(dues.year, m)
        status = dues.months[m].status
        if status == "pending":
            continue  # its month is not over yet
        if status == "unpaid":
            return False  # its month is over, unpaid
        else:
            day = paid_on.get(m)
            if day is None or day > deadline:
                return False  # paid after its month: 补交
    return True


def count(
    members: Iterable[tuple[MemberYear, Mapping[int, date], Iterable[int]]], as_of: date
) -> DuesCounts:
    """The counts over (ledger line, month → day paid, each payment's 自愿多交 in fen)."""
    on_time = reduced = exempt = one_off = 0
    for dues, paid_on, extras in members:
        if not here_on(dues, as_of):
            continue
        kinds = {c.approval for c in dues.months.values()}
        on_time += paid_on_time(dues, as_of, paid_on)
        reduced += "reduce" in kinds
        exempt += "exempt" in kinds
        one_off += any(is_one_off_extra(e) for e in extras)
    return DuesCounts(on_time, reduced, exempt, one_off)
