"""Who a meeting's people were on its date, read from the store: the due list and the snapshot.

Takes a ``read(sql, params) -> list[dict]`` callable rather than the Store port, so the 009
migration (infra/db/migrations/snapshot_backfill.py) snapshots old meetings with exactly the
code that snapshots new ones. It reads only columns that exist since migration 004.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import meeting_snapshot as snap
from ztclient.domain.member_state import MemberState, state_on
from ztclient.domain.model import MeetingKind, OrgKind

Read = Callable[[str, Sequence[Any]], list[dict[str, Any]]]
_MEMBER_COLUMNS = (
    "m.id, m.name, m.org_id, m.group_id, m.category, m.status, m.status_since, "
    "m.voting_suspended, m.application_date, m.activist_date, m.candidate_date, m.join_date, "
    "m.full_member_date"
)


def _marks(ids: Iterable[str]) -> str:
    return ",".join("?" for _ in ids)


def posts_on(read: Read, day: str, member_ids: Sequence[str] | None = None) -> dict[str, list]:
    """member id -> [(org_id, post code)] of the posts held on ``day`` (oldest first)."""
    sql = (
        "SELECT member_id, org_id, post FROM org_posts WHERE voided = 0 AND start_date <= ? "
        "AND (end_date IS NULL OR end_date >= ?)"
    )
    params: list[Any] = [day, day]
    if member_ids is not None:
        if not member_ids:
            return {}
        sql += f" AND member_id IN ({_marks(member_ids)})"
        params += list(member_ids)
    out: dict[str, list] = {}
    for r in read(sql + " ORDER BY start_date, post", params):
        out.setdefault(r["member_id"], []).append((r["org_id"], r["post"]))
    return out


def events_of(read: Read, member_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """member id -> their live (not voided) events."""
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in range(0, len(member_ids), 500):
        ids = list(member_ids[chunk : chunk + 500])
        for r in read(
            "SELECT member_id, kind, date, details, created_at FROM member_events "
            f"WHERE voided = 0 AND member_id IN ({_marks(ids)})",
            ids,
        ):
            details = r["details"]
            r["details"] = json.loads(details or "{}") if isinstance(details, str) else details
            out.setdefault(r["member_id"], []).append(r)
    return out


def scope_of(read: Read, org_id: str, org_kind: str) -> list[str]:
    """The organisation and, for a 党总支 or 党委, every branch below it."""
    scope = [org_id]
    if org_kind in (OrgKind.GENERAL_BRANCH, OrgKind.COMMITTEE):
        frontier = [org_id]
        while frontier:
            children = read(
                f"SELECT id FROM orgs WHERE kind != 'group' AND parent_id IN ({_marks(frontier)})",
                frontier,
            )
            frontier = [c["id"] for c in children if c["id"] not in scope]
            scope += frontier
    return scope


def _candidates(
    read: Read, scope: Sequence[str], post_holders: Iterable[str], extra: Iterable[str]
) -> list[dict[str, Any]]:
    """Members who may have belonged to the organisation on the day: its members now, anyone
    who ever moved between organisations, post holders, and anyone marked for the meeting."""
    wanted = {*post_holders, *extra}
    rows = read(
        f"SELECT {_MEMBER_COLUMNS} FROM members m WHERE m.org_id IN ({_marks(scope)}) "
        "OR m.group_id = ? "
        "OR m.id IN (SELECT member_id FROM member_events WHERE kind = 'org_changed')",
        [*scope, scope[0]],
    )
    have = {r["id"] for r in rows}
    missing = [m for m in wanted if m and m not in have]
    for chunk in range(0, len(missing), 500):
        ids = missing[chunk : chunk + 500]
        rows += read(f"SELECT {_MEMBER_COLUMNS} FROM members m WHERE m.id IN ({_marks(ids)})", ids)
    return rows


def build(
    read: Read,
    org_id: str,
    kind: MeetingKind | str,
    day: date,
    marks: Mapping[str, tuple[str, str | None]],
    committee: Collection[str] | None = None,
) -> list[snap.Attendee]:
    """The snapshot of a meeting of ``org_id`` on ``day``: every person due that day (absent
    unless marked) and every other person marked, in roster order.

    ``committee`` (a 支委会 only) names the committee when the records hold no posts for the
    day — migration 009 passes the people the old program listed for such a meeting."""
    kind = MeetingKind(kind)
    org = read("SELECT kind FROM orgs WHERE id = ?", [org_id])
    org_kind = org[0]["kind"] if org else OrgKind.BRANCH.value
    iso = day.isoformat()
    posts = posts_on(read, iso)
    holders = [m for m, held in posts.items() if any(o == org_id for o, _ in held)]
    scope = scope_of(read, org_id, org_kind)
    members = _candidates(read, scope, holders if kind == MeetingKind.BRANCH_COMMITTEE else (),
                          marks)  # fmt: skip
    events = events_of(read, [m["id"] for m in members])
    rows = []
    for m in members:
        state: MemberState = state_on(m, events.get(m["id"], ()), day)
        held = posts.get(m["id"], [])
        in_org_posts = [p for o, p in held if o == org_id]
        if committee is not None and kind == MeetingKind.BRANCH_COMMITTEE:
            in_org = m["id"] in committee
        else:
            in_org = snap.on_due_list(kind, org_kind, scope, state, in_org_posts)
        if not (in_org and state.due) and m["id"] not in marks:
            continue
        ordered_posts = in_org_posts + [p for o, p in held if o != org_id]
        rows.append(snap.attendee(state, m["name"], ordered_posts, in_org, marks.get(m["id"])))
    return snap.order(rows, sort_keys(read, [a.member_id for a in rows]))


def sort_keys(read: Read, member_ids: Sequence[str]) -> dict[str, str]:
    """Roster (pinyin) order keys of some members."""
    out: dict[str, str] = {}
    for chunk in range(0, len(member_ids), 500):
        ids = list(member_ids[chunk : chunk + 500])
        for r in read(
            f"SELECT member_id, sort_key FROM member_search WHERE member_id IN ({_marks(ids)})",
            ids,
        ):
            out[r["member_id"]] = r["sort_key"]
    return out


def post_of(read: Read, member_id: str | None, day: str, org_id: str) -> str:
    """The posts (comma-separated codes) a chair or recorder held on the day, the meeting's
    organisation first."""
    if not member_id:
        return ""
    held = posts_on(read, day, [member_id]).get(member_id, [])
    ordered = [p for o, p in held if o == org_id] + [p for o, p in held if o != org_id]
    return ",".join(dict.fromkeys(ordered))
