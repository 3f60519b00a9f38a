"""党费收据 (a receipt for one dues payment): two copies on one A4 page, 存根 (kept by the
branch) above the cut line and 收据 (handed to the member) below, as receipt books are made.

Each copy: receipt number, the member, the months paid for, the monthly amount, the amount in
figures and in capitals (人民币大写, the form that cannot be altered by adding a digit), any
自愿多交, the way it was paid, and lines for the collector's and the payer's signatures and the
branch's seal. The member's income is not printed: a receipt leaves the office.
"""

from __future__ import annotations

import os
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import PAGE_H, PAGE_W, Kit, build_pdf, fmt_date
from ztclient.services.dues_docs import DuesReceiptDoc
from ztclient.services.report_models import RenderReport

MARGINS = (14 * mm, 14 * mm, 20 * mm, 20 * mm)  # a form: narrow margins, two copies a page
_W = PAGE_W - MARGINS[2] - MARGINS[3]
COPIES = (("第一联", "存根"), ("第二联", "交党员本人收执"))


def _yuan(value: Decimal | None) -> str:
    return "" if value is None else f"¥{value:.2f}"


def _copy(kit: Kit, doc: DuesReceiptDoc, number: str, purpose: str) -> list:
    who = f"党费收据: {doc.member_name}"
    lab = lambda t: kit.p(t, "labels")  # noqa: E731
    val = lambda t: kit.p(t or "", "cellc", where=who)  # noqa: E731
    head = kit.plain_table(
        [
            [
                kit.p(f"{number}　{purpose}", "small"),
                kit.p("党费收据", "title", check=False),
                kit.p(f"No. {doc.receipt_no}", "small", where="收据号"),
            ]
        ],
        [0.3 * _W, 0.4 * _W, 0.3 * _W],
        [("ALIGN", (2, 0), (2, 0), "RIGHT")],
    )
    extra = _yuan(doc.extra) if doc.extra else "—"
    rows = [
        [lab("交纳日期"), val(fmt_date(doc.paid_on)), lab("交纳方式"), val(doc.way_label)],
        [lab("党员姓名"), val(doc.member_name), lab("所在党支部"), val(doc.org_name)],
        [lab("交纳月份"), val(doc.period), "", ""],
        [lab("每月交纳额"), val(_yuan(doc.monthly) or "按月不等"), lab("自愿多交"), val(extra)],
        [lab("金额（小写）"), val(_yuan(doc.amount)), "", ""],
        [lab("金额（大写）"), kit.p(f"人民币{doc.amount_words}", "cell"), "", ""],
    ]
    if doc.note:
        rows.append([lab("备　　注"), val(doc.note), "", ""])
    spans = [
        ("SPAN", (1, 2), (3, 2)),
        ("SPAN", (1, 4), (3, 4)),
        ("SPAN", (1, 5), (3, 5)),
        ("SPAN", (1, 6), (3, 6)),
    ]
    label = 26 * mm
    widths = [label, _W / 2 - label, label, _W / 2 - label]
    signs = kit.plain_table(
        [
            [kit.p("收款人（签字）：", "cell"), kit.p("交款人（签字）：", "cell")],
            ["", kit.p(f"收款单位（盖章）：{doc.unit_name}", "cell", where="单位")],
        ],
        [0.5 * _W, 0.5 * _W],
        [("TOPPADDING", (0, 1), (-1, 1), 4 * mm)],
    )
    return [
        head,
        Spacer(1, 2 * mm),
        kit.grid(rows, widths, extra=spans, heights=[9.5 * mm] * len(rows)),
        Spacer(1, 5 * mm),
        signs,
    ]


def _cut_line(canvas, _page: int, _total: int) -> None:
    """A dashed line across the middle of the page with 裁剪线 (where the copies part)."""
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.6)
    canvas.line(10 * mm, PAGE_H / 2, PAGE_W - 10 * mm, PAGE_H / 2)
    canvas.restoreState()


def render_dues_receipt(
    doc: DuesReceiptDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the receipt (two copies, one page); the report names characters no font has."""
    kit = Kit(fonts or default_fonts())
    story: list = []
    for i, (number, purpose) in enumerate(COPIES):
        story += _copy(kit, doc, number, purpose)
        if i == 0:
            # the second copy starts below the cut line, whatever the first one's height
            story.append(_Below(PAGE_H / 2 - MARGINS[0] + 8 * mm))
    return build_pdf(
        kit,
        out_path,
        story,
        title=f"党费收据 {doc.receipt_no} {doc.member_name}",
        draw_extra=_cut_line,
        margins=MARGINS,
    )


class _Below(Spacer):
    """Moves the flow down to a fixed distance from the top of the frame."""

    def __init__(self, from_top: float) -> None:
        super().__init__(1, 1)
        self.from_top = from_top

    def wrap(self, avail_w: float, avail_h: float):
        frame_h = PAGE_H - MARGINS[0] - MARGINS[1]
        used = frame_h - avail_h
        self.height = max(0.0, self.from_top - used)
        return avail_w, self.height
