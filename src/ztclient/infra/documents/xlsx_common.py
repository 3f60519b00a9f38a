"""What every XLSX report shares: a title row, a frozen header, widths that fit Chinese, A4
print setup with the header repeated on each page, and a 说明 sheet saying who made it, when, and
from which data (confirmed by the central server, or local data not yet synced: 草稿).

The workbook itself (streaming rows, shared styles, the atomic save) is xlsx_book.py: a 3,000-member
roster streams to disk in about the time xlsxwriter takes for the bare cells
(bench/documents.py). Data cells carry few styles for the same reason; printed gridlines stand in
for cell borders.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from ztclient.infra.documents.xlsx_book import (
    DATE_FORMAT,
    Book,
    Sheet,
    cell,
    new_workbook,
    save,
    style,
)
from ztclient.services.report_models import ReportProvenance

__all__ = [
    "BORDER", "CENTER", "DATE_FORMAT", "DRAFT", "DRAFT_FONT", "HEADER_FILL", "HEADER_FONT",
    "INFO_SHEET", "LEFT", "TITLE_FONT", "WARN_FILL", "add_info_sheet", "cell", "col_letter",
    "fit_widths", "mask_id", "new_workbook", "save", "start_sheet", "text_width",
]  # fmt: skip

INFO_SHEET = "说明"
DRAFT = "草稿"
BORDER = style(border=1)  # thin, black
TITLE_FONT = style(font_name="黑体", font_size=16, bold=True)
HEADER_FONT = style(font_name="黑体", font_size=11, bold=True)
DRAFT_FONT = style(font_name="黑体", font_size=12, bold=True, font_color="#C00000")
HEADER_FILL = style(pattern=1, bg_color="#D9D9D9")
WARN_FILL = style(pattern=1, bg_color="#FCE4D6")
CENTER = style(align="center", valign="vcenter", text_wrap=True)
LEFT = style(align="left", valign="vcenter", text_wrap=True)


def text_width(value: Any) -> float:
    """Column width in Excel's units (one Latin digit ≈ 1); a CJK character takes two."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    text = str(value)
    return sum(2.0 if unicodedata.east_asian_width(c) in "WF" else 1.1 for c in text)


def fit_widths(
    headers: Sequence[str], samples: Iterable[Sequence[Any]], lo: float = 4, hi: float = 40
) -> list[float]:
    """Widths that fit the header and the widest of the sample rows, within [lo, hi]."""
    widths = [text_width(h) for h in headers]
    for row in samples:
        for i, v in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], text_width(v))
    return [min(hi, max(lo, w + 2)) for w in widths]


def col_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    s = ""
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def start_sheet(
    wb: Book,
    title: str,
    heading: str,
    headers: Sequence[str],
    widths: Sequence[float],
    prov: ReportProvenance,
    subtitle: str = "",
    landscape: bool = True,
) -> tuple[Sheet, int]:
    """Create a sheet with its title row(s) and header row; return (sheet, header row number).

    The header row is frozen and repeated on every printed page; a draft says 草稿 in its
    title, in red, and in the printed page header.
    """
    ws = wb.sheet(title)
    n = len(headers)
    for i, w in enumerate(widths):
        set_width(ws, i, w)
    header_row = 3
    ws.ws.freeze_panes(header_row, 0)
    ws.ws.repeat_rows(header_row - 1)
    setup_print(ws, landscape, prov, heading)
    text = heading + (f"（{DRAFT}）" if prov.is_draft else "")
    ws.append_merged(cell(ws, text, TITLE_FONT, align=CENTER), n, height=30)
    line = subtitle or f"制表单位：{prov.unit_name}　　制表时间：{prov.made_at:%Y-%m-%d %H:%M}"
    if prov.is_draft:
        line += "　　本地数据，尚未与中心服务器同步确认"
    ws.append_merged(cell(ws, line, DRAFT_FONT if prov.is_draft else None, align=LEFT), n)
    ws.append([cell(ws, h, HEADER_FONT, HEADER_FILL, CENTER, BORDER) for h in headers])
    assert ws.row == header_row
    return ws, header_row


def set_width(ws: Sheet, col: int, width: float) -> None:
    """Column ``col`` (0-based) as wide as the reports have always been: ``width`` is the
    column width stored in the file (what openpyxl wrote); xlsxwriter adds Excel's 5-pixel
    cell padding to what it is given, so that is taken off first."""
    ws.ws.set_column(col, col, max(0.0, width - 5 / 7))


def _header_text(text: str) -> str:
    """A literal in an Excel page header: "&" starts a code there, "&&" is the character."""
    return text.replace("&", "&&")


def setup_print(ws: Sheet, landscape: bool, prov: ReportProvenance, heading: str) -> None:
    """A4, fit to the page width, gridlines printed, 第 &P 页 共 &N 页 in the footer."""
    w = ws.ws
    w.set_paper(9)  # A4
    if landscape:
        w.set_landscape()
    else:
        w.set_portrait()
    w.fit_to_pages(1, 0)
    w.hide_gridlines(0)  # shown on screen and printed
    w.center_horizontally()
    w.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    w.set_footer("&C第 &P 页 共 &N 页", margin=0.5)
    right = heading + (f"（{DRAFT}）" if prov.is_draft else "")
    w.set_header(f"&L{_header_text(prov.unit_name)}&R{_header_text(right)}", margin=0.5)


def add_info_sheet(
    wb: Book, prov: ReportProvenance, report: str, extra: Sequence[tuple[str, Any]] = ()
) -> None:
    """The 说明 sheet: which unit made the report, when, who, and from which data."""
    ws = wb.sheet(INFO_SHEET)
    set_width(ws, 0, 18)
    set_width(ws, 1, 60)
    setup_print(ws, False, prov, report)
    if prov.is_draft:
        source = f"{DRAFT}：本地数据，含尚未经中心服务器确认的修改"
    else:
        seq = f"（已确认至第 {prov.last_confirmed_seq} 号变更）" if prov.last_confirmed_seq else ""
        source = f"已与中心服务器同步确认{seq}"
    rows: list[tuple[str, Any]] = [
        ("报表名称", report),
        ("制表单位", prov.unit_name),
        ("单位代码", prov.unit_code),
        ("制表时间", prov.made_at),
        ("制表人", prov.made_by),
        ("数据来源", source),
        ("数据状态", DRAFT if prov.is_draft else "正式"),
        *extra,
        ("制作程序", "智慧政工离线客户端 ztclient"),
    ]
    ws.append([cell(ws, "报表说明", TITLE_FONT)])
    for label, value in rows:
        if isinstance(value, datetime) and value.tzinfo is not None:
            # Excel has no time zones (xlsxwriter refuses aware datetimes): show local time.
            value = value.astimezone().replace(tzinfo=None)
        fmt = (
            "yyyy-mm-dd hh:mm"
            if isinstance(value, datetime)
            else (DATE_FORMAT if isinstance(value, date) else None)
        )
        font = DRAFT_FONT if (prov.is_draft and label in ("数据来源", "数据状态")) else None
        ws.append(
            [
                cell(ws, label, HEADER_FONT, border=BORDER),
                cell(ws, value, font, border=BORDER, number_format=fmt, align=LEFT),
            ]
        )


def mask_id(id_number: str) -> str:
    """First 4 and last 4 characters only (domain.idnumber.mask), for printed copies."""
    from ztclient.domain.idnumber import mask

    return mask(id_number) if id_number else ""
