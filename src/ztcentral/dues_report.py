"""The report's 党费 sheet: per unit and month, dues due and collected, from what the units sent.

*Collected* is what payments (recorded up to the as-of date, not voided) put on each month.
*Owed* (欠交) is what the owed months without a payment cost (the ledger's arrears by month).
*Due* is what the months the members owed by then cost (a month falls due at the end of its last
day, ``ztprotocol.dues_price.last_fallen_due``: the as-of month unpaid is still to pay, neither
due nor owed; paid, it counts), by the rules of the client's ledger
(ztclient ``domain/dues_months.py`` and ``domain/dues_ledger.py``): the server may not import
the client, so which months a member owes is restated below; what a month costs is the shared
rule ``ztprotocol.dues_price.monthly_in_force``. ``tests/e2e/test_dues_sync.py`` holds the two
programs to the same figures.

* A member owes a month while a member of the unit: a 预备党员 from the month after admission; on
  a transfer in, from the month after the letter's 党费交至 (else after the transfer); up to the
  month of a transfer out; up to the month before an exit, death, suspension or revocation;
  after a restoration, from the month after.
* A month costs the monthly amount of the base in force in it (the year's base with the latest
  first month — ``from_month``, January for a base sent before bases had one — not after it:
  ``ztprotocol.dues_price``),
  an approved 少交 amount, nothing when 免交 — or, once paid, what was paid on it. No base:
  counted at nothing.

A unit whose top organisation's 成立日期 falls after the year has no block for it; in the year it
was founded, the months before the founding month are owed by no one (the founding month is).

Beside 另：自愿多交 the sheet counts the members at the unit on the as-of date who made one
payment of the year with a 自愿多交 of at least 1,000 元 (the 年报's 自愿一次性多交1000元以上; the
threshold is ``ztprotocol.dues_extra``, shared with the client).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from ztcentral.db import Tx
from ztprotocol.dues_extra import is_one_off_extra
from ztprotocol.dues_price import last_fallen_due, monthly_in_force
from ztprotocol.dues_price import month_index as _month
from ztprotocol.obligations import founding_day
from ztprotocol.roll import is_member

_ENDS_BEFORE = ("exited", "deceased", "suspended", "probation_revoked")
_STATUS_ENDS = {"exited": 1, "deceased": 1, "suspended": 1, "transferred_out": 0}
EVENT_KINDS = ("transfer_in", "transfer_out", "restored", *_ENDS_BEFORE)


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except (ValueError, TypeError):
        return None


def owed_months(member: dict, events: list[dict], year: int, as_of: date) -> set[int]:
    """Month indexes of ``year`` the member owed at the unit, as known on ``as_of``."""
    if not is_member(member.get("category")) or member.get("status") == "voided":
        return set()  # not a member, or 录入错误作废: a record that never was true owes nothing
    joined = _day(member.get("join_date"))
    if joined is not None and joined > as_of:
        return set()
    evs = sorted(
        (e for e in events if (_day(e.get("date")) or as_of) <= as_of), key=lambda e: e["date"]
    )
    start: int | None = joined.year * 12 + joined.month if joined else -1
    if evs and evs[0].get("kind") == "transfer_in":
        start = None
    periods: list[tuple[int, int | None]] = []
    for e in evs:
        when, kind = _day(e.get("date")), e.get("kind")
        if when is None:
            continue
        here = when.year * 12 + when.month - 1
        if kind in ("transfer_in", "restored") and start is None:
            paid_to = _month((e.get("details") or {}).get("dues_paid_to"))
            start = paid_to + 1 if kind == "transfer_in" and paid_to is not None else here + 1
        elif start is not None and (kind == "transfer_out" or kind in _ENDS_BEFORE):
            last = here if kind == "transfer_out" else here - 1
            if last >= start:
                periods.append((start, last))
            start = None
    if start is not None:
        end = None
        since = _day(member.get("status_since"))
        status = member.get("status")
        if status in _STATUS_ENDS and since is not None and since <= as_of:
            end = since.year * 12 + since.month - 1 - _STATUS_ENDS[status]
        if end is None or end >= start:
            periods.append((start, end))
    first, last = year * 12, year * 12 + 11
    return {
        m
        for m in range(first, last + 1)
        if any(m >= s and (e is None or m <= e) for s, e in periods)
    }


def _records(tx: Tx, unit: str, entity: str) -> list[dict]:
    return [
        {**json.loads(r["data"]), "id": r["id"], "_voided": r["voided"]}
        for r in tx.all(
            "SELECT id, data, voided FROM records WHERE unit = $1 AND entity = $2", (unit, entity)
        )
    ]


def unit_figures(
    tx: Tx, unit: str, year: int, as_of: date, today: date | None = None
) -> dict[str, Any]:
    """{month 1..12: (due fen, collected fen)}, extra fen, payments counted, for one unit;
    ``today`` is the day in progress (as of it, a month ending today is not due yet)."""
    cap = as_of.year * 12 + as_of.month - 1
    fallen = last_fallen_due(as_of, today)
    iso = as_of.isoformat()
    members = {m["id"]: m for m in _records(tx, unit, "member")}
    events: dict[str, list[dict]] = defaultdict(list)
    for r in tx.all(
        "SELECT member_id, kind, date, data FROM member_events WHERE unit = $1 AND voided = 0 "
        f"AND kind IN ({', '.join(repr(k) for k in EVENT_KINDS)})",
        (unit,),
    ):
        details = json.loads(r["data"]).get("details")
        if isinstance(details, str):
            try:
                details = json.loads(details)
            except ValueError:
                details = {}
        events[r["member_id"]].append(
            {**r, "details": details if isinstance(details, dict) else {}}
        )
    bases: dict[str, dict[int, int]] = defaultdict(dict)  # member → first month index → fen
    for b in _records(tx, unit, "dues_base"):
        if b.get("year") == year and not b["_voided"] and b.get("monthly_fen") is not None:
            first = year * 12 + int(b.get("from_month") or 1) - 1
            bases[str(b.get("member_id"))][first] = int(b["monthly_fen"])
    approvals: dict[str, list[dict]] = defaultdict(list)
    for a in _records(tx, unit, "dues_approval"):
        if not a["_voided"] and not a.get("voided") and str(a.get("approved_on")) <= iso:
            approvals[str(a.get("member_id"))].append(a)
    paid: dict[tuple[str, int], int] = {}
    extra, counted = 0, 0
    one_off: set[str] = set()  # members with one payment of ≥ 1,000 元 自愿多交
    for p in _records(tx, unit, "dues_payment"):
        if p["_voided"] or str(p.get("paid_on")) > iso:
            continue
        if members.get(str(p.get("member_id")), {}).get("status") == "voided":
            continue  # a payment for a member voided as entered in error: in 审核, not counted
        first = _month(p.get("first_month"))
        if first is not None and first // 12 == year:
            extra += int(p.get("extra_fen") or 0)
            counted += 1
            if is_one_off_extra(int(p.get("extra_fen") or 0)):
                one_off.add(str(p.get("member_id")))
        for ln in p.get("lines") or []:
            m = _month(ln.get("month"))
            if m is not None and m // 12 == year:
                paid[(str(p.get("member_id")), m)] = int(ln.get("amount_fen") or 0)
    months = {m: [0, 0] for m in range(1, 13)}
    # 欠交 per month: the owed months not paid (the client's ledger arrears), not due less
    # collected — a payment on a month its payer did not owe settles no one else's month
    owed_fen = dict.fromkeys(range(1, 13), 0)
    for (_mid, m), fen in paid.items():
        months[m % 12 + 1][1] += fen
    roll_month = min(cap, year * 12 + 11)  # who is at the unit on the as-of date
    one_off_here = 0
    founded = founding_month(tx, unit)
    for mid, member in members.items():
        owed = owed_months(member, events.get(mid, []), year, as_of)
        if founded is not None:  # the months before the unit's founding month: owed to no one
            owed = {m for m in owed if m >= founded}
        one_off_here += mid in one_off and roll_month in owed
        for m in owed:
            if m > cap or (m > fallen and (mid, m) not in paid):
                continue  # not yet a member's month, or the month in progress still to pay
            cost = monthly_in_force(bases.get(mid, {}), m)
            for a in approvals.get(mid, []):
                lo, hi = _month(a.get("first_month")), _month(a.get("last_month"))
                if lo is not None and hi is not None and lo <= m <= hi:
                    cost = 0 if a.get("kind") == "exempt" else a.get("monthly_fen")
                    break
            if (mid, m) in paid and cost != 0:  # a paid month costs what was paid on it
                cost = paid[(mid, m)]
            elif (mid, m) not in paid:
                owed_fen[m % 12 + 1] += int(cost or 0)
            months[m % 12 + 1][0] += int(cost or 0)
    return {
        "months": {m: (due, got) for m, (due, got) in months.items()},
        "owed": owed_fen,
        "extra": extra,
        "payments": counted,
        "one_off_extra": one_off_here,
    }


def founding_date(tx: Tx, unit: str) -> date | None:
    """The unit's top organisation's 成立日期 (the org record without a parent), None without
    one."""
    for o in _records(tx, unit, "org"):
        day = founding_day(o.get("founded_on"))
        if not o.get("parent_id") and not o["_voided"] and day is not None:
            return day
    return None


def founding_month(tx: Tx, unit: str) -> int | None:
    """The month index of the unit's 成立日期 (:func:`founding_date`), None without one: no
    month before it is owed (the client's ledger alike)."""
    day = founding_date(tx, unit)
    return None if day is None else day.year * 12 + day.month - 1


def founded_after(tx: Tx, unit: str, year: int) -> bool:
    """Whether the unit's top organisation was founded after ``year``: it has no 党费 for a
    year in which it did not exist (the client's ledger alike)."""
    founded = founding_month(tx, unit)
    return founded is not None and founded // 12 > year


def write_dues_sheet(
    wb, tx: Tx, units: dict[str, str], year: int, as_of: date, today: date | None = None
) -> None:
    """A sheet 党费收缴: a row per unit and month (应交, 实交, 欠交, 收缴率), a total per unit;
    ``units``: each unit's code and name (ztcentral.unit_names), in the sheet's order;
    ``today`` as for ``unit_figures``."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(f"{year}年党费收缴")
    ws.append(
        ["单位", "单位名称", "月份", "应交金额（元）", "实交金额（元）", "欠交金额（元）", "收缴率"]
    )
    for c in ws[1]:
        c.font = Font(bold=True)
    cap = as_of.month if as_of.year == year else (12 if as_of.year > year else 0)
    for unit, name in units.items():
        if founded_after(tx, unit, year):
            continue  # a unit founded after the year: no block of months at 0.00
        f = unit_figures(tx, unit, year, as_of, today)
        due_sum = got_sum = owed_sum = 0
        for m in range(1, cap + 1):
            due, got = f["months"][m]
            owed = f["owed"][m]
            due_sum, got_sum, owed_sum = due_sum + due, got_sum + got, owed_sum + owed
            _row(ws, (unit, name), f"{m}月", due, got, owed)
        _row(ws, (unit, name), "合计", due_sum, got_sum, owed_sum, bold=True)
        if f["extra"]:
            ws.append([unit, name, "另：自愿多交", None, Decimal(f["extra"]) / 100, None, None])
            # 补充资料: members at the unit on the as-of date with one payment whose 自愿多交
            # reached 1,000 元 (the client's ledger counts them alike: domain/dues_statistics.py)
            ws.append(
                [unit, name, "其中一次性多交1000元以上（名）", None, f["one_off_extra"], None, None]
            )
    for col, width in zip("ABCDEFG", (14, 24, 12, 16, 16, 16, 10), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"


def _row(
    ws, unit: tuple[str, str], label: str, due: int, got: int, owed: int, bold: bool = False
) -> None:
    from openpyxl.styles import Font

    rate = round(got / due, 4) if due else None
    ws.append([*unit, label, Decimal(due) / 100, Decimal(got) / 100, Decimal(owed) / 100, rate])
    row = ws.max_row
    for col in "DEF":
        ws[f"{col}{row}"].number_format = "0.00"
    ws[f"G{row}"].number_format = "0.0%"
    if bold:
        for c in ws[row]:
            c.font = Font(bold=True)
