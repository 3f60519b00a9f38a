"""党费计算基数 (dues bases): a member's base for a year, from January or from a month of it.

A base changed within the year (a pay rise from July) is a second base of the year, from that
month: each month is priced by the base in force in it (``domain.dues_ledger.monthly_in_force``),
so the months before keep the base before and paid months keep what was paid. Every base is
its own outbox op and audit entry (entity ``dues_base``); many are checked first and written
in one transaction, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ztclient.domain import dues_ledger as ledger_rules
from ztclient.domain import dues_months as months_
from ztclient.domain.dues_money import fmt
from ztclient.domain.dues_rates import Rate, Schedule
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.services.changes import Changes
from ztclient.services.dues_context import base_months
from ztclient.services.dues_payments import text_or_none
from ztclient.services.journal import Journal
from ztclient.services.ports import Store
from ztclient.services.versioned import update_versioned
from ztprotocol.dues_price import reduction_over
from ztprotocol.roll import CURRENT_SQL, MEMBER_SQL


class BaseBook:
    """Writes bases; the table in force, the rate and the member check are the service's."""

    def __init__(
        self,
        store: Store,
        journal: Journal,
        schedule: Callable[[], Schedule],
        rate: Callable[..., Rate],
        member: Callable[[str], dict[str, Any]],
        year: Callable[[Any], int],
    ) -> None:
        self.store, self.journal = store, journal
        self.schedule, self.rate, self._member, self.year = schedule, rate, member, year

    def set_bases(
        self, items: Sequence[Mapping[str, Any]], *, single: bool = False
    ) -> tuple[Any, Changes]:
        """Many bases at once (沿用上年基数, a January of forty members): all checked first,
        every problem listed by row, then written in one transaction, each its own outbox op
        (bases merge field by field, record by record). Returns [(id, Rate)] (one pair when
        ``single``) and the Changes."""
        version = self.schedule().version
        checked, errors = [], []
        seen: dict[tuple[str, int], set[int]] = {}  # the months each member's year has bases from
        for i, item in enumerate(items):
            try:
                year = self.year(item.get("year"))
                self._member(member_id := str(item.get("member_id") or ""))
                start = item.get("from_month")
                first = months_.parse(str(start), "from_month") if start else year * 12
                have = seen.setdefault((member_id, year), base_months(self.store, member_id, year))
                ledger_rules.check_base_month(year, first, have)
                rate = self.rate(
                    str(item.get("kind") or ""), item.get("income"), item.get("monthly")
                )
                until = min((f for f in have if f > first), default=year * 12 + 12) - 1
                self._reductions_below(member_id, first, until, rate.monthly_fen)
                have.add(first)
                checked.append(((member_id, year, first % 12 + 1), rate, item.get("note")))
            except DomainError as exc:
                if not single:
                    exc.params.setdefault("row", i + 1)
                errors.append(exc)
        if errors:
            raise errors[0] if single else ValidationErrors(errors)
        now = self.journal.timestamp()
        out, changed_any = [], False
        with self.store.transaction() as tx:
            for key, rate, note in checked:
                fields = {
                    "kind": rate.kind,
                    "income_fen": rate.income_fen,
                    "monthly_fen": rate.monthly_fen,
                    "rate": str(rate.rate.normalize()) if rate.rate is not None else None,
                    "table_version": version,
                    "note": text_or_none(note),
                }
                base_id, changed = self._write_base(tx, key, fields, now)
                out.append((base_id, rate))
                changed_any = changed_any or changed
        return (out[0] if single else out), Changes(dues=changed_any)

    def _write_base(
        self, tx: Store, key: tuple[str, int, int], fields: dict[str, Any], now: str
    ) -> tuple[str, bool]:
        member_id, year, from_month = key
        current = tx.read_one(
            "SELECT * FROM dues_bases WHERE member_id = ? AND year = ? AND from_month = ? "
            "AND voided = 0",
            key,
        )
        if current is None:
            base_id = uuid7()
            row = {"id": base_id, "member_id": member_id, "year": year,
                   "from_month": from_month, **fields}  # fmt: skip
            tx.insert("dues_bases", {**row, "version": 1, "created_at": now, "updated_at": now})
            self.journal.record(tx, entity="dues_base", record_id=base_id, op="create", fields=row)
            return base_id, True
        changed = {k: v for k, v in fields.items() if current.get(k) != v}
        if not changed:
            return current["id"], False
        version = int(current["version"])
        update_versioned(
            tx, "dues_bases", {"id": current["id"]}, version, {**changed, "updated_at": now}
        )
        self.journal.record(
            tx,
            entity="dues_base",
            record_id=current["id"],
            op="update",
            fields=changed,
            base_version=version,
        )
        return current["id"], True

    def void(self, base_id: str, reason: str) -> Changes:
        """作废 a base entered by mistake: kept, marked voided with the reason, audited and sent
        up as a ``void`` op (as an approval's); the months it priced fall back to the base
        before. Refused, nothing written: no reason (E_FIELD_REQUIRED), unknown (E_NOT_FOUND),
        voided already (E_VOIDED), a month it priced is paid (E_DUES_BASE_PAID: the receipt
        states what was paid on it), the year's first base while a later one stands
        (E_DUES_BASE_VOID_FIRST: the months before that one would have none)."""
        why = text_or_none(reason)
        if not why:
            raise DomainError("E_FIELD_REQUIRED", "reason")
        with self.store.transaction() as tx:
            row = tx.read_one("SELECT * FROM dues_bases WHERE id = ?", (base_id,))
            if row is None:
                raise DomainError("E_NOT_FOUND", what="dues_base", id=base_id)
            if row["voided"]:
                raise DomainError("E_VOIDED", id=base_id)
            member_id, year = row["member_id"], int(row["year"])
            firsts = sorted(base_months(tx, member_id, year))
            first = months_.index(year, int(row["from_month"]))
            later = [f for f in firsts if f > first]
            last = later[0] - 1 if later else months_.index(year, 12)
            paid = tx.read_one(
                "SELECT pm.month, p.receipt_no FROM dues_payment_months pm "
                "JOIN dues_payments p ON p.id = pm.payment_id WHERE pm.member_id = ? "
                "AND pm.voided = 0 AND pm.month BETWEEN ? AND ? ORDER BY pm.month LIMIT 1",
                (member_id, months_.text(first), months_.text(last)),
            )
            if paid is not None:
                raise DomainError("E_DUES_BASE_PAID", "base", month=paid["month"],
                                  receipt=paid["receipt_no"] or "")  # fmt: skip
            if later and not any(f < first for f in firsts):
                raise DomainError("E_DUES_BASE_VOID_FIRST", "base",
                                  month=months_.text(later[0]), year=year)  # fmt: skip
            self._reductions_stay_below(tx, member_id, year, first, last)
            now = self.journal.timestamp()
            tx.update("dues_bases", {"id": base_id},
                      {"voided": 1, "void_reason": why, "updated_at": now})  # fmt: skip
            self.journal.record(
                tx, entity="dues_base", record_id=base_id, op="void", fields={"reason": why}
            )
        return Changes(dues=True)

    def _reductions_below(self, member_id: str, first: int, last: int, monthly_fen: int) -> None:
        """An approved 少交 over months ``first``..``last`` stays below the base that will price
        them (E_DUES_REDUCE_NOT_LESS, as when it was approved)."""
        # the new base prices first..last (``last`` is the month before the year's next base)
        found = reductions(self.store, member_id, first, last)
        over = reduction_over(found, {first: monthly_fen}, first, last)
        if over is not None:
            amount, _month, standard = over
            raise DomainError("E_DUES_REDUCE_NOT_LESS", "income", year=first // 12,
                              amount=fmt(amount), standard=fmt(standard))  # fmt: skip

    @staticmethod
    def _reductions_stay_below(tx: Store, member_id: str, year: int, first: int, last: int) -> None:
        """Voiding the base of months ``first``..``last`` leaves them at the base before it: an
        approved 少交 over one of them must still be below that (else it would charge more than
        the standard as 应交): E_DUES_BASE_VOID_REDUCE — void the approval first."""
        rows = tx.read(
            "SELECT from_month, monthly_fen FROM dues_bases WHERE member_id = ? AND year = ? "
            "AND voided = 0 AND from_month < ?",
            (member_id, year, first % 12 + 1),
        )
        left = {months_.index(year, int(r["from_month"])): int(r["monthly_fen"]) for r in rows}
        over = reduction_over(reductions(tx, member_id, first, last), left, first, last)
        if over is not None:
            amount, month, standard = over
            raise DomainError("E_DUES_BASE_VOID_REDUCE", "base", month=months_.text(month),
                              amount=fmt(amount), standard=fmt(standard))  # fmt: skip

    def carry(self, from_year: int, to_year: int) -> tuple[int, Changes]:
        """沿用上年基数: each member with a base in ``from_year`` and none in ``to_year`` gets
        the same kind and income in ``to_year`` from January (the amount worked out by the
        table in force) — the base in force in December, when it changed during the year.
        Members who are no longer members are left out. Returns how many were set."""
        rows = self.store.read(
            "SELECT b.* FROM dues_bases b JOIN members m ON m.id = b.member_id "
            f"WHERE b.year = ? AND b.voided = 0 AND m.category IN {MEMBER_SQL} AND b.from_month = "
            "(SELECT max(l.from_month) FROM dues_bases l "
            "WHERE l.member_id = b.member_id AND l.year = b.year AND l.voided = 0) "
            f"AND m.status IN {CURRENT_SQL} AND NOT EXISTS (SELECT 1 FROM dues_bases n "
            "WHERE n.member_id = b.member_id AND n.year = ? AND n.voided = 0)",
            (from_year, to_year),
        )
        if not rows:
            return 0, Changes()
        items = [
            {
                "member_id": r["member_id"],
                "year": to_year,
                "kind": r["kind"],
                "income": fmt(r["income_fen"]) if r["income_fen"] is not None else None,
                "monthly": fmt(r["monthly_fen"]) if r["income_fen"] is None else None,
                "note": r["note"],
            }
            for r in rows
        ]
        _, changes = self.set_bases(items)
        return len(items), changes


def reductions(store: Store, member_id: str, first: int, last: int) -> list[dict[str, Any]]:
    """The member's live approved 少交 that reach into months ``first``..``last``, as stored
    (what ``ztprotocol.dues_price.reduction_over`` reads)."""
    return store.read(
        "SELECT kind, first_month, last_month, monthly_fen, voided FROM dues_approvals "
        "WHERE member_id = ? AND voided = 0 AND kind = 'reduce' AND first_month <= ? "
        "AND last_month >= ? ORDER BY first_month",
        (member_id, months_.text(last), months_.text(first)),
    )
