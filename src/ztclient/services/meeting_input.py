"""会议录入检查: every field of a meeting checked where it enters (form, CLI, import, sync).

``check`` returns the cleaned meeting or raises ``ValidationErrors`` listing *every* problem,
each a coded error naming its field, and for a list the row (1-based) and the row's field:
``resolutions[2].kind`` with ``row=2``. Nothing is written before this passes, and no input —
a number typed as text, a list where an object belongs, an unknown code — ends in a traceback.

Codes and labels are both accepted for coded fields (``支部党员大会`` or ``branch_general``);
an unknown one is E_CODE_UNKNOWN. The figures of the votes are checked against the meeting's
snapshot afterwards (domain.quorum.vote_errors), once the service knows who was due.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from ztclient.domain import codes
from ztclient.domain.dates import date_error_code
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.domain.member_state import state_on
from ztclient.domain.model import AttendanceStatus
from ztclient.domain.terms import whole_number

MEETING_FIELDS = (
    "org_id", "kind", "seq_no", "title", "starts_at", "ends_at", "place", "chair_id",
    "recorder_id", "lecturer", "lecturer_id", "agenda", "minutes", "summary",
)  # fmt: skip
LISTS = ("attendance", "guests", "resolutions")
RESOLUTION_FIELDS = (
    "title", "kind", "votes_for", "votes_against", "votes_abstain", "written_opinions",
    "owner", "deadline", "subject_member_id",
    "extension_months",  # 延长预备期: by how many months (the event rules check 6–12)
)  # fmt: skip
VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstain", "written_opinions")
# Attendance rows may carry the snapshot of a meeting op coming back from the centre; those
# columns are recomputed here, never taken from input.
ATTENDANCE_FIELDS = ("member_id", "status", "reason", "name")
GUEST_FIELDS = ("name", "post", "reason", "position")
MAX_LEN = {"title": 200, "place": 200, "lecturer": 100, "owner": 100, "reason": 100,
           "name": 50, "post": 100, "agenda": 500}  # fmt: skip
MAX_TEXT = 500_000  # 会议内容: ten times the longest record we were shown
MAX_COUNT = 100_000  # a vote count above this is a typing mistake
Exists = Callable[[str, str], bool]  # (table, id) -> whether the record exists


def _err(code: str, field: str, row: int | None = None, **params: Any) -> DomainError:
    if row is not None:
        params["row"] = row
    return DomainError(code, field, **params)


def _text(value: Any, field: str, errors: list, row: int | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        errors.append(_err("E_INVALID", field, row))
        return None
    text = str(value).strip()
    limit = MAX_LEN.get(field.rsplit(".", 1)[-1], MAX_TEXT)
    if len(text) > limit:
        errors.append(_err("E_TEXT_TOO_LONG", field, row, max=limit, length=len(text)))
    return text or None


def count(value: Any, field: str, errors: list, row: int | None = None) -> int | None:
    """A whole number ≥ 0 (votes, written opinions, 第几次) up to MAX_COUNT, or None when left
    empty; read as the election figures are (``terms.whole_number``), the error collected."""
    try:
        number = whole_number(value, field, row)
    except DomainError as exc:
        errors.append(exc)
        return None
    if number is not None and number > MAX_COUNT:
        errors.append(_err("E_NUMBER_INVALID", field, row, value=str(value)))
        return None
    return number


def norm_time(value: Any, field: str, errors: list) -> str | None:
    """'2026-03-05T09:30' (minute precision) from the ISO forms clerks and programs send."""
    if value in (None, ""):
        return None
    text = str(value).strip().replace(" ", "T")
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%dT%H:%M")
    except ValueError:
        errors.append(_err(date_error_code(value), field, value=str(value)))
        return None


def _code(table: str, value: Any, field: str, errors: list, row: int | None = None) -> str | None:
    code = codes.table(table).find(value) if isinstance(value, str | int) else None
    if code is None:
        errors.append(_err("E_CODE_UNKNOWN", field, row, table=table, value=str(value)))
    return code


def _unknown_keys(obj: Mapping[str, Any], allowed: tuple[str, ...], where: str, errors: list,
                  row: int | None = None) -> None:  # fmt: skip
    unknown = [str(k) for k in obj if k not in allowed]
    if unknown:
        errors.append(
            _err("E_FIELD_UNKNOWN", f"{where}{unknown[0]}", row, fields=", ".join(unknown))
        )


def check(data: Any, exists: Exists) -> dict[str, Any]:
    """The cleaned meeting (meeting fields, ``marks`` {member: (status, reason)}, guests,
    resolutions) or ValidationErrors with every problem found."""
    if not isinstance(data, Mapping):
        raise ValidationErrors([DomainError("E_JSON_INVALID", detail="a meeting is an object")])
    errors: list[DomainError] = []
    _unknown_keys(data, (*MEETING_FIELDS, *LISTS), "", errors)
    m: dict[str, Any] = {k: data.get(k) for k in MEETING_FIELDS}
    if not m["org_id"] or not isinstance(m["org_id"], str) or not exists("orgs", m["org_id"]):
        errors.append(_err("E_NOT_FOUND", "org_id", what="org", id=str(m["org_id"])))
    m["kind"] = _code("meeting_kind", m["kind"], "kind", errors)
    m["seq_no"] = count(m["seq_no"], "seq_no", errors)
    if m["seq_no"] == 0:
        m["seq_no"] = None
    for f in ("title", "place", "lecturer"):
        m[f] = _text(m[f], f, errors)
    m["starts_at"] = norm_time(m["starts_at"], "starts_at", errors)
    m["ends_at"] = norm_time(m["ends_at"], "ends_at", errors)
    if not m["starts_at"] and not any(e.field == "starts_at" for e in errors):
        errors.append(_err("E_FIELD_REQUIRED", "starts_at"))
    elif m["starts_at"] and m["ends_at"] and m["ends_at"] < m["starts_at"]:
        errors.append(_err("E_DATE_ORDER", "ends_at", first="starts_at", second="ends_at",
                           first_date=m["starts_at"].replace("T", " "),
                           second_date=m["ends_at"].replace("T", " ")))  # fmt: skip
    agenda = m["agenda"] if m["agenda"] is not None else []
    if isinstance(agenda, str):
        agenda = [line for line in agenda.splitlines() if line.strip()]
    if not isinstance(agenda, list):
        errors.append(_err("E_INVALID", "agenda"))
        agenda = []
    m["agenda"] = [t for i, a in enumerate(agenda, 1) if (t := _text(a, "agenda", errors, i))]
    for f in ("minutes", "summary"):
        m[f] = _text(m[f], f, errors) or ""
    # lecturer_id: a lecturer from the roster; ``lecturer`` keeps an outside lecturer's name.
    for who in ("chair_id", "recorder_id", "lecturer_id"):
        if m[who] is not None and (not isinstance(m[who], str) or not exists("members", m[who])):
            errors.append(_err("E_NOT_FOUND", who, what="member", id=str(m[who])))
            m[who] = None
    m["marks"] = _attendance(data.get("attendance"), exists, errors)
    m["guests"] = _guests(data.get("guests"), errors)
    m["resolutions"] = _resolutions(data.get("resolutions"), exists, errors)
    if errors:
        raise ValidationErrors(errors)
    return m


def _rows(value: Any, name: str, errors: list) -> list[tuple[int, Mapping[str, Any]]]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(_err("E_INVALID", name))
        return []
    out = []
    for i, item in enumerate(value, 1):
        if isinstance(item, Mapping):
            out.append((i, item))
        else:
            errors.append(_err("E_INVALID", f"{name}[{i}]", i))
    return out


def _attendance(value: Any, exists: Exists, errors: list) -> dict[str, tuple[str, str | None]]:
    marks: dict[str, tuple[str, str | None]] = {}
    for i, a in _rows(value, "attendance", errors):
        where = f"attendance[{i}]."
        mid = a.get("member_id")
        if not isinstance(mid, str) or not exists("members", mid):
            errors.append(_err("E_NOT_FOUND", where + "member_id", i, what="member", id=str(mid)))
            continue
        if mid in marks:
            errors.append(_err("E_DUPLICATE", where + "member_id", i, id=mid))
            continue
        status = _code("attendance_status", a.get("status") or AttendanceStatus.PRESENT.value,
                       where + "status", errors, i)  # fmt: skip
        reason = _text(a.get("reason"), where + "reason", errors, i)
        if reason is not None:
            reason = codes.table("absence_reason").find(reason) or reason
        if status is not None:
            marks[mid] = (status, None if status == AttendanceStatus.PRESENT else reason)
    return marks


def _guests(value: Any, errors: list) -> list[dict[str, Any]]:
    guests: list[dict[str, Any]] = []
    for i, g in _rows(value, "guests", errors):
        where = f"guests[{i}]."
        _unknown_keys(g, GUEST_FIELDS, where, errors, i)
        name = _text(g.get("name"), where + "name", errors, i)
        if name:
            guests.append({"position": len(guests) + 1, "name": name,
                           "post": _text(g.get("post"), where + "post", errors, i),
                           "reason": _text(g.get("reason"), where + "reason", errors, i)})  # fmt: skip
    return guests


def _resolutions(value: Any, exists: Exists, errors: list) -> list[dict[str, Any]]:
    out = []
    for i, r in _rows(value, "resolutions", errors):
        where = f"resolutions[{i}]."
        _unknown_keys(r, (*RESOLUTION_FIELDS, "id"), where, errors, i)
        res: dict[str, Any] = {"position": i, "id": r.get("id") or uuid7()}
        res["title"] = _text(r.get("title"), where + "title", errors, i)
        if not res["title"]:
            errors.append(_err("E_FIELD_REQUIRED", where + "title", i))
        res["kind"] = _code("resolution_kind", r.get("kind") or "ordinary", where + "kind",
                            errors, i)  # fmt: skip
        for f in VOTE_FIELDS:
            res[f] = count(r.get(f), where + f, errors, i)
        res["written_opinions"] = res["written_opinions"] or 0
        if res["votes_for"] is None and any(res[f] for f in VOTE_FIELDS[1:]):
            errors.append(_err("E_FIELD_REQUIRED", where + "votes_for", i))
        res["owner"] = _text(r.get("owner"), where + "owner", errors, i)
        res["deadline"] = _deadline(r.get("deadline"), where + "deadline", errors, i)
        subject = r.get("subject_member_id")
        if subject is not None and (not isinstance(subject, str) or not exists("members", subject)):
            errors.append(_err("E_NOT_FOUND", where + "subject_member_id", i, what="member",
                               id=str(subject)))  # fmt: skip
            subject = None
        res["subject_member_id"] = subject
        months = r.get("extension_months")
        res["extension_months"] = (
            None if months in (None, "") else count(months, where + "extension_months", errors, i)
        )
        out.append(res)
    return out


def _deadline(value: Any, field: str, errors: list, row: int) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        errors.append(_err(date_error_code(value), field, row, value=str(value)))
        return None


def person_errors(
    who: str, member: Mapping[str, Any] | None, events: list, day: date
) -> list[DomainError]:
    """A chair or recorder must be a party member on the roll on the meeting's day: not yet
    admitted, not yet transferred in, deceased, exited, transferred out or suspended on that
    day is refused."""
    if member is None:
        return []
    state = state_on(member, events, day)
    if state.on_roll:
        return []
    name, iso = member.get("name", ""), day.isoformat()
    if state.transfer_in_on is not None:  # not yet on this roll: not "transferred out"
        return [_err("E_ROLE_NOT_YET_IN", who, name=name, date=iso, what=who,
                     transfer_date=state.transfer_in_on.isoformat())]  # fmt: skip
    if state.is_member:
        return [_err("E_ROLE_NOT_ON_ROLL", who, name=name, date=iso, status=state.status)]
    return [_err("E_ROLE_NOT_MEMBER", who, name=name, date=iso,
                 category=state.category or "applicant")]  # fmt: skip


_GONE = ("transferred_out", "exited", "deceased", "suspended")  # off the roll: cannot attend


def attendee_errors(
    marks: Mapping[str, tuple[str, str | None]], members: Mapping, events: Mapping, day: date
) -> list[DomainError]:
    """Nobody is marked present on a day they were already 已转出, 出党, 停止党籍 or dead (their
    dated events say so): the record would have them attend after leaving. Someone not yet a
    member (a 发展对象 at their admission) or not yet transferred in may be listed, not counted.
    ``marks`` in the order of the input's attendance rows (row numbers as ``check`` gives them)."""
    errors = []
    for i, (mid, (status, _reason)) in enumerate(marks.items(), start=1):
        member = members.get(mid)
        if status != AttendanceStatus.PRESENT or member is None:
            continue
        state = state_on(member, events.get(mid, []), day)
        if state.transfer_in_on is None and state.status in _GONE:
            errors.append(_err("E_ATTENDEE_NOT_ON_ROLL", f"attendance[{i}].member_id", i,
                               name=member.get("name", ""), date=day.isoformat(),
                               status=state.status))  # fmt: skip
    return errors


DERIVED = ("figures", "chair_post", "recorder_post")  # computed on save, never taken as input


def from_op(fields: Any) -> Any:
    """A meeting op's fields (from this program or another device of the unit, coming down by
    sync) as input for ``check``: the snapshot columns and figures the sender computed are
    dropped, so the receiving side checks every field and takes its own snapshot the same way.
    Anything malformed is passed through for ``check`` to name."""
    if not isinstance(fields, Mapping):
        return fields
    data = {k: v for k, v in fields.items() if k not in DERIVED}
    if isinstance(data.get("attendance"), list):
        data["attendance"] = [
            {k: v for k, v in a.items() if k in ATTENDANCE_FIELDS and k != "name"}
            if isinstance(a, Mapping) else a
            for a in data["attendance"]
        ]  # fmt: skip
    if isinstance(data.get("guests"), list):
        data["guests"] = [
            {k: v for k, v in g.items() if k != "position"} if isinstance(g, Mapping) else g
            for g in data["guests"]
        ]
    if isinstance(data.get("resolutions"), list):
        data["resolutions"] = [
            {k: v for k, v in r.items() if k != "position"} if isinstance(r, Mapping) else r
            for r in data["resolutions"]
        ]
    return data


def agenda_json(agenda: list[str]) -> str:
    return json.dumps(agenda, ensure_ascii=False)
