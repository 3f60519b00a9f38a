"""What every XLSX report shares: a title row, a frozen header, widths that fit Chinese, A4
print setup with the header repeated on each page, and a 说明 sheet saying who made it, when, and
from which data (confirmed by the central server, or local data not yet synced: 草稿).

Workbooks are written in openpyxl's write-only mode: a 3,000-member roster streams to disk in
about the time of a bare dump of the same cells (bench/documents.py). Data cells carry no
per-cell style for the same reason; printed gridlines stand in for cell borders.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties

from ztclient.infra.documents.atomic_out import atomic_path
from ztclient.services.report_models import ReportProvenance

INFO_SHEET = "说明"
DRAFT = "草稿"
DATE_FORMAT = "yyyy-mm-dd"

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_FONT = Font(name="黑体", size=16, bold=True)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
DRAFT_FONT = Font(name="黑体", size=12, bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WARN_FILL = PatternFill("solid", fgColor="FCE4D6")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


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


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def cell(
    ws,
    value: Any,
    font: Font | None = None,
    fill: PatternFill | None = None,
    align: Alignment | None = None,
    border: Border | None = None,
    number_format: str | None = None,
) -> WriteOnlyCell:
    c = WriteOnlyCell(ws, value=value)
    if font:
        c.font = font
    if fill:
        c.fill = fill
    if align:
        c.alignment = align
    if border:
        c.border = border
    if number_format:
        c.number_format = number_format
    return c


def col_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    s = ""
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def start_sheet(
    wb: Workbook,
    title: str,
    heading: str,
    headers: Sequence[str],
    widths: Sequence[float],
    prov: ReportProvenance,
    subtitle: str = "",
    landscape: bool = True,
):
    """Create a sheet with its title row(s) and header row; return (sheet, header row number).

    The header row is frozen and repeated on every printed page; a draft says 草稿 in its
    title, in red, and in the printed page header.
    """
    ws = wb.create_sheet(title)
    n = len(headers)
    last = col_letter(n)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[col_letter(i)].width = w
    # A write-only sheet writes its head (views, properties, columns) at the first append:
    # everything that lives there must be set before any row goes in.
    header_row = 3
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    setup_print(ws, landscape, prov, heading)
    text = heading + (f"（{DRAFT}）" if prov.is_draft else "")
    ws.append([cell(ws, text, TITLE_FONT, align=CENTER)])
    ws.merged_cells.add(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    row = 1
    line = subtitle or f"制表单位：{prov.unit_name}　　制表时间：{prov.made_at:%Y-%m-%d %H:%M}"
    if prov.is_draft:
        line += "　　本地数据，尚未与中心服务器同步确认"
    ws.append([cell(ws, line, DRAFT_FONT if prov.is_draft else None, align=LEFT)])
    row += 1
    ws.merged_cells.add(f"A{row}:{last}{row}")
    ws.append([cell(ws, h, HEADER_FONT, HEADER_FILL, CENTER, BORDER) for h in headers])
    row += 1
    assert row == header_row
    return ws, row


def setup_print(ws, landscape: bool, prov: ReportProvenance, heading: str) -> None:
    """A4, fit to the page width, gridlines printed, 第 &P 页 共 &N 页 in the footer."""
    ws.page_setup.paperSize = "9"  # A4 (ECMA-376 paper size code)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddHeader.left.text = prov.unit_name
    ws.oddHeader.right.text = heading + (f"（{DRAFT}）" if prov.is_draft else "")


def add_info_sheet(
    wb: Workbook, prov: ReportProvenance, report: str, extra: Sequence[tuple[str, Any]] = ()
) -> None:
    """The 说明 sheet: which unit made the report, when, who, and from which data."""
    ws = wb.create_sheet(INFO_SHEET)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
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
            # Excel has no time zones (openpyxl refuses aware datetimes): show local time.
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


def save(wb: Workbook, out_path: str | os.PathLike) -> None:
    """Save atomically: only a complete workbook ever appears under the real name.

    The zip archive is ours to close: ``Workbook.save`` leaves it open when a write fails
    (a full disk), and its finaliser then prints a traceback at exit.
    """
    import datetime
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    with atomic_path(out_path) as tmp:
        wb.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                ExcelWriter(wb, archive).save()
        except BaseException:
            _discard_sheet_writers(wb)
            raise


def _discard_sheet_writers(wb: Workbook) -> None:
    """After a failed save: stop write-only sheets' generators (or their finalisers print a
    traceback) and remove the temporary XML they stream rows into (it holds the rows in
    clear). Private attributes of openpyxl 3.1.5, which pyproject pins."""
    import contextlib

    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        rows = getattr(ws, "_rows", None)
        for gen in (rows, getattr(writer, "xf", None)):
            if gen is not None and hasattr(gen, "close"):
                with contextlib.suppress(Exception):
                    gen.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.unlink(out)


def mask_id(id_number: str) -> str:
    """First 4 and last 4 characters only (domain.idnumber.mask), for printed copies."""
    from ztclient.domain.idnumber import mask

    return mask(id_number) if id_number else ""
