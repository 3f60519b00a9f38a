"""Which months a member owes dues for (应交月份), from their dates and events.

Months are counted as integers (``year * 12 + month - 1``) and shown as "YYYY-MM". A member owes
a month's dues while a member of this unit (domain facts §6, §1.12–§1.13):

* a 预备党员 from the month **after** admission (入党日期); a member carried over from paper
  without a join date, from the first month asked about;
* on 组织关系转入, from the month after the letter's 党费交至 when it says one, else from the
  month after the transfer (the sending branch collects the month of the transfer);
* on 组织关系转出, up to and including the month of the transfer (the letter states it);
* on 出党, 死亡, 停止党籍 or 取消预备党员资格, up to the month **before** the event; after
  恢复党籍, from the month after;
* 流动党员 and members out of contact still owe dues (arrears is how the six-month rule shows).

Everything is as of a date: events after it are ignored, so a ledger as of a past date is the
same whenever it is printed. Applicants, activists and candidates owe nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ztclient.domain.errors import DomainError
from ztprotocol.roll import MEMBER_CATEGORIES

_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
# Event kinds that end dues at this unit (last month due is the one before the event's month)
_ENDS_BEFORE = ("exited", "deceased", "suspended", "probation_revoked")
# Member statuses that, carried over from paper with only ``status_since``, ended membership.
_STATUS_ENDS = {
    "exited": "before",
    "deceased": "before",
    "suspended": "before",
    "transferred_out": "through",
}

Period = tuple[int, int | None]  # first and last month index due (None: still open)


def index(year: int, month: int) -> int:
    return year * 12 + month - 1


def of_date(d: date) -> int:
    return index(d.year, d.month)


def text(i: int) -> str:
    """ "2025-03" for the month index."""
    year, m = divmod(i, 12)
    return f"{year:04d}-{m + 1:02d}"


def parse(value: str, field: str = "month") -> int:
    """The month index of "YYYY-MM" (also "2025-3" and "2025年3月"); E_DUES_MONTH_FORMAT else."""
    if type(value) is str and len(value) == 7 and value[4] == "-" and value[:4].isdigit():
        # the stored form, read thousands of times by a ledger: no normalising needed
        year, month = int(value[:4]), value[5:]
        if month.isdigit() and 1 <= int(month) <= 12 and 2000 <= year <= 2100:
            return index(year, int(month))
    raw = str(value or "").strip()
    norm = raw.replace("年", "-").replace("月", "").replace("/", "-").replace(".", "-")
    parts = norm.split("-")
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and len(parts[1]) <= 2:
        norm = f"{parts[0]}-{int(parts[1]):02d}"
    m = _MONTH.match(norm)
    if not m or not 2000 <= int(m.group(1)) <= 2100:
        raise DomainError("E_DUES_MONTH_FORMAT", field, value=raw)
    return index(int(m.group(1)), int(m.group(2)))


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _details(event: Mapping[str, Any]) -> Mapping[str, Any]:
    d = event.get("details")
    return d if isinstance(d, Mapping) else {}


def periods(
    member: Mapping[str, Any], events: Iterable[Mapping[str, Any]], as_of: date
) -> list[Period]:
    """The member's periods of owing dues at this unit, from what was known on ``as_of``.

    ``member`` has the ``members`` columns (category, join_date, status, status_since);
    ``events`` are the member's ``member_events`` rows (kind, date, details as a mapping,
    voided). Open periods (still a member) end in None.
    """
    if member.get("category") not in MEMBER_CATEGORIES or member.get("status") == "voided":
        return []  # not a member, or 录入错误作废: a record that never was true owes nothing
    joined = _day(member.get("join_date"))
    if joined is not None and joined > as_of:
        return []
    evs = sorted(
        (e for e in events if not e.get("voided") and (_day(e.get("date")) or as_of) <= as_of),
        key=lambda e: str(e.get("date")),
    )
    start: int | None = of_date(joined) + 1 if joined else -1  # -1: since before records
    # A record that begins with a transfer in was not at this unit before it.
    if evs and evs[0].get("kind") == "transfer_in":
        start = None
    out: list[Period] = []
    for e in evs:
        when = _day(e.get("date"))
        if when is None:
            continue
        kind = e.get("kind")
        if kind == "transfer_in" and start is None:
            paid_to = _details(e).get("dues_paid_to")
            try:
                start = parse(str(paid_to)) + 1 if paid_to else of_date(when) + 1
            except DomainError:
                start = of_date(when) + 1
        elif kind == "restored" and start is None:
            start = of_date(when) + 1
        elif start is not None and (kind == "transfer_out" or kind in _ENDS_BEFORE):
            last = of_date(when) if kind == "transfer_out" else of_date(when) - 1
            if last >= start:
                out.append((start, last))
            start = None
    if start is not None:
        end: int | None = None
        status = member.get("status")
        since = _day(member.get("status_since"))
        # A status set directly (records carried over from paper) ends an open period too.
        if status in _STATUS_ENDS and since is not None and since <= as_of:
            end = of_date(since) - (1 if _STATUS_ENDS[status] == "before" else 0)
        if end is None or end >= start:
            out.append((start, end))
    return out


def months_in_year(member_periods: list[Period], year: int, up_to: int | None = None) -> list[int]:
    """The month indexes of ``year`` covered by the periods, up to month index ``up_to``."""
    first, last = index(year, 1), index(year, 12)
    if up_to is not None:
        last = min(last, up_to)
    out = []
    for m in range(first, last + 1):
        for start, end in member_periods:
            if m >= start and (end is None or m <= end):
                out.append(m)
                break
    return out
