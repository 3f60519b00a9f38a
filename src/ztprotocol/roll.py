"""Who is on the roll: one definition for the client and the centre (issue 16 item 4).

在册 (still counted in the unit) is a status of 正常, 流动 or 失联; the roll of 党员 is the
在册 people whose category is 预备党员 or 正式党员. A member under 停止党籍 is no longer
counted but is still on the branch's books (talks, appraisal, moving a branch take them along).

The client's queries, dashboard, due list and reports and the centre's report and console all
read these names; a member record carries them as the codes of its ``status`` and ``category``
fields, which is why they live in the protocol package, the one place both programs may import.
Standard library only (``ztclient.domain`` imports it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: 在册: 正常, 流动党员 (外出), 失去联系.
CURRENT_STATUSES: tuple[str, ...] = ("normal", "mobile", "lost_contact")
#: Still on a branch's books: 在册, and 停止党籍 until it ends.
ON_BOOKS_STATUSES: tuple[str, ...] = (*CURRENT_STATUSES, "suspended")
#: 党员: 预备党员 and 正式党员 (the development stages before are not members yet).
MEMBER_CATEGORIES: tuple[str, ...] = ("probationary", "full")


def sql_list(values: Iterable[str]) -> str:
    """``('a', 'b')`` for an ``IN`` clause; the values are the fixed codes above, never input."""
    items = list(values)
    if not all(v.replace("_", "").isalnum() for v in items):
        raise ValueError("codes only")
    return "(" + ", ".join(f"'{v}'" for v in items) + ")"


CURRENT_SQL = sql_list(CURRENT_STATUSES)
ON_BOOKS_SQL = sql_list(ON_BOOKS_STATUSES)
MEMBER_SQL = sql_list(MEMBER_CATEGORIES)


def is_current(status: str | None) -> bool:
    """在册. A record without a status is 正常 (as the client stores new members)."""
    return (status or "normal") in CURRENT_STATUSES


def is_member(category: str | None) -> bool:
    """预备党员 or 正式党员."""
    return category in MEMBER_CATEGORIES


def on_roll(member: Mapping[str, Any]) -> bool:
    """A 党员 counted in the unit: 在册 and 预备 or 正式."""
    return is_member(member.get("category")) and is_current(member.get("status"))
