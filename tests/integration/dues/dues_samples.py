"""Sample 党费 documents with figures written by hand: used by the tests, bench/documents.py
(``--samples docs/samples``) and so by the samples in docs/."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ztclient.services.dues_docs import (
    SUPPLEMENTARY_LABELS,
    DuesCell,
    DuesLedgerDoc,
    DuesLedgerRow,
    DuesReceiptDoc,
)
from ztclient.services.report_models import ReportProvenance

UNIT = "中共青山镇机关委员会"
RARE_NAME = "张\U0002003e明"  # 𠀾: a name outside the BMP must print
D = Decimal


def receipt() -> DuesReceiptDoc:
    return DuesReceiptDoc(
        unit_name=UNIT,
        org_name="青山镇机关第一党支部",
        receipt_no="2025-00017",
        paid_on=date(2025, 10, 20),
        member_name=RARE_NAME,
        period="2025年1月至10月（共10个月）",
        monthly=D("45.00"),
        amount=D("450.00"),
        amount_words="肆佰伍拾元整",
        extra=D("0.00"),
        way_label="转账",
        note="由本人爱人代交",
    )


def _cells(paid_through: int, amount: str, none_before: int = 0) -> tuple[DuesCell, ...]:
    out = []
    for m in range(1, 13):
        if m <= none_before:
            out.append(DuesCell("none"))
        elif m <= paid_through:
            out.append(DuesCell("paid", D(amount)))
        else:
            out.append(DuesCell("unpaid"))
    return tuple(out)


def ledger() -> DuesLedgerDoc:
    """Two members as of 2025-12-31: 张𠀾明 (base 4,500, 45.00 a month) paid January to October;
    李红 (retired, 5,000.00 → 25.00) admitted before 2025 ... paid all twelve months, with
    1,000.00 voluntary extra. Totals by hand: due 540 + 300 = 840, paid 450 + 1,300 = 1,750,
    arrears 90.00 in 2 months. 补充资料: 李红 paid the year in January with the 1,000.00 extra in
    that payment (on time, 一次性多交); 张𠀾明 is behind (on time: no)."""
    zhang = DuesLedgerRow(
        "第一党支部", RARE_NAME, "在职", D("4500.00"), D("45.00"), _cells(10, "45.00"),
        12, D("540.00"), D("450.00"), D("0.00"), 2, D("90.00"),
    )  # fmt: skip
    li = DuesLedgerRow(
        "第一党支部", "李红", "离退休", D("5000.00"), D("25.00"), _cells(12, "25.00"),
        12, D("300.00"), D("1300.00"), D("1000.00"), 0, D("0.00"),
    )  # fmt: skip
    due = tuple(D("70.00") for _ in range(12))
    paid = tuple(D("70.00") if m <= 10 else D("25.00") for m in range(1, 13))
    owed = tuple(D("0.00") if m <= 10 else D("45.00") for m in range(1, 13))  # 张𠀾明's Nov, Dec
    return DuesLedgerDoc(
        provenance=ReportProvenance(UNIT, "370102001", datetime(2026, 1, 5, 9, 30), "李文华"),
        year=2025,
        as_of=date(2025, 12, 31),
        scope=UNIT,
        rows=(zhang, li),
        month_due=due,
        month_paid=paid,
        month_arrears=owed,
        rounding_note="四舍五入到分",
        table_source="党费标准表第1版",
        supplementary=tuple(
            (label, {"on_time": 1, "one_off_extra": 1}.get(key, 0))
            for key, label in SUPPLEMENTARY_LABELS
        ),
    )
