"""民主评议党员: grades per member and year, the meeting that decided them, the 优秀 share, and
the follow-up of 基本合格 / 不合格 grades (domain/appraisal.py)."""

from __future__ import annotations

import builtins
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ztclient.domain import appraisal as rules
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.services.changes import Changes
from ztclient.services.org_life_rows import RowWriter
from ztclient.services.orgs import OrgService
from ztprotocol.roll import CURRENT_SQL, MEMBER_SQL, ON_BOOKS_SQL, ON_BOOKS_STATUSES, is_member

ROW_KEYS = ("member_id", "grade", "meeting_id", "measure", "deadline", "note")
FOLLOW_UP_KEYS = ("measure", "deadline", "done_on", "outcome")
DECIDING_MEETINGS = ("appraisal", "org_life", "branch_general", "branch_committee")
CHANGES = Changes(org_life=True)


@dataclass(frozen=True)
class Graded:
    ids: tuple[str, ...]
    changes: Changes
    warnings: tuple[DomainError, ...] = field(default=())


class AppraisalService:
    def __init__(self, orgs: OrgService) -> None:
        self.orgs = orgs
        self.store = orgs.store
        self.clock = orgs.clock
        self.rows = RowWriter(orgs.store, orgs.journal, "appraisals", "appraisal")

    def _year(self, year: Any) -> int:
        try:
            y = int(year)
        except (TypeError, ValueError):
            raise DomainError("E_APPRAISAL_YEAR", "year", year=str(year)) from None
        if not 1949 <= y <= self.clock.today().year:
            raise DomainError("E_APPRAISAL_YEAR", "year", year=str(year))
        return y

    def _check_row(self, year: int, r: Mapping[str, Any]) -> dict[str, Any]:
        unknown = [k for k in r if k not in ROW_KEYS]
        if unknown:
            raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
        m = self.store.read_one("SELECT * FROM members WHERE id = ?", (str(r.get("member_id")),))
        if m is None:
            raise DomainError("E_NOT_FOUND", "member_id", what="member", id=str(r.get("member_id")))
        joined = m["join_date"] or ""
        if (
            not is_member(m["category"])
            or m["status"] not in ON_BOOKS_STATUSES
            or joined > f"{year}-12-31"
        ):
            raise DomainError("E_APPRAISAL_NOT_MEMBER", "member_id", member=m["name"], year=year)
        norm = rules.check_grade(r)
        meeting_id = r.get("meeting_id") or None
        if meeting_id:
            mt = self.store.read_one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
            if mt is None or mt["voided"]:
                raise DomainError("E_NOT_FOUND", "meeting_id", what="meeting", id=meeting_id)
            if mt["kind"] not in DECIDING_MEETINGS or mt["starts_at"][:4] not in (
                str(year),
                str(year + 1),
            ):
                raise DomainError("E_APPRAISAL_MEETING", "meeting_id", title=mt["title"], year=year)
        return {
            "year": year,
            "member_id": m["id"],
            "org_id": m["org_id"],
            "grade": norm["grade"],
            "meeting_id": meeting_id,
            "measure": norm["measure"],
            "deadline": norm["deadline"],
            "note": str(r.get("note") or "").strip() or None,
        }

    def record(self, year: Any, rows: Sequence[Mapping[str, Any]]) -> Graded:
        """Grades for a year. A member already graded that year gets the new grade (an update
        of the fields the row gives: a measure, deadline, note or meeting it leaves out is
        kept); all or nothing, each bad row reported with its number."""
        year = self._year(year)
        checked, errors, seen = [], [], set()
        for i, r in enumerate(rows, 1):
            try:
                if not isinstance(r, Mapping):
                    raise DomainError("E_JSON_INVALID", detail="a grade is an object")
                c = self._check_row(year, r)
                if c["member_id"] in seen:
                    raise DomainError(
                        "E_DUPLICATE", "member_id", id=self.orgs.member_name(c["member_id"])
                    )
                seen.add(c["member_id"])
                checked.append((c, self._regrade(year, c, r)))
            except DomainError as e:
                errors.append(DomainError(e.code, e.field, **{**e.params, "row": i}))
        if errors:
            raise ValidationErrors(errors)
        if not checked:
            raise DomainError("E_FIELD_REQUIRED", "grades")
        ids = []
        with self.store.transaction() as tx:
            for c, again in checked:
                if again is None:
                    ids.append(self.rows.insert(tx, c))
                else:
                    old, keep = again
                    self.rows.update(tx, old, keep)
                    ids.append(old["id"])
        orgs = {c["org_id"] for c, _again in checked}
        return Graded(tuple(ids), CHANGES, tuple(self.share_warnings(year, orgs)))

    def _regrade(
        self, year: int, c: Mapping[str, Any], given: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """For a member already graded that year: (the row, the fields to change). Fields the
        input leaves out keep their value; a grade without follow-up clears it; a kept measure
        must fit the new grade (E_APPRAISAL_MEASURE)."""
        old = self.store.read_one(
            "SELECT * FROM appraisals WHERE year = ? AND member_id = ? AND voided = 0",
            (year, c["member_id"]),
        )
        if old is None:
            return None
        named = {"member_id", "org_id", "grade"} | {k for k in ROW_KEYS if k in given}
        new = {k: v for k, v in c.items() if k in named}
        if not rules.needs_follow_up(c["grade"]):
            new.update(measure=None, deadline=None, done_on=None)
        elif new.get("measure", old.get("measure")):
            rules.check_grade({"grade": c["grade"], "measure": new.get("measure", old["measure"])})
        return old, {k: v for k, v in new.items() if old.get(k) != v}

    def share_warnings(self, year: int, org_ids: set[str] | None = None) -> list[DomainError]:
        """W_APPRAISAL_EXCELLENT for each organisation whose 优秀 exceed a third of its members."""
        excellent = Counter(
            self.store.column(
                "SELECT org_id FROM appraisals WHERE year = ? AND voided = 0 AND grade = 'excellent'",
                (year,),
            )
        )
        out = []
        for org_id, n in sorted(excellent.items()):
            if org_ids is not None and org_id not in org_ids:
                continue
            members = int(
                self.store.scalar(
                    "SELECT count(*) FROM members WHERE org_id = ? "
                    f"AND category IN {MEMBER_SQL} AND status IN {CURRENT_SQL}",
                    (org_id,),
                )
            )
            graded = int(
                self.store.scalar(
                    "SELECT count(*) FROM appraisals WHERE org_id = ? AND year = ? AND voided = 0",
                    (org_id, year),
                )
            )
            name = self.orgs.get(org_id)["name"]
            w = rules.excellent_share_warning(n, max(members, graded), name)
            if w is not None:
                out.append(w)
        return out

    def follow_up(self, appraisal_id: str, fields: Mapping[str, Any], base_version: int) -> Changes:
        """Decide or complete the follow-up of a 基本合格 / 不合格 grade (measure, deadline,
        done_on, outcome)."""
        row = self.rows.current(appraisal_id, base_version)
        refused = [k for k in fields if k not in FOLLOW_UP_KEYS]
        if refused:
            raise DomainError("E_FIELD_UNKNOWN", refused[0], fields=", ".join(refused))
        merged = {**{k: row.get(k) for k in FOLLOW_UP_KEYS}, **fields, "grade": row["grade"]}
        if not rules.needs_follow_up(row["grade"]):
            raise DomainError("E_APPRAISAL_MEASURE", "measure", measure="—", grade=row["grade"])
        norm = rules.check_grade(merged)
        if norm.get("done_on"):
            done = parse_date(norm["done_on"], "done_on")
            if done > self.clock.today():
                raise DomainError("E_DATE_FUTURE", "done_on", what="done_on", date=norm["done_on"])
            if not norm["measure"]:
                raise DomainError("E_FIELD_REQUIRED", "measure")
        norm["outcome"] = str(merged.get("outcome") or "").strip() or None
        changed = {k: norm.get(k) for k in FOLLOW_UP_KEYS if row.get(k) != norm.get(k)}
        with self.store.transaction() as tx:
            self.rows.update(tx, row, changed)
        return CHANGES if changed else Changes()

    def void(self, appraisal_id: str, reason: str) -> Changes:
        self.rows.void(appraisal_id, reason)
        return CHANGES

    # -- reading -----------------------------------------------------------------------------
    def list(self, year: int, org_id: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT a.*, m.name AS member_name, o.name AS org_name, mt.title AS meeting_title "
            "FROM appraisals a JOIN members m ON m.id = a.member_id JOIN orgs o ON o.id = a.org_id "
            "LEFT JOIN meetings mt ON mt.id = a.meeting_id WHERE a.year = ? AND a.voided = 0"
        )
        params: list[Any] = [int(year)]
        if org_id:
            sql += " AND a.org_id = ?"
            params.append(org_id)
        return self.store.read(sql + " ORDER BY o.name, m.name", params)

    def follow_ups(self, today: date | None = None) -> builtins.list[dict[str, Any]]:
        """基本合格 / 不合格 grades whose follow-up is not done, with its state."""
        today = today or self.clock.today()
        out = []
        for r in self.store.read(
            "SELECT a.*, m.name AS member_name, o.name AS org_name FROM appraisals a "
            "JOIN members m ON m.id = a.member_id JOIN orgs o ON o.id = a.org_id "
            "WHERE a.voided = 0 AND a.grade IN ('basically_qualified', 'unqualified') "
            f"AND a.done_on IS NULL AND m.status IN {ON_BOOKS_SQL} "
            "ORDER BY a.year, m.name"
        ):
            state = rules.follow_up_state(r, today)
            if state is not None:
                out.append({**r, "state": state.state})
        return out
