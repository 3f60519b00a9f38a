"""党费台账 (the dues ledger of a year, as of a date) and the members behind with their dues.

One ledger feeds the 党费 page, ``dues ledger --json``, the ledger XLSX and the due list, so
their figures are the same by construction. The rules are ``domain.dues_ledger``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_ledger import (
    MemberYear,
    MonthState,
    last_fallen_due,
    member_year,
    overdue_run,
)
from ztclient.domain.dues_money import fmt
from ztclient.services.dues_context import founding_month, load_year
from ztclient.services.ports import Store


@dataclass(frozen=True)
class LedgerLine:
    member_id: str
    name: str
    org_id: str | None
    org_name: str
    category: str
    status: str
    kind: str | None  # dues_kind of the year's base
    income_fen: int | None
    dues: MemberYear

    def to_dict(self) -> dict[str, Any]:
        return {
            "member_id": self.member_id,
            "name": self.name,
            "org": self.org_name,
            "kind": self.kind,
            "income": fmt(self.income_fen),
            **self.dues.to_dict(),
        }


@dataclass(frozen=True)
class Ledger:
    year: int
    as_of: date
    org_id: str | None
    lines: list[LedgerLine]
    # month index of the last month fallen due as of the ledger (last_fallen_due(as_of, today)):
    # what its cells were judged by, so a reader of the ledger (behind_in, the due list) need
    # not judge again
    fallen: int

    def month_totals(self) -> dict[int, tuple[int, int]]:
        """Month 1..12 → (due, collected) in fen: what the months owed by the as-of date cost,
        and what payments put on them."""
        out = {m: (0, 0) for m in range(1, 13)}
        for line in self.lines:
            for m, cell in line.dues.months.items():
                owed = (cell.amount_fen or 0) if line.dues.counts_as_due(m) else 0
                due, got = out[m]
                out[m] = (due + owed, got + (cell.paid_fen or 0))
        return out

    def month_arrears(self) -> dict[int, int]:
        """Month 1..12 → 欠交 in fen: what the months owed by the as-of date and not paid cost
        (the ledger's arrears, month by month). Not due less collected: a payment on a month
        its payer did not owe (paid ahead, then died or left) settles no one else's month."""
        out = dict.fromkeys(range(1, 13), 0)
        for line in self.lines:
            for m, cell in line.dues.months.items():
                if cell.status == "unpaid":
                    out[m] += cell.amount_fen or 0
        return out

    def totals(self) -> dict[str, Any]:
        d = [ln.dues for ln in self.lines]
        owed = self.month_arrears()
        return {
            "members": len(d),
            "months_due": sum(x.months_due for x in d),
            "due": fmt(sum(x.due_fen for x in d)),
            "months_paid": sum(x.months_paid for x in d),
            "paid": fmt(sum(x.paid_fen for x in d)),
            "extra": fmt(sum(x.extra_fen for x in d)),
            "arrears_months": sum(x.arrears_months for x in d),
            "arrears": fmt(sum(x.arrears_fen for x in d)),
            "members_in_arrears": sum(1 for x in d if x.arrears_months),
            # the as-of month still to pay (待交): payable within it, not in arrears yet
            "pending": fmt(
                sum(
                    c.amount_fen or 0 for x in d for c in x.months.values() if c.status == "pending"
                )
            ),
            "members_pending": sum(
                1 for x in d if any(c.status == "pending" for c in x.months.values())
            ),
            "members_without_base": sum(1 for x in d if x.no_base),
            "by_month": {
                f"{m:02d}": {"due": fmt(due), "paid": fmt(got), "arrears": fmt(owed[m])}
                for m, (due, got) in self.month_totals().items()
            },
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "members": [ln.to_dict() for ln in self.lines],
            "totals": self.totals(),
        }


def build_ledger(
    store: Store, year: int, as_of: date, org_id: str | None = None, today: date | None = None
) -> Ledger:
    """The ledger of ``year`` as of ``as_of``: one line per member who owed or paid dues at the
    unit that year, in roster order. ``today`` is the day in progress: a ledger as of it is as
    of now (a month ending today is 待交 until the day is out) and reads less. A unit (or
    the organisation ``org_id``) whose 成立日期 falls after the year has no ledger for it: it did
    not exist then, so no one owed it anything (its lines would all be months at 0.00). In the
    year it was founded, the months before its founding month are owed by no one either; the
    founding month is (docs/domain-rules.md, 党费 across devices and dates)."""
    founded = founding_month(store, org_id)
    fallen = last_fallen_due(as_of, today)
    if founded is not None and founded > months_.index(year, 12):
        return Ledger(year, as_of, org_id, [], fallen)
    data = load_year(store, year, as_of, org_id, today)
    lines = []
    for m in data.members:
        mid = m["id"]
        member_months = months_.months_in_year(
            months_.periods(m, data.events.get(mid, []), as_of), year
        )
        if founded is not None:
            member_months = [i for i in member_months if i >= founded]
        paid = data.paid.get(mid, {})
        if not member_months and not paid:
            continue
        rows = data.bases.get(mid, [])
        dues = member_year(
            year,
            as_of,
            member_months,
            {months_.index(year, int(b["from_month"])): int(b["monthly_fen"]) for b in rows},
            data.approvals.get(mid, []),
            paid,
            data.extra.get(mid, 0),
            today,
        )
        lines.append(
            LedgerLine(
                mid,
                m["name"],
                m["org_id"],
                m.get("org_name") or "",
                m["category"],
                m["status"],
                base["kind"] if (base := _in_force(rows, year, as_of)) else None,
                base["income_fen"] if base else None,
                dues,
            )
        )
    return Ledger(year, as_of, org_id, lines, fallen)


def _in_force(rows: list[dict[str, Any]], year: int, as_of: date) -> dict[str, Any] | None:
    """Of a member's bases of ``year`` (by first month), the one in force on the as-of date
    (in December for a past year; the first one before it starts)."""
    month = min(max(as_of.month if as_of.year == year else 12 * (as_of.year > year), 1), 12)
    held = [b for b in rows if int(b["from_month"]) <= month]
    return held[-1] if held else (rows[0] if rows else None)


@dataclass(frozen=True)
class Behind:
    """A member with unpaid months in a row up to the last finished month."""

    member_id: str
    name: str
    org_name: str
    months: int  # consecutive unpaid finished months
    arrears_fen: int  # all that is owed, this year and last


def members_behind(
    store: Store, as_of: date, at_least: int = 3, today: date | None = None
) -> list[Behind]:
    """Members with ``at_least`` finished months unpaid in a row as of ``as_of`` (the run may
    reach back into last year). Only years with a base count: dues of a year the unit kept
    elsewhere (before it used the program) are not called arrears. Worst first."""
    years = [as_of.year]
    if store.scalar(
        "SELECT 1 FROM dues_bases WHERE year = ? AND voided = 0 LIMIT 1", (as_of.year - 1,)
    ):
        years.insert(0, as_of.year - 1)  # a year kept on paper has no base: nothing to read
    ledgers = [build_ledger(store, y, as_of, today=today) for y in years]
    return behind_in(ledgers, at_least)


def behind_in(ledgers: list[Ledger], at_least: int = 3) -> list[Behind]:
    """``members_behind`` over ledgers already built as of one day (last year's and this
    year's): a run ends at the month they judged last fallen due."""
    states: dict[str, dict[int, str]] = {}
    owed: dict[str, int] = {}
    who: dict[str, LedgerLine] = {}
    for ledger in ledgers:
        for line in ledger.lines:
            if line.dues.monthly_fen is None:
                continue  # a year without a base is not being kept here (e.g. before the program)
            cells = states.setdefault(line.member_id, {})
            for m, cell in line.dues.months.items():
                cells[months_.index(ledger.year, m)] = cell.status
            owed[line.member_id] = owed.get(line.member_id, 0) + line.dues.arrears_fen
            who[line.member_id] = line
    last_finished = ledgers[-1].fallen
    out = []
    for mid, cells in states.items():
        run = overdue_run(cells, last_finished)
        if run >= at_least:
            ln = who[mid]
            out.append(Behind(mid, ln.name, ln.org_name, run, owed[mid]))
    out.sort(key=lambda b: (-b.months, b.name))
    return out


def collection_sheet(store: Store, first: int, count: int, today: date) -> list[dict[str, Any]]:
    """The monthly collection: members who owe every one of ``count`` months from month index
    ``first`` (a member here, not paid, not exempt, with a base), in roster order, with what
    those months cost — the 按月收缴 dialog fills its rows from this."""
    wanted = list(range(first, first + count))
    cells: dict[str, dict[int, MonthState]] = {}
    names: dict[str, tuple[str, str]] = {}
    for y in sorted({m // 12 for m in wanted}):
        for line in build_ledger(store, y, max(today, date(y, 12, 31)), today=today).lines:
            names[line.member_id] = (line.name, line.org_name)
            row = cells.setdefault(line.member_id, {})
            for m, cell in line.dues.months.items():
                row[months_.index(y, m)] = cell
    out = []
    for mid, row in cells.items():
        picked = [row[m] for m in wanted if m in row]
        if len(picked) < count or any(
            c.status not in ("unpaid", "pending", "upcoming") for c in picked
        ):
            continue
        amounts = [c.amount_fen for c in picked if c.amount_fen is not None]
        if len(amounts) < count:
            continue  # no base for a year: set it first
        name, org = names[mid]
        total = sum(amounts)
        out.append({"member_id": mid, "name": name, "org_name": org, "amount": fmt(total)})
    return out
