"""谈心谈话: the register (who talked with whom, when, on what, and what follows) and the yearly
norm per organisation (domain/talks.py)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import talks as talk_rules
from ztclient.domain.committee import Post, committee_on
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.services.changes import Changes
from ztclient.services.org_life_rows import RowWriter
from ztclient.services.orgs import OrgService
from ztprotocol.roll import CURRENT_SQL, MEMBER_SQL, ON_BOOKS_STATUSES

TALK_KEYS = ("date", "talker_id", "talkee_id", "topic", "follow_up", "org_id")
EDITABLE = ("date", "topic", "follow_up")
CHANGES = Changes(org_life=True)


class TalkService:
    def __init__(self, orgs: OrgService) -> None:
        self.orgs = orgs
        self.store = orgs.store
        self.clock = orgs.clock
        self.rows = RowWriter(orgs.store, orgs.journal, "talks", "talk")

    def _member(self, member_id: Any, field: str) -> dict[str, Any]:
        m = self.store.read_one("SELECT * FROM members WHERE id = ?", (str(member_id or ""),))
        if m is None:
            raise DomainError("E_NOT_FOUND", field, what="member", id=str(member_id))
        if m["status"] not in ON_BOOKS_STATUSES:
            raise DomainError("E_TALK_MEMBER_GONE", field, member=m["name"])
        return m

    def _day(self, value: Any) -> str:
        day = parse_date(str(value or ""), "date")
        if day > self.clock.today():
            raise DomainError("E_DATE_FUTURE", "date", what="date", date=day.isoformat())
        return day.isoformat()

    def check(self, data: Mapping[str, Any]) -> dict[str, Any]:
        unknown = [k for k in data if k not in TALK_KEYS]
        if unknown:
            raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
        day = self._day(data.get("date"))
        talker = self._member(data.get("talker_id"), "talker_id")
        talkee = self._member(data.get("talkee_id"), "talkee_id")
        if talker["id"] == talkee["id"]:
            raise DomainError("E_TALK_SELF", "talkee_id", member=talker["name"])
        topic = str(data.get("topic") or "").strip()
        if not topic:
            raise DomainError("E_FIELD_REQUIRED", "topic", field_label="talk_topic")
        org_id = data.get("org_id") or talkee["org_id"]
        self.orgs.get(org_id)
        return {
            "org_id": org_id,
            "date": day,
            "talker_id": talker["id"],
            "talkee_id": talkee["id"],
            "topic": topic,
            "follow_up": str(data.get("follow_up") or "").strip(),
        }

    def add(self, data: Mapping[str, Any]) -> tuple[str, Changes]:
        ids, changes = self.add_many([data])
        return ids[0], changes

    def add_many(self, items: Sequence[Mapping[str, Any]]) -> tuple[list[str], Changes]:
        """Record talks; all or nothing, every bad item reported with its row number."""
        checked, errors = [], []
        for i, item in enumerate(items, 1):
            try:
                if not isinstance(item, Mapping):
                    raise DomainError("E_JSON_INVALID", detail="a talk is an object")
                checked.append(self.check(item))
            except ValidationErrors as e:
                errors += [DomainError(x.code, x.field, **{**x.params, "row": i}) for x in e.errors]
            except DomainError as e:
                errors.append(DomainError(e.code, e.field, **{**e.params, "row": i}))
        if errors:
            raise ValidationErrors(errors)
        if not checked:
            raise DomainError("E_FIELD_REQUIRED", "talks")
        with self.store.transaction() as tx:
            ids = [self.rows.insert(tx, row) for row in checked]
        return ids, CHANGES

    def update(self, talk_id: str, fields: Mapping[str, Any], base_version: int) -> Changes:
        row = self.rows.current(talk_id, base_version)
        refused = [k for k in fields if k not in EDITABLE]
        if refused:
            raise DomainError("E_FIELD_UNKNOWN", refused[0], fields=", ".join(refused))
        data = dict(fields)
        if "date" in data:
            data["date"] = self._day(data["date"])
        if "topic" in data:
            data["topic"] = str(data["topic"] or "").strip()
            if not data["topic"]:
                raise DomainError("E_FIELD_REQUIRED", "topic", field_label="talk_topic")
        if "follow_up" in data:
            data["follow_up"] = str(data["follow_up"] or "").strip()
        changed = {k: v for k, v in data.items() if row.get(k) != v}
        with self.store.transaction() as tx:
            self.rows.update(tx, row, changed)
        return CHANGES if changed else Changes()

    def void(self, talk_id: str, reason: str) -> Changes:
        self.rows.void(talk_id, reason)
        return CHANGES

    # -- reading -----------------------------------------------------------------------------
    def list(self, year: int | None = None, org_id: str | None = None) -> list[dict[str, Any]]:
        where, params = ["t.voided = 0"], []
        if year:
            where.append("t.date BETWEEN ? AND ?")
            params += [f"{year}-01-01", f"{year}-12-31"]
        if org_id:
            where.append("t.org_id = ?")
            params.append(org_id)
        return self.store.read(
            "SELECT t.*, a.name AS talker_name, b.name AS talkee_name, o.name AS org_name "
            "FROM talks t JOIN members a ON a.id = t.talker_id JOIN members b ON b.id = t.talkee_id "
            f"JOIN orgs o ON o.id = t.org_id WHERE {' AND '.join(where)} ORDER BY t.date DESC",
            params,
        )

    def gaps(self, org_id: str, year: int, on: date | None = None) -> talk_rules.TalkGaps:
        """Talks the yearly norm still needs in one organisation (see ``gaps_all``)."""
        for oid, _name, gaps in self.gaps_all(year, on, org_id):
            if oid == org_id:
                return gaps
        return talk_rules.TalkGaps(None, (), ())

    def gaps_all(
        self, year: int, on: date | None = None, org_id: str | None = None
    ) -> builtins.list[tuple[str, str, talk_rules.TalkGaps]]:
        """(org id, name, gaps) for every live organisation with a committee on ``on`` (default
        today, or the year's last day for a past year), counting the talks held by then: its
        书记 with each committee member and,
        for a branch, each member on the roll; committee members with each other. One read of
        each table, whatever the number of branches."""
        today = self.clock.today()
        on = on or (today if year >= today.year else date(year, 12, 31))
        day = on.isoformat()
        committees: dict[str, list[Post]] = {}
        for r in self.store.read(
            "SELECT p.* FROM org_posts p JOIN orgs o ON o.id = p.org_id WHERE o.dissolved_on IS NULL "
            "AND p.voided = 0 AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?)",
            (day, day),
        ):
            if org_id is None or r["org_id"] == org_id:
                committees.setdefault(r["org_id"], []).append(Post.of(r))
        members: dict[str, list[str]] = {}
        for r in self.store.read(
            "SELECT m.id, m.org_id FROM members m JOIN member_search s ON s.member_id = m.id "
            f"WHERE m.category IN {MEMBER_SQL} "
            f"AND m.status IN {CURRENT_SQL} ORDER BY s.sort_key"
        ):
            members.setdefault(r["org_id"], []).append(r["id"])
        held = [
            (r["talker_id"], r["talkee_id"])
            for r in self.store.read(
                "SELECT talker_id, talkee_id FROM talks WHERE voided = 0 AND date BETWEEN ? AND ?",
                (f"{year}-01-01", min(day, f"{year}-12-31")),  # held by ``on``
            )
        ]
        out = []
        for org in self.orgs.list():
            posts = committee_on(committees.get(org["id"], []), on)
            if org["kind"] == "group" or not posts:
                continue
            sec = next((p.member_id for p in posts if p.post == "secretary"), None)
            roll = members.get(org["id"], []) if org["kind"] == "branch" else []
            gaps = talk_rules.yearly_gaps(sec, [p.member_id for p in posts], roll, held)
            out.append((org["id"], org["name"], gaps))
        return out
