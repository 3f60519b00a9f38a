"""党费交纳记录 (payments): the check of a collection and its writing as one outbox op.

Split from services/dues.py (which the UI and CLI call): a collection of many members is checked
item by item, every problem listed with its row, and written all or nothing; a payment or an
approval recorded by mistake is voided with a reason, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import dues_ledger as ledger_rules
from ztclient.domain import dues_months as months_
from ztclient.domain import dues_receipts as receipts_
from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date
from ztclient.domain.dues_money import parse_amount
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.services.changes import Changes
from ztclient.services.dues_context import MemberDues, founding_day, load_member_dues
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store


def text_or_none(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


_YES = ("true", "yes", "y", "1", "是", "√")
_NO = ("false", "no", "n", "0", "否", "")


def _yes_no(value: Any) -> bool:
    """自愿多交 of a collection's item: true/false (JSON), or the text of one (是/否 too); the
    text "false" is no (``bool("false")`` is not). Anything else is E_DUES_EXTRA_FORMAT."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().casefold() if isinstance(value, str) else None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise DomainError("E_DUES_EXTRA_FORMAT", "extra", value=str(value))


class PaymentBook:
    """Writes payments; ``member_check`` refuses an unknown member or a non-member."""

    def __init__(
        self,
        store: Store,
        journal: Journal,
        clock: Clock,
        member_check: Callable[[str], dict[str, Any]],
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self._member = member_check

    def collect(self, payments: Sequence[Mapping[str, Any]]) -> tuple[list[str], Changes]:
        """The monthly collection: many members' payments checked together and written as one
        outbox op, all or nothing. Each item: member_id, month ("YYYY-MM"), months (1),
        amount (text), paid_on, way (cash), receipt_no, extra (False), note."""
        if not payments:
            raise DomainError("E_FIELD_REQUIRED", "member")
        today = self.clock.today()
        rows, errors = [], []
        taken: set[tuple[str, int]] = set()
        receipts: dict[int, Iterator[str]] = {}  # numbered by the year paid
        seen_receipts: set[str] = set()
        several = len(payments) > 1  # a single payment's errors need no row number
        contexts: dict[str, MemberDues] = {}
        founded = founding_day(self.store)
        for i, item in enumerate(payments):
            try:
                row = self._check_payment(item, today, contexts, taken, founded)
                if row["receipt_no"] is None:
                    year = int(row["paid_on"][:4])
                    row["receipt_no"] = next(receipts.setdefault(year, self._next_receipts(year)))
                self._check_receipt(row["receipt_no"], seen_receipts)
                rows.append(row)
            except DomainError as exc:
                found = exc.errors if isinstance(exc, ValidationErrors) else [exc]
                for e in found:
                    if several:
                        e.params.setdefault("row", i + 1)
                errors += found
        if errors:
            # a collection lists its problems by row; a single payment's one problem is itself
            raise errors[0] if len(errors) == 1 and not several else ValidationErrors(errors)
        batch_id = rows[0]["id"]
        now = self.journal.timestamp()
        with self.store.transaction() as tx:
            for row in rows:
                lines = row["lines"]
                tx.insert(
                    "dues_payments",
                    {
                        **{k: v for k, v in row.items() if k != "lines"},
                        "batch_id": batch_id,
                        "voided": 0,
                        "void_reason": None,
                        "created_at": now,
                    },
                )
                tx.insert_many(
                    "dues_payment_months",
                    [
                        {
                            "payment_id": row["id"],
                            "member_id": row["member_id"],
                            "month": ln["month"],
                            "amount_fen": ln["amount_fen"],
                            "voided": 0,
                        }
                        for ln in lines
                    ],
                )
            self.journal.record(
                tx,
                entity="dues_payment",
                record_id=batch_id,
                op="insert_many",
                fields={"rows": rows},
            )
        return [r["id"] for r in rows], Changes(dues=True)

    def back_pay_warnings(self, payments: Sequence[Mapping[str, Any]]) -> list[DomainError]:
        """W_DUES_BACK_PAY (domain.dues_ledger.back_pay_warning) for each payment that reaches
        more than six months back before the month it is paid in, with the member's ``name``
        and ``member_id`` in its params: a norm, so it is said, never refused — ``collect``
        records the payments all the same. Items ``collect`` would refuse are left to it."""
        out: list[DomainError] = []
        names: dict[str, str] = {}
        for item in payments:
            count = item.get("months", 1)
            try:
                first = months_.parse(str(item.get("month") or ""), "month")
                paid_on = parse_date(item.get("paid_on") or "", "paid_on")
            except DomainError:
                continue
            if type(count) is not int:
                continue
            warn = ledger_rules.back_pay_warning(first, count, paid_on)
            if warn is None:
                continue
            member_id = str(item.get("member_id") or "")
            if member_id not in names:
                names[member_id] = str(
                    self.store.scalar("SELECT name FROM members WHERE id = ?", (member_id,))
                    or member_id
                )
            warn.params.update(name=names[member_id], member_id=member_id)
            out.append(warn)
        return out

    def _check_payment(
        self,
        item: Mapping[str, Any],
        today: date,
        contexts: dict[str, MemberDues],
        taken: set[tuple[str, int]],
        founded: str | None = None,
    ) -> dict[str, Any]:
        problems: list[DomainError] = []

        def attempt(fn, *args, **kw):
            try:
                return fn(*args, **kw)
            except DomainError as exc:
                problems.append(exc)
                return None

        member_id = str(item.get("member_id") or "")
        member = attempt(self._member, member_id)
        first = attempt(months_.parse, item.get("month"), "month")
        count = item.get("months", 1)
        if type(count) is not int or not 1 <= count <= ledger_rules.MAX_MONTHS_PER_PAYMENT:
            problems.append(DomainError("E_DUES_MONTHS_RANGE", "months", value=count))
        amount = attempt(parse_amount, item.get("amount") or "", "amount")
        paid_on = attempt(parse_date, item.get("paid_on") or "", "paid_on")
        if paid_on is not None and paid_on > today:
            problems.append(
                DomainError("E_DATE_FUTURE", "paid_on", what="paid_on", date=paid_on.isoformat())
            )
        way = attempt(table("dues_way").code_for, item.get("way") or "cash", "way")
        extra = attempt(_yes_no, item.get("extra"))
        if problems:
            raise ValidationErrors(problems)
        assert member is not None and first is not None and amount is not None
        if member_id not in contexts:
            contexts[member_id] = load_member_dues(self.store, member_id, today)
        ctx = contexts[member_id]
        joined = ctx.member.get("join_date")
        if paid_on is not None and joined and paid_on.isoformat() < str(joined)[:10]:
            # no one pays dues before being a member: a slip of the year, most likely
            raise DomainError(
                "E_DUES_PAID_BEFORE_JOIN", "paid_on", date=paid_on.isoformat(),
                join_date=str(joined)[:10],
            )  # fmt: skip
        if founded is not None and first < months_.parse(founded[:7]):
            # owed by no one: the unit did not exist yet (docs/domain-rules.md, founding month)
            raise DomainError("E_DUES_MONTH_BEFORE_FOUNDED", "month", month=months_.text(first),
                              founded=founded)  # fmt: skip
        wanted = list(range(first, first + count))
        for m in wanted:  # the same month twice in one collection
            if (member_id, m) in taken:
                raise DomainError("E_DUES_MONTH_PAID", "month", month=months_.text(m))
        lines, extra_fen = ledger_rules.plan_payment(
            wanted,
            belongs=ctx.belongs(wanted),
            paid=ctx.paid_months,
            amounts={m: ctx.amount(m) for m in wanted},
            exempt=ctx.exempt_months(wanted),
            amount_fen=amount,
            extra=bool(extra),
        )
        taken.update((member_id, m) for m in wanted)
        return {
            "id": uuid7(),
            "member_id": member_id,
            "first_month": months_.text(first),
            "months": count,
            "amount_fen": amount,
            "extra_fen": extra_fen,
            "paid_on": paid_on.isoformat() if paid_on else None,
            "way": way,
            "receipt_no": text_or_none(item.get("receipt_no")),
            "note": text_or_none(item.get("note")),
            "lines": [{"month": months_.text(m), "amount_fen": f} for m, f in lines],
        }

    def _check_receipt(self, receipt_no: str, seen: set[str]) -> None:
        used = self.store.scalar(
            "SELECT 1 FROM dues_payments WHERE receipt_no = ? AND voided = 0", (receipt_no,)
        )
        if used or receipt_no in seen:
            raise DomainError("E_DUES_RECEIPT_DUPLICATE", "receipt_no", value=receipt_no)
        seen.add(receipt_no)

    def _next_receipts(self, year: int) -> Iterator[str]:
        """Receipt numbers for payments recorded without one, in this device's own series
        (domain/dues_receipts.py): 2026-K7Q-00001, 2026-K7Q-00002 … A store without a mark yet
        (made before there were series) draws one now."""
        mark = self.store.get_meta(receipts_.META_KEY)
        if not mark:
            mark = receipts_.new_mark()
            with self.store.transaction() as tx:
                tx.set_meta(receipts_.META_KEY, mark)
        start = receipts_.prefix(year, mark)
        last = self.store.scalar(
            "SELECT max(CAST(substr(receipt_no, ?) AS INTEGER)) FROM dues_payments "
            "WHERE substr(receipt_no, 1, ?) = ? AND length(receipt_no) = ?",
            (len(start) + 1, len(start), start, len(start) + 5),
        )
        n = int(last or 0)
        while True:
            n += 1
            yield receipts_.receipt_no(year, mark, n)

    def void(self, tbl: str, entity: str, record_id: str, reason: str) -> Changes:
        """Void a payment (``dues_payments``) or an approval (``dues_approvals``)."""
        if not text_or_none(reason):
            raise DomainError("E_FIELD_REQUIRED", "reason")
        row = self.store.read_one(f"SELECT voided FROM {tbl} WHERE id = ?", (record_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what=entity, id=record_id)
        if row["voided"]:
            raise DomainError("E_VOIDED", id=record_id)
        with self.store.transaction() as tx:
            tx.update(tbl, {"id": record_id}, {"voided": 1, "void_reason": text_or_none(reason)})
            if tbl == "dues_payments":
                tx.execute(
                    "UPDATE dues_payment_months SET voided = 1 WHERE payment_id = ?", (record_id,)
                )
            fields: dict[str, Any] = {"reason": text_or_none(reason)}
            if entity == "dues_payment":
                fields["ids"] = [record_id]
            self.journal.record(tx, entity=entity, record_id=record_id, op="void", fields=fields)
        return Changes(dues=True)
