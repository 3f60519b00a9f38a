"""恢复码 sheet: the printed recovery code that unwraps the data key when the passphrase is lost.

The code is printed in large monospace groups so it can be typed back without confusing 0/O or
1/l, with instructions to keep the sheet locked away (domain facts §9: 数据安全).
"""

from __future__ import annotations

import os
import re

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import DATE_BLANK, PAGE_W, Kit, build_pdf, fmt_date
from ztclient.services.report_models import RecoverySheetDoc, RenderReport

INSTRUCTIONS = (
    "本恢复码可在忘记登录口令时解开本单位的全部数据，与口令同等重要，请按涉密载体管理。",
    "请将本页装入信封密封，锁入保密柜，由单位负责人指定专人保管并登记。",
    "不得拍照、复印、扫描，不得录入电脑、手机或网盘，不得与安装本程序的电脑放在一起。",
    "使用恢复码后，请立即设置新口令并打印新的恢复码；旧恢复码作废，按规定销毁。",
    "如本页遗失或可能泄露，请立即在本程序中重新生成恢复码，并报告上级党组织。",
)
_PER_ROW = 4
MARGINS = (25 * mm, 22 * mm, 25 * mm, 25 * mm)  # one page, whatever the code's length
_W = PAGE_W - MARGINS[2] - MARGINS[3]


def groups(code: str) -> list[str]:
    """Split the code into its groups (on "-" or spaces); a code without separators in fours."""
    parts = [g for g in re.split(r"[\s\-]+", code.strip()) if g]
    if len(parts) == 1 and len(parts[0]) > 6:
        s = parts[0]
        parts = [s[i : i + 4] for i in range(0, len(s), 4)]
    return parts


def build_story(kit: Kit, doc: RecoverySheetDoc) -> list:
    w = _W
    story: list = [
        kit.p("机密　妥善保管", "h"),
        kit.p("数据恢复码", "title"),
    ]
    c = lambda t, where="": kit.p(t, "cell", where=where)  # noqa: E731
    info = [
        [c("单位名称："), c(doc.unit_name, "单位名称"), "", ""],
        [c("单位代码："), c(doc.unit_code), c("生成日期："), c(fmt_date(doc.made_at))],
        [c("密钥编号："), c(doc.key_id or "—"), c("生成人："), c(doc.made_by or "—", "生成人")],
    ]
    story += [
        kit.plain_table(info, [0.16 * w, 0.34 * w, 0.14 * w, 0.36 * w], [("SPAN", (1, 0), (3, 0))]),
        Spacer(1, 5 * mm),
    ]
    gs = groups(doc.code)
    rows = []
    for i in range(0, len(gs), _PER_ROW):
        chunk = gs[i : i + _PER_ROW]
        chunk += [""] * (_PER_ROW - len(chunk))
        rows.append([kit.p(g, "mono") for g in chunk])
    code = kit.grid(
        rows,
        [w / _PER_ROW] * _PER_ROW,
        extra=[
            ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ],
    )
    story += [
        code,
        Spacer(1, 2 * mm),
        kit.p(
            "恢复码由数字和大写字母组成（不用 I、L、O、U），每组最后一位是校验位，输入时各组之间的短横线可省略。",
            "small",
        ),
        Spacer(1, 6 * mm),
        kit.p("保管要求", "h"),
    ]
    story += [kit.p(f"{i}. {t}", "text4") for i, t in enumerate(INSTRUCTIONS, 1)]
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
    return build_pdf(kit, out_path, build_story(kit, doc), title="数据恢复码", margins=MARGINS)
