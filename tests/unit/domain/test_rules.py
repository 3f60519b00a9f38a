"""Member rules (domain facts §1, §2): each rule's pass and fail case."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain.dates import add_months, add_years, age_on
from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error
from ztclient.domain.rules import parse_date, valid_phone, validate_member

TODAY = date(2026, 11, 23)


def good(**overrides):
    """A clean full member: female, born 1949-12-31 per the ID number."""
    fields = {
        "name": "王芳",
        "gender": "2",
        "org_id": "b1",
        "id_number": "11010519491231002X",
        "birth_date": "1949-12-31",
        "ethnicity": "01",
        "education": "21",
        "job": "602",
        "phone": "13800138000",
        "category": "full",
        "status": "normal",
        "application_date": "1985-03-01",
        "activist_date": "1985-06-01",
        "candidate_date": "1986-06-01",
        "join_date": "1986-07-01",
        "probation_end": "1987-07-01",
        "full_member_date": "1987-07-01",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def codes(fields):
    return sorted(e.code for e in validate_member(fields, TODAY))


def test_clean_record_passes():
    assert validate_member(good(), TODAY) == []


@pytest.mark.parametrize("missing", ["name", "gender", "org_id"])
def test_required(missing):
    errors = validate_member(good(**{missing: None}), TODAY)
    assert [(e.code, e.field) for e in errors] == [("E_FIELD_REQUIRED", missing)]


def test_blank_string_counts_as_missing():
    assert codes(good(name="  ")) == ["E_FIELD_REQUIRED"]


def test_unknown_codes():
    errors = validate_member(good(ethnicity="57", education="本科x"), TODAY)
    assert {(e.code, e.field) for e in errors} == {
        ("E_CODE_UNKNOWN", "ethnicity"),
        ("E_CODE_UNKNOWN", "education"),
    }


def test_id_checksum_reported():
    assert codes(good(id_number="110105194912310021")) == ["E_ID_CHECKSUM"]


def test_id_mangled_by_excel():
    assert codes(good(id_number="1.10105E+17")) == ["E_ID_EXCEL_MANGLED"]


def test_birth_and_gender_must_match_id():
    errors = validate_member(good(birth_date="1949-12-30", gender="1"), TODAY)
    assert {e.code for e in errors} == {"E_ID_BIRTH_MISMATCH", "E_ID_GENDER_MISMATCH"}
    # 9 = 未说明的性别 does not contradict the number.
    assert codes(good(gender="9")) == []


def test_age_at_application():
    # Born 1949-12-31: 18 on 1967-12-31.
    fail = good(
        application_date="1967-12-30",
        activist_date=None,
        candidate_date=None,
        join_date="1970-01-01",
        probation_end=None,
        full_member_date=None,
    )
    assert "E_AGE_AT_APPLICATION" in codes(fail)
    ok = dict(fail, application_date="1967-12-31")
    assert "E_AGE_AT_APPLICATION" not in codes(ok)


def test_age_uses_id_when_no_birth_date():
    fail = good(birth_date=None, application_date="1960-01-01")
    assert "E_AGE_AT_APPLICATION" in codes(fail)


def test_activist_at_least_one_year():
    assert codes(good(candidate_date="1986-05-31")) == ["E_ACTIVIST_TOO_SHORT"]
    assert codes(good(candidate_date="1986-06-01")) == []


def test_date_order():
    errors = validate_member(good(activist_date="1985-02-01"), TODAY)
    order = [e for e in errors if e.code == "E_DATE_ORDER"]
    assert len(order) == 1
    assert order[0].params["first"] == "application_date"
    assert order[0].params["second"] == "activist_date"


def test_date_order_skips_missing_stage():
    fields = good(activist_date=None, candidate_date=None, application_date="1986-08-01")
    errors = [e for e in validate_member(fields, TODAY) if e.code == "E_DATE_ORDER"]
    assert [(e.params["first"], e.params["second"]) for e in errors] == [
        ("application_date", "join_date")
    ]


def test_probation_one_year():
    assert codes(good(full_member_date="1987-08-01")) == ["E_PROBATION_LENGTH"]


def test_probation_extended_six_to_twelve_months():
    assert codes(good(probation_end="1988-01-01", full_member_date="1988-01-01")) == []
    assert codes(good(probation_end="1988-07-01", full_member_date="1988-07-01")) == []
    assert codes(good(probation_end="1987-10-01", full_member_date="1987-10-01")) == [
        "E_EXTENSION_LENGTH"
    ]
    assert codes(good(probation_end="1988-08-01", full_member_date="1988-08-01")) == [
        "E_EXTENSION_LENGTH"
    ]
    # An extension recorded but 转正 on another day.
    assert codes(good(probation_end="1988-01-01", full_member_date="1987-07-01")) == [
        "E_PROBATION_LENGTH"
    ]


def test_extension_months_field():
    assert codes(good(extension_months=6, probation_end=None, full_member_date="1988-01-01")) == []
    assert codes(good(extension_months=3, probation_end=None, full_member_date="1987-10-01")) == [
        "E_EXTENSION_LENGTH"
    ]


def test_probation_not_checked_before_1982():
    old = good(
        application_date="1970-01-01",
        activist_date=None,
        candidate_date=None,
        join_date="1971-03-01",
        probation_end=None,
        full_member_date="1971-03-01",
    )
    assert codes(old) == []


def test_future_dates():
    errors = validate_member(good(status_since="2026-11-24"), TODAY)
    assert [(e.code, e.field) for e in errors] == [("E_DATE_FUTURE", "status_since")]


def test_bad_date_format():
    errors = validate_member(good(join_date="1986/07/01"), TODAY)
    assert ("E_DATE_FORMAT", "join_date") in [(e.code, e.field) for e in errors]


@pytest.mark.parametrize(
    "phone,ok",
    [
        ("13800138000", True),
        ("+86 138 0013 8000", True),
        ("010-12345678", True),
        ("0755-1234567", True),
        ("(0755)12345678", True),
        ("13800138000, 010-12345678", True),
        ("12345678", False),  # landline without area code
        ("23800138000", False),
        ("1380013800", False),
        ("电话", False),
    ],
)
def test_phone(phone, ok):
    assert valid_phone(phone) is ok
    assert ("E_PHONE_FORMAT" in codes(good(phone=phone))) is (not ok)


def test_category_needs_dates():
    errors = validate_member(good(join_date=None, probation_end=None, full_member_date=None), TODAY)
    assert [(e.code, e.field) for e in errors] == [("E_CATEGORY_DATE_MISSING", "join_date")]
    applicant = good(
        category="applicant",
        activist_date=None,
        candidate_date=None,
        join_date=None,
        probation_end=None,
        full_member_date=None,
    )
    assert codes(applicant) == []
    assert codes(dict(applicant, join_date="1986-07-01")) == ["E_CATEGORY_DATE_EXTRA"]
    assert codes(good(category="probationary")) == ["E_CATEGORY_DATE_EXTRA"]


def test_exited_needs_exit_kind():
    assert codes(good(status="exited")) == ["E_FIELD_REQUIRED"]
    assert codes(good(status="exited", exit_kind="expelled")) == []


def test_parse_date_strict():
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    for bad in ("2024-2-1", "20240201", "", "2024-02-01T00:00"):
        with pytest.raises(DomainError) as info:
            parse_date(bad)
        assert info.value.code == "E_DATE_FORMAT"
    for impossible in ("2023-02-29", "2025-02-30", "2025-13-01"):  # the form was right
        with pytest.raises(DomainError) as info:
            parse_date(impossible, "join_date")
        assert info.value.code == "E_DATE_INVALID"
        assert (
            render_error(info.value)
            == f"“入党日期”填的 {impossible} 不存在：格式没错，但日历上没有这一天（或没有这个时刻），请核对"
        )


def test_date_helpers():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert age_on(date(2000, 3, 1), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 3, 1), date(2018, 3, 1)) == 18


def test_probation_end_may_be_in_the_future():
    current = good(
        category="probationary",
        join_date="2026-07-01",
        probation_end="2027-07-01",
        full_member_date=None,
        application_date="2024-03-01",
        activist_date="2024-06-01",
        candidate_date="2025-06-01",
    )
    assert codes(current) == []


# -- issue: membership rules on every stage date, and a probation that has ended ------------------
def young(birth: str, **fields):
    """A person born on ``birth`` (no ID number, so only the birth date counts)."""
    base = {"name": "李小", "gender": "1", "org_id": "b1", "status": "normal", "birth_date": birth}
    return {**base, **fields}


def test_under_18_on_any_stage_date_breaks_the_age_rule():
    # Born 2012-01-01: 13 on the day made an activist, no application date on record.
    errors = validate_member(
        young("2012-01-01", category="activist", activist_date="2025-01-01"), TODAY
    )
    assert [(e.code, e.field, e.params["age"], e.params["date"]) for e in errors] == [
        ("E_AGE_AT_APPLICATION", "activist_date", 13, "2025-01-01")
    ]
    # Born 2008-06-01: 17 when joined on 2026-05-31 (paper record without earlier dates) …
    joined = young("2008-06-01", category="probationary", join_date="2026-05-31")
    assert [(e.code, e.field) for e in validate_member(joined, TODAY)] == [
        ("E_AGE_AT_APPLICATION", "join_date")
    ]
    # … and 18 on 2026-06-01
    assert validate_member(dict(joined, join_date="2026-06-01"), TODAY) == []


def test_an_applicant_without_an_application_date_is_18_today():
    # TODAY is 2026-11-23: born 2008-11-24 is 17, born 2008-11-23 is 18
    errors = validate_member(young("2008-11-24", category="applicant"), TODAY)
    assert [(e.code, e.field, e.params["age"]) for e in errors] == [
        ("E_AGE_AT_APPLICATION", "birth_date", 17)
    ]
    assert validate_member(young("2008-11-23", category="applicant"), TODAY) == []


def test_a_full_member_whose_probation_has_not_ended_is_refused():
    # joined 2026-06-01, no 转正日期: probation ends 2027-06-01, after TODAY (2026-11-23)
    recent = good(
        application_date=None,
        activist_date=None,
        candidate_date=None,
        join_date="2026-06-01",
        probation_end=None,
        full_member_date=None,
    )
    errors = validate_member(recent, TODAY)
    assert [(e.code, e.field, e.params) for e in errors] == [
        (
            "E_PROBATION_NOT_ENDED",
            "category",
            {"join_date": "2026-06-01", "probation_end": "2027-06-01"},
        )
    ]
    # probation ending today is over; one ending tomorrow is not
    assert codes(dict(recent, join_date="2025-11-23")) == []
    assert codes(dict(recent, join_date="2025-11-24")) == ["E_PROBATION_NOT_ENDED"]
    # an extension recorded: the extended end counts (2025-06-01 + 1 year + 6 months)
    assert codes(dict(recent, join_date="2025-06-01", probation_end="2026-12-01")) == [
        "E_PROBATION_NOT_ENDED"
    ]
    # a historical member (joined before 1982-09-06) is not checked, nor a 预备党员
    assert codes(dict(recent, join_date="1975-01-01")) == []
    assert codes(dict(recent, category="probationary")) == []


def test_probation_end_of_a_record():
    from ztclient.domain.rules import probation_end_of  # the one reading of 预备期满

    assert probation_end_of({"join_date": "2025-06-01"}) == date(2026, 6, 1)
    assert probation_end_of({"join_date": "2024-02-29"}) == date(2025, 2, 28)  # leap day
    # a stored end (it may carry an extension) wins over join + 1 year
    assert probation_end_of({"join_date": "2025-06-01", "probation_end": "2026-12-01"}) == date(
        2026, 12, 1
    )
    assert probation_end_of({"join_date": "2025-06-01", "probation_end": ""}) == date(2026, 6, 1)
    assert probation_end_of({"join_date": None}) is None
    assert probation_end_of({"join_date": "2025/06/01"}) is None
