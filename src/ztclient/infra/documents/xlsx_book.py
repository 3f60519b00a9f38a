"""The XLSX writer under every report: a workbook that streams its rows to disk (xlsxwriter in
constant-memory mode), styles as shared formats, and an atomic save that leaves nothing behind.

Why xlsxwriter and not openpyxl for writing: openpyxl's write-only mode runs a pure-Python XML
serializer, and the 3,000-member roster took 1.7× the time xlsxwriter takes to write the same
cells (1.5× with lxml under openpyxl); see docs/documents.md, "Writing XLSX". openpyxl still
reads workbooks (the roster import, and the tests).

What a writer can rely on:

- rows are appended in order (``Sheet.append``); constant-memory mode cannot go back;
- a ``str`` is always text: never a formula (a name starting with "=") nor a link;
- ``date``/``datetime`` values are real Excel dates shown as yyyy-mm-dd (a datetime with the
  time), as openpyxl showed them;
- ``None`` leaves the cell empty; ``cell(ws, None, fill=…)`` is an empty shaded cell.

The rows of a report stream into a private 0700 temporary folder; ``save`` removes it whether
the write succeeded or not, and so does the garbage collector when a writer fails before it
saves (a cancelled export), so no roster is left in clear in the temp folder.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import weakref
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ztclient.infra.documents.atomic_out import atomic_path

#: A style is a sorted tuple of xlsxwriter format properties: hashable, so each combination is
#: made into one format once per workbook.
Style = tuple[tuple[str, Any], ...]

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd h:mm:ss"  # openpyxl's default for a datetime cell


def style(**props: Any) -> Style:
    """A style from xlsxwriter format properties (``bold=True, font_size=16`` …)."""
    return tuple(sorted(props.items()))


class Styled(NamedTuple):
    """A value with its format, as ``cell`` returns it for ``Sheet.append``."""

    value: Any
    fmt: Any


class Book:
    """One workbook being written. Make it with ``new_workbook``; finish it with ``save``."""

    def __init__(self) -> None:
        self._tmp = tempfile.mkdtemp(prefix="zt-xlsx-")  # 0700: the rows are in clear here
        self._sheets: list[Any] = []
        self._cleanup = weakref.finalize(self, _discard, self._tmp, self._sheets)
        self.wb = xlsxwriter.Workbook(
            None,
            {
                "constant_memory": True,
                "tmpdir": self._tmp,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self._formats: dict[tuple, Any] = {}
        self._date_formats = {
            date: self.format(number_format=DATE_FORMAT),
            datetime: self.format(number_format=DATETIME_FORMAT),
        }

    def sheet(self, title: str) -> Sheet:
        ws = self.wb.add_worksheet(title)
        self._sheets.append(ws)
        return Sheet(self, ws)

    def format(
        self,
        font: Style | None = None,
        fill: Style | None = None,
        align: Style | None = None,
        border: Style | None = None,
        number_format: str | None = None,
    ) -> Any:
        """The shared format of this combination (made on first use)."""
        key = (font, fill, align, border, number_format)
        fmt = self._formats.get(key)
        if fmt is None:
            props: dict[str, Any] = {}
            for part in (font, fill, align, border):
                props.update(part or ())
            if number_format:
                props["num_format"] = number_format
            fmt = self._formats[key] = self.wb.add_format(props) if props else None
        return fmt

    def date_format(self, value: date) -> Any:
        return self._date_formats[datetime if isinstance(value, datetime) else date]

    def close_into(self, path: str | os.PathLike) -> None:
        """Write the workbook to ``path``.

        xlsxwriter zips into memory (a roster's zip is a few hundred KB) and the bytes are then
        written here: a zip archive left open on a full disk would print a traceback when the
        garbage collector closes it, and xlsxwriter wraps the OSError that the caller needs for
        its coded error (E_DISK_FULL). Both are avoided by writing the file ourselves."""
        buffer = io.BytesIO()
        self.wb.filename = buffer
        try:
            self.wb.close()
        except FileCreateError as exc:  # the temp folder failed (a full system disk)
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise
        with open(path, "wb") as fh:
            fh.write(buffer.getbuffer())

    def discard(self) -> None:
        """Remove the temporary rows (idempotent; ``save`` calls it)."""
        self._cleanup()


def _discard(tmp: str, sheets: list[Any]) -> None:
    for ws in sheets:  # the row files are open until closed (Windows cannot delete them open)
        with contextlib.suppress(Exception):
            ws._opt_close()  # xlsxwriter 3.3.1 (pinned): closes the constant-memory row file
    shutil.rmtree(tmp, ignore_errors=True)


class Sheet:
    """A worksheet written row by row. ``ws`` is the xlsxwriter worksheet (for page setup)."""

    __slots__ = ("book", "row", "ws")

    def __init__(self, book: Book, ws: Any) -> None:
        self.book = book
        self.ws = ws
        self.row = 0  # the next row to write (0-based)

    def append(self, values) -> None:
        """Write the next row: plain values, or ``Styled`` cells from ``cell``."""
        ws, r = self.ws, self.row
        write_string, write_number = ws.write_string, ws.write_number
        for c, v in enumerate(values):
            t = type(v)
            if v is None:
                continue
            if t is str:
                write_string(r, c, v)
            elif t is int or t is float or t is Decimal:
                write_number(r, c, v)
            else:
                self._write(r, c, v)
        self.row = r + 1

    def append_merged(self, item: Any, ncols: int, height: float | None = None) -> None:
        """Write the next row as one cell merged across ``ncols`` columns."""
        value, fmt = (item.value, item.fmt) if isinstance(item, Styled) else (item, None)
        if height is not None:
            self.ws.set_row(self.row, height)
        if ncols > 1:  # text stays text: the workbook turns no string into a formula
            self.ws.merge_range(self.row, 0, self.row, ncols - 1, value, fmt)
        else:
            self._write(self.row, 0, Styled(value, fmt))
        self.row += 1

    def _write(self, r: int, c: int, v: Any, fmt: Any = None) -> None:
        ws = self.ws
        if isinstance(v, Styled):
            v, fmt = v.value, v.fmt
            if v is None:
                if fmt is not None:
                    ws.write_blank(r, c, None, fmt)
                return
        if isinstance(v, str):
            ws.write_string(r, c, v, fmt)
        elif isinstance(v, bool):
            ws.write_boolean(r, c, v, fmt)
        elif isinstance(v, int | float | Decimal):
            ws.write_number(r, c, v, fmt)
        elif isinstance(v, date):
            ws.write_datetime(r, c, v, fmt or self.book.date_format(v))
        elif v is not None:
            raise TypeError(f"no XLSX cell for {type(v).__name__}")  # a writer's bug


def new_workbook() -> Book:
    return Book()


def cell(
    ws: Sheet,
    value: Any,
    font: Style | None = None,
    fill: Style | None = None,
    align: Style | None = None,
    border: Style | None = None,
    number_format: str | None = None,
) -> Styled:
    """A value with a style; a date without a number format is shown as a date."""
    if number_format is None and isinstance(value, date):
        number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
    return Styled(value, ws.book.format(font, fill, align, border, number_format))


def save(book: Book, out_path: str | os.PathLike) -> None:
    """Save atomically: only a complete workbook ever appears under the real name, and the
    temporary rows are removed whether the write succeeded or not."""
    try:
        with atomic_path(out_path) as tmp:
            book.close_into(tmp)
    finally:
        book.discard()
