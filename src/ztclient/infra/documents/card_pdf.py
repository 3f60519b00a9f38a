"""党员基本信息登记卡 (member registration card, 表一 of the 一卡一表 kit, domain facts §1.1).

One page: the member's record items in a ruled grid with a photo box, party posts, a log of
organisational changes, and signature lines for the member and the branch secretary.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ztclient.infra.documents.fonts import FontSet, default_fonts
from ztclient.infra.documents.pdf_common import PAGE_W, Kit, build_pdf, fmt_date
from ztclient.services.report_models import MemberCardDoc, RenderReport

_HISTORY_LINES = 6  # blank lines left for entries written by hand later
# A card is a form, not a 公文: narrower margins so it fits one page.
MARGINS = (22 * mm, 22 * mm, 20 * mm, 20 * mm)
_W = PAGE_W - MARGINS[2] - MARGINS[3]


def build_story(kit: Kit, doc: MemberCardDoc) -> list:
    w = _W
    who = f"党员信息: {doc.name}"
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
            kit.p("照\n片", "cellc"),
        ],
        [
            lab("出生日期"),
            val(d(doc.birth_date)),
            lab("籍　贯"),
            val(doc.native_place),
            lab("学　历"),
            val(doc.education),
            "",
        ],
        [lab("公民身份\n号码"), val(doc.id_number), "", "", lab("学　位"), val(doc.degree), ""],
        [
            lab("入党日期"),
            val(d(doc.join_date)),
            lab("转正日期"),
            val(d(doc.full_member_date)),
            lab("人员类别"),
            val(doc.category),
            "",
        ],
        [
            lab("参加工作\n日期"),
            val(d(doc.work_start_date)),
            lab("工作岗位"),
            val(doc.job),
            "",
            "",
            "",
        ],
        [lab("工作单位\n及职务"), val(doc.work_unit), "", "", "", "", ""],
        [
            lab("专业技术\n职务"),
            val(doc.title),
            lab("党内职务"),
            val("、".join(doc.party_posts)),
            "",
            "",
            "",
        ],
        [lab("联系电话"), val(doc.phone), lab("家庭住址"), val(doc.address), "", "", ""],
        [lab("所在党支部"), val(doc.org_name), "", "", "", "", ""],
    ]
    spans = [
        ("SPAN", (6, 0), (6, 3)),  # photo box
        ("SPAN", (1, 2), (3, 2)),
        ("SPAN", (3, 4), (6, 4)),
        ("SPAN", (1, 5), (6, 5)),
        ("SPAN", (3, 6), (6, 6)),
        ("SPAN", (3, 7), (6, 7)),
        ("SPAN", (1, 8), (6, 8)),
    ]
    label = 22 * mm
    widths = [label, 30 * mm, label, 30 * mm, label, w - 3 * label - 86 * mm, 26 * mm]
    story: list = [
        kit.p("党员基本信息登记卡", "title"),
        kit.p(f"{doc.unit_name}　　填卡日期：{d(doc.made_at)}", "subtitle", where="单位"),
        kit.grid(rows, widths, extra=spans, heights=[11 * mm] * len(rows)),
        Spacer(1, 5 * mm),
        kit.p("组织关系及党内职务变动记载", "h"),
    ]
    hist = [[kit.p("日期", "cellh"), kit.p("内容", "cellh")]]
    for day, text in doc.history:
        hist.append([kit.p(d(day), "cellc"), kit.p(text, "cell", where=who)])
    blank = max(0, _HISTORY_LINES - len(doc.history))
    hist += [["", ""] for _ in range(blank)]
    story.append(
        kit.grid(
            hist, [0.25 * w, 0.75 * w], header_rows=1, heights=[None] + [9 * mm] * (len(hist) - 1)
        )
    )
    story += [
        Spacer(1, 10 * mm),
        kit.plain_table(
            [
                [
                    kit.p("本人签字：______________", "plain"),
                    kit.p("支部书记签字：______________", "plain"),
                ]
            ],
            [w / 2, w / 2],
        ),
    ]
    return story


def render_card(
    doc: MemberCardDoc, out_path: str | os.PathLike, fonts: FontSet | None = None
) -> RenderReport:
    """Write the registration card; the report names characters no font could print."""
    kit = Kit(fonts or default_fonts())
    return build_pdf(
        kit,
        out_path,
        build_story(kit, doc),
        title=f"党员基本信息登记卡 {doc.name}",
        margins=MARGINS,
    )
