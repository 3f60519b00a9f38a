"""组织: the organisation tree (基层党委 / 党总支 / 党支部 / 党小组), committee posts and terms."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.domain.model import OrgKind
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store

# Which kind may sit under which (domain facts §8).
_ALLOWED_PARENTS = {
    OrgKind.COMMITTEE: {None, OrgKind.COMMITTEE},
    OrgKind.GENERAL_BRANCH: {None, OrgKind.COMMITTEE},
    OrgKind.BRANCH: {None, OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH},
    OrgKind.GROUP: {OrgKind.BRANCH},
}
ORG_FIELDS = (
    "parent_id",
    "kind",
    "name",
    "code",
    "unit_type",
    "elected_on",
    "term_years",
    "dissolved_on",
)
POST_FIELDS = ("org_id", "member_id", "post", "start_date", "end_date")


class OrgService:
    def __init__(self, store: Store, journal: Journal, clock: Clock) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock

    def add(self, fields: Mapping[str, Any]) -> tuple[str, Changes]:
        data = {k: fields.get(k) for k in ORG_FIELDS if k in fields}
        if not (data.get("name") or "").strip():
            raise DomainError("E_FIELD_REQUIRED", "name")
        kind = OrgKind(data.get("kind") or OrgKind.BRANCH)
        data["kind"] = kind.value
        parent_kind = None
        if data.get("parent_id"):
            parent = self.store.read_one("SELECT kind FROM orgs WHERE id = ?", (data["parent_id"],))
            if parent is None:
                raise DomainError("E_NOT_FOUND", "parent_id", what="org", id=data["parent_id"])
            parent_kind = OrgKind(parent["kind"])
        if parent_kind not in _ALLOWED_PARENTS[kind]:
            raise DomainError("E_ORG_PARENT", "parent_id", kind=kind.value, parent=str(parent_kind))
        if data.get("term_years") not in (None, 3, 5):
            raise DomainError("E_TERM_YEARS", "term_years", value=data["term_years"])
        org_id = uuid7()
        row = {
            **dict.fromkeys(ORG_FIELDS),
            **data,
            "id": org_id,
            "version": 1,
            "updated_at": self.journal.timestamp(),
        }
        with self.store.transaction() as tx:
            tx.insert("orgs", row)
            self.journal.record(tx, entity="org", record_id=org_id, op="create", fields=data)
        return org_id, Changes(orgs=True)

    def update(self, org_id: str, fields: Mapping[str, Any], base_version: int) -> Changes:
        current = self.get(org_id)
        if current["version"] != base_version:
            raise DomainError(
                "E_STALE_BASE", org_id=org_id, base=base_version, current=current["version"]
            )
        changed = {
            k: v
            for k, v in fields.items()
            if k in ORG_FIELDS and k != "kind" and current.get(k) != v
        }
        if not changed:
            return Changes()
        with self.store.transaction() as tx:
            tx.update(
                "orgs",
                {"id": org_id},
                {**changed, "version": base_version + 1, "updated_at": self.journal.timestamp()},
            )
            self.journal.record(
                tx,
                entity="org",
                record_id=org_id,
                op="update",
                fields=changed,
                base_version=base_version,
            )
        return Changes(orgs=True)

    def assign_post(
        self, org_id: str, member_id: str, post: str, start_date: str, end_date: str | None = None
    ) -> tuple[str, Changes]:
        """Give a member a committee post (书记, 组织委员…) from a date."""
        self.get(org_id)
        if not self.store.scalar("SELECT 1 FROM members WHERE id = ?", (member_id,)):
            raise DomainError("E_NOT_FOUND", "member_id", what="member", id=member_id)
        post_id = uuid7()
        data = {
            "org_id": org_id,
            "member_id": member_id,
            "post": post,
            "start_date": start_date,
            "end_date": end_date,
        }
        with self.store.transaction() as tx:
            tx.insert(
                "org_posts",
                {**data, "id": post_id, "version": 1, "updated_at": self.journal.timestamp()},
            )
            self.journal.record(tx, entity="org_post", record_id=post_id, op="create", fields=data)
        return post_id, Changes(orgs=True, members=True)

    def end_post(self, post_id: str, end_date: str) -> Changes:
        row = self.store.read_one("SELECT * FROM org_posts WHERE id = ?", (post_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what="post", id=post_id)
        with self.store.transaction() as tx:
            tx.update(
                "org_posts", {"id": post_id}, {"end_date": end_date, "version": row["version"] + 1}
            )
            self.journal.record(
                tx,
                entity="org_post",
                record_id=post_id,
                op="update",
                fields={"end_date": end_date},
                base_version=row["version"],
            )
        return Changes(orgs=True, members=True)

    # -- reading -----------------------------------------------------------------------------
    def get(self, org_id: str) -> dict[str, Any]:
        row = self.store.read_one("SELECT * FROM orgs WHERE id = ?", (org_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what="org", id=org_id)
        return row

    def list(self, kind: str | None = None) -> list[dict[str, Any]]:
        if kind:
            return self.store.read(
                "SELECT * FROM orgs WHERE kind = ? AND dissolved_on IS NULL ORDER BY name", (kind,)
            )
        return self.store.read("SELECT * FROM orgs WHERE dissolved_on IS NULL ORDER BY kind, name")

    def branches(self) -> list[dict[str, Any]]:
        return self.list(OrgKind.BRANCH.value)

    def tree(self) -> list[dict[str, Any]]:
        """Nested orgs: each dict has ``children``."""
        rows = self.store.read("SELECT * FROM orgs WHERE dissolved_on IS NULL ORDER BY name")
        by_id = {r["id"]: {**r, "children": []} for r in rows}
        roots = []
        for r in by_id.values():
            parent = by_id.get(r["parent_id"]) if r["parent_id"] else None
            (parent["children"] if parent else roots).append(r)
        return roots

    def posts(self, org_id: str, on: date | None = None) -> list[dict[str, Any]]:
        """Posts held on a date (default today), with member names."""
        day = (on or self.clock.today()).isoformat()
        return self.store.read(
            "SELECT p.*, m.name AS member_name FROM org_posts p JOIN members m ON m.id = p.member_id "
            "WHERE p.org_id = ? AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?) ORDER BY p.post",
            (org_id, day, day),
        )

    def member_posts_in_year(self, year: int) -> dict[str, list[str]]:
        """member_id -> post codes held at any time in the year (for the 56-hour target)."""
        start, end = f"{year}-01-01", f"{year}-12-31"
        out: dict[str, list[str]] = {}
        for r in self.store.read(
            "SELECT member_id, post FROM org_posts WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
            (end, start),
        ):
            out.setdefault(r["member_id"], []).append(r["post"])
        return out

    def terms_ending(self, within_days: int = 183) -> list[dict[str, Any]]:
        """Committees whose term ends within the window (warn about 6 months ahead)."""
        today = self.clock.today()
        out = []
        for r in self.store.read(
            "SELECT * FROM orgs WHERE elected_on IS NOT NULL AND term_years IS NOT NULL AND dissolved_on IS NULL"
        ):
            elected = date.fromisoformat(r["elected_on"])
            try:
                ends = elected.replace(year=elected.year + int(r["term_years"]))
            except ValueError:  # 29 February
                ends = elected.replace(year=elected.year + int(r["term_years"]), day=28)
            if (ends - today).days <= within_days:
                out.append({**r, "term_ends": ends.isoformat(), "days_left": (ends - today).days})
        return out
