"""组织调整: move an organisation (隶属关系), merge two, dissolve one — never delete.

A dissolved organisation keeps its row (``dissolved_on``, and ``merged_into`` after a merge), its
meetings and its former members. Its members on the books are moved by dated 组织调整 events
(member_events ``org_changed``), so each member's history says where they went and when; its
open posts end the day before. Everything of one change is one transaction: nothing is
half-moved.

Judgments (docs/org-life.md): a branch's groups go with it (dissolved with it, or moved under the
branch it merges into, their members keeping their group); a 党总支 or 党委 with live branches
under it cannot be dissolved until they are moved; the unit's top organisation is never
dissolved or moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.model import EventKind, OrgKind
from ztclient.services.changes import Changes
from ztclient.services.members import MemberService
from ztclient.services.orgs import ALLOWED_PARENTS, OrgService
from ztclient.services.ports import Store
from ztprotocol.roll import ON_BOOKS_SQL

CHANGES = Changes(orgs=True, members=True, org_life=True)


class OrgRestructure:
    def __init__(self, orgs: OrgService, members: MemberService) -> None:
        self.orgs = orgs
        self.members = members
        self.store = orgs.store

    # -- checks ------------------------------------------------------------------------------
    def _date(self, value: str, field: str = "date") -> str:
        day = parse_date(value, field)
        if day > self.orgs.clock.today():
            raise DomainError("E_DATE_FUTURE", field, what=field, date=day.isoformat())
        return day.isoformat()

    @staticmethod
    def _not_before_founding(org: Mapping[str, Any], day: str) -> None:
        """An organisation is not dissolved or merged before its 成立日期 (when known)."""
        if org.get("founded_on") and day < org["founded_on"]:
            raise DomainError(
                "E_DATE_ORDER", "date", first="founded_on", second="date",
                first_date=org["founded_on"], second_date=day,
            )  # fmt: skip

    def _no_meeting_after(self, org: Mapping[str, Any], day: str, *, groups: bool) -> None:
        """Nor dissolved or merged before a meeting it held (or, ``groups``, a group of it that
        ends with it): that meeting would fall after its end (E_ORG_ENDS_BEFORE_MEETING)."""
        last = self.store.read_one(
            "SELECT m.starts_at, o.name FROM meetings m JOIN orgs o ON o.id = m.org_id "
            "WHERE (o.id = ? OR o.parent_id = ?) AND m.voided = 0 AND substr(m.starts_at, 1, 10) > ? "
            "ORDER BY m.starts_at DESC LIMIT 1",
            (org["id"], org["id"] if groups else "", day),
        )
        if last:
            raise DomainError("E_ORG_ENDS_BEFORE_MEETING", "date", org=org["name"], date=day,
                              held_by=last["name"], meeting_date=last["starts_at"][:10])  # fmt: skip

    def _not_root(self, org: Mapping[str, Any]) -> None:
        if org["id"] == self.store.get_meta("root_org_id"):
            raise DomainError("E_ORG_ROOT", org=org["name"])

    def _members_of(self, org: Mapping[str, Any]) -> list[dict[str, Any]]:
        column = "group_id" if org["kind"] == OrgKind.GROUP else "org_id"
        return self.store.read(
            f"SELECT * FROM members WHERE {column} = ? AND status IN {ON_BOOKS_SQL}", (org["id"],)
        )

    def _live_children(self, org_id: str) -> list[dict[str, Any]]:
        return self.store.read(
            "SELECT * FROM orgs WHERE parent_id = ? AND dissolved_on IS NULL", (org_id,)
        )

    def _check_parent(self, org: Mapping[str, Any], parent: Mapping[str, Any] | None) -> None:
        kind = OrgKind(org["kind"])
        parent_kind = OrgKind(parent["kind"]) if parent else None
        if parent_kind not in ALLOWED_PARENTS[kind]:
            raise DomainError("E_ORG_PARENT", "parent_id", kind=kind.value, parent=str(parent_kind))
        if parent and parent["id"] in self.orgs.subtree_ids(org["id"]):
            raise DomainError("E_ORG_CYCLE", "parent_id", org=org["name"], parent=parent["name"])

    # -- writing pieces ----------------------------------------------------------------------
    def _move_member(
        self,
        tx: Store,
        m: Mapping[str, Any],
        day: str,
        org_id: str | None,
        group_id: str | None,
        reason: str,
    ) -> None:
        details: dict[str, Any] = {"reason": reason}
        if org_id:
            details["org_id"] = org_id
        details["group_id"] = group_id
        if not org_id and not group_id:  # leaving a group, staying in the branch
            details["org_id"] = m["org_id"]
        self.members.write_event(tx, m, EventKind.ORG_CHANGED, day, details)

    def _end_posts(self, tx: Store, org_id: str, day: str) -> None:
        """End every post still open on ``day`` the day before (a post that started that day
        or later ends on its first day: it never really began)."""
        last = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        for p in self.store.read(
            "SELECT * FROM org_posts WHERE org_id = ? AND voided = 0 "
            "AND (end_date IS NULL OR end_date >= ?)",
            (org_id, day),
        ):
            self.orgs.write_post_end(tx, p, max(last, p["start_date"]))

    def _dissolve_row(
        self, tx: Store, org: Mapping[str, Any], day: str, merged_into: str | None = None
    ) -> None:
        self._end_posts(tx, org["id"], day)
        changed: dict[str, Any] = {"dissolved_on": day}
        if merged_into:
            changed["merged_into"] = merged_into
        self.orgs.write_update(tx, org, changed)

    def assign_group(self, member_id: str, group_id: str | None, day: str) -> Changes:
        """Put a member into a 党小组 of their branch (or out of any group) from ``day``: a dated
        支部内调整 event, so the member's history shows the group they were in and when."""
        m = self.store.read_one("SELECT * FROM members WHERE id = ?", (member_id or "",))
        if m is None:
            raise DomainError("E_NOT_FOUND", "member_id", what="member", id=str(member_id))
        day = self._date(day)
        if group_id:
            group = self.orgs.live(group_id, "group_id")
            if group["kind"] != OrgKind.GROUP or group["parent_id"] != m["org_id"]:
                raise DomainError(
                    "E_MEMBER_NOT_IN_ORG", "group_id", member=m["name"], org=group["name"]
                )
        if (m["group_id"] or None) == (group_id or None):
            return Changes()
        with self.store.transaction() as tx:
            self._move_member(tx, m, day, None, group_id, "group")
        return Changes(members=True, orgs=True)

    # -- the three changes -------------------------------------------------------------------
    def move(self, org_id: str, parent_id: str, day: str) -> Changes:
        """Put an organisation under another (a new 隶属关系). A 党小组 moved to another branch
        takes its members with it (each by a dated event)."""
        org = self.orgs.live(org_id)
        self._not_root(org)
        day = self._date(day)
        parent = self.orgs.live(parent_id, "parent_id")
        if parent["id"] == org["parent_id"]:
            return Changes()
        self._check_parent(org, parent)
        with self.store.transaction() as tx:
            if org["kind"] == OrgKind.GROUP:
                for m in self._members_of(org):
                    self._move_member(tx, m, day, parent["id"], org["id"], "move")
            self.orgs.write_update(tx, org, {"parent_id": parent["id"]})
        return CHANGES

    def dissolve(self, org_id: str, day: str, move_members_to: str | None = None) -> Changes:
        """撤销: the organisation ends on ``day``. Its members on the books move to
        ``move_members_to`` (a live branch; for a 党小组, another group of the same branch or
        none: they stay in the branch without a group); its groups end with it."""
        org = self.orgs.live(org_id)
        self._not_root(org)
        day = self._date(day)
        self._not_before_founding(org, day)
        kind = OrgKind(org["kind"])
        children = self._live_children(org["id"])
        blocking = [c for c in children if c["kind"] != OrgKind.GROUP]
        if blocking:
            raise DomainError(
                "E_ORG_HAS_CHILDREN",
                org=org["name"],
                count=len(blocking),
                child=blocking[0]["name"],
            )
        members = self._members_of(org)
        target = None
        if move_members_to:
            target = self.orgs.live(move_members_to, "move_members_to")
            if target["id"] == org["id"]:
                raise DomainError("E_ORG_MOVE_TARGET", "move_members_to", org=target["name"])
        if kind == OrgKind.GROUP:
            if target and (
                target["kind"] != OrgKind.GROUP or target["parent_id"] != org["parent_id"]
            ):
                raise DomainError("E_ORG_MOVE_TARGET", "move_members_to", org=target["name"])
        elif members and (target is None or target["kind"] != OrgKind.BRANCH):
            if target is None:
                raise DomainError(
                    "E_ORG_HAS_MEMBERS", "move_members_to", org=org["name"], count=len(members)
                )
            raise DomainError("E_ORG_MOVE_TARGET", "move_members_to", org=target["name"])
        self._no_meeting_after(org, day, groups=True)  # after what the clerk must choose
        with self.store.transaction() as tx:
            for m in members:
                if kind == OrgKind.GROUP:
                    self._move_member(
                        tx, m, day, None, target["id"] if target else None, "dissolve"
                    )
                else:
                    self._move_member(tx, m, day, target["id"], None, "dissolve")  # type: ignore[index]
            for g in children:  # a branch's groups end with it
                self._dissolve_row(tx, g, day)
            self._dissolve_row(tx, org, day)
        return CHANGES

    def merge(self, org_id: str, into_id: str, day: str) -> Changes:
        """合并: ``org_id`` is merged into ``into_id`` (same kind) on ``day``: its members move
        there, its groups or branches are put under it, and it is dissolved (``merged_into``)."""
        org = self.orgs.live(org_id)
        self._not_root(org)
        day = self._date(day)
        self._not_before_founding(org, day)
        into = self.orgs.live(into_id, "into")
        if into["id"] == org["id"] or into["kind"] != org["kind"]:
            raise DomainError("E_ORG_MERGE_KIND", "into", org=org["name"], into=into["name"])
        kind = OrgKind(org["kind"])
        if kind == OrgKind.GROUP and into["parent_id"] != org["parent_id"]:
            # its members stay in their branch: another branch's group would not be theirs
            raise DomainError("E_ORG_MERGE_GROUP", "into", org=org["name"], into=into["name"])
        children = self._live_children(org["id"])
        members = self._members_of(org)
        self._no_meeting_after(org, day, groups=False)
        with self.store.transaction() as tx:
            for m in members:
                if kind == OrgKind.GROUP:
                    self._move_member(tx, m, day, None, into["id"], "merge")
                else:  # branch: members keep their group, which moves along with them
                    self._move_member(tx, m, day, into["id"], m["group_id"], "merge")
            for child in children:
                self.orgs.write_update(tx, child, {"parent_id": into["id"]})
            self._dissolve_row(tx, org, day, merged_into=into["id"])
        return CHANGES
