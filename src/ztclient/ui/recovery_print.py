"""The 恢复码 sheet the first run sends straight to the printer (no file: the code is never
written to this PC's disk). Its words and layout are the PDF sheet's (domain/recovery_sheet.py,
infra/documents/recovery_pdf.py): the code in groups of a boxed grid, who made it and when, and
the rules for keeping it. Printed documents are in Chinese, as every document of the program."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtGui import QTextDocument

from ztclient.domain import recovery_sheet as sheet

_BLANK = "__________"


def sheet_html(
    unit_name: str, unit_code: str, code: str, day: date, made_by: str, number: str = ""
) -> str:
    e = html.escape
    grid = "".join(
        "<tr>"
        + "".join(
            f"<td align='center' style='font-family:monospace;font-size:18pt;"
            f"font-weight:bold'>{e(g)}</td>"
            for g in row
        )
        + "</tr>"
        for row in sheet.rows(code)
    )
    rules = "".join(f"<li>{e(t)}</li>" for t in sheet.INSTRUCTIONS)
    return (
        f"<p align='center'><b>{e(sheet.MARK)}</b></p>"
        f"<h1 align='center'>{e(sheet.TITLE)}</h1>"
        "<table width='100%' cellpadding='4'>"
        f"<tr><td colspan='2'>单位名称：{e(unit_name)}</td></tr>"
        f"<tr><td>单位代码：{e(unit_code)}</td><td>生成日期：{day.year}年{day.month}月{day.day}日</td></tr>"
        f"<tr><td>恢复码编号：{e(number) or '—'}</td><td>生成人：{e(made_by) or _BLANK}</td></tr>"
        "</table><br/>"
        "<table width='100%' border='1' cellpadding='10' cellspacing='0' "
        f"style='border-collapse:collapse'>{grid}</table>"
        f"<p style='font-size:9pt'>{e(sheet.ALPHABET_NOTE)}<br/>{e(sheet.USE_NOTE)}</p>"
        f"<h3>保管要求</h3><ol>{rules}</ol><br/>"
        "<table width='100%'><tr><td>保管人（签字）：____________</td>"
        "<td align='right'>年　　月　　日</td></tr></table>"
    )


def recovery_document(
    unit_name: str, unit_code: str, code: str, day: date, made_by: str, number: str = ""
) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(sheet_html(unit_name, unit_code, code, day, made_by, number))
    return doc
