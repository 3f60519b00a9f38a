"""组织: the organisation tree (基层党委 / 党总支 / 党支部 / 党小组), committee posts and terms.

Organisations are never deleted: a dissolved one keeps its row, its history and its former
members (see services/org_restructure.py for move, merge and dissolve). Committee posts are dated
(domain/committee.py); the committee on a day is read from them, so a 支委会's quorum, the 56-hour
study target and the 换届 due item all read one source.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import date
from typing import Any

from ztclient.domain import committee as committee_rules
from ztclient.domain import terms
from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.domain.member_state import state_on
from ztclient.domain.model import OrgKind
from ztclient.services import org_founding, post_ends
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.meeting_people import events_of
from ztclient.services.ports import Clock, Store
from ztclient.services.versioned import update_versioned
from ztprotocol.roll import CURRENT_SQL, MEMBER_SQL

# Which kind may sit under which (domain facts §8).
ALLOWED_PARENTS: dict[OrgKind, set[OrgKind | None]] = {
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
    "superior",
    "founded_on",
)
EDITABLE = ("name", "code", "unit_type", "elected_on", "term_years", "superior", "founded_on")
POST_FIELDS = ("org_id", "member_id", "post", "start_date", "end_date", "election_id")
_GONE = ("exited", "deceased", "transferred_out", "voided")


class OrgService:
    def __init__(self, store: Store, journal: Journal, clock: Clock) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock

    # -- checks shared with elections and restructuring ---------------------------------------
    def live(self, org_id: str, field: str = "org_id") -> dict[str, Any]:
        """The organisation, refused when unknown or dissolved."""
        org = self.store.read_one("SELECT * FROM orgs WHERE id = ?", (org_id or "",))
        if org is None:
            raise DomainError("E_NOT_FOUND", field, what="org", id=str(org_id))
        if org["dissolved_on"]:
            raise DomainError("E_ORG_DISSOLVED", field, org=org["name"], date=org["dissolved_on"])
        return org

    def subtree_ids(self, org_id: str) -> list[str]:
        """The organisation and everything under it (dissolved ones too)."""
        rows = self.store.read(
            "WITH RECURSIVE t(id) AS (SELECT ? UNION ALL "
            "SELECT o.id FROM orgs o JOIN t ON o.parent_id = t.id) SELECT id FROM t",
            (org_id,),
        )
        return [r["id"] for r in rows]

    def check_post_holder(
        self, org: Mapping[str, Any], member_id: str, post: str, day: date | str | None = None
    ) -> dict:
        """A post holder is, on the post's first ``day`` (default today), a 正式党员 on the books
        with full rights (not 停止党籍, not under 留党察看), of this organisation (or, for a 党委
        or 党总支, of one under it): the member as they were that day (domain/member_state.py),
        so an old election may seat a 书记 who has left since, and never someone who was not
        yet a full member. E_NOT_FOUND, E_POST_NOT_FULL_MEMBER, E_POST_RIGHTS_SUSPENDED,
        E_MEMBER_NOT_IN_ORG."""
        m = self.store.read_one("SELECT * FROM members WHERE id = ?", (member_id or "",))
        if m is None:
            raise DomainError("E_NOT_FOUND", "member_id", what="member", id=str(member_id))
        on = parse_date(_day(day or self.clock.today()), "start_date")
        state = state_on(m, events_of(self.store.read, [m["id"]]).get(m["id"], []), on)
        if state.category != "full" or state.status in _GONE:
            raise DomainError(
                "E_POST_NOT_FULL_MEMBER", "member_id", member=m["name"], date=on.isoformat()
            )
        if state.status == "suspended" or state.voting_suspended:
            # 停止党籍, or 留党察看 (no vote, no election, no candidacy while under it)
            raise DomainError("E_POST_RIGHTS_SUSPENDED", "member_id", member=m["name"])
        kind = OrgKind(org["kind"])
        if kind == OrgKind.GROUP:
            inside = state.group_id == org["id"]
        elif kind == OrgKind.BRANCH:
            inside = state.org_id == org["id"]
        else:
            inside = state.org_id in self.subtree_ids(org["id"])
        if not inside:
            raise DomainError("E_MEMBER_NOT_IN_ORG", "member_id", member=m["name"], org=org["name"])
        if (kind == OrgKind.GROUP) != (post == "group_leader"):
            raise DomainError("E_POST_KIND", "post", post=post, kind=kind.value)
        return m

    def _check_fields(self, data: dict[str, Any], org_id: str | None = None) -> None:
        if "name" in data:
            data["name"] = str(data["name"] or "").strip()
            if not data["name"]:
                raise DomainError("E_FIELD_REQUIRED", "name")
        if data.get("code") is not None:
            data["code"] = str(data["code"]).strip() or None
        if data.get("code"):
            clash = self.store.read_one(
                "SELECT name FROM orgs WHERE code = ? AND dissolved_on IS NULL AND id != ?",
                (data["code"], org_id or ""),
            )
            if clash:
                raise DomainError(
                    "E_ORG_CODE_DUPLICATE", "code", org_code=data["code"], org=clash["name"]
                )
        if data.get("unit_type"):
            data["unit_type"] = table("unit_type").code_for(data["unit_type"], "unit_type")
        if data.get("term_years") not in (None, ""):
            data["term_years"] = terms.check_term_years(data["term_years"])
        if data.get("elected_on"):
            data["elected_on"] = parse_date(data["elected_on"], "elected_on").isoformat()
        if data.get("superior") is not None:
            data["superior"] = str(data["superior"]).strip() or None
        if "founded_on" in data:
            data["founded_on"] = self._founded(data["founded_on"])

    def _founded(self, value: Any) -> str | None:
        """成立日期: optional; a real date, not after today."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        day = parse_date(value, "founded_on")
        if day > self.clock.today():
            raise DomainError(
                "E_DATE_FUTURE", "founded_on", what="founded_on", date=day.isoformat()
            )
        return day.isoformat()

    def check_founded(
        self, name: str, founded: str | None, parent_id: str | None, org_id: str | None = None
    ) -> None:
        """The 成立日期 against the other dates (services/org_founding.py)."""
        org_founding.check_founded(self.store, name, founded, parent_id, org_id)

    # -- writing -----------------------------------------------------------------------------
    def add(self, fields: Mapping[str, Any]) -> tuple[str, Changes]:
        with self.store.transaction() as tx:
            org_id = self.add_in(tx, fields)
        return org_id, Changes(orgs=True)

    def add_in(self, tx: Store, fields: Mapping[str, Any], *, org_id: str | None = None) -> str:
        """``add`` inside the caller's transaction (a roster import creates the branches and
        groups it names with its members); ``org_id`` when the caller planned the id."""
        unknown = [k for k in fields if k not in ORG_FIELDS]
        if unknown:
            raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
        data = {k: fields.get(k) for k in ORG_FIELDS if k in fields and k != "dissolved_on"}
        data.setdefault("name", "")
        try:
            kind = OrgKind(data.get("kind") or OrgKind.BRANCH)
        except ValueError:
            raise DomainError(
                "E_CODE_UNKNOWN", "kind", table="org_kind", value=str(data.get("kind"))
            ) from None
        data["kind"] = kind.value
        self._check_fields(data)
        parent_kind = None
        if parent_id := data.get("parent_id"):
            parent_kind = OrgKind(self.live(parent_id, "parent_id")["kind"])
        if parent_kind not in ALLOWED_PARENTS[kind]:
            raise DomainError("E_ORG_PARENT", "parent_id", kind=kind.value, parent=str(parent_kind))
        if kind == OrgKind.GROUP and (data.get("elected_on") or data.get("term_years")):
            raise DomainError("E_ORG_GROUP_TERM", "term_years")
        self.check_founded(str(data["name"]), data.get("founded_on"), parent_id)
        org_founding.check_elected(
            str(data["name"]), data.get("founded_on"), data.get("elected_on")
        )
        if data.get("elected_on") and not data.get("term_years"):
            data["term_years"] = terms.default_term_years(kind, data.get("unit_type"))
        org_id = org_id or uuid7()
        row = {
            # founded_on (migration 015) only when given: its column defaults to NULL, and a
            # unit still at an older schema (the migration tests build one) has no such column
            **dict.fromkeys(k for k in ORG_FIELDS if k != "founded_on"),
            **data,
            "id": org_id,
            "version": 1,
            "updated_at": self.journal.timestamp(),
        }
        tx.insert("orgs", row)
        self.journal.record(tx, entity="org", record_id=org_id, op="create", fields=data)
        return org_id

    def update(self, org_id: str, fields: Mapping[str, Any], base_version: int) -> Changes:
        """Rename, recode, set the unit type, the current term, the 成立日期 or the 上级党组织
        (clearing the 成立日期: None or ""). Moving is
        ``OrgRestructure.move`` (members follow by dated events)."""
        current = self.get(org_id)
        if current["dissolved_on"]:
            raise DomainError("E_ORG_DISSOLVED", org=current["name"], date=current["dissolved_on"])
        if current["version"] != base_version:
            raise DomainError(
                "E_STALE_BASE", org_id=org_id, base=base_version, current=current["version"]
            )
        refused = [k for k in fields if k not in EDITABLE]
        if refused:
            raise DomainError("E_FIELD_UNKNOWN", refused[0], fields=", ".join(refused))
        data = dict(fields)
        self._check_fields(data, org_id)
        if current["kind"] == OrgKind.GROUP and (data.get("elected_on") or data.get("term_years")):
            raise DomainError("E_ORG_GROUP_TERM", "term_years")
        changed = {k: v for k, v in data.items() if current.get(k) != v}
        if not changed:
            return Changes()
        name = changed.get("name", current["name"])
        if "founded_on" in changed:
            self.check_founded(name, changed["founded_on"], current["parent_id"], org_id)
        if "founded_on" in changed or "elected_on" in changed:
            both = {**current, **changed}
            org_founding.check_elected(name, both.get("founded_on"), both.get("elected_on"))
        with self.store.transaction() as tx:
            self.write_update(tx, current, changed)
        return Changes(orgs=True)

    def write_update(self, tx: Store, current: Mapping[str, Any], changed: dict) -> None:
        """Write changed org columns and their op inside the caller's transaction."""
        update_versioned(
            tx,
            "orgs",
            {"id": current["id"]},
            current["version"],
            {**changed, "updated_at": self.journal.timestamp()},
            org_id=current["id"],
        )
        self.journal.record(
            tx,
            entity="org",
            record_id=current["id"],
            op="update",
            fields=changed,
            base_version=current["version"],
        )

    def assign_post(
        self, org_id: str, member_id: str, post: str, start_date: str, end_date: str | None = None
    ) -> tuple[str, Changes]:
        """Give a member a post (书记, 组织委员…, or 党小组组长 in a group) from a date: a by-election
        (补选) or an appointment between elections."""
        with self.store.transaction() as tx:
            post_id = self.assign_post_in(tx, org_id, member_id, post, start_date, end_date)
        return post_id, Changes(orgs=True, members=True, org_life=True)

    def assign_post_in(
        self,
        tx: Store,
        org_id: str,
        member_id: str,
        post: str,
        start_date: str,
        end_date: str | None = None,
    ) -> str:
        """``assign_post`` inside the caller's transaction (a roster import gives its posts),
        with the same checks."""
        org = self.live(org_id)
        code = table("party_post").code_for(post, "post")
        start = parse_date(start_date, "start_date").isoformat()
        end = parse_date(end_date, "end_date").isoformat() if end_date else None
        org_founding.check_post_start(org, start)
        self.check_post_holder(org, member_id, code, start)
        new = committee_rules.Post(member_id, code, start, end)
        self.check_post_clash(tx, org_id, new)
        return self.write_post(tx, org_id, new)

    def check_post_clash(
        self, tx: Store, org_id: str, new: committee_rules.Post, except_id: str | None = None
    ) -> None:
        """E_POST_TAKEN / E_POST_OVERLAP (the holder named) when ``new`` clashes with the
        organisation's live posts — all of them, or all but ``except_id`` (a post given back)."""
        rows = tx.read(
            "SELECT * FROM org_posts WHERE org_id = ? AND voided = 0 AND id != ?",
            (org_id, except_id or ""),
        )
        try:
            committee_rules.check_new_post([committee_rules.Post.of(r) for r in rows], new)
        except DomainError as e:
            if "member" in e.params:
                e.params["member"] = self.member_name(e.params["member"])
            raise

    def write_post(
        self, tx: Store, org_id: str, p: committee_rules.Post, election_id: str | None = None
    ) -> str:
        post_id = uuid7()
        data = {
            "org_id": org_id,
            "member_id": p.member_id,
            "post": p.post,
            "start_date": p.start_date,
            "end_date": p.end_date,
        }
        if election_id:
            data["election_id"] = election_id
        tx.insert(
            "org_posts",
            {**data, "id": post_id, "version": 1, "updated_at": self.journal.timestamp()},
        )
        self.journal.record(tx, entity="org_post", record_id=post_id, op="create", fields=data)
        return post_id

    def end_post(self, post_id: str, end_date: str) -> Changes:
        """End a post on a date (the last day held): resignation, removal, a move."""
        row = self.store.read_one("SELECT * FROM org_posts WHERE id = ?", (post_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what="post", id=post_id)
        if row["voided"]:
            raise DomainError("E_VOIDED", id=post_id)
        end = parse_date(end_date, "end_date").isoformat()
        if end < row["start_date"]:
            raise DomainError(
                "E_DATE_ORDER",
                "end_date",
                first="start_date",
                second="end_date",
                first_date=row["start_date"],
                second_date=end,
            )
        with self.store.transaction() as tx:
            self.write_post_end(tx, row, end)
        return Changes(orgs=True, members=True, org_life=True)

    def void_post(self, post_id: str, reason: str) -> Changes:
        """录入错误作废 of a post entered by mistake (post_ends.void_post): kept with the
        reason, it counts nowhere — not the 书记, the committee, the 56 hours, a report."""
        with self.store.transaction() as tx:
            post_ends.void_post(tx, self.journal, post_id, reason)
        return Changes(orgs=True, members=True, org_life=True, study=True)

    def write_post_end(self, tx: Store, row: Mapping[str, Any], end: str) -> None:
        post_ends.write_post_end(tx, self.journal, row, end)

    # -- reading -----------------------------------------------------------------------------
    def get(self, org_id: str) -> dict[str, Any]:
        row = self.store.read_one("SELECT * FROM orgs WHERE id = ?", (org_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what="org", id=org_id)
        return row

    def member_name(self, member_id: str) -> str:
        return self.store.scalar("SELECT name FROM members WHERE id = ?", (member_id,)) or member_id

    def list(
        self, kind: str | None = None, include_dissolved: bool = False
    ) -> list[dict[str, Any]]:
        where = [] if include_dissolved else ["dissolved_on IS NULL"]
        params: list[Any] = []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        order = " ORDER BY name" if kind else " ORDER BY kind, name"
        return self.store.read(f"SELECT * FROM orgs{clause}{order}", params)

    def branches(self) -> builtins.list[dict[str, Any]]:
        return self.list(OrgKind.BRANCH.value)

    def groups(self, branch_id: str) -> builtins.list[dict[str, Any]]:
        return self.store.read(
            "SELECT * FROM orgs WHERE parent_id = ? AND kind = 'group' AND dissolved_on IS NULL "
            "ORDER BY name",
            (branch_id,),
        )

    def tree(self, include_dissolved: bool = False) -> builtins.list[dict[str, Any]]:
        """Nested orgs: each dict has ``children`` and ``members`` (on the roll; a 党委 or 总支
        counts the branches under it)."""
        from ztclient.services.org_tree import nest

        return nest(self.list(include_dissolved=include_dissolved), self.member_counts())

    def member_counts(self) -> dict[str, int]:
        """Current members (正式 and 预备, on the roll) per branch and per group."""
        out: dict[str, int] = {}
        for r in self.store.read(
            "SELECT org_id, group_id FROM members "
            f"WHERE category IN {MEMBER_SQL} AND status IN {CURRENT_SQL}"
        ):
            out[r["org_id"]] = out.get(r["org_id"], 0) + 1
            if r["group_id"]:
                out[r["group_id"]] = out.get(r["group_id"], 0) + 1
        return out

    def posts(self, org_id: str, on: date | str | None = None) -> builtins.list[dict[str, Any]]:
        """Posts held on a date (default today), with member names, in the table's order."""
        day = _day(on or self.clock.today())
        rows = self.store.read(
            "SELECT p.*, m.name AS member_name FROM org_posts p JOIN members m ON m.id = p.member_id "
            "WHERE p.org_id = ? AND p.voided = 0 AND p.start_date <= ? "
            "AND (p.end_date IS NULL OR p.end_date >= ?)",
            (org_id, day, day),
        )
        order = {code: i for i, code in enumerate(table("party_post").codes)}
        return sorted(rows, key=lambda r: (order.get(r["post"], 99), r["start_date"]))

    def post_history(self, org_id: str) -> builtins.list[dict[str, Any]]:
        return self.store.read(
            "SELECT p.*, m.name AS member_name FROM org_posts p JOIN members m ON m.id = p.member_id "
            "WHERE p.org_id = ? AND p.voided = 0 ORDER BY p.start_date DESC, p.post",
            (org_id,),
        )

    def committee(self, org_id: str, on: date | str | None = None) -> builtins.list[dict[str, Any]]:
        """The committee on a day (班子 posts: 书记, 副书记, 委员…; not 党小组组长)."""
        return [p for p in self.posts(org_id, on) if committee_rules.is_committee_post(p["post"])]

    def committee_size(self, org_id: str, on: date | str) -> int:
        """How many committee members the organisation has on ``on``: the base of a 支委会's
        quorum (domain facts §3.2). Meetings read it through this one function."""
        return len({p["member_id"] for p in self.committee(org_id, on)})

    def is_committee_member(
        self, member_id: str, on: date | str, org_id: str | None = None
    ) -> bool:
        """Does the member hold a 班子 post (书记, 委员…) on ``on`` (in ``org_id``, or anywhere)?
        The 56-hour study target and the 谈心谈话 norm read this."""
        params: list[Any] = [member_id, _day(on), _day(on)]
        sql = (
            "SELECT post FROM org_posts WHERE member_id = ? AND voided = 0 AND start_date <= ? "
            "AND (end_date IS NULL OR end_date >= ?)"
        )
        if org_id:
            sql += " AND org_id = ?"
            params.append(org_id)
        return any(committee_rules.is_committee_post(p) for p in self.store.column(sql, params))

    def secretary(self, org_id: str, on: date | str | None = None) -> dict[str, Any] | None:
        return next((p for p in self.posts(org_id, on) if p["post"] == "secretary"), None)

    def member_posts_in_year(self, year: int) -> dict[str, builtins.list[str]]:
        """member_id -> post codes held at any time in the year (for the 56-hour target)."""
        start, end = f"{year}-01-01", f"{year}-12-31"
        out: dict[str, list[str]] = {}
        for r in self.store.read(
            "SELECT member_id, post FROM org_posts WHERE voided = 0 AND start_date <= ? "
            "AND (end_date IS NULL OR end_date >= ?)",
            (end, start),
        ):
            out.setdefault(r["member_id"], []).append(r["post"])
        return out

    def term(self, org: Mapping[str, Any], today: date | None = None) -> terms.TermState | None:
        """The current term's end and state, when an election date and term are known."""
        if not org.get("elected_on") or not org.get("term_years"):
            return None
        return terms.term_state(
            org["elected_on"], int(org["term_years"]), today or self.clock.today()
        )

    def terms_due(self, today: date | None = None) -> builtins.list[dict[str, Any]]:
        """Live organisations whose 换届 is within six months or overdue, soonest first."""
        today = today or self.clock.today()
        out = []
        for r in self.store.read(
            "SELECT * FROM orgs WHERE elected_on IS NOT NULL AND term_years IS NOT NULL "
            "AND dissolved_on IS NULL AND kind != 'group'"
        ):
            state = self.term(r, today)
            if state and state.due:
                out.append(
                    {
                        **r,
                        "term_end": state.term_end.isoformat(),
                        "days_left": state.days_left,
                        "state": state.state,
                    }
                )
        return sorted(out, key=lambda r: r["term_end"])


def _day(on: date | str) -> str:
    return on.isoformat() if isinstance(on, date) else str(on)[:10]
