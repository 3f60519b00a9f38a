"""发展党员 (membership development): the steps of the five stages and the rules on them.

The stage events (applied, activist, candidate, admitted, converted, probation_extended,
probation_revoked) move a person between categories (domain/events.py). The other steps of
《中国共产党发展党员工作细则》 (谈话, 培养联系人, 政治审查, 集中培训, 预审, 志愿书, 审批, 宣誓 …)
are dated records naming people and documents (code table ``development_step``). This module
and development_events.py hold every rule that needs a person's history, once, for every path
that records a step or a stage event: the program's dialogs, ``ztclient-cli members event|step``, a passed resolution at
a 支部党员大会, and records applied from sync.

A *rule* raises DomainError (nothing is written); a *norm* (local practice, "一般") comes back as
a ``W_`` DomainError for the caller to show. Domain facts §2; docs/development.md is the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ztclient.domain.codes import table
from ztclient.domain.dates import add_months, parse_date
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.model import Category, EventKind, ResolutionKind

__all__ = [
    "Evidence",
    "Person",
    "StepInfo",
    "StepRecord",
    "check_step",
    "latest",
    "step_info",
    "training_total",
]

# -- the rules' numbers (domain facts §2) ------------------------------------------------------
MENTORS = (1, 2)  # 1–2 正式党员 as 培养联系人
SPONSORS = 2  # 2 正式党员 as 入党介绍人 (细则 art. 14)
TRAINING_DAYS, TRAINING_HOURS = 3, 24  # 集中培训 ≥ 3 days or ≥ 24 学时 (细则 art. 17)
TALK_MONTHS = 1  # 谈话 within a month of the application
ASSESSMENT_MONTHS = 6  # 培养考察 every half year (细则 art. 11)
APPROVAL_MONTHS, APPROVAL_REDO_MONTHS = 3, 6  # 审批一般三个月内; local rule: beyond six, redo
REVIEW_VALID_YEARS = 1  # local practice: a political review is valid for a year
NOTICE_WORKDAYS = 5  # 公示 commonly ≥ 5 working days (unverified)
MEETING_AFTER_PREREVIEW_MONTHS = 1  # local practice: 支部大会 within a month of 预审
CONVERSION_LATE_MONTHS = 3  # 预备期满 "及时讨论": warn when the meeting is over 3 months late

#: The order of the development categories (a step needs the person to have reached its stage).
CATEGORY_ORDER = (
    Category.APPLICANT,
    Category.ACTIVIST,
    Category.CANDIDATE,
    Category.PROBATIONARY,
    Category.FULL,
)
#: The member date a step may not precede, and the category that date belongs to.
AFTER_CATEGORY = {
    "application_date": Category.APPLICANT,
    "activist_date": Category.ACTIVIST,
    "candidate_date": Category.CANDIDATE,
    "join_date": Category.PROBATIONARY,
    "full_member_date": Category.FULL,
}
#: Stage events and the stage (1–5) they open or belong to.
EVENT_STAGE = {
    EventKind.APPLIED: 1,
    EventKind.ACTIVIST: 2,
    EventKind.CANDIDATE: 3,
    EventKind.ADMITTED: 4,
    EventKind.CONVERTED: 5,
    EventKind.PROBATION_EXTENDED: 5,
    EventKind.PROBATION_REVOKED: 5,
}
#: Events that rest on a 支部党员大会 resolution, and the resolution kind each needs.
RESOLUTION_FOR = {
    EventKind.ADMITTED: ResolutionKind.ADMISSION,
    EventKind.CONVERTED: ResolutionKind.CONVERSION,
    EventKind.PROBATION_EXTENDED: ResolutionKind.EXTENSION,
    EventKind.PROBATION_REVOKED: ResolutionKind.REVOCATION,
}
_CLOSED = ("exited", "deceased", "transferred_out", "voided")


@dataclass(frozen=True)
class StepInfo:
    code: str
    stage: int
    after: str
    people: tuple[int, int]
    repeat: bool
    step_no: int


def step_info(code: str) -> StepInfo:
    """The catalogue entry of a step (E_CODE_UNKNOWN for an unknown code)."""
    e = table("development_step").entry(str(code), "step")
    low, high = e.get("people", [0, 0])
    return StepInfo(
        e.code,
        int(e.get("stage")),
        str(e.get("after")),
        (int(low), int(high)),
        bool(e.get("repeat")),
        int(e.get("step_no")),
    )


@dataclass(frozen=True)
class Person:
    """Someone a step names (谈话人, 培养联系人, 入党介绍人): a roster member or a name only.
    For a roster member the service fills ``category`` and ``voting_suspended``."""

    name: str
    member_id: str | None = None
    category: str | None = None
    voting_suspended: bool = False

    def to_dict(self) -> dict[str, str]:
        out = {"name": self.name}
        if self.member_id:
            out["member_id"] = self.member_id
        return out


@dataclass(frozen=True)
class StepRecord:
    """One recorded step (or stage event) of a person's development, as history."""

    step: str  # a development_step code, or an EventKind value for stage events
    date: date
    people: tuple[Person, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)
    id: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The 支部党员大会 resolution an admission, conversion, extension or revocation rests on.
    ``resolution_kind`` is None when the meeting has no such resolution about this person."""

    meeting_id: str
    meeting_kind: str
    meeting_org_id: str
    meeting_date: date
    resolution_kind: str | None = None
    passed: bool | None = None
    extension_months: int | None = None


# -- helpers ---------------------------------------------------------------------------------------
def _reached(member: Mapping[str, Any], needed: Category) -> bool:
    category = member.get("category")
    if category not in {c.value for c in CATEGORY_ORDER}:
        return False
    return CATEGORY_ORDER.index(Category(category)) >= CATEGORY_ORDER.index(needed)


def latest(
    history: Iterable[StepRecord], code: str, until: date | None = None
) -> StepRecord | None:
    found = [h for h in history if h.step == code and (until is None or h.date <= until)]
    return max(found, key=lambda h: h.date) if found else None


def _number(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        n = float(value)
    except (TypeError, ValueError):
        return None
    return n if n >= 0 else None


def training_total(history: Iterable[StepRecord], until: date | None = None) -> tuple[float, float]:
    """(days, hours) of 集中培训 recorded up to a date."""
    days = hours = 0.0
    for h in history:
        if h.step == "training" and (until is None or h.date <= until):
            days += _number(h.details.get("days")) or 0
            hours += _number(h.details.get("hours")) or 0
    return days, hours


def date_of(member: Mapping[str, Any], key: str) -> date | None:
    value = member.get(key)
    return parse_date(value, key) if value else None


# -- steps -----------------------------------------------------------------------------------------
def check_step(
    member: Mapping[str, Any],
    history: Sequence[StepRecord],
    code: str,
    when: str | date,
    people: Sequence[Person] = (),
    details: Mapping[str, Any] | None = None,
    *,
    today: date,
) -> list[DomainError]:
    """Check one step before it is recorded. Raises for a broken rule (all problems at once);
    returns the norms not met, as warnings."""
    info = step_info(code)
    details = details or {}
    day = parse_date(when, "date")
    if day > today:
        raise DomainError("E_DATE_FUTURE", "date", what="date", date=day.isoformat())
    if member.get("status") in _CLOSED:
        raise DomainError("E_DEV_STEP_CLOSED", "step", step=code, status=member.get("status"))
    needed = AFTER_CATEGORY[info.after]
    if not _reached(member, needed):
        raise DomainError(
            "E_DEV_STEP_STAGE",
            "step",
            step=code,
            category=member.get("category") or "",
            stage_category=needed.value,
        )
    errors: list[DomainError] = []
    anchor = date_of(member, info.after)
    if anchor and day < anchor:
        errors.append(
            DomainError(
                "E_DEV_STEP_BEFORE",
                "date",
                step=code,
                what=info.after,
                date=day.isoformat(),
                anchor=anchor.isoformat(),
            )
        )
    if not info.repeat and latest(history, code):
        errors.append(DomainError("E_DEV_STEP_TWICE", "step", step=code))
    errors += _people_rules(member, code, info, people, day)
    warnings: list[DomainError] = []
    errors += _step_details(member, history, code, day, details, warnings)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return warnings


def _people_rules(
    member: Mapping[str, Any], code: str, info: StepInfo, people: Sequence[Person], day: date
) -> list[DomainError]:
    """How many people a step names, and who may be named: 培养联系人 and 入党介绍人 are
    正式党员 on the step's date, a sponsor not under 留党察看 that day (细则 arts. 11, 14). The
    service gives each roster person's category and 留党察看 as of that date."""
    low, high = info.people
    errors: list[DomainError] = []
    if high == 0:
        return []
    if not low <= len(people) <= high:
        errors.append(
            DomainError(
                "E_DEV_PEOPLE_COUNT" if low != high else "E_DEV_PEOPLE_EXACT",
                "people",
                step=code,
                min=low,
                max=high,
                count=len(people),
            )
        )
    names = [p.name.strip() for p in people]
    if any(not n for n in names):
        errors.append(DomainError("E_FIELD_REQUIRED", "people"))
    if len(set(names)) != len(names):
        errors.append(DomainError("E_DEV_PERSON_TWICE", "people", step=code))
    for p in people:
        if p.member_id and p.member_id == member.get("id"):
            errors.append(DomainError("E_DEV_PERSON_SELF", "people", step=code, name=p.name))
            continue
        if code in ("mentors", "sponsors") and p.member_id:
            if p.category != Category.FULL:
                errors.append(
                    DomainError(
                        "E_DEV_PERSON_NOT_FULL",
                        "people",
                        step=code,
                        name=p.name,
                        category=p.category or "",
                        date=day.isoformat(),
                    )
                )
            elif code == "sponsors" and p.voting_suspended:
                # 受留党察看处分、尚未恢复党员权利的党员，不能作入党介绍人 (细则 art. 14).
                errors.append(
                    DomainError(
                        "E_DEV_SPONSOR_SUSPENDED", "people", name=p.name, date=day.isoformat()
                    )
                )
    return errors


def _step_details(
    member: Mapping[str, Any],
    history: Sequence[StepRecord],
    code: str,
    day: date,
    details: Mapping[str, Any],
    warnings: list[DomainError],
) -> list[DomainError]:
    errors: list[DomainError] = []
    if code == "training":
        days, hours = _number(details.get("days")), _number(details.get("hours"))
        if not (days or hours):
            errors.append(
                DomainError(
                    "E_DEV_TRAINING_AMOUNT",
                    "hours",
                    days=details.get("days"),
                    hours=details.get("hours"),
                )
            )
    elif code == "political_review":
        result = details.get("result")
        if result in (None, ""):
            errors.append(DomainError("E_DEV_DETAIL_MISSING", "result", step=code, detail="result"))
        elif str(result) not in table("political_review_result"):
            errors.append(
                DomainError(
                    "E_CODE_UNKNOWN", "result", table="political_review_result", value=result
                )
            )
    elif code == "public_notice":
        n = _number(details.get("days"))
        if not n or n != int(n):
            errors.append(DomainError("E_DEV_DETAIL_MISSING", "days", step=code, detail="days"))
        elif n < NOTICE_WORKDAYS:
            warnings.append(
                DomainError("W_DEV_NOTICE_SHORT", "days", days=int(n), needed=NOTICE_WORKDAYS)
            )
    elif code == "volunteer_form":
        pre = latest(history, "pre_review", day)
        if pre is None:  # the committee gives the 入党志愿书 to those who pass 预审 (细则 art. 19)
            errors.append(DomainError("E_DEV_STEP_MISSING", "step", step="pre_review", kind=code))
    elif code == "talk":
        applied = date_of(member, "application_date")
        if applied and day > add_months(applied, TALK_MONTHS):
            warnings.append(
                DomainError(
                    "W_DEV_TALK_LATE",
                    "date",
                    application_date=applied.isoformat(),
                    date=day.isoformat(),
                )
            )
    elif code in ("approval", "conversion_approval"):
        base = _decision_date(member, history, code)
        if base is not None:
            warnings += _approval_norm(base, day)
    elif code == "oath" and latest(history, "approval", day) is None:
        warnings.append(DomainError("W_DEV_OATH_BEFORE_APPROVAL", "date", date=day.isoformat()))
    return errors


def _decision_date(
    member: Mapping[str, Any], history: Sequence[StepRecord], code: str
) -> date | None:
    """The 支部大会 date an approval follows: the admission meeting (join date), or the
    conversion meeting (which may be after the 转正 date, §2)."""
    if code == "approval":
        return date_of(member, "join_date")
    converted = latest(history, EventKind.CONVERTED.value)
    if converted and converted.details.get("meeting_date"):
        return parse_date(converted.details["meeting_date"], "meeting_date")
    return date_of(member, "full_member_date")


def _approval_norm(base: date, day: date) -> list[DomainError]:
    if day > add_months(base, APPROVAL_REDO_MONTHS):
        return [
            DomainError(
                "W_DEV_APPROVAL_REDO",
                "date",
                meeting_date=base.isoformat(),
                date=day.isoformat(),
                months=APPROVAL_REDO_MONTHS,
            )
        ]
    if day > add_months(base, APPROVAL_MONTHS):
        return [
            DomainError(
                "W_DEV_APPROVAL_LATE",
                "date",
                meeting_date=base.isoformat(),
                date=day.isoformat(),
                months=APPROVAL_MONTHS,
            )
        ]
    return []
