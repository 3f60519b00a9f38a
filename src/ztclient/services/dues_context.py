"""What the dues rules need to know about members, read from the store in one go.

``load_member_dues`` serves one payment check; ``load_year`` serves the ledger of a whole unit
(3,000 members: five queries, no per-member round trips). Both turn rows into the domain's
plain values (month indexes, fen, ``Approval``) so the rules never see SQL.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_ledger import Approval, amount_for, approval_for, monthly_in_force
from ztclient.services.org_scope import members_under
from ztclient.services.ports import Store
from ztprotocol.roll import MEMBER_SQL

# The events that start or end owing dues at this unit (domain/dues_months.py).
EVENT_KINDS = (
    "transfer_in", "transfer_out", "exited", "deceased", "suspended", "restored",
    "probation_revoked",
)  # fmt: skip
_EVENT_SQL = (
    "SELECT member_id, kind, date, details, voided FROM member_events WHERE voided = 0 "
    f"AND kind IN ({', '.join(repr(k) for k in EVENT_KINDS)})"
)


@dataclass
class MemberDues:
    """One member's dues situation: months at the unit, bases, approvals, months paid."""

    member: dict[str, Any]
    periods: list[months_.Period]
    bases: dict[int, int] = field(default_factory=dict)  # month index from → monthly fen
    approvals: list[Approval] = field(default_factory=list)
    paid_months: set[int] = field(default_factory=set)

    def belongs(self, wanted: Iterable[int]) -> set[int]:
        years = {m // 12 for m in wanted}
        inside = {m for y in years for m in months_.months_in_year(self.periods, y)}
        return {m for m in wanted if m in inside}

    def amount(self, month: int) -> int | None:
        return amount_for(monthly_in_force(self.bases, month), approval_for(self.approvals, month))

    def exempt_months(self, wanted: Iterable[int]) -> set[int]:
        return {
            m
            for m in wanted
            if (a := approval_for(self.approvals, m)) is not None and a.kind == "exempt"
        }


def _details(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def approval_from_row(r: dict[str, Any]) -> Approval:
    return Approval(
        kind=r["kind"],
        first=months_.parse(r["first_month"]),
        last=months_.parse(r["last_month"]),
        approved_on=date.fromisoformat(r["approved_on"]),
        monthly_fen=r["monthly_fen"],
        id=r["id"],
    )


def load_member_dues(store: Store, member_id: str, as_of: date) -> MemberDues:
    member = store.read_one(
        "SELECT id, name, category, status, status_since, join_date FROM members WHERE id = ?",
        (member_id,),
    ) or {"id": member_id}
    events = [
        {**e, "details": _details(e["details"])}
        for e in store.read(_EVENT_SQL + " AND member_id = ?", (member_id,))
    ]
    bases = {
        months_.index(int(r["year"]), int(r["from_month"])): int(r["monthly_fen"])
        for r in store.read(
            "SELECT year, from_month, monthly_fen FROM dues_bases WHERE member_id = ? "
            "AND voided = 0",
            (member_id,),
        )
    }
    approvals = [
        approval_from_row(r)
        for r in store.read(
            "SELECT * FROM dues_approvals WHERE member_id = ? AND voided = 0", (member_id,)
        )
    ]
    paid = {
        months_.parse(m)
        for m in store.column(
            "SELECT month FROM dues_payment_months WHERE member_id = ? AND voided = 0",
            (member_id,),
        )
    }
    return MemberDues(member, months_.periods(member, events, as_of), bases, approvals, paid)


def base_months(store: Store, member_id: str, year: int) -> set[int]:
    """The month indexes the member's bases of ``year`` hold from."""
    return {
        months_.index(year, int(m))
        for m in store.column(
            "SELECT from_month FROM dues_bases WHERE member_id = ? AND year = ? AND voided = 0",
            (member_id, year),
        )
    }


def founding_day(store: Store, org_id: str | None = None) -> str | None:
    """The unit's top organisation's 成立日期, or ``org_id``'s, whichever is later (None when
    neither has one): no 党费 is owed for a month before its month (docs/domain-rules.md)."""
    ids = [i for i in (store.get_meta("root_org_id"), org_id) if i]
    if not ids:
        return None
    marks = ", ".join("?" * len(ids))
    day = store.scalar(
        f"SELECT max(founded_on) FROM orgs WHERE id IN ({marks}) AND founded_on IS NOT NULL",
        tuple(ids),
    )
    return str(day)[:10] if day else None


def founding_month(store: Store, org_id: str | None = None) -> int | None:
    """The month index of ``founding_day``: the first month anyone owes."""
    day = founding_day(store, org_id)
    return months_.parse(day[:7]) if day else None


@dataclass
class YearData:
    """Everything the ledger of one year reads, keyed by member id."""

    members: list[dict[str, Any]]
    events: dict[str, list[dict[str, Any]]]
    bases: dict[str, list[dict[str, Any]]]  # member → the year's bases by first month
    approvals: dict[str, list[Approval]]
    paid: dict[str, dict[int, int]]  # member → month index → fen
    extra: dict[str, int]  # member → 自愿多交 on payments starting in the year


def load_year(
    store: Store, year: int, as_of: date, org_id: str | None = None, today: date | None = None
) -> YearData:
    """The rows of one year's ledger as of a date (payments and approvals recorded with a later
    date are left out, so a ledger as of a past date does not change). With ``today`` given and
    ``as_of`` not before it, every payment counts (none is dated in the future: the service
    refuses that), so the months are read without looking each payment's date up."""
    clause, params = "", list[Any]()
    if org_id:
        # the organisation and every level under it (a 党委's 党总支, their branches and groups)
        condition, params = members_under(org_id)
        clause = " AND " + condition
    members = store.read(
        "SELECT m.id, m.name, m.org_id, m.category, m.status, m.status_since, m.join_date, "
        "o.name AS org_name FROM members m JOIN member_search s ON s.member_id = m.id "
        "LEFT JOIN orgs o ON o.id = m.org_id "
        f"WHERE m.category IN {MEMBER_SQL}{clause} ORDER BY s.sort_key, m.id",
        params,
    )
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in store.read(_EVENT_SQL + " AND date <= ?", (as_of.isoformat(),)):
        events[e["member_id"]].append({**e, "details": _details(e["details"])})
    bases: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.read(
        "SELECT * FROM dues_bases WHERE year = ? AND voided = 0 ORDER BY from_month", (year,)
    ):
        bases[r["member_id"]].append(r)
    approvals: dict[str, list[Approval]] = defaultdict(list)
    for r in store.read(
        "SELECT * FROM dues_approvals WHERE voided = 0 AND first_month <= ? AND last_month >= ? "
        "AND approved_on <= ?",
        (f"{year}-12", f"{year}-01", as_of.isoformat()),
    ):
        approvals[r["member_id"]].append(approval_from_row(r))
    paid: dict[str, dict[int, int]] = defaultdict(dict)
    # The month index is worked out in SQL (months are stored "YYYY-MM"): a committee's year is
    # ~30,000 rows, and the ledger is what the 党费 page and the 工作台 wait for.
    sql = (
        "SELECT pm.member_id, CAST(substr(pm.month, 6, 2) AS INTEGER) - 1 AS m, pm.amount_fen "
        "FROM dues_payment_months pm JOIN dues_payments p ON p.id = pm.payment_id "
        "WHERE pm.voided = 0 AND pm.month BETWEEN ? AND ? AND p.paid_on <= ?"
    )
    month_params: tuple[Any, ...] = (f"{year}-01", f"{year}-12", as_of.isoformat())
    if today is not None and as_of >= today:
        sql = (
            "SELECT member_id, CAST(substr(month, 6, 2) AS INTEGER) - 1 AS m, amount_fen "
            "FROM dues_payment_months WHERE voided = 0 AND month BETWEEN ? AND ?"
        )
        month_params = month_params[:2]
    for r in store.read(sql, month_params):
        paid[r["member_id"]][year * 12 + r["m"]] = r["amount_fen"]
    extra = {
        r["member_id"]: int(r["extra"])
        for r in store.read(
            "SELECT member_id, sum(extra_fen) AS extra FROM dues_payments WHERE voided = 0 "
            "AND extra_fen > 0 AND first_month BETWEEN ? AND ? AND paid_on <= ? GROUP BY 1",
            (f"{year}-01", f"{year}-12", as_of.isoformat()),
        )
    }
    return YearData(members, events, bases, approvals, paid, extra)
