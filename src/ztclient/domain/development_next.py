"""What is next in a person's development, and by when (the 发展党员 page and the due list).

From the person's category, dates and recorded steps, in the order of the 25 steps (domain facts
§2). A step with a deadline from the rules carries ``due``; one whose time has not come carries
``not_before`` (e.g. 确定为发展对象 no earlier than a year after 积极分子). Only the first few
open items of the current stage are listed: the clerk sees what to do now, not the whole road.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ztclient.domain.dates import add_months, add_years, parse_date
from ztclient.domain.development import (
    APPROVAL_MONTHS,
    ASSESSMENT_MONTHS,
    MEETING_AFTER_PREREVIEW_MONTHS,
    TALK_MONTHS,
    TRAINING_DAYS,
    TRAINING_HOURS,
    StepRecord,
    training_total,
)
from ztclient.domain.model import Category
from ztclient.domain.rules import probation_end_of
from ztprotocol.roll import CURRENT_STATUSES

#: whose development goes on: people on the roll who can be reached (失去联系 pauses it; a
#: suspended or departed person has none). The 发展党员 list and next_steps both read this.
IN_PROGRESS_STATUSES: tuple[str, ...] = tuple(s for s in CURRENT_STATUSES if s != "lost_contact")

__all__ = ["NextStep", "next_steps", "stage_of"]


@dataclass(frozen=True)
class NextStep:
    """One open item: a step code (development_step) or a stage event kind (event_kind)."""

    code: str
    due: date | None = None  # deadline from a rule or norm
    not_before: date | None = None  # earliest date the rules allow

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


def stage_of(member: Mapping[str, Any], history: Sequence[StepRecord] = ()) -> int:
    """The stage (1–5) a person is in; 6 when converted and archived or never in development."""
    category = member.get("category")
    if category == Category.APPLICANT:
        return 1
    if category == Category.ACTIVIST:
        return 2
    if category == Category.CANDIDATE:
        # 预备党员的接收 starts with the committee's review of a ready candidate.
        ready = any(h.step in ("committee_review", "pre_review") for h in history)
        return 4 if ready else 3
    if category == Category.PROBATIONARY:
        approved = any(h.step == "approval" for h in history)
        return 5 if approved else 4
    if category == Category.FULL and any(h.step == "converted" for h in history):
        return 6 if any(h.step == "archived" for h in history) else 5
    return 6


def _d(member: Mapping[str, Any], key: str) -> date | None:
    value = member.get(key)
    return parse_date(value, key) if value else None


def _has(history: Sequence[StepRecord], code: str) -> bool:
    return any(h.step == code for h in history)


def _last(history: Sequence[StepRecord], code: str) -> date | None:
    dates = [h.date for h in history if h.step == code]
    return max(dates) if dates else None


def next_steps(
    member: Mapping[str, Any], history: Sequence[StepRecord], today: date
) -> list[NextStep]:
    """The open items of the person's current stage, in the order of the steps."""
    if (member.get("status") or "normal") not in IN_PROGRESS_STATUSES:
        return []
    category = member.get("category")
    out: list[NextStep] = []
    if category == Category.APPLICANT:
        applied = _d(member, "application_date")
        if not _has(history, "talk"):
            out.append(NextStep("talk", due=add_months(applied, TALK_MONTHS) if applied else None))
        out.append(NextStep("activist"))
    elif category == Category.ACTIVIST:
        start = _d(member, "activist_date")
        for code in ("mentors", "activist_filed"):
            if not _has(history, code):
                out.append(NextStep(code, due=start))
        last = max(filter(None, [start, _last(history, "assessment")]), default=None)
        if last:
            out.append(NextStep("assessment", due=add_months(last, ASSESSMENT_MONTHS)))
        out.append(NextStep("candidate", not_before=add_years(start, 1) if start else None))
    elif category == Category.CANDIDATE:
        start = _d(member, "candidate_date")
        for code in ("candidate_filed", "sponsors", "political_review"):
            if not _has(history, code):
                out.append(NextStep(code, due=start if code == "candidate_filed" else None))
        days, hours = training_total(history)
        if days < TRAINING_DAYS and hours < TRAINING_HOURS:
            out.append(NextStep("training"))
        for code in ("committee_review", "public_notice", "pre_review", "volunteer_form"):
            if not _has(history, code):
                out.append(NextStep(code))
        pre = _last(history, "pre_review")
        due = add_months(pre, MEETING_AFTER_PREREVIEW_MONTHS) if pre else None
        out.append(NextStep("admitted", due=due))
    elif category == Category.PROBATIONARY:
        joined, end = _d(member, "join_date"), probation_end_of(member)
        approval_due = add_months(joined, APPROVAL_MONTHS) if joined else None
        for code in ("upper_talk", "approval"):
            if not _has(history, code):
                out.append(NextStep(code, due=approval_due))
        for code in ("upper_filing", "grouped", "oath"):
            if not _has(history, code):
                out.append(NextStep(code))
        last = max(filter(None, [joined, _last(history, "probation_assessment")]), default=None)
        if last and (end is None or add_months(last, ASSESSMENT_MONTHS) < end):
            out.append(NextStep("probation_assessment", due=add_months(last, ASSESSMENT_MONTHS)))
        if not _has(history, "conversion_application"):
            out.append(NextStep("conversion_application", due=end))
        out.append(NextStep("converted", due=end, not_before=end))
    elif category == Category.FULL and _has(history, "converted"):
        converted = next(
            h for h in sorted(history, key=lambda h: h.date, reverse=True) if h.step == "converted"
        )
        meeting = converted.details.get("meeting_date")
        base = parse_date(meeting, "meeting_date") if meeting else converted.date
        if not _has(history, "conversion_approval"):
            out.append(NextStep("conversion_approval", due=add_months(base, APPROVAL_MONTHS)))
        if not _has(history, "archived"):
            out.append(NextStep("archived"))
    return out
