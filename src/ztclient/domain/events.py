"""党员事件 (member events): the state machine from application to exit.

``apply_event`` checks that an event makes sense for the member as they are now and returns
only the member fields it changes; the service writes the event row and those fields together.
Domain facts §1.6, §1.11–§1.13, §2.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

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
) -> dict[str, Any]:
    """The member fields that change when ``kind`` happens on ``date`` (ISO "YYYY-MM-DD").

    Raises E_EVENT_NOT_ALLOWED when the event makes no sense for the member as they are,
    E_EVENT_DETAIL_MISSING for a missing detail, E_DATE_FORMAT / E_DATE_FUTURE / E_DATE_ORDER
    for a bad date, E_EXTENSION_LENGTH, E_CODE_UNKNOWN for an unknown reason or exit kind.
    """
    kind = EventKind(kind)
    details = normalise_details(kind, details or {})
    when = parse_date(date, "date")
    if today is not None and when > today:
        raise DomainError("E_DATE_FUTURE", "date", what="date", date=when.isoformat())
    _check_allowed(member, kind)
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
