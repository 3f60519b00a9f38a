"""党员队伍构成统计 (make-up of the membership) as XLSX, as of 12月31日 (年报) or 6月30日
(半年报): counts and shares by gender, ethnicity, age band, education band, occupation group,
join period and 党龄 band (domain facts §7). The counting is done by the caller
(domain.statistics); this module lays the figures out for checking against the 党内统计 tables.
"""

from __future__ import annotations

import os

from ztclient.infra.documents.xlsx_common import (
    HEADER_FONT,
    WARN_FILL,
    add_info_sheet,
    cell,
    new_workbook,
    save,
    start_sheet,
)
from ztclient.services.report_models import CompositionDoc


def cn_date(d) -> str:
    """2026年6月30日 (strftime's %-m is not portable to Windows)."""
    return f"{d.year}年{d.month}月{d.day}日"


def write_composition(doc: CompositionDoc, out_path: str | os.PathLike) -> None:
    """Write the composition workbook atomically. A dimension whose counts do not add up to
    the total gets a 未填写 line, so gaps in the records show instead of hiding."""
    prov = doc.provenance
    wb = new_workbook()
    kind = (
        "年报"
        if (doc.as_of.month, doc.as_of.day) == (12, 31)
        else ("半年报" if (doc.as_of.month, doc.as_of.day) == (6, 30) else "统计")
    )
    ws, _ = start_sheet(
        wb,
        "构成统计",
        f"党员队伍构成统计（截至{cn_date(doc.as_of)}）",
        ["统计项目", "类别", "人数", "占比"],
        [14, 30, 10, 10],
        prov,
        landscape=False,
        subtitle=f"统计范围：{doc.scope}　　党员总数：{doc.total}人　　口径：{kind}",
    )
    ws.append(
        [
            cell(ws, "总数", HEADER_FONT),
            None,
            doc.total,
            cell(ws, 1 if doc.total else 0, number_format="0.0%"),
        ]
    )
    for dim, items in doc.dimensions:
        first = True
        counted = 0
        for label, n in items:
            counted += n
            share = n / doc.total if doc.total else 0
            ws.append(
                [
                    cell(ws, dim, HEADER_FONT) if first else None,
                    label,
                    n,
                    cell(ws, share, number_format="0.0%"),
                ]
            )
            first = False
        if counted != doc.total:
            gap = doc.total - counted
            ws.append(
                [
                    None,
                    cell(ws, "未填写或无法归类", fill=WARN_FILL),
                    cell(ws, gap, fill=WARN_FILL),
                    cell(ws, gap / doc.total if doc.total else 0, number_format="0.0%"),
                ]
            )
    add_info_sheet(
        wb,
        prov,
        "党员队伍构成统计",
        [
            ("统计截止日期", doc.as_of),
            ("统计范围", doc.scope),
            ("党员总数", doc.total),
            ("年龄计算", f"按{cn_date(doc.as_of)}计算周岁"),
            *[("备注", n) for n in doc.notes],
        ],
    )
    save(wb, out_path)
