"""会议: record meetings with attendance, guests and votes; quorum; compliance per branch."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.domain.model import AttendanceStatus, MeetingKind, OrgKind
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store

MEETING_FIELDS = (
    "org_id",
    "kind",
    "seq_no",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "chair_id",
    "recorder_id",
    "lecturer",
    "lecturer_id",  # a lecturer from the roster; `lecturer` keeps an outside lecturer's name
    "agenda",
    "minutes",
    "summary",
)
RESOLUTION_FIELDS = (
    "title",
    "kind",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "written_opinions",
    "owner",
    "deadline",
    "subject_member_id",
)
CURRENT = ("normal", "mobile", "lost_contact")


def _norm_time(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip().replace(" ", "T")
    try:
        from datetime import datetime

        return datetime.fromisoformat(text).strftime("%Y-%m-%dT%H:%M")
    except ValueError as exc:
        raise DomainError("E_DATE_FORMAT", field, value=str(value)) from exc


class MeetingService:
    def __init__(self, store: Store, journal: Journal, clock: Clock) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock

    # -- input -------------------------------------------------------------------------------
    def _prepare(self, data: Mapping[str, Any]) -> dict[str, Any]:
        unknown = [
            k for k in data if k not in (*MEETING_FIELDS, "attendance", "guests", "resolutions")
        ]
        if unknown:
            raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
        errors: list[DomainError] = []
        m = {k: data.get(k) for k in MEETING_FIELDS}
        try:
            m["kind"] = MeetingKind(m["kind"]).value
        except ValueError:
            errors.append(
                DomainError("E_CODE_UNKNOWN", "kind", table="meeting_kind", value=str(m["kind"]))
            )
        org = self.store.read_one("SELECT * FROM orgs WHERE id = ?", (m["org_id"] or "",))
        if org is None:
            errors.append(DomainError("E_NOT_FOUND", "org_id", what="org", id=str(m["org_id"])))
        try:
            m["starts_at"] = _norm_time(m["starts_at"], "starts_at")
            m["ends_at"] = _norm_time(m["ends_at"], "ends_at")
        except DomainError as e:
            errors.append(e)
        if not m["starts_at"]:
            errors.append(DomainError("E_FIELD_REQUIRED", "starts_at"))
        elif m["ends_at"] and m["ends_at"] < m["starts_at"]:
            errors.append(
                DomainError("E_DATE_ORDER", "ends_at", first="starts_at", second="ends_at")
            )
        agenda = m["agenda"] or []
        if not isinstance(agenda, list) or not all(isinstance(a, str) for a in agenda):
            errors.append(DomainError("E_INVALID", "agenda"))
        m["agenda"] = json.dumps(agenda, ensure_ascii=False)
        m["minutes"] = m["minutes"] or ""
        m["summary"] = m["summary"] or ""
        if not (m.get("title") or "").strip() and org is not None and not errors:
            m["title"] = self._default_title(org, m["kind"], m.get("seq_no"))
        for who in ("chair_id", "recorder_id", "lecturer_id"):
            if m[who] and not self.store.scalar("SELECT 1 FROM members WHERE id = ?", (m[who],)):
                errors.append(DomainError("E_NOT_FOUND", who, what="member", id=m[who]))
        if m["lecturer_id"] and not (m["lecturer"] or "").strip():
            # the printed minutes name the lecturer from this column, roster member or not
            m["lecturer"] = self.store.scalar(
                "SELECT name FROM members WHERE id = ?", (m["lecturer_id"],)
            )

        attendance = []
        seen = set()
        for a in data.get("attendance") or []:
            mid = a.get("member_id")
            if mid in seen:
                errors.append(DomainError("E_DUPLICATE", "attendance", id=mid))
                continue
            seen.add(mid)
            try:
                status = AttendanceStatus(a.get("status", "present")).value
            except ValueError:
                errors.append(
                    DomainError(
                        "E_CODE_UNKNOWN",
                        "attendance",
                        table="attendance_status",
                        value=str(a.get("status")),
                    )
                )
                continue
            if not self.store.scalar("SELECT 1 FROM members WHERE id = ?", (mid or "",)):
                errors.append(DomainError("E_NOT_FOUND", "attendance", what="member", id=str(mid)))
                continue
            attendance.append({"member_id": mid, "status": status, "reason": a.get("reason")})
        guests = [
            {"position": i + 1, "name": g["name"], "post": g.get("post"), "reason": g.get("reason")}
            for i, g in enumerate(data.get("guests") or [])
            if (g.get("name") or "").strip()
        ]
        resolutions = []
        for i, r in enumerate(data.get("resolutions") or []):
            unknown_r = [k for k in r if k not in (*RESOLUTION_FIELDS, "id")]
            if unknown_r:
                errors.append(
                    DomainError("E_FIELD_UNKNOWN", unknown_r[0], fields=", ".join(unknown_r))
                )
                continue
            if not (r.get("title") or "").strip():
                errors.append(DomainError("E_FIELD_REQUIRED", "resolutions.title"))
            res = {k: r.get(k) for k in RESOLUTION_FIELDS}
            res["kind"] = res["kind"] or "ordinary"
            res["written_opinions"] = int(res["written_opinions"] or 0)
            res["position"] = i + 1
            res["id"] = r.get("id") or uuid7()
            resolutions.append(res)
        if errors:
            raise ValidationErrors(errors)
        m["attendance"], m["guests"], m["resolutions"] = attendance, guests, resolutions
        return m

    def _default_title(self, org: dict[str, Any], kind: str, seq_no: Any) -> str:
        from ztclient.domain import codes

        label = codes.table("meeting_kind").label(kind)
        if kind == MeetingKind.BRANCH_COMMITTEE.value and seq_no:
            return f"{org['name']}委员会第{seq_no}次会议"
        return f"{org['name']}{label}" + (f"（第{seq_no}次）" if seq_no else "")

    # -- writing -----------------------------------------------------------------------------
    def add(self, data: Mapping[str, Any]) -> tuple[str, Changes]:
        """Record a meeting with its attendance, guests and resolutions. One outbox op."""
        m = self._prepare(data)
        meeting_id = uuid7()
        now = self.journal.timestamp()
        with self.store.transaction() as tx:
            self._write(tx, meeting_id, m, version=1, created_at=now)
            self.journal.record(
                tx, entity="meeting", record_id=meeting_id, op="create", fields=self._op_fields(m)
            )
        return meeting_id, Changes(meetings=True)

    def update(self, meeting_id: str, data: Mapping[str, Any], base_version: int) -> Changes:
        current = self.get(meeting_id)
        if current["voided"]:
            raise DomainError("E_VOIDED", id=meeting_id)
        if current["version"] != base_version:
            raise DomainError(
                "E_STALE_BASE", meeting_id=meeting_id, base=base_version, current=current["version"]
            )
        merged = {k: current[k] for k in MEETING_FIELDS} | {
            "attendance": current["attendance"],
            "guests": current["guests"],
            # subject_name is read for display only (get() joins it), never written back
            "resolutions": [
                {k: v for k, v in r.items() if k != "subject_name"} for r in current["resolutions"]
            ],
        }
        merged["agenda"] = (
            json.loads(current["agenda"])
            if isinstance(current["agenda"], str)
            else current["agenda"]
        )
        merged.update(data)
        m = self._prepare(merged)
        with self.store.transaction() as tx:
            for table in ("meeting_attendance", "meeting_guests", "resolutions"):
                tx.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting_id,))
            tx.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
            self._write(
                tx, meeting_id, m, version=base_version + 1, created_at=current["created_at"]
            )
            self.journal.record(
                tx,
                entity="meeting",
                record_id=meeting_id,
                op="update",
                fields=self._op_fields(m),
                base_version=base_version,
            )
        return Changes(meetings=True)

    def void(self, meeting_id: str, reason: str) -> Changes:
        """Remove a meeting by recording a void with a reason; the record stays."""
        if not (reason or "").strip():
            raise DomainError("E_FIELD_REQUIRED", "reason")
        current = self.get(meeting_id)
        if current["voided"]:
            raise DomainError("E_VOIDED", id=meeting_id)
        with self.store.transaction() as tx:
            tx.update(
                "meetings",
                {"id": meeting_id},
                {
                    "voided": 1,
                    "void_reason": reason.strip(),
                    "version": current["version"] + 1,
                    "updated_at": self.journal.timestamp(),
                },
            )
            self.journal.record(
                tx,
                entity="meeting",
                record_id=meeting_id,
                op="void",
                fields={"reason": reason.strip()},
                base_version=current["version"],
            )
        return Changes(meetings=True, study=True)

    @staticmethod
    def _op_fields(m: dict[str, Any]) -> dict[str, Any]:
        out = dict(m)
        out["agenda"] = json.loads(m["agenda"])
        return out

    def _write(
        self, tx: Store, meeting_id: str, m: dict[str, Any], *, version: int, created_at: str
    ) -> None:
        row = {k: m[k] for k in MEETING_FIELDS}
        tx.insert(
            "meetings",
            {
                **row,
                "id": meeting_id,
                "voided": 0,
                "void_reason": None,
                "version": version,
                "created_at": created_at,
                "updated_at": self.journal.timestamp(),
            },
        )
        tx.insert_many(
            "meeting_attendance", [{**a, "meeting_id": meeting_id} for a in m["attendance"]]
        )
        tx.insert_many("meeting_guests", [{**g, "meeting_id": meeting_id} for g in m["guests"]])
        tx.insert_many("resolutions", [{**r, "meeting_id": meeting_id} for r in m["resolutions"]])

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
        row["attendance"] = self.store.read(
            "SELECT a.member_id, a.status, a.reason, m.name FROM meeting_attendance a "
            "JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ? ORDER BY m.name",
            (meeting_id,),
        )
        row["guests"] = self.store.read(
            "SELECT name, post, reason FROM meeting_guests WHERE meeting_id = ? ORDER BY position",
            (meeting_id,),
        )
        row["resolutions"] = self.store.read(
            "SELECT r.id, r.title, r.kind, r.votes_for, r.votes_against, r.votes_abstain, "
            "r.written_opinions, r.owner, r.deadline, r.subject_member_id, s.name AS subject_name "
            "FROM resolutions r LEFT JOIN members s ON s.id = r.subject_member_id "
            "WHERE r.meeting_id = ? ORDER BY r.position",
            (meeting_id,),
        )
        return row

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
        if org_id:
            clauses.append("mt.org_id = ?")
            params.append(org_id)
        if kind:
            clauses.append("mt.kind = ?")
            params.append(kind)
        if start:
            clauses.append("mt.starts_at >= ?")
            params.append(start)
        if end:
            clauses.append("mt.starts_at < ?")
            params.append(end + "T99" if len(end) == 10 else end)
        if not include_voided:
            clauses.append("mt.voided = 0")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = (
            "SELECT mt.id, mt.org_id, o.name AS org_name, mt.kind, mt.seq_no, mt.title, mt.starts_at, mt.place, "
            "mt.voided, mt.version, "
            "(SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.status = 'present') AS present, "
            "(SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.status != 'excluded') AS due "
            f"FROM meetings mt JOIN orgs o ON o.id = mt.org_id{where} ORDER BY mt.starts_at DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.store.read(sql, params)

    def due_members(self, org_id: str, kind: str, on: str | None = None) -> list[dict[str, Any]]:
        """Who is due to attend: the branch's (or group's) current members; for a committee
        meeting, the committee members holding posts on that date."""
        day = (on or self.clock.today().isoformat())[:10]
        if kind == MeetingKind.BRANCH_COMMITTEE.value:
            return self.store.read(
                "SELECT DISTINCT m.id AS member_id, m.name, m.category, m.status, m.voting_suspended "
                "FROM org_posts p JOIN members m ON m.id = p.member_id WHERE p.org_id = ? AND p.start_date <= ? "
                "AND (p.end_date IS NULL OR p.end_date >= ?) ORDER BY m.name",
                (org_id, day, day),
            )
        org = self.store.read_one("SELECT kind FROM orgs WHERE id = ?", (org_id,))
        column = "group_id" if org and org["kind"] == OrgKind.GROUP.value else "org_id"
        return self.store.read(
            "SELECT m.id AS member_id, m.name, m.category, m.status, m.voting_suspended FROM members m "
            f"JOIN member_search s ON s.member_id = m.id WHERE m.{column} = ? "
            "AND m.status IN ('normal', 'mobile', 'lost_contact') AND m.category IN ('probationary', 'full') "
            "ORDER BY s.sort_key",
            (org_id,),
        )

    def quorum(self, data: Mapping[str, Any]):  # -> domain.quorum.QuorumResult
        """Quorum and pass results for a meeting being edited (or saved: pass ``get()``'s dict)."""
        from ztclient.domain import quorum

        kind = MeetingKind(data["kind"])
        due_rows = self.due_members(
            data["org_id"], kind.value, (data.get("starts_at") or "")[:10] or None
        )
        attendance = {a["member_id"]: a["status"] for a in data.get("attendance") or []}
        # People marked present who are not on the due list (e.g. a member from another branch)
        # do not change 应到; the domain rule decides what counts.
        voters = [
            quorum.Voter(
                member_id=r["member_id"],
                category=r["category"],
                status=r["status"],
                voting_suspended=bool(r["voting_suspended"]),
            )
            for r in due_rows
        ]
        committee_size = len(due_rows) if kind == MeetingKind.BRANCH_COMMITTEE else None
        return quorum.compute(
            kind,
            voters,
            attendance,
            list(data.get("resolutions") or []),
            committee_size=committee_size,
        )

    def compliance(self, org_id: str, start: date, end: date) -> list[Any]:
        """Required meetings missing for a branch between two dates (domain facts §3)."""
        from ztclient.domain import compliance

        rows = self.store.read(
            "SELECT kind, substr(starts_at, 1, 10) AS day FROM meetings WHERE org_id = ? AND voided = 0 "
            "AND starts_at >= ? AND starts_at <= ?",
            (org_id, start.isoformat(), end.isoformat() + "T99"),
        )
        # Group meetings are held by the branch's groups: count them for the branch too.
        rows += self.store.read(
            "SELECT mt.kind, substr(mt.starts_at, 1, 10) AS day FROM meetings mt JOIN orgs g ON g.id = mt.org_id "
            "WHERE g.parent_id = ? AND g.kind = 'group' AND mt.voided = 0 AND mt.starts_at >= ? AND mt.starts_at <= ?",
            (org_id, start.isoformat(), end.isoformat() + "T99"),
        )
        has_groups = bool(
            self.store.scalar(
                "SELECT 1 FROM orgs WHERE parent_id = ? AND kind = 'group'", (org_id,)
            )
        )
        meetings = [(r["kind"], date.fromisoformat(r["day"])) for r in rows]
        return compliance.missing(meetings, start, end, has_groups=has_groups)
