"""Migration 009's data step: snapshot every meeting saved before snapshots existed.

For each meeting, the people are taken as they were on its date from the dated member records
(services/meeting_people.py, the same code that snapshots a meeting when it is saved):

- attendance rows already stored keep their mark (出席 / 缺席 / 经批准不计入) and reason and get
  the person's state on the day; someone marked who was not due that day stays listed, not
  counted (due = 0);
- a person due on the day with no attendance row is added as absent with no reason: the old
  figures counted such a person absent too (everyone due without a mark was absent);
- where the records hold no dated information for a person (no development dates, no events),
  their record as it stood at the migration is taken for the day. docs/meeting-records.md says
  what that means for a reprint;
- a 支委会 of a day for which no committee posts are recorded (a clerk who entered only the
  current committee) takes the people the old program listed for it as the committee.

The meeting is marked ``snapshot_basis = 'migrated'`` with ``snapshot_on`` = the migration day.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def _reader(conn, memo: bool = True):
    """Reads memoised for the run: the members, events and posts of one organisation are the
    same for all its meetings (the step writes only attendance rows, read once per meeting)."""
    cache: dict[tuple, list[dict[str, Any]]] = {}

    def read(sql: str, params=()) -> list[dict[str, Any]]:
        key = (sql, tuple(params))
        if key not in cache or not memo:
            cur = conn.execute(sql, list(params))
            cols = [d[0] for d in cur.description or ()]
            cache[key] = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        return cache.pop(key) if not memo else cache[key]

    return read


def upgrade(conn) -> None:
    # The services read posts as they are today (019 added ``voided``): on the schema of 009
    # no post is voided yet, said by a temporary view that hides the table for this step.
    cols = [r[1] for r in conn.execute("PRAGMA table_info(org_posts)").fetchall()]
    shim = "voided" not in cols
    if shim:
        conn.execute("CREATE TEMP VIEW org_posts AS SELECT *, 0 AS voided FROM main.org_posts")
    try:
        _backfill(conn)
    finally:
        if shim:
            conn.execute("DROP VIEW temp.org_posts")


def _backfill(conn) -> None:
    from ztclient.domain.meeting_snapshot import SNAPSHOT_FIELDS
    from ztclient.services import meeting_people

    read = _reader(conn)
    today = date.today().isoformat()
    meetings = read(
        "SELECT id, org_id, kind, starts_at, chair_id, recorder_id FROM meetings "
        "WHERE snapshot_basis IS NULL ORDER BY org_id, starts_at"
    )
    for m in meetings:
        try:
            day = date.fromisoformat(str(m["starts_at"])[:10])
        except ValueError:
            continue  # not a date: left without a snapshot, read as stored (never happens)
        marks = {
            r["member_id"]: (r["status"], r["reason"])
            for r in _reader(conn, memo=False)(
                "SELECT member_id, status, reason FROM meeting_attendance WHERE meeting_id = ?",
                [m["id"]],
            )
        }
        rows = meeting_people.build(read, m["org_id"], m["kind"], day, marks)
        if m["kind"] == "branch_committee" and marks and not any(a.due for a in rows):
            # No posts recorded for that day (a committee entered only for its current term):
            # the people the old program listed were the committee.
            rows = meeting_people.build(read, m["org_id"], m["kind"], day, marks, set(marks))
        conn.execute("DELETE FROM meeting_attendance WHERE meeting_id = ?", [m["id"]])
        columns = ("member_id", "status", "reason", *SNAPSHOT_FIELDS[3:])
        conn.executemany(
            f"INSERT INTO meeting_attendance (meeting_id, {', '.join(columns)}) "
            f"VALUES (?{', ?' * len(columns)})",
            [(m["id"], *(row[c] for c in columns)) for row in (a.to_row() for a in rows)],
        )
        iso = day.isoformat()
        conn.execute(
            "UPDATE meetings SET snapshot_on = ?, snapshot_basis = 'migrated', chair_post = ?, "
            "recorder_post = ? WHERE id = ?",
            [
                today,
                meeting_people.post_of(read, m["chair_id"], iso, m["org_id"]),
                meeting_people.post_of(read, m["recorder_id"], iso, m["org_id"]),
                m["id"],
            ],
        )
