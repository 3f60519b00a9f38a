"""date_parse: every form clerks type, and a property test over the whole range."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ztclient.infra.documents.date_parse import DateParseError, parse_date

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "value,expected,precision",
    [
        ("1985.03", date(1985, 3, 1), "month"),
        ("1985.3", date(1985, 3, 1), "month"),
        ("1985年3月", date(1985, 3, 1), "month"),
        ("1985年03月", date(1985, 3, 1), "month"),
        ("1985-3-12", date(1985, 3, 12), "day"),
        ("1985/3/12", date(1985, 3, 12), "day"),
        ("1985年3月12日", date(1985, 3, 12), "day"),
        ("19850312", date(1985, 3, 12), "day"),
        ("198503", date(1985, 3, 1), "month"),
        ("85.3", date(1985, 3, 1), "month"),
        ("85年3月", date(1985, 3, 1), "month"),
        ("05.3", date(2005, 3, 1), "month"),
        ("１９８５．０３", date(1985, 3, 1), "month"),
        (" 1985 . 3 ", date(1985, 3, 1), "month"),
        ("1985", date(1985, 1, 1), "year"),
        (31118, date(1985, 3, 12), "day"),
        (31118.0, date(1985, 3, 12), "day"),
        ("31118", date(1985, 3, 12), "day"),
        (1985.03, date(1985, 3, 1), "month"),
        (1985.12, date(1985, 12, 1), "month"),
        (85.3, date(1985, 3, 1), "month"),
        (19850312, date(1985, 3, 12), "day"),
        (datetime(1985, 3, 12, 0, 0), date(1985, 3, 12), "day"),
        (date(1985, 3, 12), date(1985, 3, 12), "day"),
    ],
)
def test_forms(value, expected, precision):
    got = parse_date(value, TODAY)
    assert got is not None and (got.value, got.precision) == (expected, precision)


def test_small_integer_is_a_year_not_a_serial():
    assert parse_date(1985, TODAY).precision == "year"
    assert parse_date(2101, TODAY).value == date(1905, 10, 1)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty(value):
    assert parse_date(value, TODAY) is None


@pytest.mark.parametrize(
    "value,code",
    [
        (1985.1, "E_DATE_AMBIGUOUS"),  # January, or October with its 0 dropped by Excel
        ("1985.13", "E_DATE_INVALID"),  # read as year.month: no 13th month
        ("1985-2-30", "E_DATE_INVALID"),
        ("19850230", "E_DATE_INVALID"),
        ("1985-2-3x", "E_DATE_FORMAT"),
        ("不详", "E_DATE_FORMAT"),
        (True, "E_DATE_FORMAT"),
        (12, "E_DATE_FORMAT"),
    ],
)
def test_errors(value, code):
    with pytest.raises(DateParseError) as err:
        parse_date(value, TODAY)
    assert err.value.code == code


# From 1905-10-08 on: smaller Excel serials (1900–2100) are read as a bare year, by design.
@given(st.dates(min_value=date(1905, 10, 8), max_value=date(2099, 12, 31)))
def test_property_day_forms_round_trip(d):
    serial = (d - date(1899, 12, 30)).days
    for value in (
        f"{d.year}-{d.month}-{d.day}",
        f"{d:%Y%m%d}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d:%Y.%m.%d}",
        f"{d:%Y/%m/%d}",
        serial,
        datetime(d.year, d.month, d.day),
    ):
        got = parse_date(value, TODAY)
        assert got.value == d and got.precision == "day", value


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_property_month_forms_round_trip(d):
    first = d.replace(day=1)
    for value in (
        f"{d.year}.{d.month:02d}",
        f"{d.year}年{d.month}月",
        f"{d:%Y%m}",
        f"{d.year}-{d.month:02d}",
    ):
        got = parse_date(value, TODAY)
        assert got.value == first and got.precision == "month", value
