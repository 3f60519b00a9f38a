"""党员事件 (member events): the state machine from application to exit.

``apply_event`` checks that an event makes sense for the member as they were on the event's
own date (``member_state.state_on``, from the record and the member's other events), that it is
not dated before the member's birth (or, for events that presuppose membership, before the join
date), and that an event which changes the record is not dated before the latest standing event
that changed it: the record is then always the result of the events in date order. It returns
only the member fields the event changes; the service writes the event row and those fields
together. Domain facts §1.6, §1.11–§1.13, §2; docs/domain-rules.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from contextlib import suppress
from datetime import date
from typing import Any

from ztclient.domain import idnumber, member_state
from ztclient.domain.codes import table
from ztclient.domain.dates import add_months, add_years, date_error_code, parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.model import Category, EventKind, Status

__all__ = ["allowed", "apply_event", "normalise_details", "required_details"]

_REQUIRED: dict[EventKind, tuple[str, ...]] = {
    EventKind.PROBATION_EXTENDED: ("months",),
    EventKind.TRANSFER_OUT: ("to_org",),
    EventKind.TRANSFER_IN: ("from_org",),
    EventKind.MOBILE_OUT: ("destination",),
    EventKind.LOST_CONTACT: ("reason",),
    EventKind.EXITED: ("exit_kind",),
}

# Details that are codes, by event: the table each comes from. They take the code, the label or
# an alias (docs/cli.md: 退党除名 as well as withdrawal_removed) and are stored as the code.
CODED_DETAILS: dict[EventKind, dict[str, str]] = {
    EventKind.LOST_CONTACT: {"reason": "lost_contact_reason"},
    EventKind.EXITED: {"exit_kind": "exit_kind"},
    EventKind.ACTIVIST: {"method": "activist_method"},
}

# The stage an event moves a person from, and the date field it sets (§2).
_STAGES: dict[EventKind, tuple[tuple[str | None, ...], Category, str]] = {
    EventKind.APPLIED: ((None, Category.APPLICANT), Category.APPLICANT, "application_date"),
    EventKind.ACTIVIST: ((Category.APPLICANT,), Category.ACTIVIST, "activist_date"),
    EventKind.CANDIDATE: ((Category.ACTIVIST,), Category.CANDIDATE, "candidate_date"),
    EventKind.ADMITTED: ((Category.CANDIDATE,), Category.PROBATIONARY, "join_date"),
    EventKind.CONVERTED: ((Category.PROBATIONARY,), Category.FULL, "full_member_date"),
}
_PREVIOUS_DATE = {
    "activist_date": "application_date",
    "candidate_date": "activist_date",
    "join_date": "candidate_date",
    "full_member_date": "join_date",
}

_ACTIVE = (Status.NORMAL, Status.MOBILE, Status.LOST_CONTACT, Status.SUSPENDED)
# Status an event requires (None = a new record without a status yet) and the status it sets.
_STATUS_MOVES: dict[EventKind, tuple[tuple[Status | None, ...], Status | None]] = {
    EventKind.TRANSFER_OUT: ((Status.NORMAL, Status.MOBILE), Status.TRANSFERRED_OUT),
    # A record created for an incoming member is already "normal"; a member who left and
    # comes back is "transferred_out".
    EventKind.TRANSFER_IN: ((None, Status.NORMAL, Status.TRANSFERRED_OUT), Status.NORMAL),
    EventKind.TRANSFER_RECEIPT: ((Status.TRANSFERRED_OUT,), None),
    EventKind.MOBILE_OUT: ((Status.NORMAL,), Status.MOBILE),
    EventKind.MOBILE_BACK: ((Status.MOBILE,), Status.NORMAL),
    EventKind.LOST_CONTACT: ((Status.NORMAL, Status.MOBILE), Status.LOST_CONTACT),
    EventKind.CONTACT_RESTORED: ((Status.LOST_CONTACT,), Status.NORMAL),
    # 停止党籍: settled or studying abroad, or out of contact over 6 months (§1.13).
    EventKind.SUSPENDED: ((Status.NORMAL, Status.MOBILE, Status.LOST_CONTACT), Status.SUSPENDED),
    EventKind.RESTORED: ((Status.SUSPENDED,), Status.NORMAL),
    EventKind.EXITED: (_ACTIVE, Status.EXITED),
    EventKind.DECEASED: (_ACTIVE, Status.DECEASED),
    EventKind.DISCIPLINE_PROBATION: ((Status.NORMAL, Status.MOBILE, Status.LOST_CONTACT), None),
    EventKind.DISCIPLINE_ENDED: (_ACTIVE, None),
    EventKind.ORG_CHANGED: (_ACTIVE, None),
}
_DEVELOPMENT_STATUSES = (None, Status.NORMAL, Status.MOBILE)
# 流动党员, 失联党员 and 停止党籍 are states of a party member's membership (§1.11, §1.13): an
# applicant or activist has no 党籍 to suspend and carries no 流动党员活动证.
_MEMBERS_ONLY = (EventKind.MOBILE_OUT, EventKind.LOST_CONTACT, EventKind.SUSPENDED)
_MEMBERS = (Category.PROBATIONARY, Category.FULL)
# Events that change nothing on the record (a 回执 only notes the letter came back) may be
# entered for any past day the member's state allows; every other event changes the record.
_RECORD_UNCHANGED = (EventKind.TRANSFER_RECEIPT,)
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def required_details(kind: EventKind | str) -> tuple[str, ...]:
    """The ``details`` keys an event must carry (the form asks for these)."""
    return _REQUIRED.get(EventKind(kind), ())


def _status(member: Mapping[str, Any]) -> Status | None:
    value = member.get("status")
    return Status(value) if value else None


def _category(member: Mapping[str, Any]) -> Category | None:
    value = member.get("category")
    return Category(value) if value else None


def _refuse(kind: EventKind, member: Mapping[str, Any]) -> DomainError:
    return DomainError(
        "E_EVENT_NOT_ALLOWED",
        "kind",
        kind=kind.value,
        category=member.get("category") or "",
        status=member.get("status") or "",
    )


def allowed(member: Mapping[str, Any], kind: EventKind | str) -> bool:
    """Whether ``kind`` may be recorded for the member now (for greying out menu items)."""
    try:
        _check_allowed(member, EventKind(kind))
    except DomainError:
        return False
    return True


def _check_allowed(member: Mapping[str, Any], kind: EventKind) -> None:
    status, category = _status(member), _category(member)
    if status in (Status.EXITED, Status.DECEASED):
        raise _refuse(kind, member)  # a closed record: history only, no new events
    if kind in _STAGES:
        sources = _STAGES[kind][0]
        if category not in sources or status not in _DEVELOPMENT_STATUSES:
            raise _refuse(kind, member)
        return
    if kind in (EventKind.PROBATION_EXTENDED, EventKind.PROBATION_REVOKED):
        if category != Category.PROBATIONARY or status not in _ACTIVE:
            raise _refuse(kind, member)
        return
    required_status, _ = _STATUS_MOVES[kind]
    if status not in required_status:
        raise _refuse(kind, member)
    if kind in _MEMBERS_ONLY and category not in _MEMBERS:
        raise _refuse(kind, member)
    # 留党察看 is a sanction on full members; a probationary member is revoked instead.
    if kind == EventKind.DISCIPLINE_PROBATION and category != Category.FULL:
        raise _refuse(kind, member)
    if kind == EventKind.DISCIPLINE_ENDED and not member.get("voting_suspended"):
        raise _refuse(kind, member)


def normalise_details(kind: EventKind | str, details: Mapping[str, Any]) -> dict[str, Any]:
    """``details`` with each coded detail of ``kind`` turned into its code (from a code, a
    label or an alias); E_CODE_UNKNOWN, naming the detail, when nothing matches."""
    out = dict(details)
    for key, name in CODED_DETAILS.get(EventKind(kind), {}).items():
        if out.get(key) not in (None, ""):
            out[key] = table(name).code_for(out[key], key)
    return out


def _detail(kind: EventKind, details: Mapping[str, Any], key: str) -> Any:
    value = details.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError("E_EVENT_DETAIL_MISSING", key, kind=kind.value, detail=key)
    return value


def apply_event(
    member: Mapping[str, Any],
    kind: EventKind | str,
    date: str,
    details: Mapping[str, Any] | None = None,
    *,
    today: date | None = None,
    events: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The member fields that change when ``kind`` happens on ``date`` (ISO "YYYY-MM-DD").

    ``events`` are the member's recorded events (rows with kind, date, details, voided,
    created_at); the event is checked against the member's state on its own date.
    Raises E_EVENT_NOT_ALLOWED when the event makes no sense for the member as they are,
    E_EVENT_NOT_ALLOWED_ON when it made none on its date, E_EVENT_NOT_YET_IN before the
    member's 转入, E_EVENT_BACKDATED before a later event that changed the record,
    E_EVENT_DATE_BEFORE before birth or join, E_EVENT_DETAIL_MISSING for a missing detail,
    E_DATE_FORMAT / E_DATE_FUTURE / E_DATE_ORDER for a bad date, E_EXTENSION_LENGTH,
    E_CODE_UNKNOWN for an unknown reason or exit kind.
    """
    kind = EventKind(kind)
    details = normalise_details(kind, details or {})
    when = parse_date(date, "date")
    if today is not None and when > today:
        raise DomainError("E_DATE_FUTURE", "date", what="date", date=when.isoformat())
    events = list(events)
    _check_allowed(member, kind)
    _check_lifetime(member, kind, when)
    _check_on_day(member, events, kind, when)
    _check_not_backdated(events, kind, when)
    for key in required_details(kind):
        _detail(kind, details, key)
    iso = when.isoformat()
    changes: dict[str, Any] = {}

    if kind in _STAGES:
        _, to_category, date_field = _STAGES[kind]
        _check_after(member, date_field, when)
        changes = {"category": to_category.value, date_field: iso}
        if kind == EventKind.ADMITTED:
            changes["probation_end"] = add_years(when, 1).isoformat()  # 预备期一年 (党章 art. 7)
        if _status(member) is None:
            changes.update(status=Status.NORMAL.value, status_since=iso)
        return changes

    if kind == EventKind.PROBATION_EXTENDED:
        return {"probation_end": _extended_end(member, details, when).isoformat()}
    if kind == EventKind.PROBATION_REVOKED:
        exited = Status.EXITED.value
        return {"status": exited, "status_since": iso, "exit_kind": "probation_revoked"}

    _, to_status = _STATUS_MOVES[kind]
    if kind == EventKind.TRANSFER_OUT:
        _check_transfer(kind, details)
    elif kind == EventKind.EXITED:
        exit_kind = details["exit_kind"]  # a code: normalise_details above
        if exit_kind == "probation_revoked" and _category(member) != Category.PROBATIONARY:
            raise _refuse(kind, member)
        changes["exit_kind"] = exit_kind
    elif kind == EventKind.DISCIPLINE_PROBATION:
        changes["voting_suspended"] = 1  # no vote, election or candidacy while under it (§1.7)
    elif kind == EventKind.DISCIPLINE_ENDED:
        changes["voting_suspended"] = 0
    elif kind == EventKind.ORG_CHANGED:
        if not details.get("org_id") and not details.get("group_id"):
            raise DomainError("E_EVENT_DETAIL_MISSING", "org_id", kind=kind.value, detail="org_id")
        if details.get("org_id"):
            changes["org_id"] = details["org_id"]
            changes["group_id"] = details.get("group_id")  # a new branch means a new group
        else:
            changes["group_id"] = details["group_id"]

    if to_status is not None and to_status != _status(member):
        changes.update(status=to_status.value, status_since=iso)
    return changes


def _birth(member: Mapping[str, Any]) -> date | None:
    """Birth date from the record, else from the ID number; None when neither is readable."""
    for read in (
        lambda: parse_date(member["birth_date"], "birth_date"),
        lambda: idnumber.birth_date(idnumber.normalize(str(member["id_number"]))),
    ):
        try:
            return read()
        except (DomainError, KeyError, TypeError, ValueError):
            continue
    return None


def _check_lifetime(member: Mapping[str, Any], kind: EventKind, when: date) -> None:
    """No event before the person was born; an event that presupposes membership (every event
    but the development stages) not before they joined the party."""
    bounds = [("birth_date", _birth(member))]
    if kind not in _STAGES and member.get("join_date"):
        with suppress(DomainError):  # a bad join date is the member form's to report
            bounds.append(("join_date", parse_date(member["join_date"], "join_date")))
    for what, anchor in bounds:
        if anchor is not None and when < anchor:
            raise DomainError(
                "E_EVENT_DATE_BEFORE",
                "date",
                kind=kind.value,
                date=when.isoformat(),
                what=what,
                anchor=anchor.isoformat(),
            )


def _check_on_day(
    member: Mapping[str, Any], events: list[Mapping[str, Any]], kind: EventKind, when: date
) -> None:
    """The event must be allowed by the member's state on its own date, not only today's."""
    state = member_state.state_on(member, events, when)
    if state.transfer_in_on is not None:
        raise DomainError(
            "E_EVENT_NOT_YET_IN",
            "date",
            kind=kind.value,
            date=when.isoformat(),
            transfer_date=state.transfer_in_on.isoformat(),
        )
    then = dict(member)
    if member.get("status"):  # a new record without a status keeps none
        then["status"] = state.status
    then["voting_suspended"] = state.voting_suspended
    if kind not in _STAGES:  # a stage's own date is checked against the previous stage's
        then["category"] = state.category
    try:
        _check_allowed(then, kind)
    except DomainError:
        raise DomainError(
            "E_EVENT_NOT_ALLOWED_ON",
            "date",
            kind=kind.value,
            date=when.isoformat(),
            category=then.get("category") or "",
            status=then.get("status") or "",
        ) from None


def _check_not_backdated(events: list[Mapping[str, Any]], kind: EventKind, when: date) -> None:
    """An event that changes the record may not be dated before the latest standing event that
    changed it: the record must stay the result of its events in date order. The clerk voids
    the later events first, then enters them again after the one they left out."""
    if kind in _RECORD_UNCHANGED:
        return
    iso = when.isoformat()
    later = [
        e
        for e in events
        if not e.get("voided")
        and e.get("kind") not in _RECORD_UNCHANGED
        and str(e.get("date") or "")[:10] > iso
    ]
    if later:
        last = max(later, key=lambda e: (str(e["date"])[:10], str(e.get("created_at") or "")))
        raise DomainError(
            "E_EVENT_BACKDATED",
            "date",
            kind=kind.value,
            date=iso,
            later_kind=str(last["kind"]),
            later_date=str(last["date"])[:10],
        )


def _check_after(member: Mapping[str, Any], date_field: str, when: date) -> None:
    previous = _PREVIOUS_DATE.get(date_field)
    if previous and member.get(previous):
        before = parse_date(member[previous], previous)
        if when < before:
            raise DomainError(
                "E_DATE_ORDER",
                date_field,
                first=previous,
                second=date_field,
                first_date=before.isoformat(),
                second_date=when.isoformat(),
            )


def _extended_end(member: Mapping[str, Any], details: Mapping[str, Any], when: date) -> date:
    """延长预备期: 6–12 months beyond the one-year probation, once (§2)."""
    try:
        months = int(details["months"])
    except (TypeError, ValueError):
        raise DomainError("E_EXTENSION_LENGTH", "months", months=details["months"]) from None
    if not 6 <= months <= 12:
        raise DomainError("E_EXTENSION_LENGTH", "months", months=months)
    if member.get("join_date"):
        year_end = add_years(parse_date(member["join_date"], "join_date"), 1)
    elif member.get("probation_end"):
        year_end = parse_date(member["probation_end"], "probation_end")
    else:
        year_end = when
    current = member.get("probation_end")
    if current and member.get("join_date") and parse_date(current, "probation_end") > year_end:
        # Probation may be extended once, by at most a year: a second extension is refused.
        raise _refuse(EventKind.PROBATION_EXTENDED, member)
    return add_months(year_end, months)


def _check_transfer(kind: EventKind, details: Mapping[str, Any]) -> None:
    """组织关系介绍信 details (§1.12): 党费交至 as YYYY-MM, 有效期 in whole days."""
    paid = details.get("dues_paid_to")
    if paid not in (None, "") and not _MONTH.match(str(paid)):
        code = date_error_code(paid, month=True)
        raise DomainError(code, "dues_paid_to", what="dues_paid_to", value=paid)
    days = details.get("valid_days")
    if days not in (None, ""):
        try:
            ok = int(days) > 0 and float(days) == int(days)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise DomainError("E_INVALID", "valid_days", value=days)
