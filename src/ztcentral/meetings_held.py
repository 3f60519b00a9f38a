"""Which of a unit's meetings count as held: one rule for the console's overview, a unit's page
and the report's 已开 columns (docs/console.md "Compliance as the console counts it").

A meeting counts when it is not voided and its date (``starts_at``) is on or before today: one
dated later is a plan the clerk recorded ahead, not a meeting held, and counts nowhere until its
day comes. A meeting without a date counts nowhere either.

Also what a branch owes: no 支委会 where it has no 支部委员会 (``committee_needed``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ztcentral.db import Tx


def held_meetings(tx: Tx, unit: str, year: int, today: date) -> list[dict[str, Any]]:
    """The unit's meetings of ``year`` held by ``today``, each with its ``day`` (YYYY-MM-DD)."""
    first, last = f"{year:04d}-01-01", min(f"{year:04d}-12-31", today.isoformat())
    out = []
    for r in tx.all(
        "SELECT data FROM records WHERE unit = $1 AND entity = 'meeting' AND voided = 0", (unit,)
    ):
        m = json.loads(r["data"])
        if not isinstance(m, dict) or m.get("voided"):
            continue
        day = str(m.get("starts_at") or "")[:10]
        try:
            date.fromisoformat(day)
        except ValueError:
            continue
        if not first <= day <= last:
            continue
        out.append({**m, "day": day})
    return out


#: The posts a branch without a 支部委员会 has (fewer than 7 正式党员: a 书记, and a 副书记 if
#: needed; domain facts §8) — as the clerk's program (ztclient domain/compliance.py).
BRANCH_LEADS = ("secretary", "deputy_secretary")


def branch_posts(tx: Tx, unit: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each organisation's own posts (post, start date, end date or "") as the unit sent them."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for r in tx.all(
        "SELECT data FROM records WHERE unit = $1 AND entity = 'org_post' AND voided = 0", (unit,)
    ):
        p = json.loads(r["data"])
        if isinstance(p, dict) and not p.get("voided"):
            out.setdefault(str(p.get("org_id") or ""), []).append(
                (
                    str(p.get("post") or ""),
                    str(p.get("start_date") or ""),
                    str(p.get("end_date") or ""),
                )
            )
    return out


def committee_needed(posts: list[tuple[str, str, str]], first: str, last: str) -> bool:
    """Whether a branch owes 支委会 in [first, last] (ISO dates), as the clerk's 工作台 decides:
    a branch whose posts in the period are a 书记 (and 副书记) alone has no 支部委员会 to meet;
    with no post recorded in the period it cannot be told, and it is owed."""
    during = [post for post, s, e in posts if s[:10] <= last and (not e or e[:10] >= first)]
    return not during or any(post not in BRANCH_LEADS for post in during)
