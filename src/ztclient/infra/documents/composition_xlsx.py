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
    """Write the composition workbook atomically. A dimension that divides the total and whose
    counts fall short of it gets a 未填写或无法归类 line, so gaps in the records show instead of
    hiding; "of which" rows (女, 少数民族 …, ``doc.of_which``) are never made to add up. No
    count is negative and no share exceeds 100 %: a figure that would is refused."""
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
            if n < 0 or n > doc.total:
                raise ValueError(f"{dim}/{label}: {n} of {doc.total}")  # a counting bug upstream
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
        if dim not in doc.of_which and counted > doc.total:
            raise ValueError(f"{dim}: rows add up to {counted}, more than {doc.total}")
        if dim not in doc.of_which and counted < doc.total:
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
