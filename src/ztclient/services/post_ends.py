"""The end of a post (任职结束) as one audited, synced edit, and the posts a member's leaving
ends: a 书记 transferred out, expelled or dead holds no post from that day (QA: the committee
kept showing them, and the due list asked them for 谈心谈话 and 党课). And 录入错误作废 of a
post entered by mistake (``void_post``): kept with the reason, it counts nowhere, as of any day.

``posts_left_behind`` lists what a leaving event ends; the event keeps the previous end dates
in its ``effects`` so that voiding it gives them back (``reopen``), as it gives back the member
fields it changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from ztclient.domain.dates import parse_date
from ztclient.domain.model import EventKind
from ztclient.services.journal import Journal
from ztclient.services.ports import Store
from ztclient.services.versioned import update_versioned
from ztclient.services.voiding import void_row

#: events after which the member is no longer on this unit's roll
LEAVING = (
    EventKind.TRANSFER_OUT,
    EventKind.EXITED,
    EventKind.DECEASED,
    EventKind.PROBATION_REVOKED,
)


def write_post_end(tx: Store, journal: Journal, row: Mapping[str, Any], end: str | None) -> None:
    """Set a post's last day held (None: held again, open-ended)."""
    update_versioned(
        tx,
        "org_posts",
        {"id": row["id"]},
        row["version"],
        {"end_date": end, "updated_at": journal.timestamp()},
    )
    journal.record(
        tx,
        entity="org_post",
        record_id=row["id"],
        op="update",
        fields={"end_date": end},
        base_version=row["version"],
    )


def void_post(tx: Store, journal: Journal, post_id: str, reason: str) -> dict[str, Any]:
    """录入错误作废 of one post, inside ``tx``: the row (``voided``, the reason), its outbox op
    ``org_post``/``void`` (the centre and the unit's other devices drop it too) and its audit
    entry. Returns the row as it was."""
    return void_row(tx, journal, "org_posts", "org_post", post_id, reason, what="post")


def _left_orgs(tx: Store, current: Mapping[str, Any], details: Mapping[str, Any]) -> set[str]:
    """A move inside the unit (org_changed): the branch left and its groups, or the group left."""
    if details.get("org_id") and details["org_id"] != current.get("org_id"):
        groups = tx.read("SELECT id FROM orgs WHERE parent_id = ?", (current["org_id"],))
        return {current["org_id"], *(g["id"] for g in groups)}
    if current.get("group_id") and details.get("group_id") != current["group_id"]:
        return {current["group_id"]}
    return set()


def end_posts_for(
    tx: Store,
    journal: Journal,
    current: Mapping[str, Any],
    kind: EventKind,
    day: str,
    details: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """End the member's posts a leaving event (or a move out of the organisation) leaves
    behind, on the day before the event; returns [{id, end_date (before), ended}] to keep."""
    if kind in LEAVING:
        orgs = None
    elif kind == EventKind.ORG_CHANGED:
        orgs = _left_orgs(tx, current, details)
        if not orgs:
            return []
    else:
        return []
    last = (parse_date(day, "date") - timedelta(days=1)).isoformat()
    kept = []
    for p in tx.read(
        "SELECT * FROM org_posts WHERE member_id = ? AND voided = 0 "
        "AND (end_date IS NULL OR end_date > ?)",
        (current["id"], last),
    ):
        if orgs is not None and p["org_id"] not in orgs:
            continue
        ended = max(last, p["start_date"])
        write_post_end(tx, journal, p, ended)
        kept.append({"id": p["id"], "end_date": p["end_date"], "ended": ended})
    return kept


def reopen(tx: Store, journal: Journal, posts: list[Mapping[str, Any]]) -> None:
    """Give back the end dates a voided event set, where the post still ends on that day (a
    later hand edit of the post is kept)."""
    for kept in posts:
        row = tx.read_one("SELECT * FROM org_posts WHERE id = ?", (kept["id"],))
        if row is not None and row["end_date"] == kept["ended"]:
            write_post_end(tx, journal, row, kept["end_date"])
