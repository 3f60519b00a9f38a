"""The inputs of the 党费收缴台账 (XLSX) and the 党费收据 (PDF), filled from the ledger and a
payment: plain frozen dataclasses with labels resolved and money as exact ``Decimal`` 元, so
``infra.documents`` lays them out without touching the store or working anything out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from ztclient.domain import dues_months as months_
from ztclient.domain.codes import table
from ztclient.domain.dues_money import in_words, to_decimal
from ztclient.domain.dues_rates import Schedule
from ztclient.domain.dues_statistics import DuesCounts
from ztclient.services.dues_ledger import Ledger
from ztclient.services.report_models import RenderReport, ReportProvenance


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else to_decimal(fen)


@dataclass(frozen=True)
class DuesCell:
    """One month of one member: ``status`` as in domain.dues_ledger.MonthState; ``paid`` is
    what payments put on the month."""

    status: str
    paid: Decimal | None = None
    reduced: bool = False  # an approved 少交 covers the month


@dataclass(frozen=True)
class DuesLedgerRow:
    org_name: str
    name: str
    kind_label: str
    income: Decimal | None
    monthly: Decimal | None
    cells: tuple[DuesCell, ...]  # January … December
    months_due: int
    due: Decimal
    paid: Decimal  # 实交, 自愿多交 included
    extra: Decimal
    arrears_months: int
    arrears: Decimal


@dataclass(frozen=True)
class DuesLedgerDoc:
    provenance: ReportProvenance
    year: int
    as_of: date
    scope: str  # the organisation the ledger covers
    rows: tuple[DuesLedgerRow, ...]
    month_due: tuple[Decimal, ...]  # per month: what the months owed by the as-of date cost
    month_paid: tuple[Decimal, ...]  # per month: what was paid on them
    month_arrears: tuple[Decimal, ...]  # per month: the owed months not paid (the ledger's 欠交)
    rounding_note: str = ""
    table_source: str = ""
    # 补充资料 of the 党内统计 (label, members), the members at the unit on the as-of date
    supplementary: tuple[tuple[str, int], ...] = ()

    @property
    def totals(self) -> dict[str, Any]:
        rows = self.rows
        return {
            "months_due": sum(r.months_due for r in rows),
            "due": sum((r.due for r in rows), Decimal(0)),
            "paid": sum((r.paid for r in rows), Decimal(0)),
            "extra": sum((r.extra for r in rows), Decimal(0)),
            "arrears_months": sum(r.arrears_months for r in rows),
            "arrears": sum((r.arrears for r in rows), Decimal(0)),
        }


#: The 补充资料 lines in the words of the 年报 (党员基本情况), domain/dues_statistics.py.
SUPPLEMENTARY_LABELS = (
    ("on_time", "能够按时按标准交纳党费的党员"),
    ("reduced", "经批准少交党费的党员"),
    ("exempt", "免交党费的党员"),
    ("one_off_extra", "自愿一次性多交纳1000元以上党费的党员"),
)


def ledger_doc(
    ledger: Ledger,
    provenance: ReportProvenance,
    scope: str,
    schedule: Schedule,
    counts: DuesCounts | None = None,
) -> DuesLedgerDoc:
    kinds = table("dues_kind")
    rows = []
    for ln in ledger.lines:
        d = ln.dues
        label = ""
        if ln.kind:
            label = (
                schedule.kinds[ln.kind].zh
                if ln.kind in schedule.kinds
                else kinds.label(ln.kind)
                if ln.kind in kinds
                else ln.kind
            )
        cells = tuple(
            DuesCell(c.status, _yuan(c.paid_fen), c.approval == "reduce")
            for _, c in sorted(d.months.items())
        )
        rows.append(
            DuesLedgerRow(
                ln.org_name,
                ln.name,
                label,
                _yuan(ln.income_fen),
                _yuan(d.monthly_fen),
                cells,
                d.months_due,
                to_decimal(d.due_fen),
                to_decimal(d.paid_fen),
                to_decimal(d.extra_fen),
                d.arrears_months,
                to_decimal(d.arrears_fen),
            )
        )
    per_month, owed = ledger.month_totals(), ledger.month_arrears()
    rounding = "四舍五入到分" if schedule.rounding_mode == "half_up" else "只入不舍"
    if schedule.quantum_fen == 100:
        rounding += "（到元）"
    return DuesLedgerDoc(
        provenance=provenance,
        year=ledger.year,
        as_of=ledger.as_of,
        scope=scope,
        rows=tuple(rows),
        month_due=tuple(to_decimal(per_month[m][0]) for m in range(1, 13)),
        month_paid=tuple(to_decimal(per_month[m][1]) for m in range(1, 13)),
        month_arrears=tuple(to_decimal(owed[m]) for m in range(1, 13)),
        rounding_note=rounding,
        table_source=f"党费标准表第{schedule.version}版",
        supplementary=tuple((label, counts.to_dict()[key]) for key, label in SUPPLEMENTARY_LABELS)
        if counts is not None
        else (),
    )


@dataclass(frozen=True)
class DuesReceiptDoc:
    """党费收据 for one payment: a stub (存根) and the member's copy on one page."""

    unit_name: str
    org_name: str
    receipt_no: str
    paid_on: date
    member_name: str
    period: str  # 2025年1月至10月（共10个月）
    monthly: Decimal | None
    amount: Decimal
    amount_words: str  # 人民币大写
    extra: Decimal
    way_label: str
    note: str = ""


def period_text(first_month: str, count: int) -> str:
    """ "2025年1月" or "2025年1月至10月（共10个月）" or across a year end."""
    first = months_.parse(first_month)
    last = first + count - 1
    fy, fm = divmod(first, 12)
    ly, lm = divmod(last, 12)
    if count == 1:
        return f"{fy}年{fm + 1}月"
    end = f"{lm + 1}月" if ly == fy else f"{ly}年{lm + 1}月"
    return f"{fy}年{fm + 1}月至{end}（共{count}个月）"


def receipt_doc(unit_name: str, payment: dict[str, Any], monthly_fen: int | None) -> DuesReceiptDoc:
    way = table("dues_way")
    return DuesReceiptDoc(
        unit_name=unit_name,
        org_name=payment.get("org_name") or "",
        receipt_no=payment["receipt_no"] or "",
        paid_on=date.fromisoformat(payment["paid_on"]),
        member_name=payment["name"],
        period=period_text(payment["first_month"], int(payment["months"])),
        monthly=_yuan(monthly_fen),
        amount=to_decimal(int(payment["amount_fen"])),
        amount_words=in_words(int(payment["amount_fen"])),
        extra=to_decimal(int(payment["extra_fen"])),
        way_label=way.label(payment["way"]) if payment["way"] in way else payment["way"],
        note=payment.get("note") or "",
    )


class DuesDocuments(Protocol):
    """The part of the documents port the dues need (infra/documents provides it)."""

    def write_dues_ledger(self, doc: DuesLedgerDoc, out: Path) -> None: ...
    def render_dues_receipt(self, doc: DuesReceiptDoc, out: Path) -> RenderReport: ...
