"""The roster export against the two other ways of writing the same workbook (issue 16 item 8).

- xlsxwriter constant_memory, the same cells and nothing else: the line of the best tool.
  Budget: the export ≤ 1.2× of it.
- the old openpyxl path: the roster as the program wrote it until issue 16 (openpyxl
  write-only, the same title rows, styles, print setup and 说明 sheet), kept here only to show
  what the change bought. With lxml installed openpyxl serializes faster; lxml is not a
  dependency, so this runs whatever is installed and says which.

Rounds are interleaved (ours, xlsxwriter, openpyxl, then the other way round, …). The table
shows the best time of each, and the ratio is the median of the per-round ratios: two best
times may come from different moments (one side's lucky quiet slot once made 1.37× of what
paired rounds put at 1.0×), a pair saw the same one.
"""

from __future__ import annotations

import time
from pathlib import Path
from statistics import median

import openpyxl.xml
import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties

from ztclient.infra.documents.roster_xlsx import COLUMNS, row_values, write_roster
from ztclient.infra.documents.xlsx_common import col_letter

BUDGET = 1.2


def xlsxwriter_cells(doc, path: Path) -> None:
    """The same cells through xlsxwriter constant_memory, nothing else (dates as numbers)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("roster")
    for i, r in enumerate(doc.rows, 1):
        ws.write_row(i - 1, 0, row_values(i, r, doc.full_id_numbers))
    wb.close()


_THIN = Side(style="thin", color="000000")


def old_openpyxl_roster(doc, path: Path) -> None:
    """The roster as openpyxl wrote it before issue 16 (xlsx_common of that time, condensed)."""
    wb = Workbook(write_only=True)
    headers = [h for h, _ in COLUMNS]
    ws = wb.create_sheet("党员花名册")
    for i in range(len(headers)):
        ws.column_dimensions[col_letter(i + 1)].width = 12
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    _print_setup(ws)
    bold = Font(name="黑体", size=11, bold=True)
    ws.append([_cell(ws, "党员花名册", Font(name="黑体", size=16, bold=True))])
    ws.merged_cells.add(f"A1:{col_letter(len(headers))}1")
    ws.append([_cell(ws, f"共 {len(doc.rows)} 人")])
    ws.merged_cells.add(f"A2:{col_letter(len(headers))}2")
    fill = PatternFill("solid", fgColor="D9D9D9")
    border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.append([_cell(ws, h, bold, fill, center, border) for h in headers])
    for i, r in enumerate(doc.rows, 1):
        ws.append(row_values(i, r, doc.full_id_numbers))
    info = wb.create_sheet("说明")
    _print_setup(info)
    for label in ("报表名称", "制表单位", "单位代码", "制表时间", "制表人", "数据来源"):
        info.append([_cell(info, label, bold, border=border), _cell(info, "…", border=border)])
    wb.save(path)


def _cell(ws, value, font=None, fill=None, align=None, border=None) -> WriteOnlyCell:
    c = WriteOnlyCell(ws, value=value)
    for attr, v in (("font", font), ("fill", fill), ("alignment", align), ("border", border)):
        if v is not None:
            setattr(c, attr, v)
    return c


def _print_setup(ws) -> None:
    ws.page_setup.paperSize = "9"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def compare(doc, work: Path, repeat: int) -> tuple[list[tuple], bool]:
    """Rows for the bench table, and whether the export is within budget."""
    times: dict[str, list[float]] = {"ours": [], "xlsxwriter": [], "openpyxl": []}
    runs = {
        "ours": lambda: write_roster(doc, work / "roster.xlsx"),
        "xlsxwriter": lambda: xlsxwriter_cells(doc, work / "xw.xlsx"),
        "openpyxl": lambda: old_openpyxl_roster(doc, work / "old.xlsx"),
    }
    order = list(runs)
    for i in range(repeat):
        # Each repeat in the other order, so neither side always follows the old writer's garbage.
        for name in order if i % 2 == 0 else order[::-1]:
            t = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - t)
    ours, xw, old = (min(times[k]) for k in ("ours", "xlsxwriter", "openpyxl"))

    def ratio(a: str, b: str) -> float:
        """The median of the per-repeat ratios: both sides of a pair saw the same moment, where
        the two best times may come from different moments (a quiet slot for one side only)."""
        return median(x / y for x, y in zip(times[a], times[b], strict=True))

    n = len(doc.rows)
    lxml = "with lxml" if openpyxl.xml.LXML else "no lxml"
    vs_xw, vs_old = ratio("ours", "xlsxwriter"), ratio("ours", "openpyxl")
    old_xw = ratio("openpyxl", "xlsxwriter")
    ok = vs_xw <= BUDGET
    rows = [
        (f"roster XLSX, {n} members, vs xlsxwriter constant_memory (same cells)",
         f"{ours * 1000:.0f} ms", f"{xw * 1000:.0f} ms", f"{vs_xw:.2f}×", f"≤ {BUDGET:.2f}×",
         "yes" if ok else "NO"),
        (f"  vs the old openpyxl writer ({lxml})", f"{ours * 1000:.0f} ms", f"{old * 1000:.0f} ms",
         f"{vs_old:.2f}×", "", ""),
        ("  old openpyxl writer vs xlsxwriter", f"{old * 1000:.0f} ms", f"{xw * 1000:.0f} ms",
         f"{old_xw:.2f}×", "", ""),
    ]  # fmt: skip
    return rows, ok
