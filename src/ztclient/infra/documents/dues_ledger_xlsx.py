"""党费收缴台账 (the dues ledger) as XLSX: a row a member, a column a month, totals.

Sheets: 党费收缴台账 (what each member paid on each month; unpaid months owed by the as-of date
shaded; 免交 and 不在本单位 months marked; a 合计 row), 按月汇总 (per month: due, paid, owed;
below the totals the 党内统计's four 补充资料 counts, in members), 说明. Amounts are numbers in 元 with two decimals (exact: the values come from integer fen), so
a clerk's own SUM gives the same totals. Print setup as every report: A4 landscape, fit to the
width, the header repeated on each page.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

from ztclient.infra.documents.xlsx_common import (
    HEADER_FONT,
    WARN_FILL,
    add_info_sheet,
    cell,
    fit_widths,
    new_workbook,
    save,
    start_sheet,
)
from ztclient.services.dues_docs import DuesCell, DuesLedgerDoc

MONEY = "0.00"
PEOPLE = '0"名"'
SUPPLEMENTARY_NOTE = (
    "补充资料",
    "按党内统计年报“党员基本情况”补充资料的口径，统计截止日在本单位的党员（年度内转出、"
    "出党、去世的不计）：按时按标准交纳指本年度应交的每个月都在当月内足额交纳（提前交纳算按时，"
    "补交不算），且没有批准少交或免交；经批准少交、免交指截止日前批准、涵盖本年度月份的审批；"
    "自愿一次性多交纳1000元以上指本年度某一笔交纳中的自愿多交部分达到1000元（含1000元；"
    "几笔合计达到的不算）。各项有重复的，分别统计",
)
EXEMPT = "免交"
NOT_HERE = "—"


class _Cells:
    """The ledger's cells in their few styles (each one shared format of the workbook)."""

    def __init__(self, ws) -> None:
        self.ws = ws

    def __call__(self, value: Any, font=None, fill=None, number_format: str | None = None):
        return cell(self.ws, value, font, fill, number_format=number_format)

    def money(self, value: Decimal | None, font=None):
        return self(value, font, number_format=MONEY)

    def month(self, c: DuesCell):
        if c.status == "paid":
            return self(c.paid, number_format=MONEY)
        if c.status == "exempt":
            return EXEMPT
        if c.status == "none":
            return NOT_HERE
        if c.status == "unpaid":
            return self(None, fill=WARN_FILL)  # owed and not paid: shaded, left for the pen
        return None  # the month in progress (待交) or upcoming: not owed yet


def write_dues_ledger(doc: DuesLedgerDoc, out_path: str | os.PathLike) -> None:
    """Write the ledger workbook atomically."""
    prov = doc.provenance
    wb = new_workbook()
    months = [f"{m}月" for m in range(1, 13)]
    headers = [
        "序号", "党支部", "姓名", "交纳类别", "计算基数（元）", "月交纳额（元）", *months,
        "应交月数", "应交金额", "实交金额", "其中自愿多交", "欠交月数", "欠交金额",
    ]  # fmt: skip
    sample = [[None, r.org_name, r.name, r.kind_label] for r in doc.rows[:200]]
    # the money columns fit their header (two columns a CJK character) and 99,999.99
    widths = fit_widths(headers[:4], sample, hi=24) + [16, 16] + [9] * 12 + [10, 11, 11, 14, 10, 11]
    heading = f"{doc.year}年度党费收缴台账"
    subtitle = (  # start_sheet adds the draft note
        f"单位：{doc.scope}　　统计截止：{doc.as_of:%Y-%m-%d}　　"
        f"制表时间：{prov.made_at:%Y-%m-%d %H:%M}"
    )
    ws, _ = start_sheet(wb, "党费收缴台账", heading, headers, widths, prov, subtitle)
    cells = _Cells(ws)
    for i, r in enumerate(doc.rows, 1):
        ws.append(
            [
                i,
                r.org_name,
                r.name,
                r.kind_label,
                cells.money(r.income),
                cells.money(r.monthly),
                *[cells.month(c) for c in r.cells],
                r.months_due,
                cells.money(r.due),
                cells.money(r.paid),
                cells.money(r.extra),
                cells(r.arrears_months, fill=WARN_FILL if r.arrears_months else None),
                cells(r.arrears, fill=WARN_FILL if r.arrears else None, number_format=MONEY),
            ]
        )
    t = doc.totals
    ws.append(
        [
            cell(ws, "合计", HEADER_FONT),
            None,
            cell(ws, f"{len(doc.rows)}人", HEADER_FONT),
            None,
            None,
            None,
            *[cells.money(v, HEADER_FONT) for v in doc.month_paid],
            cell(ws, t["months_due"], HEADER_FONT),
            cells.money(t["due"], HEADER_FONT),
            cells.money(t["paid"], HEADER_FONT),
            cells.money(t["extra"], HEADER_FONT),
            cell(ws, t["arrears_months"], HEADER_FONT),
            cells.money(t["arrears"], HEADER_FONT),
        ]
    )

    headers2 = ["月份", "应交金额", "实交金额", "欠交金额"]
    ws2, _ = start_sheet(
        wb, "按月汇总", f"{doc.year}年度党费按月汇总", headers2, [14, 24, 24, 24], prov,
        f"单位：{doc.scope}　　统计截止：{doc.as_of:%Y-%m-%d}", landscape=False,
    )  # fmt: skip
    cells2 = _Cells(ws2)
    months = zip(doc.month_due, doc.month_paid, doc.month_arrears, strict=True)
    for m, (due, paid, owed) in enumerate(months, 1):
        # owed = the ledger's 欠交 of the month (its unpaid owed months), not due less paid: a
        # payment on a month its payer did not owe settles no one else's month
        ws2.append([f"{m}月", cells2.money(due), cells2.money(paid), cells2.money(owed)])
    total_owed = sum(doc.month_arrears, Decimal(0))
    ws2.append(
        [
            cell(ws2, "合计", HEADER_FONT),
            cells2.money(sum(doc.month_due, Decimal(0)), HEADER_FONT),
            cells2.money(sum(doc.month_paid, Decimal(0)), HEADER_FONT),
            cells2.money(total_owed, HEADER_FONT),
        ]
    )
    # 自愿多交 belongs to no month: shown apart, so 实交总额 matches the ledger sheet's total
    ws2.append(["自愿多交（不分月）", None, cells2.money(t["extra"]), None])
    ws2.append([cell(ws2, "实交总额", HEADER_FONT), None, cells2.money(t["paid"], HEADER_FONT)])
    if doc.supplementary:  # 党内统计 补充资料: members, not money (the label runs over B and C)
        ws2.append([])
        ws2.append([cell(ws2, f"补充资料（{doc.as_of:%Y-%m-%d}在本单位的党员）", HEADER_FONT)])
        for label, members in doc.supplementary:
            ws2.append([label, None, None, cells2(members, number_format=PEOPLE)])
    add_info_sheet(
        wb,
        prov,
        "党费收缴台账",
        [
            ("年度", doc.year),
            ("统计截止日期", doc.as_of),
            ("范围", doc.scope),
            ("交纳标准", f"中组发〔2008〕3号；{doc.table_source}；{doc.rounding_note}"),
            (
                "统计口径",
                "党费按月交纳，到当月最后一天结束仍未交的为欠交；统计截止时该月尚未结束的"
                "（截止日不是该月最后一天，或就是当天），该月已交的计入应交，"
                "未交的为本月待交，不计入应交和欠交；"
                "预备党员自接收的次月起交纳；转出当月在本单位交纳；"
                "出党、去世、停止党籍自当月起不再交纳；经批准免交的月份不计入应交",
            ),
            (
                "月份栏",
                "填实交金额；“免交”为经批准免交；“—”为该月不在本单位；有底色的空白为欠交，"
                "无底色的空白为本月待交或尚未到期",
            ),
            (
                "计算基数",
                "“计算基数”“月交纳额”为截止日适用的基数；年中调整基数的，各月按当月适用的基数"
                "计算应交，已交月份按实交金额",
            ),
            ("实交金额", "含自愿多交；按交纳记录（截止日及以前交纳的）汇总"),
            *([SUPPLEMENTARY_NOTE] if doc.supplementary else []),
        ],
    )
    save(wb, out_path)
