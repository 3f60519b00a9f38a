"""会议: record meetings with the state of each person on their date, and read them back.

Saving a meeting checks every field (services/meeting_input.py), takes its snapshot — who was
due on the day, with their category, status, voting rights and posts (domain/meeting_snapshot.py,
services/meeting_people.py) — refuses impossible vote figures against that snapshot, and writes
meeting, snapshot rows, guests and resolutions with one outbox op that carries the snapshot and
the figures (so the centre reports the same numbers). Everything that states a figure reads
``result()``: the figures of the stored snapshot, by domain/quorum.py.

An edit that keeps the date, the organisation and the kind keeps the snapshot (only the marks
change); changing any of them takes a new one. docs/meeting-records.md explains why.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ztclient.domain import codes, quorum
from ztclient.domain import meeting_snapshot as snap
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.domain.meeting_text import default_title
from ztclient.domain.model import MeetingKind
from ztclient.domain.quorum import QuorumResult
from ztclient.services import meeting_input, meeting_people
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.meeting_compliance import compliance as _compliance
from ztclient.services.ports import Clock, Store
from ztclient.services.versioned import update_versioned

MEETING_FIELDS = meeting_input.MEETING_FIELDS
RESOLUTION_FIELDS = meeting_input.RESOLUTION_FIELDS
_ROW_COLUMNS = "a." + ", a.".join(snap.SNAPSHOT_FIELDS)


class MeetingService:
    def __init__(self, store: Store, journal: Journal, clock: Clock) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        # Votes that change a member (services/resolution_events.py), set by the session.
        self.resolution_events: Any = None

    # -- input -------------------------------------------------------------------------------
    def _exists(self, table: str, record_id: str) -> bool:
        return bool(self.store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)))

    def _read(self, sql: str, params=()) -> list[dict[str, Any]]:
        return self.store.read(sql, params)

    def _prepare(self, data: Any, current: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The checked meeting with its snapshot (``people``) and figures (``result``)."""
        m = meeting_input.check(data, self._exists)
        day = date.fromisoformat(m["starts_at"][:10])
        errors: list[DomainError] = []
        errors += self._org_life_errors(m["org_id"], day)
        for who in ("chair_id", "recorder_id"):
            if m[who]:
                member = self.store.read_one("SELECT * FROM members WHERE id = ?", (m[who],))
                events = meeting_people.events_of(self._read, [m[who]]).get(m[who], [])
                errors += meeting_input.person_errors(who, member, events, day)
        kept: set[str] = set()  # present as saved, the day unchanged: not a new mark to judge
        if current is not None and str(current["starts_at"])[:10] == day.isoformat():
            kept = {a.member_id for a in self.snapshot(current["id"]) if a.status == "present"}
        present = [
            mid for mid, (st, _r) in m["marks"].items() if st == "present" and mid not in kept
        ]
        if present:
            people = {r["id"]: r for r in self._read(
                f"SELECT * FROM members WHERE id IN ({','.join('?' * len(present))})", present
            )}  # fmt: skip
            history = meeting_people.events_of(self._read, present)
            errors += meeting_input.attendee_errors(m["marks"], people, history, day)
        if m["lecturer_id"] and not m["lecturer"]:
            # the printed minutes name the lecturer from this column, roster member or not
            m["lecturer"] = self.store.scalar(
                "SELECT name FROM members WHERE id = ?", (m["lecturer_id"],)
            )
        if not m["title"]:
            # org_id was checked to exist by meeting_input.check
            org_name = self.store.scalar("SELECT name FROM orgs WHERE id = ?", (m["org_id"],))
            label = codes.table("meeting_kind").label(m["kind"])
            m["title"] = default_title(org_name, m["kind"], label, m["seq_no"])
        m["people"] = self._people(m, day, current)
        result = quorum.compute(m["kind"], m["people"], m["resolutions"])
        for r, res in zip(result.resolutions, m["resolutions"], strict=True):
            errors += quorum.vote_errors(r.index, res, r.base, r.present, r.title)
            figures = [res.get(f) for f in meeting_input.VOTE_FIELDS[:3]]
            if day > self.clock.today() and (
                any(v is not None for v in figures) or res.get("written_opinions")
            ):
                # a meeting saved ahead (to print its sign-in sheet) has no votes yet
                errors.append(DomainError("E_VOTES_BEFORE_MEETING", f"resolutions[{r.index}].votes_for",
                                          row=r.index, title=r.title, date=day.isoformat()))  # fmt: skip
        if errors:
            raise ValidationErrors(errors)
        m["result"] = result
        iso = day.isoformat()
        m["chair_post"] = meeting_people.post_of(self._read, m["chair_id"], iso, m["org_id"])
        m["recorder_post"] = meeting_people.post_of(self._read, m["recorder_id"], iso, m["org_id"])
        return m

    def _org_life_errors(self, org_id: str, day: date) -> list[DomainError]:
        """A meeting is held by an organisation that exists on its day: not before its 成立日期,
        not after its 撤销 (records true to their date; the counts of what was owed read both)."""
        org = self.store.read_one(
            "SELECT name, founded_on, dissolved_on FROM orgs WHERE id = ?", (org_id,)
        )
        if org is None:
            return []
        founded, ended = _day(org["founded_on"]), _day(org["dissolved_on"])
        if founded and day < founded:
            return [DomainError("E_MEETING_BEFORE_FOUNDED", "starts_at", org=org["name"],
                                founded=founded.isoformat(), date=day.isoformat())]  # fmt: skip
        if ended and day > ended:
            return [DomainError("E_MEETING_AFTER_DISSOLVED", "starts_at", org=org["name"],
                                dissolved=ended.isoformat(), date=day.isoformat())]  # fmt: skip
        return []

    def _people(
        self, m: Mapping[str, Any], day: date, current: Mapping[str, Any] | None
    ) -> list[snap.Attendee]:
        marks = m["marks"]
        if current is None or not _same_snapshot(current, m, day):
            return meeting_people.build(self._read, m["org_id"], m["kind"], day, marks)
        kept = snap.remark(self.snapshot(current["id"]), marks)
        known = {a.member_id for a in kept}
        new = {k: v for k, v in marks.items() if k not in known}
        if new:  # marked now, not due when the snapshot was taken: listed, not counted
            fresh = meeting_people.build(self._read, m["org_id"], m["kind"], day, new)
            kept += [replace(a, due=False, voting=False) for a in fresh if a.member_id in new]
        return kept

    def check(self, data: Any) -> None:
        """Raise what ``add`` would raise, writing nothing (the CLI checks a whole file first)."""
        self._prepare(data)

    # -- writing -----------------------------------------------------------------------------
    def add(self, data: Mapping[str, Any]) -> tuple[str, Changes]:
        """Record a meeting with its snapshot, guests and resolutions. One outbox op."""
        m = self._prepare(data)
        meeting_id = uuid7()
        with self.store.transaction() as tx:
            self._insert(tx, meeting_id, m)
        return meeting_id, Changes(meetings=True, members=True, development=True)

    def add_many(self, items: Sequence[Mapping[str, Any]]) -> tuple[list[str], Changes]:
        """Record several meetings in one transaction: all of them or none. Each is prepared
        after the ones before it are written (a 转正 at the first changes who is 有表决权 at the
        second), and what a meeting's resolutions do to the members (admission, conversion …)
        is checked as it is written; a refusal names the meeting (1-based) and writes nothing."""
        ids: list[str] = []
        with self.store.transaction() as tx:
            for i, data in enumerate(items, 1):
                try:
                    m = self._prepare(data)
                    meeting_id = uuid7()
                    self._insert(tx, meeting_id, m)
                except DomainError as e:
                    if len(items) > 1:
                        for err in getattr(e, "errors", [e]):
                            err.params.setdefault("meeting", i)
                    raise
                ids.append(meeting_id)
        return ids, Changes(meetings=True, members=True, development=True)

    def _insert(self, tx: Store, meeting_id: str, m: dict[str, Any]) -> None:
        """A new meeting, its outbox op, and what its resolutions do to the members."""
        self._write(tx, meeting_id, m, version=1, created_at=self.journal.timestamp())
        self.journal.record(
            tx, entity="meeting", record_id=meeting_id, op="create", fields=self._op_fields(m)
        )
        if self.resolution_events is not None:
            self.resolution_events.after_save(tx, meeting_id)

    def update(self, meeting_id: str, data: Mapping[str, Any], base_version: int) -> Changes:
        current = self.get(meeting_id)
        if current["voided"]:
            raise DomainError("E_VOIDED", id=meeting_id)
        if current["version"] != base_version:
            raise DomainError(
                "E_STALE_BASE", meeting_id=meeting_id, base=base_version, current=current["version"]
            )
        if not isinstance(data, Mapping):
            raise DomainError("E_JSON_INVALID", detail="a meeting is an object")
        merged = {k: current[k] for k in MEETING_FIELDS} | {
            "attendance": [
                {"member_id": a["member_id"], "status": a["status"], "reason": a["reason"]}
                for a in current["attendance"]
                if a["due"] or a["status"] != "absent"
            ],
            "guests": [{k: g[k] for k in ("name", "post", "reason")} for g in current["guests"]],
            "resolutions": [
                {k: r[k] for k in (*RESOLUTION_FIELDS, "id")} for r in current["resolutions"]
            ],
        }
        merged.update(data)
        m = self._prepare(merged, current)
        with self.store.transaction() as tx:
            for table in ("meeting_attendance", "meeting_guests", "resolutions"):
                tx.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting_id,))
            # the meeting row is rewritten in place, the version check in its UPDATE: study
            # logs, member events, elections … refer to it and keep pointing at it
            kept = _same_snapshot(current, m, date.fromisoformat(m["starts_at"][:10]))
            self._write(tx, meeting_id, m, version=base_version + 1,
                        created_at=current["created_at"], kept=current if kept else None)  # fmt: skip
            self.journal.record(
                tx,
                entity="meeting",
                record_id=meeting_id,
                op="update",
                fields=self._op_fields(m),
                base_version=base_version,
            )
            if self.resolution_events is not None:
                self.resolution_events.after_save(tx, meeting_id)
        return Changes(meetings=True, members=True, development=True)

    def void(self, meeting_id: str, reason: str) -> Changes:
        """Remove a meeting by recording a void with a reason; the record stays."""
        if not isinstance(reason, str) or not reason.strip():
            raise DomainError("E_FIELD_REQUIRED", "reason")
        current = self.get(meeting_id)
        if current["voided"]:
            raise DomainError("E_VOIDED", id=meeting_id)
        with self.store.transaction() as tx:
            update_versioned(
                tx,
                "meetings",
                {"id": meeting_id},
                current["version"],
                {
                    "voided": 1,
                    "void_reason": reason.strip(),
                    "updated_at": self.journal.timestamp(),
                },
                meeting_id=meeting_id,
            )
            self.journal.record(
                tx,
                entity="meeting",
                record_id=meeting_id,
                op="void",
                fields={"reason": reason.strip()},
                base_version=current["version"],
            )
            if self.resolution_events is not None:
                self.resolution_events.after_void(tx, meeting_id, reason.strip())
        return Changes(meetings=True, study=True, members=True, development=True)

    @staticmethod
    def _op_fields(m: dict[str, Any]) -> dict[str, Any]:
        """The meeting op: its fields, the snapshot rows as ``attendance`` and the figures the
        domain computed from them (the centre reports these; it never recounts)."""
        out = {k: m[k] for k in MEETING_FIELDS}
        out["attendance"] = [a.to_row() for a in m["people"]]
        out["guests"] = m["guests"]
        out["resolutions"] = m["resolutions"]
        out["chair_post"], out["recorder_post"] = m["chair_post"], m["recorder_post"]
        out["figures"] = m["result"].figures()
        return out

    def _write(self, tx: Store, meeting_id: str, m: dict[str, Any], *, version: int,
               created_at: str, kept: Mapping[str, Any] | None = None) -> None:  # fmt: skip
        """Insert the meeting; ``kept``: the stored meeting whose snapshot this edit keeps."""
        now = self.journal.timestamp()
        taken = (kept["snapshot_on"], kept["snapshot_basis"]) if kept else (now[:10], "saved")
        row = {k: m[k] for k in MEETING_FIELDS}
        row["agenda"] = meeting_input.agenda_json(m["agenda"])
        row |= {"updated_at": now, "snapshot_on": taken[0], "snapshot_basis": taken[1],
                "chair_post": m["chair_post"], "recorder_post": m["recorder_post"]}  # fmt: skip
        if version > 1:
            update_versioned(tx, "meetings", {"id": meeting_id}, version - 1, row,
                             meeting_id=meeting_id)  # fmt: skip
        else:
            tx.insert("meetings", {**row, "id": meeting_id, "voided": 0, "void_reason": None,
                                   "version": version, "created_at": created_at})  # fmt: skip
        tx.insert_many(
            "meeting_attendance", [{**a.to_row(), "meeting_id": meeting_id} for a in m["people"]]
        )
        tx.insert_many("meeting_guests", [{**g, "meeting_id": meeting_id} for g in m["guests"]])
        for res in m["resolutions"]:
            self.save_resolution(tx, meeting_id, res)

    def save_resolution(self, tx: Store, meeting_id: str, res: Mapping[str, Any]) -> None:
        """Write one checked resolution of a meeting (inside the meeting's transaction).

        One call per resolution, so what a passed vote sets in motion (an admission or a
        conversion recorded as a member event) can hook in here."""
        tx.insert("resolutions", {**{k: res[k] for k in (*RESOLUTION_FIELDS, "id", "position")},
                                  "meeting_id": meeting_id})  # fmt: skip

    # -- reading -----------------------------------------------------------------------------
    def get(self, meeting_id: str) -> dict[str, Any]:
        row = self.store.read_one(
            "SELECT mt.*, o.name AS org_name, c.name AS chair_name, r.name AS recorder_name, "
            "l.name AS lecturer_name FROM meetings mt JOIN orgs o ON o.id = mt.org_id "
            "LEFT JOIN members c ON c.id = mt.chair_id LEFT JOIN members r ON r.id = mt.recorder_id "
            "LEFT JOIN members l ON l.id = mt.lecturer_id WHERE mt.id = ?",
            (meeting_id,),
        )
        if row is None:
            raise DomainError("E_NOT_FOUND", what="meeting", id=meeting_id)
        row["agenda"] = json.loads(row["agenda"] or "[]")
        people = {a.member_id: a for a in self.snapshot(meeting_id)}
        for who in ("chair", "recorder"):  # the name as it was on the day, when listed
            if row[f"{who}_id"] in people and people[row[f"{who}_id"]].name:
                row[f"{who}_name"] = people[row[f"{who}_id"]].name
        row["attendance"] = [a.to_row() for a in people.values()]
        row["guests"] = self.store.read(
            "SELECT name, post, reason FROM meeting_guests WHERE meeting_id = ? ORDER BY position",
            (meeting_id,),
        )
        # subject_name is read for display only (the editor shows it), never written back
        row["resolutions"] = self.store.read(
            f"SELECT {', '.join('r.' + f for f in (*RESOLUTION_FIELDS, 'id'))}, "
            "s.name AS subject_name FROM resolutions r "
            "LEFT JOIN members s ON s.id = r.subject_member_id "
            "WHERE r.meeting_id = ? ORDER BY r.position",
            (meeting_id,),
        )
        return row

    def snapshot(self, meeting_id: str) -> list[snap.Attendee]:
        """The stored people of a meeting, due first, in roster order."""
        rows = self.store.read(
            f"SELECT {_ROW_COLUMNS}, coalesce(a.name, m.name) AS name FROM meeting_attendance a "
            "JOIN members m ON m.id = a.member_id LEFT JOIN member_search s ON s.member_id = a.member_id "
            "WHERE a.meeting_id = ? ORDER BY a.due DESC, s.sort_key, a.member_id",
            (meeting_id,),
        )
        return [snap.Attendee.from_row(r) for r in rows]

    def result(self, meeting_id: str, meeting: Mapping[str, Any] | None = None):
        """The figures of a saved meeting from its stored snapshot (domain.quorum.QuorumResult):
        what the minutes, the sign-in sheet, the ledger and the CLI state."""
        m = meeting or self.get(meeting_id)
        people = [snap.Attendee.from_row(a) for a in m["attendance"]]
        return quorum.compute(m["kind"], people, m["resolutions"])

    def list(
        self,
        *,
        org_id: str | None = None,
        kind: str | None = None,
        start: str | None = None,
        end: str | None = None,
        include_voided: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        clauses, params = [], []
        for clause, value in (("mt.org_id = ?", org_id), ("mt.kind = ?", kind),
                              ("mt.starts_at >= ?", start)):  # fmt: skip
            if value:
                clauses.append(clause)
                params.append(value)
        if end:
            clauses.append("mt.starts_at < ?")
            params.append(end + "T99" if len(end) == 10 else end)
        if not include_voided:
            clauses.append("mt.voided = 0")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        # 应到 / 实到 as quorum.compute counts them (snapshot rows due and not excluded;
        # of those, present): the same numbers as result(), in one query for a whole list.
        sql = (
            "SELECT mt.id, mt.org_id, o.name AS org_name, mt.kind, mt.seq_no, mt.title, mt.starts_at, mt.place, "
            "mt.voided, mt.version, "
            "(SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.due = 1 AND a.status = 'present') AS present, "
            "(SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.due = 1 AND a.status != 'excluded') AS due "
            f"FROM meetings mt JOIN orgs o ON o.id = mt.org_id{where} ORDER BY mt.starts_at DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.store.read(sql, params)

    def due_members(
        self, org_id: str, kind: str, on: str | None = None
    ) -> builtins.list[dict[str, Any]]:
        """Who is due to attend on a day (default today): the organisation's members as they
        were that day (for a committee meeting, the committee), in roster order."""
        day = _day(on) or self.clock.today()
        try:
            kind = MeetingKind(kind).value
        except ValueError:
            raise DomainError(
                "E_CODE_UNKNOWN", "kind", table="meeting_kind", value=str(kind)
            ) from None
        people = meeting_people.build(self._read, org_id, kind, day, {})
        return [
            {**a.to_row(), "voting_suspended": int(a.voting_suspended), "status": a.member_status}
            for a in people
            if a.due
        ]

    def quorum(self, data: Mapping[str, Any]) -> QuorumResult:
        """Figures for a meeting being edited (the editor's live panel), counted the way a save
        counts them: the people as they were on the meeting's date, the marks as entered."""
        try:
            kind = MeetingKind(data.get("kind") or "").value
        except ValueError:
            raise DomainError("E_CODE_UNKNOWN", "kind", table="meeting_kind",
                              value=str(data.get("kind"))) from None  # fmt: skip
        day = _day(data.get("starts_at")) or self.clock.today()
        ignored: list[DomainError] = []  # the panel counts what it can; saving names the rest
        marks = {
            a["member_id"]: (a.get("status") or "present", a.get("reason"))
            for a in data.get("attendance") or []
            if isinstance(a, Mapping) and isinstance(a.get("member_id"), str)
            and a.get("status", "present") in ("present", "absent", "excluded")
        }  # fmt: skip
        people = meeting_people.build(self._read, data["org_id"], kind, day, marks)
        resolutions = [
            {**r, **{f: meeting_input.count(r.get(f), f, ignored) for f in meeting_input.VOTE_FIELDS},
             "kind": codes.table("resolution_kind").find(r.get("kind") or "ordinary") or "ordinary"}
            for r in data.get("resolutions") or [] if isinstance(r, Mapping)
        ]  # fmt: skip
        return quorum.compute(kind, people, resolutions)

    def compliance(self, org_id: str, start: date, end: date) -> builtins.list[Any]:
        """Required meetings missing for a branch and each of its groups (domain facts §3)."""
        return _compliance(self.store, org_id, start, end)


def _same_snapshot(current: Mapping[str, Any], m: Mapping[str, Any], day: date) -> bool:
    """An edit keeps the stored snapshot when organisation, kind and date stay the same and the
    snapshot was taken on or after the meeting's day. One taken earlier (a meeting saved ahead,
    to print its sign-in sheet) was a forecast: the first edit after the day takes it again."""
    return (current["org_id"], current["kind"], current["starts_at"][:10]) == (
        m["org_id"],
        m["kind"],
        day.isoformat(),
    ) and (current.get("snapshot_on") or "") >= day.isoformat()


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
