"""恢复码 sheet: the printed recovery code that unwraps the data key when the passphrase is lost.

The code is printed in large monospace groups so it can be typed back without confusing 0/O or
1/l, with instructions to keep the sheet locked away (domain facts §9: 数据安全).
"""

from __future__ import annotations

import os

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.domain import recovery_sheet as sheet
from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import DATE_BLANK, PAGE_W, Kit, build_pdf, fmt_date
from ztclient.services.report_models import RecoverySheetDoc, RenderReport

MARGINS = (25 * mm, 22 * mm, 25 * mm, 25 * mm)  # one page, whatever the code's length
_W = PAGE_W - MARGINS[2] - MARGINS[3]


def build_story(kit: Kit, doc: RecoverySheetDoc) -> list:
    w = _W
    story: list = [
        kit.p(sheet.MARK, "h"),
        kit.p(sheet.TITLE, "title"),
    ]
    c = lambda t, where="": kit.p(t, "cell", where=where)  # noqa: E731
    info = [
        [c("单位名称："), c(doc.unit_name, "单位名称"), "", ""],
        [c("单位代码："), c(doc.unit_code), c("生成日期："), c(fmt_date(doc.made_at))],
        [c("恢复码编号："), c(doc.number or "—"), c("生成人："), c(doc.made_by or "—", "生成人")],
    ]
    story += [
        kit.plain_table(info, [0.16 * w, 0.34 * w, 0.14 * w, 0.36 * w], [("SPAN", (1, 0), (3, 0))]),
        Spacer(1, 5 * mm),
    ]
    rows = [[kit.p(g, "mono") for g in row] for row in sheet.rows(doc.code)]
    code = kit.grid(
        rows,
        [w / sheet.PER_ROW] * sheet.PER_ROW,
        extra=[
            ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ],
    )
    story += [
        code,
        Spacer(1, 2 * mm),
        kit.p(sheet.ALPHABET_NOTE, "small"),
        kit.p(sheet.USE_NOTE, "small"),
        Spacer(1, 6 * mm),
        kit.p("保管要求", "h"),
    ]
    story += [kit.p(f"{i}. {t}", "text4") for i, t in enumerate(sheet.INSTRUCTIONS, 1)]
    story += [
        Spacer(1, 8 * mm),
        kit.plain_table(
            [[kit.p("保管人（签字）：____________", "text4"), kit.p(DATE_BLANK, "text4r")]],
            [w * 0.6, w * 0.4],
        ),
    ]
    return story


def render_recovery(
    doc: RecoverySheetDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the recovery sheet (one page)."""
    kit = Kit(fonts or default_fonts())
    return build_pdf(kit, out_path, build_story(kit, doc), title=sheet.TITLE, margins=MARGINS)
