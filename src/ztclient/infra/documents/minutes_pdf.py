"""会议记录 (meeting minutes) as PDF, laid out as a party document (domain facts §4).

The title line (青山镇机关第一党支部党员大会记录, each word once), a ruled block of the meeting's
facts (会议名称, 时间, 地点, 主持人 and 记录人 with posts, 应到/实到/缺席/列席 人数, 缺席人员及原因,
列席人员, 授课人, 会议议题), then numbered sections — 一、会议内容 (every paragraph indented two
characters), 二、表决情况 (the attendance and quorum sentence, then for each resolution its own
vote table and the sentences stating its result), 三、决议（决定）事项 (with the verdict, owner,
deadline), 四、主持人小结 — the closing line, and the signatures of 主持人 and 记录人 with dates.

A heading never ends a page alone: it moves to the next page unless three lines of what
follows fit under it. Every figure comes from the service, which took it from the meeting's
snapshot; this module only lays them out.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table

from ztclient.domain.meeting_text import heading as title_line
from ztclient.domain.quorum import VERDICTS
from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.long_text import paragraphs
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
# A heading (三号 黑体, 26 pt leading and its spacing) plus three lines of 28 pt body text.
_KEEP_WITH_HEADING = 26 + 13 + 3 * 28
Progress = Callable[[int, int], None] | None


def heading(doc: MinutesDoc) -> str:
    """青山镇机关第一党支部党员大会记录: the org name is not repeated in the kind label."""
    return title_line(doc.org_name, doc.kind_label)


def _when(doc: MinutesDoc) -> str:
    text = f"{fmt_date(doc.starts_at)}{fmt_time(doc.starts_at)}"
    if doc.ends_at:
        end = fmt_time(doc.ends_at)
        if doc.ends_at.date() != doc.starts_at.date():
            end = fmt_date(doc.ends_at) + end
        text += f"至{end}"
    return text


def _person(name: str, post: str) -> str:
    return f"{name}（{post}）" if name and post else name


def _facts(kit: Kit, doc: MinutesDoc) -> Table:
    lab = lambda t: kit.p(t, "label")  # noqa: E731
    val = lambda t, w="", check=True: kit.p(t, "cell", where=w, check=check)  # noqa: E731
    absent = "；".join(f"{n}（{r}）" if r else n for n, r in doc.absent) or "无"
    guests = "；".join(
        n + ("（" + "，".join(x for x in (p, r) if x) + "）" if (p or r) else "")
        for n, p, r in doc.guests
    ) or "无"  # fmt: skip
    for n, r in doc.absent:
        kit.glyphs.check(n + r, f"缺席人员: {n}")
    for n, p, r in doc.guests:
        kit.glyphs.check(n + p + r, f"列席人员: {n}")
    agenda = "\n".join(f"{i}. {a}" for i, a in enumerate(doc.agenda, 1)) or "—"
    rows = [
        [lab("会议名称"), val(doc.title, "会议名称"), "", ""],
        [lab("会议时间"), val(_when(doc)), "", ""],
        [lab("会议地点"), val(doc.place or "—", "会议地点"), "", ""],
        [lab("主持人"), val(_person(doc.chair_name, doc.chair_post) or "—", "主持人"),
         lab("记录人"), val(_person(doc.recorder_name, doc.recorder_post) or "—", "记录人")],
        [lab("应到人数"), val(f"{doc.due}人"), lab("实到人数"), val(f"{doc.present}人")],
        [lab("缺席人数"), val(f"{doc.absent_count}人"), lab("列席人数"), val(f"{len(doc.guests)}人")],
        [lab("缺席人员\n及原因"), val(absent, check=False), "", ""],
        [lab("列席人员"), val(guests, check=False), "", ""],
    ]  # fmt: skip
    if doc.lecturer:
        rows.append([lab("授课人"), val(doc.lecturer, "授课人"), "", ""])
    rows.append([lab("会议议题"), val(agenda, "会议议题"), "", ""])
    spans = [("SPAN", (1, i), (3, i)) for i, r in enumerate(rows) if r[2] == ""]
    w = FRAME_W
    return kit.grid(rows, [0.17 * w, 0.33 * w, 0.17 * w, 0.33 * w], extra=spans)


def _verdict(res: Resolution) -> str:
    return res.verdict or VERDICTS[res.passed]


def _vote_block(kit: Kit, number: int, res: Resolution) -> KeepTogether:
    """One resolution: its own figures and verdict in a table, then the same in words."""

    def n(v: int | None) -> str:
        return "—" if v is None else str(v)

    heads = ["应到会有\n表决权人数", "实到会有\n表决权人数", "赞成", "反对", "弃权", "书面意见",
             "表决结果"]  # fmt: skip
    vals = [n(res.voters_due), n(res.voters_present), n(res.votes_for), n(res.votes_against),
            n(res.votes_abstain), str(res.written_opinions), _verdict(res)]  # fmt: skip
    rows = [
        [kit.p(f"表决事项{number}：{res.title}", "cell", where=f"决议: {res.title}")] + [""] * 6,
        [kit.p(h, "labels") for h in heads],
        [kit.p(v, "cellc") for v in vals],
    ]
    w = FRAME_W
    widths = [0.16 * w, 0.16 * w, 0.11 * w, 0.11 * w, 0.11 * w, 0.15 * w, 0.20 * w]
    table = kit.grid(rows, widths, extra=[("SPAN", (0, 0), (-1, 0))])
    lines = [kit.p(line, "small", check=False) for line in res.lines]
    return KeepTogether([table, Spacer(1, 1.5 * mm), *lines, Spacer(1, 3 * mm)])


def _resolution_table(kit: Kit, doc: MinutesDoc) -> Table:
    heads = ("序号", "决议（决定）事项", "表决结果", "责任人", "完成时限")
    rows = [[kit.p(h, "cellh") for h in heads]]
    for i, r in enumerate(doc.resolutions, 1):
        rows.append([
            kit.p(str(i), "cellc"),
            kit.p(r.title, "cell", where=f"决议: {r.title}"),
            kit.p(_verdict(r), "cellc"),
            kit.p(r.owner or "—", "cellc", where=f"责任人: {r.owner}"),
            kit.p(fmt_date(r.deadline) or "—", "cellc"),
        ])  # fmt: skip
    w = FRAME_W
    return kit.grid(rows, [0.08 * w, 0.42 * w, 0.14 * w, 0.14 * w, 0.22 * w], header_rows=1)


def _signatures(kit: Kit) -> Table:
    line = "____________"
    rows = [
        [kit.p(f"主持人（签字）：{line}", "text4"), kit.p(f"记录人（签字）：{line}", "text4")],
        [kit.p(_DATE_BLANK, "text4r"), kit.p(_DATE_BLANK, "text4r")],
    ]
    return kit.plain_table(rows, [FRAME_W / 2, FRAME_W / 2], [("TOPPADDING", (0, 0), (-1, -1), 6)])


def build_story(kit: Kit, doc: MinutesDoc, progress: Progress = None) -> list:
    """The flowables of the minutes (kept apart from rendering so tests can inspect them)."""
    if progress:
        progress(0, 1)
    story: list = [kit.p(heading(doc), "title", where="标题"), _facts(kit, doc)]
    sections: list[tuple[str, list]] = []
    body = paragraphs(kit, doc.minutes, "会议内容", progress=progress)
    sections.append(("会议内容", body or [kit.p("（无）", "plain")]))
    if doc.resolutions:
        votes: list = [kit.p(line, "body", check=False) for line in doc.quorum_lines]
        votes += [_vote_block(kit, i, r) for i, r in enumerate(doc.resolutions, 1)]
        sections.append(("表决情况", votes))
        sections.append(("决议（决定）事项", [_resolution_table(kit, doc)]))
    if doc.summary.strip():
        sections.append(("主持人小结", paragraphs(kit, doc.summary, "主持人小结")))
    for i, (head, flow) in enumerate(sections):
        story += [
            Spacer(1, 2 * mm),
            CondPageBreak(_KEEP_WITH_HEADING),
            kit.p(f"{_CN_NUM[i]}、{head}", "h"),
            *flow,
        ]
    end = f"（{doc.closing}" + (f"，{fmt_time(doc.ends_at)}" if doc.ends_at else "") + "）"
    story += [
        Spacer(1, 3 * mm),
        kit.p(end, "plain"),
        Spacer(1, 8 * mm),
        KeepTogether([_signatures(kit)]),
    ]
    return story


def render_minutes(
    doc: MinutesDoc,
    out_path: str | os.PathLike,
    fonts: FontSet | None = None,
    progress: Progress = None,
) -> RenderReport:
    """Write the minutes PDF; the report lists characters no font could print, by record.
    ``progress(done, total)`` is called often; raising from it cancels (no file is left)."""
    kit = Kit(fonts or default_fonts())
    story = build_story(kit, doc, _stage(progress, 0, 300))
    return build_pdf(kit, out_path, story, title=f"{doc.org_name}{doc.title}",
                     progress=_stage(progress, 300, 1000))  # fmt: skip


def _stage(progress: Progress, low: int, high: int) -> Progress:
    """Map one phase's (done, total) onto low..high of 1000 (making the story, laying it out)."""
    if progress is None:
        return None
    return lambda done, total: progress(low + (high - low) * done // max(total, 1), 1000)
