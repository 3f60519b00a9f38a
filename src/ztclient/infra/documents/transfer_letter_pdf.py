"""中国共产党党员组织关系介绍信 (组通字〔2006〕45号 format), domain facts §1.12.

One A4 sheet in three parts cut apart along dashed lines: 第一联 存根 (kept by the sending
committee; the returned 回执 is pasted on it), 第二联 介绍信 (carried by the member), 第三联
回执 (sent back by the receiving 基层党委 within a month). 党费交至 and 有效期 print in capital
numerals, as the form asks, so they cannot be altered; the serial number is on every part.
"""

from __future__ import annotations

import os

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import DATE_BLANK, PAGE_W, Kit, build_pdf, fmt_date
from ztclient.services.development_models import TransferLetterDoc
from ztclient.services.report_models import RenderReport

MARGINS = (16 * mm, 16 * mm, 22 * mm, 22 * mm)
_W = PAGE_W - MARGINS[2] - MARGINS[3]


def _blank(value: str, width: int = 8) -> str:
    """A value, or a no-break blank line to write on."""
    return value if value else "\u00a0" * width


def _title(kit: Kit, text: str, number: str, part: str) -> list:
    return [
        kit.plain_table(
            [[kit.p(part, "small"), kit.p(text, "h"), kit.p(f"第 {number} 号", "text4r")]],
            [_W * 0.16, _W * 0.6, _W * 0.24],
        )
    ]


def _cut(kit: Kit, note: str) -> list:
    """A dashed cutting line with the 骑缝章 note in its middle."""
    dash = ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black, 1, (3, 3))
    return [
        Spacer(1, 3 * mm),
        kit.plain_table([[kit.p(note, "smallc")]], [_W], extra=[dash]),
        Spacer(1, 2 * mm),
    ]


def _right(kit: Kit, text: str) -> list:
    return [kit.p(text, "text4r")]


def build_story(kit: Kit, doc: TransferLetterDoc) -> list:
    who = f"介绍信: {doc.name}"
    p = lambda t, s="text4": kit.p(t, s, where=who)  # noqa: E731
    issued = fmt_date(doc.issued_on)
    stub = [
        *_title(kit, "党员介绍信存根", doc.letter_no, "第一联"),
        p(
            f"{doc.name}同志系中共{doc.category}党员，组织关系由{doc.from_org}转到{doc.to_org}。",
            "body",
        ),
        *_right(kit, issued),
        kit.p("（贴回执联处）", "smallc"),
    ]
    letter = [
        *_title(kit, "中国共产党党员组织关系介绍信", doc.letter_no, "第二联"),
        p(f"{doc.addressee}："),
        p(
            f"{doc.name}同志（{doc.gender}），{_blank(str(doc.age) if doc.age else '', 4)}岁，"
            f"{_blank(doc.ethnicity, 6)}，系中共{doc.category}党员，身份证号码{doc.id_number}，"
            f"由{doc.from_org}去{doc.to_org}，请转接组织关系。"
            f"该同志党费已交到{doc.dues_paid_to}。",
            "body",
        ),
        p(f"（有效期{doc.valid_days}天）", "body"),
        *_right(kit, "（盖章）"),
        *_right(kit, issued),
        p(f"党员联系电话或其他联系方式：{_blank(doc.member_contact, 16)}", "cell"),
        p(f"党员原所在基层党委通讯地址：{_blank(doc.org_address, 24)}", "cell"),
        p(
            f"联系电话：{_blank(doc.org_phone, 14)}　传真：{_blank(doc.org_fax, 14)}"
            f"　邮编：{_blank(doc.org_postcode, 8)}",
            "cell",
        ),
    ]
    due = f"（请于{fmt_date(doc.receipt_due)}前寄回）" if doc.receipt_due else ""
    receipt = [
        *_title(kit, "中国共产党党员组织关系介绍信回执联", doc.letter_no, "第三联"),
        p(f"{doc.from_org}："),
        p(f"{doc.name}同志的党员组织关系已转达我处，特此回复。", "body"),
        *_right(kit, "（盖章）"),
        *_right(kit, DATE_BLANK),
        p("经办人：" + "\u00a0" * 16 + "联系电话：", "cell"),
        kit.p(
            f"注：回执联由接收党员组织关系的基层党委在接收党员后一个月内邮寄或传真至党员原所在基层党委。{due}",
            "small",
        ),
    ]
    return [*stub, *_cut(kit, "（加盖骑缝章）"), *letter, *_cut(kit, "（加盖骑缝章）"), *receipt]


def render_transfer_letter(
    doc: TransferLetterDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the letter (three parts on one sheet); the report names unprintable characters."""
    kit = Kit(fonts or default_fonts())
    return build_pdf(
        kit,
        out_path,
        build_story(kit, doc),
        title=f"党员组织关系介绍信 {doc.name}",
        margins=MARGINS,
    )
