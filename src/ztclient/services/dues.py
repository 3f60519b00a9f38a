"""党费: the rate table in force, bases per member and year, approvals of 少交/免交, payments.

Every change is one outbox op and one audit entry in the same transaction (entities
``dues_base`` create/update, ``dues_approval`` create/void, ``dues_payment`` insert_many/void;
docs/architecture.md). A monthly collection for many members is checked as a whole and written
as one op: all or nothing. The figures are worked out in ``domain.dues_*``; this module reads
and writes rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ztclient.domain import dues_ledger as ledger_rules
from ztclient.domain import dues_months as months_
from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date
from ztclient.domain.dues_money import fmt, parse_amount
from ztclient.domain.dues_rates import Rate, Schedule, schedule_from_doc, shipped_schedule
from ztclient.domain.dues_statistics import DuesCounts
from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.services.changes import Changes
from ztclient.services.dues_bases import BaseBook
from ztclient.services.dues_context import load_member_dues
from ztclient.services.dues_docs import DuesDocuments, ledger_doc, receipt_doc
from ztclient.services.dues_payments import PaymentBook, text_or_none
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store
from ztclient.services.report_models import RenderReport, ReportProvenance

Amount = str | Decimal


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise DomainError("E_DUES_YEAR_RANGE", "year", value=value) from None
    if isinstance(value, bool) or not 2000 <= year <= 2100:
        raise DomainError("E_DUES_YEAR_RANGE", "year", value=value)
    return year


class DuesService:
    def __init__(
        self,
        store: Store,
        journal: Journal,
        clock: Clock,
        documents: DuesDocuments | None = None,
        provenance: Callable[[], ReportProvenance] | None = None,
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.documents = documents
        self.provenance = provenance
        self.book = PaymentBook(store, journal, clock, self._member)
        self.base_book = BaseBook(store, journal, self.schedule, self.rate, self._member, _year)

    # -- the table in force ------------------------------------------------------------------
    def schedule(self) -> Schedule:
        """The dues table: the province's version sent down by the centre when there is a valid
        one newer than the table shipped with the program, else the shipped one."""
        shipped = shipped_schedule()
        row = self.store.read_one(
            "SELECT version, rows FROM sync_code_tables WHERE name = 'dues_kind'"
        )
        if row and int(row["version"]) > shipped.version:
            doc = json.loads(row["rows"] or "null")
            if isinstance(doc, list):
                doc = {"entries": doc}
            if isinstance(doc, dict):
                doc = {**doc, "version": int(row["version"])}
            try:
                return schedule_from_doc(doc)
            except DomainError:
                pass  # a bad table never replaces a good one (the shipped table stays in force)
        return shipped

    def problems(self) -> list[str]:
        """For ``verify``: payments whose months do not add up (amount = the months' amounts +
        自愿多交, voided together) — damage, since the service never writes one."""
        out = []
        for r in self.store.read(
            "SELECT p.id, p.amount_fen, p.extra_fen, p.months, p.voided, "
            "coalesce(sum(pm.amount_fen), 0) AS lines, count(pm.month) AS n, "
            "coalesce(sum(pm.voided != p.voided), 0) AS mixed FROM dues_payments p "
            "LEFT JOIN dues_payment_months pm ON pm.payment_id = p.id GROUP BY p.id "
            "HAVING lines + p.extra_fen != p.amount_fen OR n != p.months OR mixed > 0 LIMIT 5"
        ):
            out.append(f"dues: payment {r['id']} does not add up with its months")
        return out

    def rate(self, kind: str, income: Amount | None = None, monthly: Amount | None = None) -> Rate:
        """The monthly dues for a base, by the table in force (``dues rate``)."""
        schedule = self.schedule()
        code = schedule.find(kind) or table("dues_kind").find(kind) or kind
        return schedule.monthly(
            code,
            income_fen=parse_amount(income, "income") if income not in (None, "") else None,
            monthly_fen=parse_amount(monthly, "monthly") if monthly not in (None, "") else None,
        )

    # -- bases -------------------------------------------------------------------------------
    def _member(self, member_id: str) -> dict[str, Any]:
        row = self.store.read_one(
            "SELECT id, name, category, status FROM members WHERE id = ?", (member_id,)
        )
        if row is None:
            raise DomainError("E_NOT_FOUND", "member", what="member", id=member_id)
        if row["category"] not in months_.MEMBER_CATEGORIES:
            raise DomainError("E_DUES_NOT_MEMBER", "member", name=row["name"])
        return row

    def set_base(
        self,
        member_id: str,
        year: int,
        kind: str,
        income: Amount | None = None,
        monthly: Amount | None = None,
        note: str | None = None,
        from_month: str | None = None,
    ) -> tuple[str, Rate, Changes]:
        """Set (or correct) a member's base for a year from January, or from ``from_month``
        ("YYYY-MM": a change within the year, e.g. a pay rise from July, prices that month on;
        the months before keep the base before). The monthly amount is worked out now."""
        item = {"member_id": member_id, "year": year, "kind": kind, "income": income,
                "monthly": monthly, "note": note, "from_month": from_month}  # fmt: skip
        (base_id, rate), changes = self.set_bases([item], single=True)
        return base_id, rate, changes

    def set_bases(
        self, items: Sequence[Mapping[str, Any]], *, single: bool = False
    ) -> tuple[Any, Changes]:
        """Many bases at once, all or nothing (services/dues_bases.py)."""
        return self.base_book.set_bases(items, single=single)

    def carry_bases(self, from_year: int, to_year: int) -> tuple[int, Changes]:
        """沿用上年基数 (services/dues_bases.py); returns how many were set."""
        return self.base_book.carry(_year(from_year), _year(to_year))

    def void_base(self, base_id: str, reason: str) -> Changes:
        """作废 a base entered by mistake, with a reason (services/dues_bases.py)."""
        return self.base_book.void(base_id, reason)

    def live_base(self, member_id: str, year: int, from_month: str | None = None) -> str:
        """The id of the member's base of ``year`` from ``from_month`` (default January) that
        stands (not voided); E_NOT_FOUND when there is none."""
        year = _year(year)
        first = months_.parse(from_month, "from_month") if from_month else months_.index(year, 1)
        found = self.store.scalar(
            "SELECT id FROM dues_bases WHERE member_id = ? AND year = ? AND from_month = ? "
            "AND voided = 0",
            (member_id, year, first % 12 + 1),
        )
        if found is None or first // 12 != year:
            raise DomainError("E_NOT_FOUND", "from_month", what="dues_base",
                              id=f"{year} {months_.text(first)}")  # fmt: skip
        return str(found)

    def base_history(self, member_id: str, year: int) -> list[dict[str, Any]]:
        """Every base of the member's year, voided ones included (marked), by first month."""
        return self.store.read(
            "SELECT * FROM dues_bases WHERE member_id = ? AND year = ? "
            "ORDER BY from_month, created_at",
            (member_id, _year(year)),
        )

    def bases(self, year: int) -> dict[str, dict[str, Any]]:
        """Each member's base of ``year`` in force in December (the latest one)."""
        rows = self.store.read(
            "SELECT * FROM dues_bases WHERE year = ? AND voided = 0 ORDER BY from_month",
            (_year(year),),
        )
        return {r["member_id"]: r for r in rows}

    # -- approvals (少交 / 免交) -----------------------------------------------------------------
    def add_approval(
        self,
        member_id: str,
        kind: str,
        first_month: str,
        last_month: str,
        approved_on: str | date,
        reason: str,
        monthly: Amount | None = None,
        approver: str | None = None,
    ) -> tuple[str, Changes]:
        """Record the branch's approval to pay less (``reduce``) or nothing (``exempt``)."""
        self._member(member_id)
        if not text_or_none(reason):
            raise DomainError("E_FIELD_REQUIRED", "reason")
        first, last = months_.parse(first_month, "first"), months_.parse(last_month, "last")
        day = parse_date(approved_on, "approved_on")
        monthly_fen = parse_amount(monthly, "monthly") if kind == "reduce" and monthly else None
        ledger_rules.check_approval(kind, first, last, monthly_fen, day, self.clock.today())
        if kind == "reduce" and monthly_fen is not None:
            self._check_reduction(member_id, first, last, monthly_fen)
        ctx = load_member_dues(self.store, member_id, self.clock.today())
        for a in ctx.approvals:
            if a.first <= last and first <= a.last:
                month = months_.text(max(first, a.first))
                raise DomainError("E_DUES_APPROVAL_OVERLAP", "first", month=month)
        paid = sorted(m for m in ctx.paid_months if first <= m <= last)
        if kind == "exempt" and paid:
            # a paid month cannot be exempt too (a payment for an exempt month is refused)
            raise DomainError("E_DUES_APPROVAL_PAID", "first", month=months_.text(paid[0]))
        approval_id = uuid7()
        row = {
            "id": approval_id,
            "member_id": member_id,
            "kind": kind,
            "first_month": months_.text(first),
            "last_month": months_.text(last),
            "monthly_fen": monthly_fen,
            "approved_on": day.isoformat(),
            "approver": text_or_none(approver),
            "reason": text_or_none(reason),
        }
        with self.store.transaction() as tx:
            tx.insert(
                "dues_approvals",
                {**row, "voided": 0, "void_reason": None, "created_at": self.journal.timestamp()},
            )
            self.journal.record(
                tx, entity="dues_approval", record_id=approval_id, op="create", fields=row
            )
        return approval_id, Changes(dues=True)

    def _check_reduction(self, member_id: str, first: int, last: int, monthly_fen: int) -> None:
        """少交 is less than the standard: an approved amount not below the monthly dues of a
        month it covers (by the base in force in it, where one is set) is no reduction
        (E_DUES_REDUCE_NOT_LESS)."""
        bases = load_member_dues(self.store, member_id, self.clock.today()).bases
        for month in range(first, last + 1):
            standard = ledger_rules.monthly_in_force(bases, month)
            if standard is not None and monthly_fen >= standard:
                raise DomainError(
                    "E_DUES_REDUCE_NOT_LESS", "monthly", amount=fmt(monthly_fen),
                    year=month // 12, standard=fmt(standard),
                )  # fmt: skip

    def void_approval(self, approval_id: str, reason: str) -> Changes:
        return self.book.void("dues_approvals", "dues_approval", approval_id, reason)

    # -- payments ----------------------------------------------------------------------------
    def collect(self, payments: Sequence[Mapping[str, Any]]) -> tuple[list[str], Changes]:
        """The monthly collection: many members' payments checked together and written as one
        outbox op, all or nothing (see services/dues_payments.py for the item keys)."""
        return self.book.collect(payments)

    def back_pay_warnings(self, payments: Sequence[Mapping[str, Any]]) -> list[DomainError]:
        """W_DUES_BACK_PAY for each payment reaching more than six months back, naming the
        member: said, not refused (see services/dues_payments.py)."""
        return self.book.back_pay_warnings(payments)

    def void_payment(self, payment_id: str, reason: str) -> Changes:
        """Void a payment recorded by mistake: its months are unpaid again."""
        return self.book.void("dues_payments", "dues_payment", payment_id, reason)

    def pay(
        self,
        member_id: str,
        month: str,
        amount: Amount,
        paid_on: str | date,
        *,
        months: int = 1,
        way: str = "cash",
        receipt_no: str | None = None,
        extra: bool = False,
        note: str | None = None,
    ) -> tuple[str, Changes]:
        """One member's payment for ``months`` months from ``month`` (``dues pay``)."""
        ids, changes = self.collect(
            [
                {
                    "member_id": member_id,
                    "month": month,
                    "months": months,
                    "amount": amount,
                    "paid_on": paid_on,
                    "way": way,
                    "receipt_no": receipt_no,
                    "extra": extra,
                    "note": note,
                }
            ]
        )
        return ids[0], changes

    # -- reading -----------------------------------------------------------------------------
    def default_as_of(self, year: int) -> date:
        """Today for this year (or a later one), 31 December for a past year."""
        today = self.clock.today()
        return today if year >= today.year else date(year, 12, 31)

    def ledger(self, year: int, as_of: str | date | None = None, org_id: str | None = None):
        """The year's ledger (services.dues_ledger.Ledger) as of a date (default: today, or
        31 December of a past year). A date not yet come is today: what will be paid by then is
        not known, and as of 31 December on the 3rd every unpaid December would read 欠交 (the
        other reports alike, cli/commands_documents.py). A year not begun (E_DUES_YEAR_AHEAD) or a
        date before the year (E_DUES_AS_OF_BEFORE_YEAR) is refused: its ledger would be blank,
        not a figure."""
        from ztclient.services.dues_ledger import build_ledger

        year = _year(year)
        today = self.clock.today()
        day = min(parse_date(as_of, "as_of") if as_of else self.default_as_of(year), today)
        if year > today.year:  # a ledger of months not begun: every cell would be blank
            raise DomainError("E_DUES_YEAR_AHEAD", "year", year=year, today=today.isoformat())
        if day < date(year, 1, 1):
            raise DomainError("E_DUES_AS_OF_BEFORE_YEAR", "as_of", year=year, as_of=day.isoformat())
        return build_ledger(self.store, year, day, org_id, today)

    def supplementary(self, ledger) -> DuesCounts:
        """The ledger's 补充资料 counts (按时按标准, 少交, 免交, 一次性多交1000元以上)."""
        from ztclient.services.dues_statistics import supplementary

        return supplementary(self.store, ledger)

    def has_bases(self, year: int) -> bool:
        """Whether any base is kept for ``year`` (a year kept on paper has none)."""
        return bool(
            self.store.scalar(
                "SELECT 1 FROM dues_bases WHERE year = ? AND voided = 0 LIMIT 1", (year,)
            )
        )

    def behind(self, as_of: date | None = None, at_least: int = 3):
        """Members with ``at_least`` finished months unpaid in a row (the due list)."""
        from ztclient.services.dues_ledger import members_behind

        today = self.clock.today()
        return members_behind(self.store, as_of or today, at_least, today)

    def paid_through(self, member_id: str) -> str | None:
        """党费交至 for a transfer letter (介绍信): the last month paid with every owed month
        before it paid or exempt ("YYYY-MM"), or None when nothing was ever paid."""
        ctx = load_member_dues(self.store, member_id, self.clock.today())
        if not ctx.paid_months:
            return None
        settled = ctx.paid_months | ctx.exempt_months(
            range(min(ctx.paid_months), max(ctx.paid_months) + 1)
        )
        m, last = min(ctx.paid_months), None
        while m in settled or m not in ctx.belongs([m]):
            if m in settled:
                last = m
            m += 1
            if m > max(settled):
                break
        return months_.text(last) if last is not None else None

    def payments(self, member_id: str | None = None, year: int | None = None) -> list[dict]:
        """Payments, newest first, with the member's name (voided ones included, marked)."""
        clauses, params = [], []
        if member_id:
            clauses.append("p.member_id = ?")
            params.append(member_id)
        if year:
            clauses.append("p.first_month BETWEEN ? AND ?")
            params += [f"{_year(year)}-01", f"{year}-12"]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self.store.read(
            "SELECT p.*, m.name FROM dues_payments p JOIN members m ON m.id = p.member_id"
            f"{where} ORDER BY p.paid_on DESC, p.created_at DESC",
            params,
        )

    def approvals(self, member_id: str | None = None) -> list[dict]:
        where, params = ("WHERE a.member_id = ?", [member_id]) if member_id else ("", [])
        return self.store.read(
            "SELECT a.*, m.name FROM dues_approvals a JOIN members m ON m.id = a.member_id "
            f"{where} ORDER BY a.first_month DESC",
            params,
        )

    # -- documents ---------------------------------------------------------------------------
    def _port(self) -> tuple[DuesDocuments, ReportProvenance]:
        if self.documents is None or self.provenance is None:
            raise DomainError("E_INVALID", what="documents")
        return self.documents, self.provenance()

    def export_ledger(
        self,
        year: int,
        out: Path,
        as_of: str | date | None = None,
        org_id: str | None = None,
    ) -> int:
        """党费收缴台账 as XLSX (a row a member, a column a month, totals); returns the rows.
        The export holds incomes, so it is an audit entry."""
        documents, prov = self._port()
        ledger = self.ledger(year, as_of, org_id)
        scope = prov.unit_name
        if org_id:
            scope = self.store.scalar("SELECT name FROM orgs WHERE id = ?", (org_id,)) or scope
        doc = ledger_doc(ledger, prov, scope, self.schedule(), self.supplementary(ledger))
        documents.write_dues_ledger(doc, Path(out))
        with self.store.transaction() as tx:
            details = {
                "year": ledger.year,
                "as_of": ledger.as_of.isoformat(),
                "rows": len(doc.rows),
            }
            self.journal.audit(tx, "dues.export", f"file:{Path(out).name}", details)
        return len(doc.rows)

    def print_receipt(self, payment_id: str, out: Path) -> RenderReport:
        """党费收据 for one payment (PDF). A voided payment has no receipt."""
        documents, prov = self._port()
        p = self.store.read_one(
            "SELECT p.*, m.name, o.name AS org_name FROM dues_payments p "
            "JOIN members m ON m.id = p.member_id LEFT JOIN orgs o ON o.id = m.org_id "
            "WHERE p.id = ?",
            (payment_id,),
        )
        if p is None:
            raise DomainError("E_NOT_FOUND", what="dues_payment", id=payment_id)
        if p["voided"]:
            raise DomainError("E_VOIDED", id=payment_id)
        amounts = set(
            self.store.column(
                "SELECT amount_fen FROM dues_payment_months WHERE payment_id = ?", (payment_id,)
            )
        )
        monthly = amounts.pop() if len(amounts) == 1 else None
        return documents.render_dues_receipt(receipt_doc(prov.unit_name, p, monthly), Path(out))

    def collection(self, month: str, months: int = 1) -> list[dict[str, Any]]:
        """The monthly collection sheet (services.dues_ledger.collection_sheet)."""
        from ztclient.services.dues_ledger import collection_sheet

        first = months_.parse(month)
        count = max(1, min(int(months), ledger_rules.MAX_MONTHS_PER_PAYMENT))
        return collection_sheet(self.store, first, count, self.clock.today())
