"""签到表 (sign-in sheet) printed before a meeting: the people due on the meeting's day with their
党小组 and posts (书记, 组织委员 …), a blank to sign beside each, and blank lines for 列席人员
(guests). Kept with the minutes (domain facts §4); its 应到 is the minutes' 应到."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.domain.meeting_text import join_name
from ztclient.infra.documents.fonts import SONG, FontSet, default_fonts
from ztclient.infra.documents.pdf_common import (
    DATE_BLANK,
    FRAME_W,
    SIZE_S4,
    Kit,
    build_pdf,
    fmt_date,
    fmt_time,
)
from ztclient.services.report_models import RenderReport, SigninDoc

_ROW_H = 10 * mm  # room for a handwritten signature
_PAD = 3 + 4  # the grid's top and bottom padding (pdf_common.Kit.grid)


def _heights(rows: list[list], widths: list[float]) -> list[float]:
    """Each row at least _ROW_H tall, and tall enough for its longest wrapped cell: text
    stays inside its borders (a fixed height let a long 党小组/职务 run across the rules)."""
    out = []
    for row in rows:
        need = 0.0
        for cell, w in zip(row, widths, strict=True):
            if hasattr(cell, "wrap"):
                need = max(need, cell.wrap(w - 8, 1e6)[1])
        out.append(max(_ROW_H, need + _PAD))
    return out


def build_story(kit: Kit, doc: SigninDoc) -> list:
    w = FRAME_W
    due = doc.due if doc.due is not None else len(doc.names)
    info = [
        [kit.p("会议名称：", "cell"), kit.p(doc.title, "cell", where="会议名称")],
        [
            kit.p("会议时间：", "cell"),
            kit.p(fmt_date(doc.starts_at) + fmt_time(doc.starts_at), "cell"),
        ],
        [kit.p("会议地点：", "cell"), kit.p(doc.place or "", "cell", where="会议地点")],
        [kit.p("应到人数：", "cell"), kit.p(f"{due}人　　实到人数：______人", "cell")],
    ]
    story: list = [
        kit.p(join_name(doc.org_name, doc.kind_label) + "签到表", "title", where="标题"),
        kit.plain_table(info, [0.16 * w, 0.84 * w]),
        Spacer(1, 3 * mm),
    ]
    widths = [0.08 * w, 0.16 * w, 0.34 * w, 0.28 * w, 0.14 * w]
    rows = [[kit.p(h, "cellh") for h in ("序号", "姓名", "党小组/职务", "本人签到", "备注")]]
    room = widths[2] - 8  # the grid's left and right padding
    for i, (name, note) in enumerate(doc.names, 1):
        # 党小组 and 职务 on one line when they fit, else one above the other (never a post
        # broken in the middle).
        if kit.fonts.string_width(note, SONG, SIZE_S4) > room:
            note = note.replace(" · ", "\n")
        rows.append(
            [
                kit.p(str(i), "cellc"),
                kit.p(name, "cellc", where=f"签到表: {name}"),
                kit.p(note, "cellc", where=f"签到表: {name}"),
                "",
                "",
            ]
        )
    heights = [None, *_heights(rows[1:], widths)]
    story.append(kit.grid(rows, widths, header_rows=1, heights=heights))
    if doc.guest_lines:
        story += [Spacer(1, 5 * mm), kit.p("列席人员签到", "h")]
        grows = [[kit.p(h, "cellh") for h in ("序号", "姓名", "单位及职务", "本人签到", "备注")]]
        grows += [[kit.p(str(i), "cellc"), "", "", "", ""] for i in range(1, doc.guest_lines + 1)]
        story.append(
            kit.grid(grows, widths, header_rows=1, heights=[None] + [_ROW_H] * doc.guest_lines)
        )
    story += [
        Spacer(1, 6 * mm),
        kit.plain_table(
            [[kit.p("记录人（签字）：________________", "text4"), kit.p(DATE_BLANK, "text4r")]],
            [w * 0.6, w * 0.4],
        ),
    ]
    return story


def render_signin(
    doc: SigninDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the sign-in sheet; the report lists characters no font could print, by name."""
    kit = Kit(fonts or default_fonts())
    return build_pdf(kit, out_path, build_story(kit, doc), title=f"{doc.title}签到表")
