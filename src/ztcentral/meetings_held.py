"""Which of a unit's meetings count as held: one rule for the console's overview, a unit's page
and the report's 已开 columns (docs/console.md "Compliance as the console counts it").

A meeting counts when it is not voided and its date (``starts_at``) is on or before today: one
dated later is a plan the clerk recorded ahead, not a meeting held, and counts nowhere until its
day comes. A meeting without a date counts nowhere either.

Also each branch's posts, from which ztprotocol/obligations.py ``committee_needed`` tells whether
it owes 支委会.
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
