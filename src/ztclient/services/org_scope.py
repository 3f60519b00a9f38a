"""An organisation and every level under it, as SQL: a 党委's 党总支, their branches and groups.

Every ``--org`` filter (the roster, the 学习 summary, 发展党员, the 党费 ledger) reads members
through this one clause, so a 党委 sees the members of branches under its 党总支 too."""

from __future__ import annotations

from typing import Any

#: The ids of the organisation bound to ``?`` and of every organisation under it.
SUBTREE_SQL = (
    "(WITH RECURSIVE t(id) AS (SELECT ? UNION ALL "
    "SELECT o.id FROM orgs o JOIN t ON o.parent_id = t.id) SELECT id FROM t)"
)


def members_under(org_id: str, alias: str = "m") -> tuple[str, list[Any]]:
    """(SQL condition, params) for members whose branch or group is ``org_id`` or under it."""
    condition = f"({alias}.org_id IN {SUBTREE_SQL} OR {alias}.group_id IN {SUBTREE_SQL})"
    return condition, [org_id, org_id]


def subtree(read: Any, org_id: str) -> set[str]:
    """The ids of ``org_id`` and every organisation under it (``read`` is Store.read)."""
    return {r["id"] for r in read(SUBTREE_SQL[1:-1], (org_id,))}
