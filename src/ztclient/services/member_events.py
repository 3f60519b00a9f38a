"""党员事件: record and void dated member events, with the rules of domain/development.py.

Every path that records an event comes here: the member page's dialog, the 发展党员 page,
``ztclient-cli members event``, a passed resolution at a 支部党员大会 (services/resolution_events.py),
an accepted transfer (services/transfers.py). ``write`` works inside the caller's transaction, so
a meeting and the events its votes decide are saved together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ztclient.domain import development, development_events
from ztclient.domain import events as domain_events
from ztclient.domain.dates import parse_date
from ztclient.domain.development import Evidence, Person, StepRecord
from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.domain.model import EventKind
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.meeting_people import events_of
from ztclient.services.ports import Clock, Store
from ztclient.services.post_ends import end_posts_for, reopen
from ztclient.services.versioned import update_versioned
from ztprotocol.roll import is_current

STAGE_EVENTS = tuple(k.value for k in development.EVENT_STAGE)


@dataclass(frozen=True)
class EventOutcome:
    """What recording an event did: its id, what changed, and the norms it did not meet."""

    event_id: str
    changes: Changes
    warnings: tuple[DomainError, ...] = field(default=())


# Events after which the person is off the roll: no meeting of that day or later has them.
LEAVING = (EventKind.TRANSFER_OUT, EventKind.EXITED, EventKind.DECEASED, EventKind.SUSPENDED,
           EventKind.PROBATION_REVOKED)  # fmt: skip


def meetings_from(
    store: Store, member_id: str, day: str, own: str | None = None
) -> list[dict[str, Any]]:
    """The saved meetings (not voided, not ``own``) of ``day`` or later that name the member:
    ``attended`` (present, chair or recorder) and ``due`` (counted in the snapshot)."""
    return store.read(
        "SELECT m.id, m.title, substr(m.starts_at, 1, 10) AS day, "
        "(m.chair_id = :p OR m.recorder_id = :p OR a.status = 'present') AS attended, "
        "a.due AS due FROM meetings m "
        "LEFT JOIN meeting_attendance a ON a.meeting_id = m.id AND a.member_id = :p "
        "WHERE m.voided = 0 AND m.id != :own AND substr(m.starts_at, 1, 10) >= :day "
        "AND (m.chair_id = :p OR m.recorder_id = :p OR a.member_id IS NOT NULL) "
        "ORDER BY m.starts_at",
        {"p": member_id, "own": own or "", "day": day},
    )


def status_against_meetings(
    store: Store, member_id: str, merged: Mapping[str, Any], changed: Mapping[str, Any]
) -> None:
    """A paper record's status typed as gone (出党, 死亡 …) from a day on or before a saved
    meeting that has the person present is refused, as the event would be. A gone status with
    no 状态日期 holds on every day (domain/member_state.py), so it is checked against every
    saved meeting: the clerk gives the date, or corrects the meeting."""
    if is_current(merged.get("status")) or not {"status", "status_since"} & set(changed):
        return
    since = merged.get("status_since") or ""
    hit = next((r for r in meetings_from(store, member_id, since) if r["attended"]), None)
    if hit is None:
        return
    code = "E_STATUS_AFTER_MEETING" if since else "E_STATUS_UNDATED_AFTER_MEETING"
    raise DomainError(code, "status_since", name=merged.get("name"), status=merged["status"],
                      date=since, meeting=hit["title"], meeting_date=hit["day"])  # fmt: skip


def _saved_meetings_after(
    tx: Store, member: Mapping[str, Any], kind: EventKind, day: str, meeting_id: str | None
) -> list[DomainError]:
    """A leaving event dated on or before a saved meeting (not voided, not the meeting the
    event rests on) that has the member present, chairing or keeping the record is refused:
    the records would say the person attended after leaving (the day counts as after, as
    member_state.state_on reads it). One the meeting only counts as due is a warning: its
    snapshot (应到, 有表决权) is kept as saved (docs/meeting-records.md, "Edits")."""
    if kind not in LEAVING:
        return []
    rows = meetings_from(tx, member["id"], day, meeting_id)
    params = {"kind": kind.value, "date": day, "name": member.get("name", "")}
    attended = next((r for r in rows if r["attended"]), None)
    if attended:
        raise DomainError("E_EVENT_AFTER_MEETING", "date", meeting=attended["title"],
                          meeting_date=attended["day"], **params)  # fmt: skip
    return [
        DomainError(
            "W_EVENT_BEFORE_MEETING_DUE",
            "date",
            meeting=r["title"],
            meeting_date=r["day"],
            **params,
        )
        for r in rows
        if r["due"]
    ]


def _loads(text: str | None, default: Any) -> Any:
    return json.loads(text) if text else default


class EventService:
    def __init__(self, store: Store, journal: Journal, clock: Clock, meetings: Any) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.meetings = meetings  # MeetingService: whether a resolution passed (domain.quorum)

    # -- history and evidence -----------------------------------------------------------------------
    def history(self, member_id: str) -> list[StepRecord]:
        """The person's development so far: recorded steps and stage events (not voided)."""
        return self.histories([member_id]).get(member_id, [])

    def histories(self, member_ids: list[str]) -> dict[str, list[StepRecord]]:
        """``history`` for many people at once (the 发展党员 list): two queries, not 2 × N."""
        out: dict[str, list[StepRecord]] = {m: [] for m in member_ids}
        for chunk in (member_ids[i : i + 500] for i in range(0, len(member_ids), 500)):
            marks = ",".join("?" for _ in chunk)
            for r in self.store.read(
                "SELECT id, member_id, step, date, people, details FROM development_steps "
                f"WHERE member_id IN ({marks}) AND voided = 0",
                chunk,
            ):
                people = tuple(
                    Person(p.get("name", ""), p.get("member_id")) for p in _loads(r["people"], [])
                )
                out[r["member_id"]].append(
                    StepRecord(
                        r["step"],
                        parse_date(r["date"], "date"),
                        people,
                        _loads(r["details"], {}),
                        r["id"],
                    )
                )
            kinds = ",".join("?" for _ in STAGE_EVENTS)
            for r in self.store.read(
                "SELECT e.id, e.member_id, e.kind, e.date, e.details, "
                "substr(mt.starts_at, 1, 10) AS meeting_date FROM member_events e "
                "LEFT JOIN meetings mt ON mt.id = e.meeting_id "
                f"WHERE e.member_id IN ({marks}) AND e.voided = 0 AND e.kind IN ({kinds})",
                (*chunk, *STAGE_EVENTS),
            ):
                details = _loads(r["details"], {})
                if r["meeting_date"]:
                    details["meeting_date"] = r["meeting_date"]
                out[r["member_id"]].append(
                    StepRecord(r["kind"], parse_date(r["date"], "date"), (), details, r["id"])
                )
        for items in out.values():
            items.sort(key=lambda h: h.date)
        return out

    def evidence(
        self, member_id: str, kind: EventKind, meeting_id: str, resolution_id: str | None = None
    ) -> Evidence:
        """The meeting an event rests on, with the resolution about this member and its result."""
        m = self.store.read_one(
            "SELECT id, kind, org_id, starts_at, voided FROM meetings WHERE id = ?", (meeting_id,)
        )
        if m is None or m["voided"]:
            raise DomainError("E_NOT_FOUND", "meeting", what="meeting", id=meeting_id)
        needed = development.RESOLUTION_FOR.get(kind)
        rows = self.store.read(
            "SELECT id, kind, extension_months FROM resolutions WHERE meeting_id = ? "
            "AND subject_member_id = ? ORDER BY position",
            (meeting_id, member_id),
        )
        if resolution_id:
            rows = [r for r in rows if r["id"] == resolution_id]
        match = next((r for r in rows if needed and r["kind"] == needed.value), None)
        passed = self.passed_resolutions(meeting_id).get(match["id"]) if match else None
        return Evidence(
            meeting_id=meeting_id,
            meeting_kind=m["kind"],
            meeting_org_id=m["org_id"],
            meeting_date=parse_date(m["starts_at"][:10], "starts_at"),
            resolution_kind=match["kind"] if match else None,
            passed=passed,
            extension_months=match["extension_months"] if match else None,
        )

    def passed_resolutions(self, meeting_id: str) -> dict[str, bool | None]:
        """resolution id -> passed (双过半, domain.quorum), as the meeting stands now."""
        meeting = self.meetings.get(meeting_id)
        result = self.meetings.quorum(meeting)
        return {
            r["id"]: q.passed
            for r, q in zip(meeting["resolutions"], result.resolutions, strict=False)
        }

    # -- writing --------------------------------------------------------------------------------------
    def record(
        self,
        member_id: str,
        kind: EventKind | str,
        date: str,
        details: Mapping[str, Any] | None = None,
        *,
        meeting_id: str | None = None,
    ) -> EventOutcome:
        """Record a dated event and apply its effects (one transaction). Refusals are coded."""
        with self.store.transaction() as tx:
            event_id, warnings = self.write(
                tx, member_id, kind, date, details, meeting_id=meeting_id
            )
        return EventOutcome(event_id, Changes(members=True, development=True), tuple(warnings))

    def write(
        self,
        tx: Store,
        member_id: str,
        kind: EventKind | str,
        date: str,
        details: Mapping[str, Any] | None = None,
        *,
        meeting_id: str | None = None,
        resolution_id: str | None = None,
    ) -> tuple[str, list[DomainError]]:
        """Check and write one event inside ``tx``; returns (event id, warnings)."""
        kind = EventKind(kind)
        details = {k: v for k, v in dict(details or {}).items() if v not in (None, "")}
        # stored as codes whichever way they were typed (退党除名 → withdrawal_removed)
        details = domain_events.normalise_details(kind, details)
        current = tx.read_one("SELECT * FROM members WHERE id = ?", (member_id,))
        if current is None:
            raise DomainError("E_NOT_FOUND", "member", what="member", id=member_id)
        if current["status"] == "voided":  # 录入错误作废: no event of a person who never was
            raise DomainError("E_VOIDED", id=member_id)
        evidence = None
        if meeting_id:
            evidence = self.evidence(member_id, kind, meeting_id, resolution_id)
            if evidence.extension_months and kind == EventKind.PROBATION_EXTENDED:
                details.setdefault("months", evidence.extension_months)
        effects, warnings = development_events.event_outcome(
            current,
            kind,
            date,
            details,
            history=self.history(member_id),
            evidence=evidence,
            today=self.clock.today(),
            events=events_of(tx.read, [member_id]).get(member_id, []),
        )
        warnings += _saved_meetings_after(tx, current, kind, date, meeting_id)
        if kind == EventKind.ORG_CHANGED:
            # Where the member came from, so records as of an earlier date (meeting snapshots,
            # statistics: domain/member_state.py) can place them.
            details.setdefault("from_org_id", current["org_id"])
            details.setdefault("from_group_id", current["group_id"])
        event_id = uuid7()
        now = self.journal.timestamp()
        before = {k: current.get(k) for k in effects}
        # a 书记 who leaves (or moves to another branch) holds no post there from that day
        posts = end_posts_for(tx, self.journal, current, kind, date, details)
        kept: dict[str, Any] = {"before": before, "after": effects} if effects else {}
        if posts:
            kept["posts"] = posts
        tx.insert(
            "member_events",
            {
                "id": event_id,
                "member_id": member_id,
                "kind": kind.value,
                "date": date,
                "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
                "voided": 0,
                "void_reason": None,
                "created_at": now,
                "meeting_id": meeting_id,
                "resolution_id": resolution_id,
                "effects": json.dumps(kept, ensure_ascii=False) if kept else None,
            },
        )
        if effects:
            update_versioned(
                tx,
                "members",
                {"id": member_id},
                current["version"],
                {**effects, "updated_at": now},
                member_id=member_id,
            )
        fields: dict[str, Any] = {
            "member_id": member_id,
            "kind": kind.value,
            "date": date,
            "details": details,
            "effects": effects,
        }
        if meeting_id:
            fields["meeting_id"] = meeting_id
        self.journal.record(
            tx,
            entity="member_event",
            record_id=event_id,
            op="event",
            fields=fields,
            base_version=current["version"],
            action=f"member.event.{kind.value}",
        )
        return event_id, warnings

    def void(self, event_id: str, reason: str) -> Changes:
        """Void a mistaken event; the member's latest event also gives back what it changed."""
        with self.store.transaction() as tx:
            self.void_in(tx, event_id, reason)
        return Changes(members=True, development=True)

    def void_in(self, tx: Store, event_id: str, reason: str) -> None:
        if not reason or not reason.strip():
            raise DomainError("E_FIELD_REQUIRED", "reason")
        row = tx.read_one("SELECT * FROM member_events WHERE id = ?", (event_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what="event", id=event_id)
        if row["voided"]:
            raise DomainError("E_VOIDED", id=event_id)
        change = _loads(row.get("effects"), None)
        if change:
            self._revert(tx, row, change)
        tx.update("member_events", {"id": event_id}, {"voided": 1, "void_reason": reason.strip()})
        self.journal.record(
            tx,
            entity="member_event",
            record_id=event_id,
            op="void",
            fields={"reason": reason.strip()},
        )

    def _revert(self, tx: Store, row: dict[str, Any], change: dict[str, Any]) -> None:
        """Give back the fields an event changed: only for the member's latest such event, and
        only where the record still holds what the event set (a later edit is kept)."""
        later = tx.read_one(
            "SELECT kind, date FROM member_events WHERE member_id = ? AND voided = 0 AND id != ? "
            "AND effects IS NOT NULL AND created_at > ? ORDER BY created_at DESC LIMIT 1",
            (row["member_id"], row["id"], row["created_at"]),
        )
        if later:
            raise DomainError("E_DEV_VOID_ORDER", "event", kind=later["kind"], date=later["date"])
        current = tx.read_one("SELECT * FROM members WHERE id = ?", (row["member_id"],))
        if current is None:  # the foreign key keeps it; a damaged file still gets a coded error
            raise DomainError("E_NOT_FOUND", what="member", id=row["member_id"])
        reopen(tx, self.journal, change.get("posts", []))
        after, before = change.get("after", {}), change.get("before", {})
        revert = {k: before.get(k) for k in after if current.get(k) == after[k]}
        if not revert:
            return
        update_versioned(
            tx,
            "members",
            {"id": row["member_id"]},
            current["version"],
            {**revert, "updated_at": self.journal.timestamp()},
            member_id=row["member_id"],
        )
        self.journal.record(
            tx,
            entity="member",
            record_id=row["member_id"],
            op="update",
            fields=revert,
            base_version=current["version"],
            action="member.event.void",
        )
