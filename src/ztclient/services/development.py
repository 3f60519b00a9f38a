"""发展党员: record the steps of a person's development, read one person's record, list who is
at which stage and what is due next.

Steps go through the rules of domain/development.py; stage events go through
services/member_events.py (the same rules, the same record). A step is one outbox op
(``development_step`` create/void), so the centre keeps the record too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ztclient.domain import development
from ztclient.domain.dates import parse_date
from ztclient.domain.development import Person
from ztclient.domain.development_events import void_breaks
from ztclient.domain.development_next import IN_PROGRESS_STATUSES, next_steps, stage_of
from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.domain.member_state import state_on
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.meeting_people import events_of
from ztclient.services.member_events import STAGE_EVENTS, EventService
from ztclient.services.org_scope import members_under
from ztclient.services.ports import Clock, Store

IN_DEVELOPMENT = ("applicant", "activist", "candidate", "probationary")


@dataclass(frozen=True)
class StepOutcome:
    step_id: str
    changes: Changes
    warnings: tuple[DomainError, ...] = field(default=())


def _loads(text: str | None, default: Any) -> Any:
    return json.loads(text) if text else default


def _day_or_none(text: str) -> date | None:
    """The step's date, or None when unreadable (check_step names the bad date)."""
    try:
        return parse_date(text, "date")
    except DomainError:
        return None


class DevelopmentService:
    def __init__(self, store: Store, journal: Journal, clock: Clock, events: EventService) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.events = events

    # -- writing ----------------------------------------------------------------------------------
    def _people(
        self, people: Sequence[Mapping[str, Any] | str], day: date | None = None
    ) -> list[Person]:
        """Names or roster references; a roster member's category and 留党察看 are looked up
        as they were on ``day`` (the step's date: 细则 art. 14 asks who they were when named),
        or as they are now when the date is unreadable (check_step then refuses it)."""
        out = []
        for p in people:
            ref = {"name": p} if isinstance(p, str) else dict(p)
            member_id = ref.get("member_id") or None
            name = str(ref.get("name") or "").strip()
            if member_id:
                row = self.store.read_one("SELECT * FROM members WHERE id = ?", (member_id,))
                if row is None:
                    raise DomainError("E_NOT_FOUND", "people", what="member", id=member_id)
                category, suspended = row["category"], bool(row["voting_suspended"])
                if day is not None:
                    events = events_of(self.store.read, [member_id]).get(member_id, [])
                    state = state_on(row, events, day)
                    category, suspended = state.category, state.voting_suspended
                out.append(Person(name or row["name"], member_id, category, suspended))
            else:
                out.append(Person(name))
        return out

    def record_step(
        self,
        member_id: str,
        step: str,
        date: str,
        people: Sequence[Mapping[str, Any] | str] = (),
        details: Mapping[str, Any] | None = None,
        *,
        meeting_id: str | None = None,
    ) -> StepOutcome:
        """Record one step (谈话, 培养联系人, 政治审查 …). Refusals are coded; norms come back
        as warnings to show."""
        member = self.store.read_one("SELECT * FROM members WHERE id = ?", (member_id,))
        if member is None:
            raise DomainError("E_NOT_FOUND", "member", what="member", id=member_id)
        details = {k: v for k, v in dict(details or {}).items() if v not in (None, "")}
        persons = self._people(people, _day_or_none(date))
        if meeting_id and not self.store.scalar(
            "SELECT 1 FROM meetings WHERE id = ? AND voided = 0", (meeting_id,)
        ):
            raise DomainError("E_NOT_FOUND", "meeting", what="meeting", id=meeting_id)
        warnings = development.check_step(
            member,
            self.events.history(member_id),
            step,
            date,
            persons,
            details,
            today=self.clock.today(),
        )
        step_id = uuid7()
        row = {
            "member_id": member_id,
            "step": step,
            "date": date,
            "people": [p.to_dict() for p in persons],
            "details": details,
            "meeting_id": meeting_id,
        }
        with self.store.transaction() as tx:
            tx.insert(
                "development_steps",
                {
                    **row,
                    "id": step_id,
                    "people": json.dumps(row["people"], ensure_ascii=False),
                    "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
                    "voided": 0,
                    "void_reason": None,
                    "created_at": self.journal.timestamp(),
                },
            )
            self.journal.record(
                tx,
                entity="development_step",
                record_id=step_id,
                op="create",
                fields=row,
                action=f"development.step.{step}",
            )
        return StepOutcome(step_id, Changes(development=True), tuple(warnings))

    def void_step(self, step_id: str, reason: str) -> Changes:
        """Void a mistaken step; it stays in the record, struck through."""
        if not (reason or "").strip():
            raise DomainError("E_FIELD_REQUIRED", "reason")
        row = self.store.read_one(
            "SELECT voided, member_id FROM development_steps WHERE id = ?", (step_id,)
        )
        if row is None:
            raise DomainError("E_NOT_FOUND", what="step", id=step_id)
        if row["voided"]:
            raise DomainError("E_VOIDED", id=step_id)
        broken = void_breaks(self.events.history(row["member_id"]), step_id)
        if broken is not None:
            raise broken
        with self.store.transaction() as tx:
            tx.update(
                "development_steps", {"id": step_id}, {"voided": 1, "void_reason": reason.strip()}
            )
            self.journal.record(
                tx,
                entity="development_step",
                record_id=step_id,
                op="void",
                fields={"voided": 1, "void_reason": reason.strip()},
            )
        return Changes(development=True)

    # -- reading ----------------------------------------------------------------------------------
    def entries(self, member_id: str) -> list[dict[str, Any]]:
        """Every step and stage event of a person, voided ones too, in date order: the record
        as the 纪实表 prints it. ``source`` is "step" or "event"."""
        out = []
        for r in self.store.read(
            "SELECT s.*, substr(mt.starts_at, 1, 10) AS meeting_date, mt.title AS meeting_title "
            "FROM development_steps s LEFT JOIN meetings mt ON mt.id = s.meeting_id "
            "WHERE s.member_id = ?",
            (member_id,),
        ):
            out.append(
                {
                    **r,
                    "source": "step",
                    "people": _loads(r["people"], []),
                    "details": _loads(r["details"], {}),
                }
            )
        marks = ",".join("?" for _ in STAGE_EVENTS)
        for r in self.store.read(
            "SELECT e.id, e.kind AS step, e.date, e.details, e.voided, e.void_reason, e.created_at, "
            "e.meeting_id, substr(mt.starts_at, 1, 10) AS meeting_date, mt.title AS meeting_title "
            "FROM member_events e LEFT JOIN meetings mt ON mt.id = e.meeting_id "
            f"WHERE e.member_id = ? AND e.kind IN ({marks})",
            (member_id, *STAGE_EVENTS),
        ):
            out.append({**r, "source": "event", "people": [], "details": _loads(r["details"], {})})
        out.sort(key=lambda r: (r["date"], r["created_at"]))
        return out

    def record(self, member_id: str, today: date | None = None) -> dict[str, Any]:
        """One person's development record: who, the stage, every entry, what is next."""
        member = self.store.read_one(
            "SELECT m.*, o.name AS org_name, g.name AS group_name FROM members m "
            "LEFT JOIN orgs o ON o.id = m.org_id LEFT JOIN orgs g ON g.id = m.group_id "
            "WHERE m.id = ?",
            (member_id,),
        )
        if member is None:
            raise DomainError("E_NOT_FOUND", "member", what="member", id=member_id)
        history = self.events.history(member_id)
        today = today or self.clock.today()
        return {
            "member": member,
            "stage": stage_of(member, history),
            "entries": self.entries(member_id),
            "next": [
                {
                    "code": n.code,
                    "due": n.due.isoformat() if n.due else None,
                    "not_before": n.not_before.isoformat() if n.not_before else None,
                    "overdue": n.overdue(today),
                }
                for n in next_steps(member, history, today)
            ],
        }

    def pipeline(
        self, today: date | None = None, org_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Everyone in development (申请人 … 预备党员, and new full members whose record is not
        yet archived): stage, the first open item and its date."""
        today = today or self.clock.today()
        sql = (
            "SELECT m.id, m.name, m.org_id, o.name AS org_name, m.category, m.status, "
            "m.application_date, m.activist_date, m.candidate_date, m.join_date, "
            "m.full_member_date, m.probation_end FROM members m LEFT JOIN orgs o ON o.id = m.org_id "
            "JOIN member_search s ON s.member_id = m.id "
            f"WHERE m.status IN ({','.join('?' for _ in IN_PROGRESS_STATUSES)}) AND (m.category IN "
            f"({','.join('?' for _ in IN_DEVELOPMENT)}) OR (m.category = 'full' AND EXISTS "
            "(SELECT 1 FROM member_events e WHERE e.member_id = m.id AND e.kind = 'converted' "
            "AND e.voided = 0) AND NOT EXISTS (SELECT 1 FROM development_steps d WHERE "
            "d.member_id = m.id AND d.step = 'archived' AND d.voided = 0)))"
        )
        params: list[Any] = [*IN_PROGRESS_STATUSES, *IN_DEVELOPMENT]
        if org_id:
            clause, more = members_under(org_id)
            sql += " AND " + clause
            params += more
        out = []
        people = self.store.read(sql + " ORDER BY s.sort_key", params)
        histories = self.events.histories([m["id"] for m in people])
        for m in people:
            history = histories[m["id"]]
            items = next_steps(m, history, today)
            dated = sorted((n for n in items if n.due), key=lambda n: n.due)  # type: ignore[arg-type, return-value]
            first = dated[0] if dated else (items[0] if items else None)
            out.append(
                {
                    **m,
                    "stage": stage_of(m, history),
                    "next": first.code if first else None,
                    "due": first.due.isoformat() if first and first.due else None,
                    "not_before": first.not_before.isoformat()
                    if first and first.not_before
                    else None,
                    "overdue": bool(first and first.overdue(today)),
                    "open": [n.code for n in items],
                }
            )
        return out
