"""发展党员工作纪实表 (the development record kept in a person's file), domain facts §2.

One ruled table: the five stages down the left, the 25 steps in their official order, and for
each step the dates, the people it names and what was recorded (the meeting and its vote, the
conclusion, the hours). Steps not yet taken stay as empty lines, so the sheet is also the
checklist of what remains. Voided entries print struck through in words ("已作废：理由").
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import PAGE_W, Kit, build_pdf, fmt_date
from ztclient.services.development_models import DevelopmentRecordDoc, RecordLine
from ztclient.services.report_models import RenderReport

MARGINS = (20 * mm, 22 * mm, 20 * mm, 20 * mm)
_W = PAGE_W - MARGINS[2] - MARGINS[3]
STAGES = {
    1: "入党申请",
    2: "入党积极分子的确定和培养教育",
    3: "发展对象的确定和考察",
    4: "预备党员的接收",
    5: "预备党员的教育考察和转正",
}


def _header(kit: Kit, doc: DevelopmentRecordDoc) -> list:
    who = f"发展对象: {doc.name}"
    lab = lambda t: kit.p(t, "labels")  # noqa: E731
    val = lambda t: kit.p(t or "", "smallc", where=who)  # noqa: E731
    d = fmt_date
    rows = [
        [
            lab("姓　名"),
            val(doc.name),
            lab("性　别"),
            val(doc.gender),
            lab("民　族"),
            val(doc.ethnicity),
        ],
        [
            lab("出生日期"),
            val(d(doc.birth_date)),
            lab("学　历"),
            val(doc.education),
            lab("人员类别"),
            val(doc.category),
        ],
        [lab("公民身份\n号码"), val(doc.id_number), "", "", lab("所在党支部"), val(doc.org_name)],
        [lab("工作单位\n及职务"), val(doc.work_unit), "", "", "", ""],
        [
            lab("递交申请\n书时间"),
            val(d(doc.application_date)),
            lab("确定积极\n分子时间"),
            val(d(doc.activist_date)),
            lab("确定发展\n对象时间"),
            val(d(doc.candidate_date)),
        ],
        [
            lab("入党时间"),
            val(d(doc.join_date)),
            lab("转正时间"),
            val(d(doc.full_member_date)),
            "",
            "",
        ],
    ]
    spans = [("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (5, 3)), ("SPAN", (4, 5), (5, 5))]
    label = 21 * mm
    value = (_W - 3 * label) / 3
    return [kit.grid(rows, [label, value] * 3, extra=spans, heights=[10 * mm] * len(rows))]


def _steps(kit: Kit, doc: DevelopmentRecordDoc) -> list:
    who = f"发展对象: {doc.name}"
    widths = [16 * mm, 9 * mm, 34 * mm, 30 * mm, 26 * mm]
    widths.append(_W - sum(widths))
    rows: list[list] = [
        [kit.p(h, "cellh") for h in ("阶段", "序号", "工作步骤", "时间", "有关人员", "情况记载")]
    ]
    spans, first_row = [], {}
    for line in doc.lines:
        row = len(rows)
        first_row.setdefault(line.stage, row)
        rows.append(_line(kit, line, who))
    for stage, start in first_row.items():
        end = max(i for i, line in enumerate(doc.lines, start=1) if line.stage == stage)
        spans.append(("SPAN", (0, start), (0, end)))
        rows[start][0] = kit.p(STAGES[stage], "smallc")
    # An empty line keeps room to write in by hand; a long label still wraps (no fixed height).
    room = [
        ("TOPPADDING", (0, i), (-1, i), 7)
        for i, line in enumerate(doc.lines, start=1)
        if not line.entries
    ]
    room += [
        ("BOTTOMPADDING", (0, i), (-1, i), 8)
        for i, line in enumerate(doc.lines, start=1)
        if not line.entries
    ]
    return [kit.grid(rows, widths, header_rows=1, extra=spans + room)]


def _line(kit: Kit, line: RecordLine, who: str) -> list:
    dates, people, notes = [], [], []
    for e in line.entries:
        mark = f"（已作废：{e.void_reason}）" if e.voided else ""
        dates.append(fmt_date(e.date))
        people.append(e.people or "—")
        notes.append((e.note or "—") + mark)
    return [
        "",
        kit.p(line.number, "smallc"),
        kit.p(line.label, "small"),
        kit.p("\n".join(dates), "smallc"),
        kit.p("\n".join(people), "small", where=who),
        kit.p("\n".join(notes), "small", where=who),
    ]


def build_story(kit: Kit, doc: DevelopmentRecordDoc) -> list:
    made = fmt_date(doc.made_at) if doc.made_at else ""
    return [
        kit.p("发展党员工作纪实表", "title"),
        kit.p(f"{doc.unit_name}　　{doc.org_name}", "subtitle", where="单位"),
        *_header(kit, doc),
        Spacer(1, 4 * mm),
        *_steps(kit, doc),
        Spacer(1, 8 * mm),
        kit.plain_table(
            [
                [
                    kit.p(f"填表人：{doc.made_by or '__________'}", "cell"),
                    kit.p("党支部书记签字：______________", "cell"),
                    kit.p(f"填表日期：{made}", "cell"),
                ]
            ],
            [_W * 0.25, _W * 0.42, _W * 0.33],
        ),
    ]


def render_development_record(
    doc: DevelopmentRecordDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the 纪实表; the report names characters no font could print."""
    kit = Kit(fonts or default_fonts())
    return build_pdf(
        kit,
        out_path,
        build_story(kit, doc),
        title=f"发展党员工作纪实表 {doc.name}",
        margins=MARGINS,
    )
