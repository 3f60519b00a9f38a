"""学习学时统计 (study hours) as XLSX: hours per member by study form against the yearly target
(32 for members, 56 for secretaries and committee members; domain facts §5).

Only the forms the unit counts reach the target (by default the collective forms; 个人自学 is
shown, marked 不计入, and does not count): 计入学时 is what is compared with the target, 全部学时
every form's hours.

Sheets: 学时统计 (one line per member; short of target highlighted), 支部汇总 (per branch:
members, reached, not reached, average of the counted hours), 说明.
"""

from __future__ import annotations

import os
from collections import defaultdict

from ztclient.infra.documents.xlsx_common import (
    WARN_FILL,
    add_info_sheet,
    cell,
    fit_widths,
    new_workbook,
    save,
    start_sheet,
)
from ztclient.services.report_models import StudyHoursDoc, StudyRow

HOURS_FORMAT = "0.0"
OTHER = "其他形式"


def total(row: StudyRow) -> float:
    """Every form's hours."""
    return round(sum(h for _, h in row.hours_by_form), 2)


def counted(row: StudyRow) -> float:
    """The hours that count towards the target (all of them when the caller did not say)."""
    return total(row) if row.counted is None else round(row.counted, 2)


def write_study_hours(doc: StudyHoursDoc, out_path: str | os.PathLike) -> None:
    """Write the study-hours workbook atomically."""
    prov = doc.provenance
    wb = new_workbook()
    # Hours in a form the caller did not list still count: they get an 其他形式 column, so the
    # columns always add up to the total.
    listed = set(doc.forms)
    unlisted = any(f not in listed for r in doc.rows for f, _ in r.hours_by_form)
    forms = (*doc.forms, OTHER) if unlisted else tuple(doc.forms)
    not_counted = {f for f in forms if doc.counted_forms and f not in doc.counted_forms}
    headers = [
        "序号",
        "党支部",
        "姓名",
        "身份",
        *[f"{f}（不计入）" if f in not_counted else f for f in forms],
        "计入学时",
        "全部学时",
        "目标学时",
        "差额",
        "是否达标",
    ]
    sample = [[None, r.org_name, r.name, r.role] for r in doc.rows[:200]]
    widths = fit_widths(headers[:4], sample) + [max(8, len(f) * 2 + 2) for f in forms]
    widths += [9, 9, 9, 7, 9]
    ws, _ = start_sheet(wb, "学时统计", f"{doc.year}年度党员学习学时统计", headers, widths, prov)
    per_branch: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for i, r in enumerate(doc.rows, 1):
        hours: dict[str, float] = {}
        for f, h in r.hours_by_form:
            key = f if f in listed else OTHER
            hours[key] = hours.get(key, 0) + h
        t = counted(r)
        short = round(max(0.0, r.target - t), 2)
        per_branch[r.org_name].append((t, r.target))
        flag = cell(ws, "否", fill=WARN_FILL) if short else "是"
        ws.append(
            [
                i,
                r.org_name,
                r.name,
                r.role,
                *[cell(ws, hours.get(f, 0), number_format=HOURS_FORMAT) for f in forms],
                cell(ws, t, number_format=HOURS_FORMAT),
                cell(ws, total(r), number_format=HOURS_FORMAT),
                r.target,
                cell(ws, short, number_format=HOURS_FORMAT),
                flag,
            ]
        )

    headers2 = ["党支部", "人数", "达标人数", "未达标人数", "人均学时", "达标率"]
    widths2 = fit_widths(headers2, [[b] for b in per_branch])
    ws2, _ = start_sheet(
        wb, "支部汇总", f"{doc.year}年度学习学时支部汇总", headers2, widths2, prov, landscape=False
    )
    for b, items in per_branch.items():
        n = len(items)
        ok = sum(1 for t, target in items if t >= target)
        ws2.append(
            [
                b,
                n,
                ok,
                n - ok,
                cell(ws2, round(sum(t for t, _ in items) / n, 2), number_format="0.0"),
                cell(ws2, ok / n, number_format="0.0%"),
            ]
        )
    add_info_sheet(
        wb,
        prov,
        "学习学时统计",
        [
            ("年度", doc.year),
            *([("统计截至", doc.as_of)] if doc.as_of else []),
            ("统计口径", "按自然年累计；学时折算按本单位设置"),
            ("计入目标的学习形式", "、".join(doc.counted_forms) or "全部学习形式"),
            ("目标学时", "党员每年不少于32学时，基层党组织书记和班子成员不少于56学时"),
        ],
    )
    save(wb, out_path)
