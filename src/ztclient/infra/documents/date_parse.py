"""Read every date form clerks type into a roster cell.

Forms: a real Excel date; an Excel serial number (31118); ``1985.03``, ``1985.3``, ``1985.03.12``;
``1985年3月``, ``1985年3月12日``; ``1985-3-12``, ``1985/3/12``, ``1985-03``; ``19850312``,
``198503``; two-digit years ``85.3``, ``85年3月``; full-width digits and stray spaces.

A date given to the month only comes back with ``precision="month"`` and day 1; the caller
decides whether that is good enough. A number typed as ``1985.1`` in a number cell is ambiguous
(Excel dropped the 0 of ``1985.10``): that is an error, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, Lotus's 1900 leap-year bug included
_SERIAL_MIN, _SERIAL_MAX = 367, 73051  # 1901-01-01 .. 2099-12-31: anything else is not a date


class DateParseError(ValueError):
    """``code`` is E_DATE_FORMAT, E_DATE_INVALID (a form we read, naming a day that does not
    exist) or E_DATE_AMBIGUOUS."""

    def __init__(self, code: str, value: object) -> None:
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


@dataclass(frozen=True)
class ParsedDate:
    value: date
    precision: Precision

    def iso(self) -> str:
        return self.value.isoformat()


_SEP = r"\s*[.\-/年月．。、]\s*"
_PATTERNS = [
    # 1985-03-12, 1985.3.12, 1985年3月12日, 85.3.12
    (re.compile(rf"^(\d{{4}}|\d{{2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})\s*日?$"), "ymd"),
    # 1985-03, 1985.3, 1985年3月, 85.3, 85年3月
    (re.compile(rf"^(\d{{4}}|\d{{2}}){_SEP}(\d{{1,2}})\s*月?(?:份)?$"), "ym"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),  # 19850312
    (re.compile(r"^(\d{4})(\d{2})$"), "ym"),  # 198503
    (re.compile(r"^(\d{4})\s*年?$"), "y"),  # 1985, 1985年
]


def _year(text: str, today: date) -> int:
    y = int(text)
    if len(text) == 2:  # 85 → 1985, 05 → 2005: the century that does not lie in the future
        y += 2000 if y <= today.year % 100 else 1900
    return y


def _from_serial(serial: float) -> date:
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def parse_date(value: object, today: date | None = None) -> ParsedDate | None:
    """Parse a cell value; None for an empty cell; DateParseError when it is not a date."""
    today = today or date.today()
    if value is None:
        return None
    if isinstance(value, datetime):
        return ParsedDate(value.date(), "day")
    if isinstance(value, date):
        return ParsedDate(value, "day")
    if isinstance(value, bool):
        raise DateParseError("E_DATE_FORMAT", value)
    if isinstance(value, int | float):
        return _parse_number(value, today)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    text = text.rstrip("日").strip() if text.endswith("月日") else text
    for pattern, kind in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        try:
            y = _year(m.group(1), today)
            if kind == "y":
                return ParsedDate(date(y, 1, 1), "year")
            month = int(m.group(2))
            if kind == "ym":
                return ParsedDate(date(y, month, 1), "month")
            return ParsedDate(date(y, month, int(m.group(3))), "day")
        except ValueError:  # written right, but no such day (1985-2-30) or month (1985.13)
            raise DateParseError("E_DATE_INVALID", value) from None
    if re.fullmatch(r"\d+(\.0+)?", text):  # a serial number that arrived as text
        return _parse_number(float(text), today)
    raise DateParseError("E_DATE_FORMAT", value)


def _parse_number(value: float, today: date) -> ParsedDate:
    if float(value).is_integer():
        n = int(value)
        if 1900 <= n <= 2100:  # a bare year typed into a number cell
            return ParsedDate(date(n, 1, 1), "year")
        if 19000101 <= n <= 21001231 or 190001 <= n <= 210012:
            return parse_date(str(n), today)  # type: ignore[return-value]
        if _SERIAL_MIN <= n <= _SERIAL_MAX:
            return ParsedDate(_from_serial(n), "day")
        raise DateParseError("E_DATE_FORMAT", value)
    # 1985.03 typed into a number cell: year.month with the month in the decimals.
    text = repr(float(value))
    whole, _, frac = text.partition(".")
    if len(whole) in (2, 4) and frac and len(frac) <= 2:
        if len(frac) == 1 and frac == "1":
            # 1985.1 is January or an October whose trailing zero Excel dropped.
            raise DateParseError("E_DATE_AMBIGUOUS", value)
        month = int(frac)
        try:
            return ParsedDate(date(_year(whole, today), month, 1), "month")
        except ValueError:  # written right, but no such day (1985-2-30) or month (1985.13)
            raise DateParseError("E_DATE_INVALID", value) from None
    if _SERIAL_MIN <= value <= _SERIAL_MAX:  # a serial with a time of day
        return ParsedDate(_from_serial(value), "day")
    raise DateParseError("E_DATE_FORMAT", value)
