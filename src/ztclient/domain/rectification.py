"""组织生活会 问题清单 and 整改 (problems found at the yearly 组织生活会 and their rectification).

Each problem is an item with a measure, an owner and a deadline. It stays open until marked done,
and open items are carried to the next year's 组织生活会: that meeting first hears how last
year's items were rectified (judgment: the usual 组织生活会 agenda, "通报上年度整改落实情况").
An item is due from 30 days before its deadline, overdue after it; an item without a deadline is
due once the year it was found in has ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError

WARN_DAYS = 30


def check_item(row: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise one item: problem required, owner (a member or a named person/body) required,
    dates strict. Raises E_FIELD_REQUIRED, E_DATE_FORMAT, E_DATE_ORDER."""
    problem = str(row.get("problem") or "").strip()
    if not problem:
        raise DomainError("E_FIELD_REQUIRED", "problem")
    owner = str(row.get("owner") or "").strip() or None
    if not owner and not row.get("owner_id"):
        raise DomainError("E_FIELD_REQUIRED", "owner")
    out: dict[str, Any] = {
        "problem": problem,
        "measure": str(row.get("measure") or "").strip(),
        "owner": owner,
        "owner_id": row.get("owner_id") or None,
        "deadline": None,
        "done_on": None,
        "result": str(row.get("result") or "").strip() or None,
    }
    for key in ("deadline", "done_on"):
        value = row.get(key)
        if value not in (None, ""):
            out[key] = parse_date(str(value), key).isoformat()
    return out


def item_state(row: Mapping[str, Any], today: date) -> str:
    """ "done", "overdue", "due" (deadline within 30 days, or found in a past year without a
    deadline) or "open"."""
    if row.get("done_on"):
        return "done"
    deadline = row.get("deadline")
    if deadline:
        day = parse_date(deadline)
        if day < today:
            return "overdue"
        return "due" if day <= today + timedelta(days=WARN_DAYS) else "open"
    return "due" if int(row.get("year") or today.year) < today.year else "open"
