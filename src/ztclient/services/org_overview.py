"""One organisation as the clerk looks at it (the 组织 page and ``orgs show``): the row, its place
in the tree, its term, the committee as of a day, its elections, and a group's members."""

from __future__ import annotations

from typing import Any

OVERVIEW_KEYS = (
    "id",
    "name",
    "kind",
    "code",
    "unit_type",
    "superior",
    "parent_id",
    "elected_on",
    "term_years",
    "founded_on",
    "dissolved_on",
    "merged_into",
    "version",
)
ELECTION_KEYS = (
    "id",
    "date",
    "term_years",
    "term_end",
    "voters_due",
    "voters_present",
    "committee",
)


def org_detail(session: Any, org_id: str, as_of: str | None = None) -> dict[str, Any]:
    orgs = session.orgs
    org = orgs.get(org_id)
    day = as_of or session.clock.today().isoformat()
    term = orgs.term(org, session.clock.today())
    parent = orgs.get(org["parent_id"]) if org["parent_id"] else None
    merged = orgs.get(org["merged_into"]) if org.get("merged_into") else None
    children = [c["name"] for c in orgs.list(include_dissolved=True) if c["parent_id"] == org_id]
    out = {
        **{k: org.get(k) for k in OVERVIEW_KEYS},
        "parent": parent["name"] if parent else None,
        "merged_into_name": merged["name"] if merged else None,
        "children": children,
        "members": _members(orgs, org),
        "term_end": term.term_end.isoformat() if term else None,
        "term_state": term.state if term else None,
        "days_left": term.days_left if term else None,
        "as_of": day,
        "committee": [
            {k: p[k] for k in ("id", "post", "member_id", "member_name", "start_date", "end_date")}
            for p in orgs.posts(org_id, day)
        ],
        "posts_on_record": len(orgs.post_history(org_id)),  # held or ended, not voided
        "elections": [{k: e[k] for k in ELECTION_KEYS} for e in session.elections.list(org_id)],
        "group_members": [],
    }
    if org["kind"] == "group":
        out["group_members"] = session.store.read(
            "SELECT m.id, m.name, m.category, m.version FROM members m JOIN member_search s "
            "ON s.member_id = m.id WHERE m.group_id = ? AND s.current = 1 ORDER BY s.sort_key",
            (org_id,),
        )
    return out


def _members(orgs: Any, org: dict[str, Any]) -> int:
    """Members on the roll: of a branch or group, or of every branch under a 党委 or 总支."""
    counts = orgs.member_counts()
    if org["kind"] in ("branch", "group"):
        return counts.get(org["id"], 0)
    live = {o["id"]: o for o in orgs.list(include_dissolved=True)}
    return sum(
        counts.get(i, 0)
        for i in orgs.subtree_ids(org["id"])
        if live.get(i, {}).get("kind") != "group"
    )
