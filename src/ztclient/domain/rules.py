"""党员信息校验 (member record rules): every rule failure at once, as coded errors.

Each rule names the domain-facts section it comes from; see docs/domain-rules.md. The rules
never raise for a broken rule: a form shows all problems together, an import lists them per row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ztclient.domain import idnumber
from ztclient.domain.codes import table
from ztclient.domain.dates import add_months, add_years, age_on, months_between, parse_date
from ztclient.domain.errors import DomainError

__all__ = ["DATE_FIELDS", "parse_date", "probation_end_of", "valid_phone", "validate_member"]

#: Development dates in the order they must happen (domain facts §2).
DEVELOPMENT_ORDER = (
    "application_date",
    "activist_date",
    "candidate_date",
    "join_date",
    "full_member_date",
)
DATE_FIELDS = (
    "birth_date",
    *DEVELOPMENT_ORDER,
    "probation_end",
    "work_start_date",
    "status_since",
)
#: Code-table columns checked for known codes.
CODED_FIELDS = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "education": "education",
    "job": "job",
    "category": "category",
    "status": "status",
    "exit_kind": "exit_kind",
}
#: The date a category needs (人员类别 consistent with dates); judgment: applicants need none,
#: because paper records of old applications rarely carry the date.
CATEGORY_NEEDS = {
    "activist": "activist_date",
    "candidate": "candidate_date",
    "probationary": "join_date",
    "full": "join_date",
}
MIN_AGE = 18  # 党章 art. 1, domain facts §2
ACTIVIST_YEARS = 1  # 细则 art. 13
EXTENSION_MONTHS = (6, 12)  # 延长预备期 ≥ 6 months, ≤ 1 year
# The one-year probation and today's meaning of 入党日期 date from 1982-09-06 (§1.6); earlier
# records follow other rules (1969–1977 had no probation), so they are not checked.
PROBATION_RULE_FROM = date(1982, 9, 6)

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?$")


def valid_phone(value: str) -> bool:
    """An 11-digit mobile number starting with 1, or a landline with its area code (§1.10).

    Spaces and a +86/0086 prefix are ignored; several numbers may be separated by , ; / or 、.
    """
    parts = [p for p in re.split(r"[,;/、，；]", value) if p.strip()]
    if not parts:
        return False
    for part in parts:
        number = re.sub(r"[\s()（）]", "", part)
        number = re.sub(r"^(\+86|0086)-?", "", number)
        if not (_MOBILE.match(number) or _LANDLINE.match(number)):
            return False
    return True


def _present(fields: Mapping[str, Any], key: str) -> bool:
    value = fields.get(key)
    return value is not None and str(value).strip() != ""


def validate_member(fields: Mapping[str, Any], today: date) -> list[DomainError]:
    """All rule failures for a member record (dates as ISO strings); an empty list is clean."""
    errors: list[DomainError] = []
    for key in ("name", "gender", "org_id"):
        if not _present(fields, key):
            errors.append(DomainError("E_FIELD_REQUIRED", key))

    for key, name in CODED_FIELDS.items():
        if _present(fields, key) and str(fields[key]) not in table(name):
            errors.append(DomainError("E_CODE_UNKNOWN", key, table=name, value=fields[key]))

    dates: dict[str, date] = {}
    for key in DATE_FIELDS:
        if not _present(fields, key):
            continue
        try:
            dates[key] = parse_date(fields[key], key)
        except DomainError as err:
            errors.append(err)
            continue
        if dates[key] > today and key != "probation_end":  # a probation end is naturally ahead
            errors.append(DomainError("E_DATE_FUTURE", key, what=key, date=dates[key].isoformat()))

    errors += _id_rules(fields, dates, today)
    errors += _development_rules(fields, dates, today)
    errors += _probation_rules(fields, dates, today)

    if _present(fields, "phone") and not valid_phone(str(fields["phone"])):
        errors.append(DomainError("E_PHONE_FORMAT", "phone", value=fields["phone"]))

    if fields.get("status") == "voided":  # 录入错误作废 only (services/member_void.py)
        errors.append(DomainError("E_MEMBER_VOID_USE", "status"))
    category = fields.get("category")
    needed = CATEGORY_NEEDS.get(str(category))
    if needed and needed not in dates and not any(e.field == needed for e in errors):
        errors.append(
            DomainError("E_CATEGORY_DATE_MISSING", needed, category=category, what=needed)
        )
    if category in ("applicant", "activist", "candidate"):
        for key in ("join_date", "full_member_date"):
            if key in dates:
                errors.append(
                    DomainError("E_CATEGORY_DATE_EXTRA", key, category=category, what=key)
                )
    if category == "probationary" and "full_member_date" in dates:
        errors.append(
            DomainError(
                "E_CATEGORY_DATE_EXTRA",
                "full_member_date",
                category=category,
                what="full_member_date",
            )
        )
    if fields.get("status") == "exited" and not _present(fields, "exit_kind"):
        errors.append(DomainError("E_FIELD_REQUIRED", "exit_kind"))
    return errors


def _id_rules(fields: Mapping[str, Any], dates: dict[str, date], today: date) -> list[DomainError]:
    """ID number valid (§1.4); birth date and gender agree with it (§1.2, §1.4)."""
    if not _present(fields, "id_number"):
        return []
    raw = fields["id_number"]
    if idnumber.looks_mangled_by_excel(raw):
        return [DomainError("E_ID_EXCEL_MANGLED", "id_number", value=str(raw))]
    try:
        number = idnumber.validate(str(raw), today)
    except DomainError as err:
        return [err]
    errors = []
    id_birth = idnumber.birth_date(number)
    if "birth_date" in dates and dates["birth_date"] != id_birth:
        errors.append(
            DomainError(
                "E_ID_BIRTH_MISMATCH",
                "birth_date",
                birth_date=dates["birth_date"].isoformat(),
                id_birth=id_birth.isoformat(),
            )
        )
    gender = fields.get("gender")
    # Only 男/女 can disagree; 0 (unknown) and 9 (unstated) are not a contradiction.
    if gender in ("1", "2") and gender != idnumber.gender(number):
        errors.append(
            DomainError(
                "E_ID_GENDER_MISMATCH", "gender", gender=gender, id_gender=idnumber.gender(number)
            )
        )
    return errors


def _birth(fields: Mapping[str, Any], dates: dict[str, date]) -> date | None:
    if "birth_date" in dates:
        return dates["birth_date"]
    if _present(fields, "id_number"):
        try:
            return idnumber.birth_date(idnumber.normalize(str(fields["id_number"])))
        except DomainError:
            return None
    return None


def _development_rules(
    fields: Mapping[str, Any], dates: dict[str, date], today: date
) -> list[DomainError]:
    """Age at application (on any stage date), order of the stages, a year as activist (§2)."""
    errors = []
    born = _birth(fields, dates)
    # Every later stage implies an application before it, so being under 18 on the earliest
    # stage date present proves the application was made under 18 too; an applicant with no
    # date (paper records) must be 18 today at least.
    stages = [(dates[k], k) for k in DEVELOPMENT_ORDER if k in dates]
    if stages:
        on, stage = min(stages)
    elif fields.get("category") == "applicant":
        on, stage = today, "today"
    else:
        on, stage = None, ""
    if born and on and age_on(born, on) < MIN_AGE:
        errors.append(
            DomainError(
                "E_AGE_AT_APPLICATION",
                "birth_date" if stage == "today" else stage,
                age=age_on(born, on),
                what=stage,
                date=on.isoformat(),
            )
        )
    # Compare each present stage with the next present one, so a missing stage in an old
    # record does not hide a wrong order between the others.
    present = [k for k in DEVELOPMENT_ORDER if k in dates]
    for first, second in itertools.pairwise(present):
        if dates[first] > dates[second]:
            errors.append(
                DomainError(
                    "E_DATE_ORDER",
                    second,
                    first=first,
                    second=second,
                    first_date=dates[first].isoformat(),
                    second_date=dates[second].isoformat(),
                )
            )
    activist, candidate = dates.get("activist_date"), dates.get("candidate_date")
    if activist and candidate and activist <= candidate:
        earliest = add_years(activist, ACTIVIST_YEARS)
        if candidate < earliest:
            errors.append(
                DomainError(
                    "E_ACTIVIST_TOO_SHORT",
                    "candidate_date",
                    activist_date=activist.isoformat(),
                    candidate_date=candidate.isoformat(),
                    earliest=earliest.isoformat(),
                )
            )
    return errors


def probation_end_of(member: Mapping[str, Any]) -> date | None:
    """预备期满之日 of a record: the stored ``probation_end`` (it carries an extension), else one
    year after the join date (党章 art. 7; 2024-02-29 → 2025-02-28). Records added from paper
    before the program set ``probation_end`` have none stored; every rule, reminder and
    conversion date reads the end through this one function. None without a readable date."""
    for key in ("probation_end", "join_date"):
        if _present(member, key):
            try:
                day = parse_date(member[key], key)
            except DomainError:
                continue
            return day if key == "probation_end" else add_years(day, 1)
    return None


def probation_overdue(fields: Mapping[str, Any], today: date) -> DomainError | None:
    """A 预备党员 whose probation (a year from joining, or its extension) ended before
    ``today``: they should have been 转正, 延长 or 取消 (§2). Not refused — a record carried
    over from paper may be waiting for its 支部大会, and the due list reminds of it — but
    said, so the clerk sees it as the record goes in (W_PROBATION_OVERDUE)."""
    if fields.get("category") != "probationary":
        return None
    end = probation_end_of(fields)
    if end is None or end >= today:
        return None
    return DomainError("W_PROBATION_OVERDUE", "join_date", name=fields.get("name") or "",
                       end=end.isoformat(), join_date=str(fields.get("join_date") or "—"))  # fmt: skip


def _probation_rules(
    fields: Mapping[str, Any], dates: dict[str, date], today: date
) -> list[DomainError]:
    """预备期 one year from the join date, or 6–12 months more when extended (§2, §1.6); a
    正式党员 without a 转正日期 still needs a probation that has ended by ``today``.

    The extension is read from ``extension_months`` when given (a form or import may carry
    it), else from ``probation_end`` (join + 1 year + extension, kept by the events).
    """
    joined = dates.get("join_date")
    if not joined or joined < PROBATION_RULE_FROM:
        return []
    year_end = add_years(joined, 1)
    end = dates.get("probation_end")
    months = 0
    if _present(fields, "extension_months"):
        try:
            months = int(fields["extension_months"])
        except (TypeError, ValueError):
            return [
                DomainError(
                    "E_EXTENSION_LENGTH", "extension_months", months=fields["extension_months"]
                )
            ]
        field = "extension_months"
    elif end is not None and end < year_end:
        return [
            DomainError(
                "E_PROBATION_LENGTH",
                "probation_end",
                join_date=joined.isoformat(),
                expected=year_end.isoformat(),
                actual=end.isoformat(),
            )
        ]
    elif end is not None and end > year_end:
        months = months_between(year_end, end)
        field = "probation_end"
        if add_months(year_end, months) != end:  # not whole months: cannot be a valid extension
            return [DomainError("E_EXTENSION_LENGTH", field, months=f"{months}+")]
    lo, hi = EXTENSION_MONTHS
    if months and not lo <= months <= hi:
        return [DomainError("E_EXTENSION_LENGTH", field, months=months)]
    full = dates.get("full_member_date")
    expected = add_months(year_end, months)
    if full is not None and full != expected:
        return [
            DomainError(
                "E_PROBATION_LENGTH",
                "full_member_date",
                join_date=joined.isoformat(),
                expected=expected.isoformat(),
                actual=full.isoformat(),
            )
        ]
    if full is None and fields.get("category") == "full" and expected > today:
        return [
            DomainError(
                "E_PROBATION_NOT_ENDED",
                "category",
                join_date=joined.isoformat(),
                probation_end=expected.isoformat(),
            )
        ]
    return []
