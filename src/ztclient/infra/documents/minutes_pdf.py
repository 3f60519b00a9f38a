"""会议记录 (meeting minutes) as PDF, in the standard layout of domain facts §4.

Header block (会议组织情况) as a ruled table, then 议程, 会议内容, 表决情况 (one vote table per
resolution), 决议事项 with owner and deadline, 主持人小结, the closing line, signature lines.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import (
    DATE_BLANK,
    FRAME_W,
    Kit,
    build_pdf,
    fmt_date,
    fmt_time,
)
from ztclient.services.report_models import MinutesDoc, RenderReport, Resolution

_CN_NUM = "一二三四五六七八九十"
_DATE_BLANK = DATE_BLANK + "\u00a0" * 4


def _when(doc: MinutesDoc) -> str:
    text = f"{fmt_date(doc.starts_at)}{fmt_time(doc.starts_at)}"
    if doc.ends_at:
        end = fmt_time(doc.ends_at)
        if doc.ends_at.date() != doc.starts_at.date():
            end = fmt_date(doc.ends_at) + end
        text += f"至{end}"
    return text


def heading(doc: MinutesDoc) -> str:
    """青山镇机关第一党支部党员大会记录: the org name is not repeated in the kind label."""
    kind = doc.kind_label
    if doc.org_name.endswith("支部") and kind.startswith("支部"):
        kind = kind[2:]
    return f"{doc.org_name}{kind}记录"


def _person(name: str, post: str) -> str:
    return f"{name}（{post}）" if name and post else name


def _header(kit: Kit, doc: MinutesDoc) -> Table:
    lab = lambda t: kit.p(t, "label")  # noqa: E731
    val = lambda t, w="", check=True: kit.p(t, "cell", where=w, check=check)  # noqa: E731
    absent = "；".join(f"{n}（{r}）" if r else n for n, r in doc.absent) or "无"
    guests = (
        "；".join(
            n + ("（" + "，".join(x for x in (p, r) if x) + "）" if (p or r) else "")
            for n, p, r in doc.guests
        )
        or "无"
    )
    for n, r in doc.absent:
        kit.glyphs.check(n + r, f"缺席人员: {n}")
    for n, p, r in doc.guests:
        kit.glyphs.check(n + p + r, f"列席人员: {n}")
    agenda = "\n".join(f"{i}. {a}" for i, a in enumerate(doc.agenda, 1)) or "—"
    rows = [
        [lab("会议名称"), val(doc.title, "会议名称"), "", ""],
        [lab("会议时间"), val(_when(doc)), "", ""],
        [lab("会议地点"), val(doc.place, "会议地点"), "", ""],
        [
            lab("主持人"),
            val(_person(doc.chair_name, doc.chair_post), "主持人"),
            lab("记录人"),
            val(_person(doc.recorder_name, doc.recorder_post), "记录人"),
        ],
        [lab("应到人数"), val(str(doc.due)), lab("实到人数"), val(str(doc.present))],
        [lab("缺席人数"), val(str(doc.absent_count)), lab("列席人数"), val(str(len(doc.guests)))],
        [lab("缺席人员\n及原因"), val(absent, check=False), "", ""],
        [lab("列席人员"), val(guests, check=False), "", ""],
    ]
    if doc.lecturer:
        rows.append([lab("授课人"), val(doc.lecturer, "授课人"), "", ""])
    rows.append([lab("会议议题"), val(agenda, "会议议题"), "", ""])
    spans = [("SPAN", (1, i), (3, i)) for i, r in enumerate(rows) if r[2] == ""]
    w = FRAME_W
    return kit.grid(rows, [0.17 * w, 0.33 * w, 0.17 * w, 0.33 * w], extra=spans)


def _vote_table(kit: Kit, number: int, res: Resolution) -> Table:
    def n(v: int | None) -> str:
        return "—" if v is None else str(v)

    result = {True: "通过", False: "未通过", None: "未表决"}[res.passed]
    heads = [
        "应到会有\n表决权人数",
        "实到会有\n表决权人数",
        "赞成",
        "反对",
        "弃权",
        "书面意见",
        "表决结果",
    ]
    vals = [
        n(res.voters_due),
        n(res.voters_present),
        n(res.votes_for),
        n(res.votes_against),
        n(res.votes_abstain),
        str(res.written_opinions),
        result,
    ]
    rows = [
        [kit.p(f"表决事项{number}：{res.title}", "cell", where=f"决议: {res.title}")] + [""] * 6,
        [kit.p(h, "cellh") for h in heads],
        [kit.p(v, "cellc") for v in vals],
    ]
    w = FRAME_W
    widths = [0.17 * w, 0.17 * w, 0.11 * w, 0.11 * w, 0.11 * w, 0.15 * w, 0.18 * w]
    return kit.grid(rows, widths, extra=[("SPAN", (0, 0), (-1, 0))])


def _resolution_table(kit: Kit, doc: MinutesDoc) -> Table:
    rows = [[kit.p(h, "cellh") for h in ("序号", "决议（决定）事项", "责任人", "完成时限")]]
    for i, r in enumerate(doc.resolutions, 1):
        rows.append(
            [
                kit.p(str(i), "cellc"),
                kit.p(r.title, "cell", where=f"决议: {r.title}"),
                kit.p(r.owner or "—", "cellc", where=f"责任人: {r.owner}"),
                kit.p(fmt_date(r.deadline) or "—", "cellc"),
            ]
        )
    w = FRAME_W
    return kit.grid(rows, [0.09 * w, 0.51 * w, 0.17 * w, 0.23 * w], header_rows=1)


def _signatures(kit: Kit, doc: MinutesDoc) -> Table:
    line = "____________"
    rows = [
        [kit.p(f"主持人（签字）：{line}", "text4"), kit.p(f"记录人（签字）：{line}", "text4")],
        [kit.p(_DATE_BLANK, "text4r"), kit.p(_DATE_BLANK, "text4r")],
    ]
    return kit.plain_table(rows, [FRAME_W / 2, FRAME_W / 2], [("TOPPADDING", (0, 0), (-1, -1), 6)])


def build_story(kit: Kit, doc: MinutesDoc) -> list:
    """The flowables of the minutes (kept apart from rendering so tests can inspect them)."""
    story: list = [kit.p(heading(doc), "title", where="标题")]
    sub = doc.title + (f"（第{doc.seq_no}次）" if doc.seq_no else "")
    story += [kit.p(sub, "subtitle", where="会议名称"), _header(kit, doc)]
    sections: list[tuple[str, list]] = []
    if doc.agenda:
        sections.append(
            (
                "会议议程",
                [
                    kit.p(f"{i}. {a}", "plain", where=f"议题: {a}")
                    for i, a in enumerate(doc.agenda, 1)
                ],
            )
        )
    body = [
        kit.p(par.strip(), "body", where=f"会议内容: {par.strip()[:12]}")
        for par in doc.minutes.split("\n\n")
        if par.strip()
    ]
    sections.append(("会议内容", body or [kit.p("（无）", "plain")]))
    if doc.resolutions:
        votes: list = []
        for i, r in enumerate(doc.resolutions, 1):
            votes += [KeepTogether([_vote_table(kit, i, r)]), Spacer(1, 3 * mm)]
        votes += [kit.p(line, "small") for line in doc.quorum_lines]
        sections.append(("表决情况", votes))
        sections.append(("决议（决定）事项", [_resolution_table(kit, doc)]))
    if doc.summary:
        sections.append(("主持人小结", [kit.p(doc.summary, "body", where="主持人小结")]))
    for i, (head, flow) in enumerate(sections):
        story += [Spacer(1, 2 * mm), kit.p(f"{_CN_NUM[i]}、{head}", "h"), *flow]
    end = f"（{doc.closing}" + (f"，{fmt_time(doc.ends_at)}" if doc.ends_at else "") + "）"
    story += [
        Spacer(1, 3 * mm),
        kit.p(end, "plain"),
        Spacer(1, 8 * mm),
        KeepTogether([_signatures(kit, doc)]),
    ]
    return story


def render_minutes(
    doc: MinutesDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the minutes PDF; the report lists characters no font could print, by record."""
    kit = Kit(fonts or default_fonts())
    return build_pdf(kit, out_path, build_story(kit, doc), title=f"{doc.org_name}{doc.title}")
