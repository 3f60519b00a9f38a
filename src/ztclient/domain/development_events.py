"""发展党员: the rules on stage events that need a person's history and the meeting behind them.

What an admission needs (政治审查, 两名入党介绍人, 集中培训, 预审, 入党志愿书), the 支部党员大会
vote an admission, a conversion or an extension rests on and the date it gives, the norms around
a candidate's year as activist; and ``event_outcome``, the one entry point every path calls to
record a member event (domain facts §2; docs/development.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import events as domain_events
from ztclient.domain import rules
from ztclient.domain.codes import table
from ztclient.domain.dates import add_months, add_years, parse_date
from ztclient.domain.development import (
    ASSESSMENT_MONTHS,
    CONVERSION_LATE_MONTHS,
    MEETING_AFTER_PREREVIEW_MONTHS,
    RESOLUTION_FOR,
    REVIEW_VALID_YEARS,
    SPONSORS,
    TRAINING_DAYS,
    TRAINING_HOURS,
    Evidence,
    StepRecord,
    date_of,
    latest,
    training_total,
)
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.model import EventKind, MeetingKind

__all__ = ["check_event", "event_outcome", "void_breaks"]


def check_event(
    member: Mapping[str, Any],
    history: Sequence[StepRecord],
    kind: EventKind | str,
    when: str | date,
    details: Mapping[str, Any] | None = None,
    evidence: Evidence | None = None,
    *,
    today: date,
) -> list[DomainError]:
    """The history rules of a stage event (what an admission or a conversion needs, the
    meeting it rests on). Raises for broken rules, all at once; returns the norms not met."""
    kind = EventKind(kind)
    details = details or {}
    day = parse_date(when, "date")
    errors: list[DomainError] = []
    warnings: list[DomainError] = []
    if kind in RESOLUTION_FOR:
        errors += _evidence_rules(member, kind, day, evidence, warnings)
    if kind == EventKind.ACTIVIST:
        method = details.get("method")
        if method not in (None, "") and table("activist_method").find(method) is None:
            errors.append(
                DomainError("E_CODE_UNKNOWN", "method", table="activist_method", value=method)
            )
        if latest(history, "talk", day) is None:
            warnings.append(DomainError("W_DEV_STEP_SKIPPED", "step", step="talk", kind=kind.value))
    elif kind == EventKind.CANDIDATE:
        warnings += _candidate_norms(member, history, day)
    elif kind == EventKind.ADMITTED:
        errors += _admission_rules(history, day, details, warnings)
    elif kind == EventKind.CONVERTED:
        end = rules.probation_end_of(member)
        if end and day != end:  # 预备期满转正以期满之日为转正日期 (§2)
            errors.append(
                DomainError(
                    "E_DEV_CONVERSION_DATE",
                    "date",
                    date=day.isoformat(),
                    probation_end=end.isoformat(),
                )
            )
        meeting_day = evidence.meeting_date if evidence else day
        if latest(history, "conversion_application", meeting_day) is None:
            errors.append(
                DomainError(
                    "E_DEV_STEP_MISSING", "step", step="conversion_application", kind=kind.value
                )
            )
        for step in ("oath", "approval"):
            if latest(history, step, meeting_day) is None:
                warnings.append(
                    DomainError("W_DEV_STEP_SKIPPED", "step", step=step, kind=kind.value)
                )
    elif kind == EventKind.PROBATION_EXTENDED and evidence and evidence.extension_months:
        months = details.get("months")
        if months not in (None, "") and str(months) != str(evidence.extension_months):
            errors.append(
                DomainError(
                    "E_DEV_EXTENSION_MISMATCH",
                    "months",
                    months=months,
                    resolved=evidence.extension_months,
                )
            )
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return warnings


def _needs(history: Sequence[StepRecord], stage: StepRecord) -> set[tuple[str, str]]:
    """The rules a standing record (an admission, a conversion, an 入党志愿书) rests on that
    ``history`` leaves unmet, as (code, step) pairs."""
    found: list[DomainError] = []
    if stage.step == EventKind.ADMITTED:
        found = _admission_rules(history, stage.date, stage.details, [])
    elif stage.step == EventKind.CONVERTED:
        meeting = stage.details.get("meeting_date")
        day = parse_date(meeting, "meeting_date") if meeting else stage.date
        if latest(history, "conversion_application", day) is None:
            found = [
                DomainError("E_DEV_STEP_MISSING", step="conversion_application", kind=stage.step)
            ]
    elif stage.step == "volunteer_form" and latest(history, "pre_review", stage.date) is None:
        found = [DomainError("E_DEV_STEP_MISSING", step="pre_review", kind=stage.step)]
    return {(e.code, str(e.params.get("step", ""))) for e in found}


def void_breaks(history: Sequence[StepRecord], step_id: str) -> DomainError | None:
    """Why voiding step ``step_id`` would leave a standing record without what it rests on
    (E_DEV_STEP_NEEDED, naming the record), or None. Only what the void itself breaks counts:
    a record imported without its steps keeps whatever it lacked."""
    voided = next((r for r in history if r.id == step_id), None)
    if voided is None:
        return None
    rest = [r for r in history if r.id != step_id]
    for stage in rest:
        if _needs(rest, stage) - _needs(history, stage):
            return DomainError(
                "E_DEV_STEP_NEEDED",
                "step",
                step=voided.step,
                kind=stage.step,
                date=stage.date.isoformat(),
            )
    return None


def _evidence_rules(
    member: Mapping[str, Any],
    kind: EventKind,
    day: date,
    evidence: Evidence | None,
    warnings: list[DomainError],
) -> list[DomainError]:
    """The event rests on a passed resolution of the member's own 支部党员大会 (§2, 党章 art. 7)."""
    needed = RESOLUTION_FOR[kind]
    if evidence is None:
        if kind == EventKind.PROBATION_REVOKED:  # may come from the higher committee: a norm
            warnings.append(DomainError("W_DEV_MEETING_MISSING", "meeting", kind=kind.value))
            return []
        return [DomainError("E_DEV_MEETING_REQUIRED", "meeting", kind=kind.value)]
    if evidence.meeting_kind != MeetingKind.BRANCH_GENERAL:
        return [
            DomainError(
                "E_DEV_MEETING_KIND", "meeting", kind=kind.value, meeting_kind=evidence.meeting_kind
            )
        ]
    errors: list[DomainError] = []
    if evidence.meeting_org_id != member.get("org_id"):
        errors.append(DomainError("E_DEV_MEETING_ORG", "meeting", kind=kind.value))
    if evidence.resolution_kind != needed:
        errors.append(
            DomainError(
                "E_DEV_RESOLUTION_MISSING",
                "meeting",
                kind=kind.value,
                resolution=needed.value,
                meeting_date=evidence.meeting_date.isoformat(),
            )
        )
    elif not evidence.passed:
        errors.append(
            DomainError(
                "E_DEV_RESOLUTION_NOT_PASSED",
                "meeting",
                kind=kind.value,
                meeting_date=evidence.meeting_date.isoformat(),
            )
        )
    meeting = evidence.meeting_date
    # 入党时间 is the day the 支部大会 passes the admission (§1.6); the others take effect then.
    on_the_day = (EventKind.ADMITTED, EventKind.PROBATION_EXTENDED, EventKind.PROBATION_REVOKED)
    if kind in on_the_day and day != meeting:
        errors.append(
            DomainError(
                "E_DEV_DATE_MEETING",
                "date",
                kind=kind.value,
                date=day.isoformat(),
                meeting_date=meeting.isoformat(),
            )
        )
    if kind in (EventKind.CONVERTED, EventKind.PROBATION_EXTENDED):
        end = rules.probation_end_of(member)  # join + 1 year when none is stored
        if end and meeting < end:  # 预备期满，党支部应当及时讨论 (细则 art. 33)
            errors.append(
                DomainError(
                    "E_DEV_DECISION_EARLY",
                    "meeting",
                    kind=kind.value,
                    meeting_date=meeting.isoformat(),
                    probation_end=end.isoformat(),
                )
            )
        elif end and meeting > add_months(end, CONVERSION_LATE_MONTHS):
            warnings.append(
                DomainError(
                    "W_DEV_DECISION_LATE",
                    "meeting",
                    kind=kind.value,
                    meeting_date=meeting.isoformat(),
                    probation_end=end.isoformat(),
                )
            )
    return errors


def _admission_rules(
    history: Sequence[StepRecord],
    day: date,
    details: Mapping[str, Any],
    warnings: list[DomainError],
) -> list[DomainError]:
    """What the 支部大会 may not admit without (细则 arts. 14, 16, 17, 19); steps dated after
    the meeting do not count."""
    errors: list[DomainError] = []
    review = latest(history, "political_review", day)
    if review is None:
        errors.append(
            DomainError("E_DEV_STEP_MISSING", "step", step="political_review", kind="admitted")
        )
    elif review.details.get("result") != "qualified":
        errors.append(DomainError("E_DEV_REVIEW_FAILED", "step", date=review.date.isoformat()))
    elif day > add_years(review.date, REVIEW_VALID_YEARS):
        warnings.append(
            DomainError(
                "W_DEV_REVIEW_OLD",
                "step",
                review_date=review.date.isoformat(),
                date=day.isoformat(),
            )
        )
    sponsors = latest(history, "sponsors", day)
    if sponsors is None or len(sponsors.people) != SPONSORS:
        errors.append(DomainError("E_DEV_STEP_MISSING", "step", step="sponsors", kind="admitted"))
    days, hours = training_total(history, day)
    if days < TRAINING_DAYS and hours < TRAINING_HOURS:
        reason = str(details.get("training_exempt_reason") or "").strip()
        if reason:  # 除特殊情况外 (art. 17): the special case is stated and shown
            warnings.append(
                DomainError(
                    "W_DEV_TRAINING_EXEMPT",
                    "step",
                    reason=reason,
                    days=f"{days:g}",
                    hours=f"{hours:g}",
                )
            )
        else:
            errors.append(
                DomainError(
                    "E_DEV_TRAINING_SHORT",
                    "step",
                    days=f"{days:g}",
                    hours=f"{hours:g}",
                    min_days=TRAINING_DAYS,
                    min_hours=TRAINING_HOURS,
                )
            )
    pre = latest(history, "pre_review", day)
    if pre is None:
        errors.append(DomainError("E_DEV_STEP_MISSING", "step", step="pre_review", kind="admitted"))
    elif day > add_months(pre.date, MEETING_AFTER_PREREVIEW_MONTHS):
        warnings.append(
            DomainError(
                "W_DEV_MEETING_LATE",
                "date",
                pre_review_date=pre.date.isoformat(),
                date=day.isoformat(),
            )
        )
    if latest(history, "volunteer_form", day) is None:
        errors.append(
            DomainError("E_DEV_STEP_MISSING", "step", step="volunteer_form", kind="admitted")
        )
    for step in ("candidate_filed", "committee_review"):
        if latest(history, step, day) is None:
            warnings.append(DomainError("W_DEV_STEP_SKIPPED", "step", step=step, kind="admitted"))
    return errors


def _candidate_norms(
    member: Mapping[str, Any], history: Sequence[StepRecord], day: date
) -> list[DomainError]:
    """培养联系人 named, 备案, and an assessment at least every half year (细则 arts. 11, 13)."""
    warnings: list[DomainError] = []
    for step in ("mentors", "activist_filed"):
        if latest(history, step, day) is None:
            warnings.append(DomainError("W_DEV_STEP_SKIPPED", "step", step=step, kind="candidate"))
    start = date_of(member, "activist_date")
    if start is None:
        return warnings
    marks = sorted(h.date for h in history if h.step == "assessment" and start <= h.date <= day)
    previous = start
    for mark in [*marks, day]:
        if mark > add_months(previous, ASSESSMENT_MONTHS):
            warnings.append(
                DomainError(
                    "W_DEV_ASSESSMENT_GAP",
                    "step",
                    start=previous.isoformat(),
                    end=mark.isoformat(),
                    months=ASSESSMENT_MONTHS,
                )
            )
            break
        previous = mark
    return warnings


# -- the one entry point for a stage event ----------------------------------------------------------
def event_outcome(
    member: Mapping[str, Any],
    kind: EventKind | str,
    when: str,
    details: Mapping[str, Any] | None = None,
    *,
    history: Sequence[StepRecord] = (),
    evidence: Evidence | None = None,
    today: date,
    events: Sequence[Mapping[str, Any]] = (),
) -> tuple[dict[str, Any], list[DomainError]]:
    """(member fields the event changes, warnings) for any member event, or a refusal.

    Three layers, in order: the state machine (events.apply_event, on the member's state on
    the event's date, from ``events``: the member's recorded events), the history rules above,
    and the member record rules (rules.validate_member) on the record as the event would leave
    it: an event may not make a valid record invalid (an application at 16, a 发展对象 a month
    after 积极分子, a 转正 before the year is out). Problems the record already had are left to
    the member form.
    """
    kind = EventKind(kind)
    effects = domain_events.apply_event(member, kind, when, details, today=today, events=events)
    warnings = check_event(member, history, kind, when, details, evidence, today=today)
    before = {(e.code, e.field) for e in rules.validate_member(member, today)}
    after = rules.validate_member({**member, **effects}, today)
    new = [e for e in after if (e.code, e.field) not in before]
    if new:
        raise new[0] if len(new) == 1 else ValidationErrors(new)
    return effects, warnings
