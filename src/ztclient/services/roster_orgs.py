"""Roster import, the organisations step: 所在党支部, 党小组 and 党内职务 of each row.

A separate step after the row normalisation of infra/documents/roster_import.py: it places each
row in its branch and group, and reads its posts. Without ``create_orgs`` an unknown branch is
an error (an import never invents organisations by surprise) and an unknown group or post is a
warning (the member is placed in the branch, the rest is said, not silently dropped); with it,
the branches and groups the file names are planned, listed by the dry run, and created in the
import's own transaction, so nothing is half-written. Posts become committee posts (org_posts)
from the import day; a post the post rules would refuse (OrgService.assign_post_in: not a full
member with rights, not in the organisation, a second post there, a second 书记) is found here,
in the dry run, and is a warning: the member is imported, the post is not recorded.

党内职务 cells read "书记、组织委员"; a post held in another organisation than the member's
branch says so in brackets, "书记（中共某某委员会）", as the roster export writes it. 党小组组长 is
a post of the member's group. Judgment: a named organisation the unit does not have is created
with a kind read from its name (…党小组 group, …党总支 general branch, …委员会/党委 committee,
otherwise branch), under the unit (a group under the member's branch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ztclient.domain.codes import table
from ztclient.domain.committee import SINGLE_HOLDER
from ztclient.domain.ids import uuid7
from ztclient.domain.model import OrgKind
from ztclient.services.ports import Store
from ztclient.services.report_models import ImportIssue, ImportRow

_NO_RIGHTS = (
    "suspended",
    "exited",
    "deceased",
    "transferred_out",
    "voided",
)  # no post (services/orgs.py)
_SPLIT = re.compile(r"[、,，;；/\s]+")
_BRACKET = re.compile(r"^(.*?)[（(](.+?)[)）]$")


def kind_from_name(name: str) -> OrgKind:
    if name.endswith(("党小组", "小组")):
        return OrgKind.GROUP
    if "总支" in name:
        return OrgKind.GENERAL_BRANCH
    if name.endswith(("委员会", "党委", "工委")) and "支部" not in name:
        return OrgKind.COMMITTEE
    return OrgKind.BRANCH


def parse_posts(text: str) -> list[tuple[str, str | None]]:
    """ "书记、组织委员（中共某某委员会）" → [("书记", None), ("组织委员", "中共某某委员会")]."""
    out: list[tuple[str, str | None]] = []
    for part in (p for p in _SPLIT.split(text or "") if p):
        m = _BRACKET.match(part)
        out.append((m.group(1).strip(), m.group(2).strip()) if m else (part.strip(), None))
    return out


@dataclass
class PlannedOrg:
    id: str
    name: str
    kind: OrgKind
    parent_id: str | None


@dataclass
class Placement:
    """What the organisations step found: ids of planned organisations, posts per row."""

    store: Store
    root_id: str | None
    create_orgs: bool
    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> row (existing)
    planned: dict[str, PlannedOrg] = field(default_factory=dict)  # name -> planned org
    posts: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # row -> (org, post)
    day: str = ""  # the import day: posts start on it
    holders: dict[int, str] = field(default_factory=dict)  # row -> the name it gives
    homes: dict[int, set[str]] = field(default_factory=dict)  # row -> its branch and group

    def __post_init__(self) -> None:
        for r in self.store.read("SELECT id, name, kind, parent_id FROM orgs"):
            self.orgs.setdefault(r["name"], r)

    # -- planning -------------------------------------------------------------------------------------
    def _find(self, name: str, parent_id: str | None = None) -> str | None:
        """An organisation of that name, planned or existing; ``parent_id`` for a group (group
        names repeat across branches)."""
        for p in self.planned.values():
            if p.name == name and (parent_id is None or p.parent_id == parent_id):
                return p.id
        if parent_id is not None:
            hit = self.store.scalar(
                "SELECT id FROM orgs WHERE name = ? AND parent_id = ?", (name, parent_id)
            )
            return str(hit) if hit else None
        row = self.orgs.get(name)
        return row["id"] if row else None

    def _plan(self, name: str, kind: OrgKind, parent_id: str | None) -> str:
        key = name if kind != OrgKind.GROUP else f"{parent_id}/{name}"
        if key not in self.planned:
            self.planned[key] = PlannedOrg(uuid7(), name, kind, parent_id)
        return self.planned[key].id

    def place(self, row: ImportRow, fields: dict[str, Any]) -> list[ImportIssue]:
        """Set ``org_id`` / ``group_id`` on a row's fields and read its posts."""
        issues: list[ImportIssue] = []
        branch = str(row.extra.get("org_name") or "").strip()
        if branch:
            org_id = self._find(branch)
            if org_id is None and self.create_orgs:
                org_id = self._plan(branch, kind_from_name(branch), self.root_id)
            if org_id is None:
                return [
                    ImportIssue(row.row, "所在党支部", "E_IMPORT_ORG_UNKNOWN", {"value": branch})
                ]
            fields["org_id"] = org_id
        else:
            fields.setdefault("org_id", self.root_id)
        group = str(row.extra.get("group_name") or "").strip()
        if group:
            group_id = self._find(group, fields["org_id"])
            if group_id is None and self.create_orgs:
                group_id = self._plan(group, OrgKind.GROUP, fields["org_id"])
            if group_id is None:  # the member still goes to the branch: said, not silent
                issues.append(
                    ImportIssue(
                        row.row, "党小组", "W_IMPORT_GROUP_UNKNOWN", {"value": group}, "warning"
                    )
                )
            else:
                fields["group_id"] = group_id
        issues += self._posts(row, fields)
        self.homes[row.row] = {fields[k] for k in ("org_id", "group_id") if fields.get(k)}
        return issues

    def _posts(self, row: ImportRow, fields: dict[str, Any]) -> list[ImportIssue]:
        issues: list[ImportIssue] = []
        held: list[tuple[str, str]] = []
        posts = table("party_post")
        named = parse_posts(str(row.extra.get("party_post") or ""))
        status = fields.get("status") or "normal"
        if named and status in _NO_RIGHTS:  # 停止党籍, or gone (services/orgs.py)
            value = "、".join(label for label, _ in named)
            params = {"name": fields.get("name") or "", "status": status, "value": value}
            return [ImportIssue(row.row, "党内职务", "W_IMPORT_POST_NO_RIGHTS", params, "warning")]
        if named and fields.get("category", "full") != "full":
            # a post holder is a 正式党员 (services/orgs.py check_post_holder): said, not stored
            return [
                ImportIssue(
                    row.row,
                    "党内职务",
                    "W_IMPORT_POST_NOT_FULL",
                    {"value": "、".join(label for label, _ in named)},
                    "warning",
                )
            ]
        for label, where in named:
            code = posts.find(label)
            if code is None:
                issues.append(
                    ImportIssue(
                        row.row, "党内职务", "W_IMPORT_POST_UNKNOWN", {"value": label}, "warning"
                    )
                )
                continue
            if where:
                kind = kind_from_name(where)
                parent = fields["org_id"] if kind == OrgKind.GROUP else self.root_id
                org_id = self._find(where, parent if kind == OrgKind.GROUP else None)
                if org_id is None and self.create_orgs:
                    org_id = self._plan(where, kind, parent)
                if org_id is None:
                    issues.append(
                        ImportIssue(
                            row.row,
                            "党内职务",
                            "W_IMPORT_POST_ORG_UNKNOWN",
                            {"value": where, "post": label},
                            "warning",
                        )
                    )
                    continue
            elif code == "group_leader":
                org_id = fields.get("group_id")
                if org_id is None:  # 党小组组长 of no group
                    issues.append(
                        ImportIssue(
                            row.row,
                            "党内职务",
                            "W_IMPORT_POST_UNKNOWN",
                            {"value": label},
                            "warning",
                        )
                    )
                    continue
            else:
                org_id = fields["org_id"]
            refused = self._refused(fields, org_id, code, label, held)
            if refused is not None:
                issues.append(ImportIssue(row.row, "党内职务", refused[0], refused[1], "warning"))
                continue
            held.append((org_id, code))
        self.posts[row.row] = held
        self.holders[row.row] = fields.get("name") or ""
        return issues

    def _refused(
        self,
        fields: dict[str, Any],
        org_id: str,
        code: str,
        label: str,
        held: list[tuple[str, str]],
    ) -> tuple[str, dict[str, Any]] | None:
        """Why the post rules (OrgService.assign_post_in) would refuse this post, as a warning
        code and its params; the dry run says it and the import leaves the post out, where
        the write used to stop on it after a clean dry run."""
        kind, _parent, org = self._org(org_id)
        name = fields.get("name") or ""
        if (kind == OrgKind.GROUP.value) != (code == "group_leader"):
            return "W_IMPORT_POST_KIND", {"value": label, "org": org}
        if kind == OrgKind.GROUP.value:
            inside = fields.get("group_id") == org_id
        elif kind == OrgKind.BRANCH.value:
            inside = fields.get("org_id") == org_id
        else:
            inside = org_id in self._ancestors(fields.get("org_id"))
        if not inside:
            return "W_IMPORT_POST_NOT_IN_ORG", {"name": name, "org": org, "value": label}
        kept = next((c for o, c in held if o == org_id), None)
        if kept is not None:  # one post per member and organisation (E_POST_OVERLAP)
            kept_label = table("party_post").label(kept)
            return "W_IMPORT_POST_TWICE", {"name": name, "org": org, "kept": kept_label,
                                           "value": label}  # fmt: skip
        if code in SINGLE_HOLDER:  # on record; two rows of the file: settle()
            holder = self.store.scalar(
                "SELECT m.name FROM org_posts p JOIN members m ON m.id = p.member_id"
                " WHERE p.org_id = ? AND p.post = ? AND p.voided = 0"
                " AND (p.end_date IS NULL OR p.end_date >= ?)",
                (org_id, code, self.day),
            )
            if holder:
                return "W_IMPORT_POST_TAKEN", {"org": org, "value": label, "holder": holder}
        return None

    def settle(self, left_out: set[int]) -> list[ImportIssue]:
        """A post one member holds at a time (书记, 副书记) named by two rows of the file goes to
        the first row that is written: a row left out (invalid and skipped, a suspected
        duplicate) claims nothing, so it does not keep the post from a later row."""
        issues: list[ImportIssue] = []
        taken: dict[tuple[str, str], str] = {}
        for row in sorted(self.posts):
            if row in left_out:
                continue
            kept = []
            for org_id, code in self.posts[row]:
                holder = taken.get((org_id, code))
                if holder is not None:
                    label = table("party_post").label(code)
                    params = {"org": self.name_of(org_id), "value": label, "holder": holder}
                    issues.append(
                        ImportIssue(row, "党内职务", "W_IMPORT_POST_TAKEN", params, "warning")
                    )
                    continue
                if code in SINGLE_HOLDER:
                    taken[(org_id, code)] = self.holders.get(row, "")
                kept.append((org_id, code))
            self.posts[row] = kept
        self._keep_used(left_out)
        return issues

    def _keep_used(self, left_out: set[int]) -> None:
        """Plan only the organisations a written row joins or holds a post in (and the ones
        above them): one named by a row left out alone would be created empty, and owe its
        meetings all the same."""
        used: set[str] = set()
        for row, homes in self.homes.items():
            if row not in left_out:
                used |= homes | {org for org, _ in self.posts.get(row, [])}
        parents = {p.id: p.parent_id for p in self.planned.values()}
        for org in list(used):
            while parent := parents.get(org):
                used.add(parent)
                org = parent
        self.planned = {k: p for k, p in self.planned.items() if p.id in used}

    def _org(self, org_id: str | None) -> tuple[str, str | None, str]:
        """(kind, parent id, name) of an organisation, planned or existing."""
        for p in self.planned.values():
            if p.id == org_id:
                return p.kind.value, p.parent_id, p.name
        r = self.store.read_one("SELECT kind, parent_id, name FROM orgs WHERE id = ?", (org_id,))
        return (r["kind"], r["parent_id"], r["name"]) if r else ("", None, "")

    def _ancestors(self, org_id: str | None) -> set[str]:
        """The organisation and every one above it."""
        out: set[str] = set()
        while org_id and org_id not in out:
            out.add(org_id)
            org_id = self._org(org_id)[1]
        return out

    def is_planned(self, org_id: str | None) -> bool:
        return any(p.id == org_id for p in self.planned.values())

    def to_create(self) -> list[dict[str, str]]:
        """What the dry run lists: the organisations the import would create."""
        names = {p.id: p.name for p in self.planned.values()}
        return [
            {
                "name": p.name,
                "kind": p.kind.value,
                "parent": names.get(p.parent_id or "") or self._name_of(p.parent_id),
            }
            for p in self.planned.values()
        ]

    def name_of(self, org_id: str | None) -> str:
        """An organisation's name, planned by this import or existing."""
        planned = next((p.name for p in self.planned.values() if p.id == org_id), None)
        return planned if planned is not None else self._name_of(org_id)

    def _name_of(self, org_id: str | None) -> str:
        return str(self.store.scalar("SELECT name FROM orgs WHERE id = ?", (org_id or "",)) or "")

    # -- writing (inside the import's transaction) ---------------------------------------------------
    def create(self, tx: Store, orgs: Any) -> None:
        """Create the planned organisations, parents first (branches before their groups)."""
        order = sorted(self.planned.values(), key=lambda p: p.kind == OrgKind.GROUP)
        for p in order:
            orgs.add_in(
                tx, {"name": p.name, "kind": p.kind.value, "parent_id": p.parent_id}, org_id=p.id
            )

    def assign(self, tx: Store, orgs: Any, member_ids: dict[int, str], day: str) -> int:
        """Give each imported member the posts of their row; returns how many."""
        n = 0
        for row, held in self.posts.items():
            if row in member_ids:
                for org_id, post in held:
                    orgs.assign_post_in(tx, org_id, member_ids[row], post, day)
                    n += 1
        return n
