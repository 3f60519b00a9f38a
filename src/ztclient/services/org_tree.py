"""The organisation tree as the 组织 page shows it: rows nested under their parents (by code, then
name), each with its members on the roll, a 党委 or 党总支 counting every branch under it."""

from __future__ import annotations

from typing import Any


def nest(rows: list[dict[str, Any]], counts: dict[str, int]) -> list[dict[str, Any]]:
    """The roots, each with ``children`` and ``members``; an organisation whose parent is not
    among ``rows`` (dissolved and hidden) shows as a root."""
    by_id = {r["id"]: {**r, "children": [], "members": counts.get(r["id"], 0)} for r in rows}
    roots: list[dict[str, Any]] = []
    for r in sorted(by_id.values(), key=lambda r: (r["code"] or "~", r["name"])):
        parent = by_id.get(r["parent_id"]) if r["parent_id"] else None
        (parent["children"] if parent else roots).append(r)

    def total(node: dict[str, Any]) -> int:
        below = sum(total(c) for c in node["children"])
        if node["kind"] in ("committee", "general_branch"):
            node["members"] += below
        return node["members"] if node["kind"] != "group" else 0

    for root in roots:
        total(root)
    return roots
