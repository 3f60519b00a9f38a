"""三会一课 compliance of a branch and of each of its 党小组, from the meetings each held itself.

A 党小组会 counts only for the group that held it (支部工作条例 art. 13: each group meets
monthly); the branch's own meetings count for the branch. Voided meetings never count. A
branch with a 书记 and no 支部委员会 (fewer than 7 正式党员) owes no 支委会 in those months. An
organisation owes nothing for the periods that ended before its 成立日期 (a group: nor before its
branch's; domain/compliance.py ``owed``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from ztclient.domain import compliance as rules
from ztclient.domain.model import MeetingKind
from ztclient.services.ports import Store


def _held(store: Store, org_id: str, start: date, end: date) -> list[tuple[str, str]]:
    rows = store.read(
        "SELECT kind, substr(starts_at, 1, 10) AS day FROM meetings WHERE org_id = ? "
        "AND voided = 0 AND starts_at >= ? AND starts_at <= ?",
        (org_id, start.isoformat(), end.isoformat() + "T99"),
    )
    return [(r["kind"], r["day"]) for r in rows]


def branch_posts(store: Store, org_id: str) -> list[tuple[str, str, str | None]]:
    """The branch's own posts (post, start, end): whether it has a 支部委员会 to meet."""
    rows = store.read(
        "SELECT post, start_date, end_date FROM org_posts WHERE org_id = ? AND voided = 0",
        (org_id,),
    )
    return [(r["post"], r["start_date"], r["end_date"]) for r in rows]


def _founded(*days: str | None) -> date | None:
    """The latest of the known founding dates (None: none known)."""
    known = [date.fromisoformat(d[:10]) for d in days if d]
    return max(known) if known else None


def compliance(store: Store, org_id: str, start: date, end: date) -> list[Any]:
    """Required meetings missing between two dates: the branch's, then each group's (a group
    dissolved before ``start`` is not asked to meet)."""
    branch_rules = {k: f for k, f in rules.DEFAULT_RULES.items() if k not in rules.GROUP_RULES}
    since = store.scalar("SELECT founded_on FROM orgs WHERE id = ?", (org_id,))
    out = rules.missing(_held(store, org_id, start, end), start, end, has_groups=False,
                        rules=branch_rules, founded=_founded(since))  # fmt: skip
    posts = branch_posts(store, org_id)
    out = [
        m
        for m in out
        if m.kind != MeetingKind.BRANCH_COMMITTEE or rules.committee_needed(posts, m.start, m.end)
    ]
    groups = store.read(
        "SELECT id, name, dissolved_on, founded_on FROM orgs WHERE parent_id = ? AND kind = 'group' "
        "AND (dissolved_on IS NULL OR dissolved_on >= ?) ORDER BY code, name",
        (org_id, start.isoformat()),
    )
    for g in groups:
        # a group dissolved within the range owes nothing for the periods after it ended
        until = min(end, date.fromisoformat(g["dissolved_on"][:10])) if g["dissolved_on"] else end
        for item in rules.missing(_held(store, g["id"], start, until), start, until,
                                  has_groups=True, rules=rules.GROUP_RULES,
                                  founded=_founded(since, g["founded_on"])):  # fmt: skip
            out.append(replace(item, org_id=g["id"], org_name=g["name"]))
    order = list(rules.DEFAULT_RULES)
    return sorted(out, key=lambda m: (m.start, bool(m.org_id), order.index(m.kind), m.org_name))
