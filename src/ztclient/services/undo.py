"""撤销 (undo) for every edit kind, as new audited edits through the services' public methods.

An undo never rewrites history: the first edit stays in the outbox and the audit chain, and the
undo is one more edit that takes its effect back (an update back to the values before, or a
void with a reason). Each function here takes what the edit returned and what the record was
before it, and gives the job that undoes it; the UI keeps the newest jobs (ui/context.UndoList)
and shows the last one's label. Member creation has no undo: members are never deleted (a
mistaken new member is recorded as an exit event, which the clerk chooses).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ztclient.services.changes import Changes
from ztclient.services.meetings import MEETING_FIELDS, RESOLUTION_FIELDS
from ztclient.services.members import EDITABLE

UNDO_REASON = "撤销误操作 / undone"

UndoJob = Callable[[], Changes]


def member_update(members: Any, member_id: str, before: Mapping[str, Any]) -> UndoJob:
    """Put back the fields an update changed (``before`` holds their old values)."""
    old = dict(before)
    return lambda: members.update(member_id, old, members.get(member_id)["version"])


def member_event(members: Any, event_id: str, before: Mapping[str, Any]) -> UndoJob:
    """Void a mistaken event (登记事件; it stays in the history, struck through) and put back
    the member fields it changed (``before`` is the member as it was), in one transaction: a
    failure part-way leaves the event and the member as they were."""
    old = dict(before)

    def job() -> Changes:
        with members.store.transaction() as tx:
            members.events.void_in(tx, event_id, UNDO_REASON)
            now = members.get(old["id"])
            back = {k: old.get(k) for k in EDITABLE if k in old and now[k] != old[k]}
            if back:
                members.update_in(tx, old["id"], back, now["version"])
        return Changes(members=True, development=True)

    return job


def meeting_save(meetings: Any, meeting_id: str, before: Mapping[str, Any] | None) -> UndoJob:
    """A new meeting is voided; an edited one goes back to the whole record it had."""
    if not before:
        return lambda: meetings.void(meeting_id, UNDO_REASON)
    record = {k: before.get(k) for k in MEETING_FIELDS if k in before}
    record["attendance"] = [
        {"member_id": a["member_id"], "status": a["status"], "reason": a.get("reason")}
        for a in before.get("attendance") or []
    ]
    record["guests"] = [
        {"name": g["name"], "post": g.get("post"), "reason": g.get("reason")}
        for g in before.get("guests") or []
    ]
    record["resolutions"] = [
        {k: r.get(k) for k in (*RESOLUTION_FIELDS, "id") if k in r}
        for r in before.get("resolutions") or []
    ]
    return lambda: meetings.update(meeting_id, record, meetings.get(meeting_id)["version"])


def study_logs(study: Any, log_ids: list[str]) -> UndoJob:
    """Void the logs one entry (or one batch for a meeting) wrote. One voided meanwhile (学习 →
    学习记录 → 作废…) is already where the undo takes it: it keeps its own reason, and the others
    are still voided (stopping at it left the rest of the batch counting). One transaction:
    a failure part-way leaves the whole batch as it was."""
    ids = list(log_ids)

    def job() -> Changes:
        return study.void_many(ids, UNDO_REASON, skip_voided=True)  # all or none

    return job


def org_update(orgs: Any, org_id: str, before: Mapping[str, Any]) -> UndoJob:
    old = dict(before)
    return lambda: orgs.update(org_id, old, orgs.get(org_id)["version"])
