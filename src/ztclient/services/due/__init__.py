"""待办事项: the due list, as data (the dashboard shows it; ``ztclient-cli due`` prints it).

Each area keeps its own source module here: a function ``items(ctx) -> list[DueItem]``. The
registry below lists them in the order the clerk sees them. A source reads what it needs through
``ctx`` (the session and the as-of date) and may share expensive figures through ``ctx.cache``.
No Qt, no writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DueItem:
    """One thing the clerk should act on. ``kind`` names the rule (probation_ending,
    meetings_missing, study_short, transfer_receipt, term_ending, …); ``when`` is the date it is
    due (if any); ``subject`` is a member's or an organisation's name; ``params`` are plain data
    for the text; ``record_id`` is the member or organisation to open."""

    kind: str
    subject: str  # a member's or an organisation's name
    when: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None


@dataclass
class DueContext:
    """What every source gets: the session, the as-of date, and a cache for shared figures
    (e.g. the dashboard's compliance table, computed once for the charts and the due list)."""

    session: Any
    today: date
    cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


Source = Callable[[DueContext], list[DueItem]]


def sources() -> list[Source]:
    """The registered sources, in display order (one line each: add yours here)."""
    from ztclient.services.due import (
        appraisal,
        development,
        dues,
        lectures,
        meetings,
        mobility,
        probation,
        rectifications,
        study,
        talks,
        terms,
        transfers,
    )

    return [
        probation.items,
        meetings.items,
        study.items,
        transfers.items,
        terms.items,
        dues.items,
        lectures.items,
        talks.items,
        appraisal.items,
        rectifications.items,
        development.items,
        mobility.items,
    ]


def due_items(session: Any, today: date, cache: dict[str, Any] | None = None) -> list[DueItem]:
    """The whole due list as of ``today``."""
    ctx = DueContext(session, today, cache if cache is not None else {})
    out: list[DueItem] = []
    for source in sources():
        out.extend(source(ctx))
    return out


__all__ = ["DueContext", "DueItem", "due_items", "sources"]
