"""学习: study logs (facts; removal is a recorded void) and yearly hours against the targets.

Every coded field of a log is checked on input (the study form against its code table, codes or
labels accepted); what counts towards the target is the unit's setting (``counted_forms``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import codes, member_state
from ztclient.domain.dates import date_error_code
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.meeting_people import events_of
from ztclient.services.org_scope import members_under, subtree
from ztclient.services.ports import Clock, Store
from ztprotocol.roll import CURRENT_SQL, MEMBER_CATEGORIES, MEMBER_SQL

# Not on this unit's roll on that day: no study of theirs is the unit's to record.
_OFF_ROLL = ("transferred_out", "exited", "deceased", "voided")
LOG_FIELDS = ("member_id", "date", "hours", "form", "topic", "meeting_id")
MAX_HOURS_PER_LOG = 80.0  # two weeks of full-time training; more is a typing mistake
COUNTED_FORMS_KEY = "study_counted_forms"  # meta: JSON list of study_form codes that count


class StudyService:
    def __init__(
        self,
        store: Store,
        journal: Journal,
        clock: Clock,
        targets: Mapping[str, float] | None = None,
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.targets = dict(targets or {"member": 32.0, "leader": 56.0})

    def _check(
        self, index: int, log: Mapping[str, Any]
    ) -> tuple[dict[str, Any] | None, list[DomainError]]:
        errors: list[DomainError] = []
        if not isinstance(log, Mapping):
            return None, [DomainError("E_INVALID", f"logs[{index + 1}]", row=index + 1)]
        unknown = [k for k in log if k not in LOG_FIELDS]
        if unknown:
            return None, [
                DomainError("E_FIELD_UNKNOWN", unknown[0], row=index + 1, fields=", ".join(unknown))
            ]
        row: dict[str, Any] = {k: log.get(k) for k in LOG_FIELDS}
        for f in ("member_id", "date", "hours", "form", "topic"):
            if row[f] in (None, ""):
                errors.append(DomainError("E_FIELD_REQUIRED", f, row=index + 1))
        if errors:
            return None, errors
        try:
            day = date.fromisoformat(str(row["date"]))
            if day > self.clock.today():
                errors.append(DomainError("E_DATE_FUTURE", "date", row=index + 1, date=row["date"]))
        except ValueError:
            errors.append(
                DomainError(
                    date_error_code(row["date"]), "date", row=index + 1, value=str(row["date"])
                )
            )
        try:
            hours = float(row["hours"])
            if isinstance(row["hours"], bool) or not (0 < hours <= MAX_HOURS_PER_LOG):
                raise ValueError
            row["hours"] = round(hours, 2)
        except (TypeError, ValueError):
            errors.append(
                DomainError(
                    "E_HOURS_RANGE",
                    "hours",
                    row=index + 1,
                    value=str(row["hours"]),
                    max=MAX_HOURS_PER_LOG,
                )
            )
        form = codes.table("study_form").find(row["form"]) if isinstance(row["form"], str) else None
        if form is None:
            errors.append(DomainError("E_CODE_UNKNOWN", "form", row=index + 1,
                                      table="study_form", value=str(row["form"])))  # fmt: skip
        row["form"] = form
        if not isinstance(row["topic"], str) or len(row["topic"].strip()) > 200:
            errors.append(DomainError("E_INVALID", "topic", row=index + 1))
        else:
            row["topic"] = row["topic"].strip()
        for key in ("member_id", "meeting_id"):
            if row[key] is not None and not isinstance(row[key], str):
                row[key] = ""  # not an id: reported as not found below
        if not self.store.scalar("SELECT 1 FROM members WHERE id = ?", (row["member_id"],)):
            errors.append(
                DomainError(
                    "E_NOT_FOUND",
                    "member_id",
                    row=index + 1,
                    what="member",
                    id=str(row["member_id"]),
                )
            )
        if row["meeting_id"] and not self.store.scalar(
            "SELECT 1 FROM meetings WHERE id = ?", (row["meeting_id"],)
        ):
            errors.append(
                DomainError(
                    "E_NOT_FOUND",
                    "meeting_id",
                    row=index + 1,
                    what="meeting",
                    id=str(row["meeting_id"]),
                )
            )
        return row, errors

    def _off_roll(self, rows: list[dict[str, Any]]) -> list[DomainError]:
        """A log dated while its member was not on the roll (not yet transferred in, or already
        transferred out, exited or dead on that day, by their dated events) is refused."""
        members, events = self._people(r["member_id"] for r in rows)
        errors = []
        for index, row in enumerate(rows):
            member = members[row["member_id"]]
            day = date.fromisoformat(str(row["date"]))
            state = member_state.state_on(member, events.get(member["id"], []), day)
            params = {"row": index + 1, "name": member["name"], "date": day.isoformat()}
            if state.transfer_in_on is not None or state.status in _OFF_ROLL:
                code = "E_STUDY_NOT_YET_IN" if state.transfer_in_on else "E_STUDY_OFF_ROLL"
                if state.transfer_in_on is None:
                    params["status"] = state.status
                errors.append(DomainError(code, "date", **params))
            elif not state.is_member:
                # 党员 hours only (domain facts §5): before the 入党日期 the person was an
                # 积极分子 or 发展对象, whose training the development record keeps
                if member.get("join_date") and member["category"] in MEMBER_CATEGORIES:
                    params["join_date"] = member["join_date"]
                    errors.append(DomainError("E_STUDY_NOT_YET_MEMBER", "date", **params))
                else:
                    params["category"] = state.category or member["category"]
                    errors.append(DomainError("E_STUDY_NOT_MEMBER", "date", **params))
        return errors

    def _people(
        self, member_ids: Iterable[str]
    ) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        """The members' rows and their dated events, for ``member_state.state_on``."""
        ids = sorted(set(member_ids))
        members = {
            m["id"]: m
            for chunk in range(0, len(ids), 500)
            for m in self.store.read(
                f"SELECT * FROM members WHERE id IN ({','.join('?' * len(ids[chunk : chunk + 500]))})",
                ids[chunk : chunk + 500],
            )
        }
        return members, events_of(self.store.read, ids)

    def add(self, logs: Sequence[Mapping[str, Any]]) -> tuple[list[str], Changes]:
        """Record study logs, all or nothing, as one outbox op (one clerk action)."""
        if not logs:
            raise DomainError("E_FIELD_REQUIRED", "logs")
        rows, errors = [], []
        for i, log in enumerate(logs):
            row, errs = self._check(i, log)
            errors += errs
            if row:
                rows.append(row)
        if not errors:
            errors = self._off_roll(rows)
        if errors:
            raise ValidationErrors(errors)
        now = self.journal.timestamp()
        for row in rows:
            row["id"] = uuid7()
        with self.store.transaction() as tx:
            tx.insert_many(
                "study_logs",
                [{**r, "voided": 0, "void_reason": None, "created_at": now} for r in rows],
            )
            self.journal.record(
                tx,
                entity="study_log",
                record_id=rows[0]["id"],
                op="insert_many",
                fields={"rows": rows},
            )
        return [r["id"] for r in rows], Changes(study=True)

    def add_for_meeting(
        self, meeting_id: str, hours: float, form: str, topic: str | None = None
    ) -> tuple[list[str], Changes]:
        """Log the same hours for everyone present at a meeting."""
        meeting = self.store.read_one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if meeting is None:
            raise DomainError("E_NOT_FOUND", what="meeting", id=meeting_id)
        if meeting["voided"]:
            raise DomainError("E_VOIDED", id=meeting_id)
        present = self.store.read(
            "SELECT member_id FROM meeting_attendance WHERE meeting_id = ? AND status = 'present'",
            (meeting_id,),
        )
        day = meeting["starts_at"][:10]
        present = self._members_on(present, date.fromisoformat(day))
        if not present:
            raise DomainError("E_NO_ATTENDEES", meeting_id=meeting_id)
        logs = [
            {
                "member_id": p["member_id"],
                "date": day,
                "hours": hours,
                "form": form,
                "topic": topic or meeting["title"],
                "meeting_id": meeting_id,
            }
            for p in present
        ]
        return self.add(logs)

    def _members_on(self, present: list[dict[str, Any]], day: date) -> list[dict[str, Any]]:
        """Those present who were 党员 on the day: a 发展对象 sitting in on the meeting that
        admits them is listed present, but their training is the development record's."""
        people, events = self._people(p["member_id"] for p in present)
        return [
            p for p in present
            if member_state.state_on(people[p["member_id"]], events.get(p["member_id"], []), day).is_member
        ]  # fmt: skip

    def void(self, log_id: str, reason: str) -> Changes:
        return self.void_many([log_id], reason)

    def void_many(self, log_ids: list[str], reason: str, *, skip_voided: bool = False) -> Changes:
        """Void logs in one transaction: all of them or none (an undo of a batch must not stop
        half-way). With ``skip_voided`` a log already voided keeps its own reason and is left
        out; otherwise it is ``E_VOIDED`` and nothing is written."""
        if not (reason or "").strip():
            raise DomainError("E_FIELD_REQUIRED", "reason")
        with self.store.transaction() as tx:
            for log_id in log_ids:
                row = tx.read_one("SELECT voided FROM study_logs WHERE id = ?", (log_id,))
                if row is None:
                    raise DomainError("E_NOT_FOUND", what="study_log", id=log_id)
                if row["voided"]:
                    if skip_voided:
                        continue
                    raise DomainError("E_VOIDED", id=log_id)
                tx.update(
                    "study_logs", {"id": log_id}, {"voided": 1, "void_reason": reason.strip()}
                )
                self.journal.record(
                    tx,
                    entity="study_log",
                    record_id=log_id,
                    op="void",
                    fields={"ids": [log_id], "reason": reason.strip()},
                )
        return Changes(study=True)

    # -- reading -----------------------------------------------------------------------------
    def logs(
        self, member_id: str | None = None, year: int | None = None, limit: int = 500
    ) -> list[dict[str, Any]]:
        clauses, params = [], []
        if member_id:
            clauses.append("l.member_id = ?")
            params.append(member_id)
        if year:
            clauses.append("l.date BETWEEN ? AND ?")
            params += [f"{year}-01-01", f"{year}-12-31"]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        # the meeting's title for a log made from a meeting (学习 → 学习记录 shows it)
        return self.store.read(
            "SELECT l.*, m.name, mt.title AS meeting_title FROM study_logs l "
            "JOIN members m ON m.id = l.member_id "
            f"LEFT JOIN meetings mt ON mt.id = l.meeting_id{where} "
            f"ORDER BY l.date DESC, l.created_at DESC LIMIT {int(limit)}",
            params,
        )

    # -- what counts towards the target (a unit setting) -------------------------------------
    def counted_forms(self) -> tuple[str, ...]:
        """The study forms whose hours count towards the 32/56-hour target in this unit
        (default: the collective forms; 个人自学 does not count)."""
        from ztclient.domain import study_rules

        stored = self.store.get_meta(COUNTED_FORMS_KEY)
        if stored:
            try:
                return study_rules.check_counted_forms(json.loads(stored))
            except (ValueError, DomainError):
                pass  # a setting this version cannot read: the default, never a crash
        return study_rules.default_counted_forms()

    def set_counted_forms(self, forms: list[str]) -> Changes:
        """Change what counts (codes or labels); recorded in the audit chain."""
        from ztclient.domain import study_rules

        if not isinstance(forms, list | tuple):
            raise DomainError("E_INVALID", "forms")
        chosen = study_rules.check_counted_forms(forms)
        with self.store.transaction() as tx:
            tx.set_meta(COUNTED_FORMS_KEY, json.dumps(list(chosen)))
            self.journal.audit(tx, "settings.study_counted_forms", "unit", {"forms": list(chosen)})
        return Changes(study=True)

    def summary(self, year: int, org_id: str | None = None) -> list[dict[str, Any]]:
        """Hours per member on the roll in a calendar year against the member's target (32 or
        56): those on the roll today for the running year, on its 31 December for a past one
        (as ``export study`` counts them: services/reports_statistics.py).

        ``hours`` are the hours that count (the unit's counted forms), ``all_hours`` every
        form's; ``short`` is what the counted hours lack of the target."""
        from ztclient.services import reports_statistics

        counted = self.counted_forms()
        today = self.clock.today()
        day = reports_statistics.default_as_of(year, today)
        # A past year's roll comes from the dated records; today's is the records as they are.
        then = None
        if day < today:
            then = {m["id"]: st for m, st in reports_statistics.on_roll(self.store, day)}
        marks = ",".join("?" for _ in counted)
        params: list[Any] = [*counted, year]
        where = "1"
        if then is None:
            where = (
                f"m.status IN {CURRENT_SQL} AND m.category IN {MEMBER_SQL} "
                "AND (m.join_date IS NULL OR m.join_date <= ?)"
            )
            params.append(f"{year}-12-31")
            if org_id:
                clause, more = members_under(org_id)
                where += " AND " + clause
                params += more
        # study_totals is kept per form by triggers (migrations 002, 010): no summing of logs;
        # each member's few rows of the year are found by the primary key (member, year, form).
        rows = self.store.read(
            "SELECT m.id AS member_id, m.name, m.org_id, o.name AS org_name, m.category, "
            f"coalesce(sum(CASE WHEN t.form IN ({marks}) THEN t.hours END), 0) AS hours, "
            "coalesce(sum(t.hours), 0) AS all_hours "
            "FROM members m JOIN member_search s ON s.member_id = m.id "
            "LEFT JOIN orgs o ON o.id = m.org_id "
            "LEFT JOIN study_totals t ON t.member_id = m.id AND t.year = ? "
            f"WHERE {where} GROUP BY m.id ORDER BY s.sort_key",
            params,
        )
        if then is not None:
            rows = self._as_then(rows, then, org_id)
        self._drop_before_joining(rows, year, counted)
        from ztclient.domain import study_rules

        posts = self._posts_in_year(year)
        for r in rows:
            r["hours"] = round(float(r["hours"]), 2)
            r["all_hours"] = round(float(r["all_hours"]), 2)
            r["target"] = study_rules.target_for(posts.get(r["member_id"], []), year, self.targets)
            r["short"] = round(max(0.0, r["target"] - r["hours"]), 2)
        return rows

    def _drop_before_joining(
        self, rows: list[dict[str, Any]], year: int, counted: Sequence[str]
    ) -> None:
        """Take out hours logged before the member's 入党日期 (kept by an older version, or a
        join date corrected later): they were not a 党员's (domain facts §5). The totals kept
        by the triggers hold them; the few members who joined in ``year`` are read apart."""
        before: dict[str, list[tuple[str, float]]] = {}
        for r in self.store.read(
            # members first (CROSS JOIN keeps the order): the few who joined in the year, then
            # their logs by the member index; led by the date index it read a year of logs
            "SELECT l.member_id, l.form, sum(l.hours) AS h FROM members m CROSS JOIN study_logs l "
            "ON l.member_id = m.id AND l.date BETWEEN ? AND ? AND l.date < m.join_date "
            "WHERE m.join_date > ? AND l.voided = 0 GROUP BY l.member_id, l.form",
            (f"{year}-01-01", f"{year}-12-31", f"{year}-01-01"),
        ):
            before.setdefault(r["member_id"], []).append((r["form"], float(r["h"])))
        for row in rows:
            for form, hours in before.get(row["member_id"], []):
                row["all_hours"] = float(row["all_hours"]) - hours
                if form in counted:
                    row["hours"] = float(row["hours"]) - hours

    def _as_then(
        self, rows: list[dict[str, Any]], then: Mapping[str, Any], org_id: str | None
    ) -> list[dict[str, Any]]:
        """The rows of the members on a past day's roll, with their branch and category of
        that day; ``org_id`` keeps those of that organisation or a branch under it."""
        orgs = {r["id"]: r for r in self.store.read("SELECT id, name, parent_id FROM orgs")}
        inside = subtree(self.store.read, org_id) if org_id else set()
        out = []
        for r in rows:
            st = then.get(r["member_id"])
            if st is None:
                continue
            org = orgs.get(st.org_id or "", {})
            if org_id and st.org_id not in inside:
                continue
            out.append({**r, "org_id": st.org_id, "org_name": org.get("name"),
                        "category": st.category})  # fmt: skip
        return out

    def short_of_target(self, year: int, org_id: str | None = None) -> list[dict[str, Any]]:
        return [r for r in self.summary(year, org_id) if r["short"] > 0]

    def _posts_in_year(self, year: int, until: date | None = None) -> dict[str, list[str]]:
        """Posts held at some time in ``year`` (up to ``until``: a report as of a day does not
        count a post that begins after it)."""
        last = min(until, date(year, 12, 31)) if until else date(year, 12, 31)
        out: dict[str, list[str]] = {}
        for r in self.store.read(
            "SELECT member_id, post FROM org_posts WHERE voided = 0 AND start_date <= ? "
            "AND (end_date IS NULL OR end_date >= ?)",
            (last.isoformat(), f"{year}-01-01"),
        ):
            out.setdefault(r["member_id"], []).append(r["post"])
        return out
