"""Calendar helpers for the rules: strict ISO dates and "one year later" arithmetic."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ztclient.domain.errors import DomainError

_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Written the way a date, a time of day or a month is asked for; if such a text does not parse,
# the day or time it names does not exist (2025-02-30, 25:00, 2025-13).
_WELL_FORMED = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?$")
_WELL_FORMED_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def date_error_code(value: object, month: bool = False) -> str:
    """The code for a date, time or month (``month=True``: YYYY-MM) that did not parse:
    E_DATE_INVALID when it is written right but names a day or time that does not exist, so
    the clerk is not told to fix a format that was right; E_DATE_FORMAT otherwise."""
    text = str(value).strip()
    shape = _WELL_FORMED_MONTH if month else _WELL_FORMED
    return "E_DATE_INVALID" if shape.match(text) else "E_DATE_FORMAT"


def parse_date(s: str | date, field: str | None = None) -> date:
    """Parse a strict ISO date "YYYY-MM-DD" (a ``date`` passes through); E_DATE_INVALID for a
    day that does not exist (2025-02-30), E_DATE_FORMAT for anything else."""
    if isinstance(s, date):
        return s
    text = s.strip() if isinstance(s, str) else s
    if isinstance(text, str) and _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise DomainError("E_DATE_INVALID", field, what=field or "date", value=text) from None
    raise DomainError("E_DATE_FORMAT", field, what=field or "date", value=str(s))


def add_months(d: date, months: int) -> date:
    """``d`` plus whole months; a day that does not exist becomes the month's last day
    (2024-02-29 + 12 months = 2025-02-28), the usual way a period of months ends."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def add_years(d: date, years: int) -> date:
    """``d`` plus whole years (29 February → 28 February)."""
    return add_months(d, 12 * years)


def age_on(birth: date, on: date) -> int:
    """Completed years of age on a day (周岁)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` when ``end`` is a month boundary of ``start``,
    otherwise the number of whole months fully elapsed."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months
