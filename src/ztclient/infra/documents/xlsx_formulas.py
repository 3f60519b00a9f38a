"""Formula cells whose result a workbook does not keep.

Excel, WPS and LibreOffice save each formula with its last result, and the roster import reads
that result (openpyxl ``data_only``). A workbook written by a program (another system's export,
a script) often keeps the formula alone: openpyxl then reads the cell as empty, so a 转正时间 of
``=F3+365`` would silently become no date at all. openpyxl cannot tell such a cell from a
formula whose result is an empty text (both read as None), so this reads the sheet's XML: a
``<c>`` with an ``<f>`` and no ``<v>``, or an empty ``<v>`` where a number belongs (openpyxl
writes ``<v />``), has no saved result; an empty text result is ``t="str"``. A cell whose saved
result is an error value (``t="e"``: #N/A, #REF! …) is no value either: openpyxl reads it as the
text "#N/A", which would become a name.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.xml.functions import fromstring, iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ANY_FORMULA = re.compile(rb'<(?:\w+:)?f[\s>/]|t="e"')
_TEXT_TYPES = ("str", "s", "inlineStr")


def _sheet_part(z: zipfile.ZipFile, title: str) -> str | None:
    """The zip member holding the worksheet named ``title``."""
    book = fromstring(z.read("xl/workbook.xml"))
    rid = next((s.get(_REL_ID) for s in book.iter(f"{_MAIN}sheet") if s.get("name") == title), None)
    rels = fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)


def formulas_without_result(path: str | os.PathLike, title: str) -> dict[tuple[int, int], str]:
    """{(row, column), 1-based: what} for the cells of sheet ``title`` that hold a formula with
    no saved result (what = "") or whose saved result is an error value (what = "#N/A" …).
    Empty when the file keeps every result or cannot be read this way (the caller has read it
    with openpyxl already)."""
    out: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as z:
            part = _sheet_part(z, title)
            if part is None:
                return out
            with z.open(part) as fh:
                if not _ANY_FORMULA.search(fh.read()):
                    return out  # the usual case: no formula at all, no parsing
            with z.open(part) as fh:
                for _event, el in iterparse(fh):
                    if el.tag != f"{_MAIN}c":
                        continue
                    ref, kind = el.get("r"), el.get("t", "n")
                    result = el.find(f"{_MAIN}v")
                    text = result.text if result is not None else None
                    if ref and kind == "e":
                        out[coordinate_to_tuple(ref)] = text or "#N/A"
                    # a formula with no result, or an empty one where only a text may be empty
                    elif (
                        ref
                        and el.find(f"{_MAIN}f") is not None
                        and not text
                        and (result is None or kind not in _TEXT_TYPES)
                    ):
                        out[coordinate_to_tuple(ref)] = ""
                    el.clear()
    except (KeyError, OSError, ValueError, SyntaxError, zipfile.BadZipFile):
        return {}  # ParseError is a SyntaxError
    return out
