"""Who and what a 待核对 row is about, as the clerk knows them: a member as 姓名（所在支部）, a
meeting as 标题（日期）, an organisation by its name — never a uuid. The 同步 page and `sync
status` both read these (the centre's 审核 names its conflicts alike: ztcentral.console
.field_labels.conflict_subjects).

Each row gets ``record_name`` (the record the row is about) and ``yours_name`` /
``theirs_name`` (a side whose value is a record's id, e.g. the member of a study record added for
a member voided elsewhere); None where this device has no such record: the id is shown then.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ztclient.services.ports import Store

#: fields whose value is a record's id, and what kind of record it names
REFERENCES = {
    "member_id": "member", "chair_id": "member", "recorder_id": "member",
    "org_id": "org", "parent_id": "org", "group_id": "org", "meeting_id": "meeting",
}  # fmt: skip


class _Names:
    """Looks records up once each (a 待核对 list is short; one problem row, a few reads)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[tuple[str, str], str | None] = {}

    def _cached(self, kind: str, rid: Any, read: Callable[[str], str | None]) -> str | None:
        if not isinstance(rid, str) or not rid:
            return None
        key = (kind, rid)
        if key not in self.cache:
            self.cache[key] = read(rid)
        return self.cache[key]

    def org(self, rid: Any) -> str | None:
        return self._cached(
            "org", rid, lambda i: self.store.scalar("SELECT name FROM orgs WHERE id = ?", (i,))
        )

    def member(self, rid: Any) -> str | None:
        def read(i: str) -> str | None:
            row = self.store.read_one("SELECT name, org_id FROM members WHERE id = ?", (i,))
            if row is None:
                return None
            branch = self.org(row["org_id"])
            return f"{row['name']}（{branch}）" if branch else str(row["name"])

        return self._cached("member", rid, read)

    def meeting(self, rid: Any) -> str | None:
        def read(i: str) -> str | None:
            row = self.store.read_one("SELECT title, starts_at FROM meetings WHERE id = ?", (i,))
            if row is None:
                return None
            return f"{row['title']}（{str(row['starts_at'])[:10]}）"

        return self._cached("meeting", rid, read)

    def of(self, kind: str, rid: Any) -> str | None:
        return {"member": self.member, "org": self.org, "meeting": self.meeting}[kind](rid)

    def _row(self, sql: str, rid: str) -> dict[str, Any]:
        return self.store.read_one(sql, (rid, rid)) or {}

    def record(self, entity: str, rid: Any) -> str | None:
        """The record a row is about, in words; None when this device does not have it."""
        if not isinstance(rid, str) or not rid:
            return None
        if entity in ("member", "org", "meeting"):
            return self.of(entity, rid)
        if entity == "attendance":  # the centre's id of one person's mark: meeting/member
            meeting, _, member = rid.partition("/")
            parts = [self.meeting(meeting), self.member(member)]
            return " · ".join(p for p in parts if p) or None
        if entity == "study_log":
            row = self._row(
                "SELECT member_id, date, topic FROM study_logs WHERE id = ? OR id = ?", rid
            )
            return _joined(f"{row.get('date', '')} {row.get('topic', '')}", row, self)
        if entity == "member_event":
            row = self._row("SELECT member_id, date FROM member_events WHERE id = ? OR id = ?", rid)
            return _joined(str(row.get("date", "")), row, self)
        if entity == "dues_payment":  # a payment, or the collection (op) it came in
            row = self._row(
                "SELECT member_id, paid_on FROM dues_payments WHERE id = ? OR batch_id = ? "
                "ORDER BY id LIMIT 1",
                rid,
            )
            return _joined(str(row.get("paid_on", "")), row, self)
        if entity == "dues_base":
            row = self._row("SELECT member_id, year FROM dues_bases WHERE id = ? OR id = ?", rid)
            return _joined(str(row.get("year", "")), row, self)
        if entity in ("dues_approval", "org_post"):
            table = "dues_approvals" if entity == "dues_approval" else "org_posts"
            row = self._row(f"SELECT member_id FROM {table} WHERE id = ? OR id = ?", rid)
            return self.member(row.get("member_id"))
        return None

    def value(self, field: str, value: Any) -> Any:
        """A side of a conflict in words where it holds a record's id (a whole record's side,
        a dict, with each id in it named); None when there is nothing to name."""
        if isinstance(value, dict):
            named = {
                k: self.of(REFERENCES[k], v) if k in REFERENCES else None for k, v in value.items()
            }
            if not any(named.values()):
                return None
            return {k: named[k] or v for k, v in value.items()}
        if field in REFERENCES:
            return self.of(REFERENCES[field], value)
        return None


#: the op id of a failed downlink item's 待核对 row starts so (downlink.py flag_failed)
DOWN = "down:"


def _as_sent(store: Store, names: _Names, item_id: str, record_id: Any = None) -> str | None:
    """A record that could not go in (so is not here), named as its item describes it: its year
    or date and the member it is about (a talk: the one talked with), else its organisation —
    民主评议 2023 · 乙（第一党支部）, not its id. Of a fact of several (a collection of payments),
    the row ``record_id`` names, else the first."""
    raw = store.scalar("SELECT body FROM sync_down_items WHERE item_id = ?", (item_id,))
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        return None
    data = (body.get("data") or body.get("fields") or {}) if isinstance(body, dict) else {}
    if not isinstance(data, dict):
        return None
    rows = data.get("rows")
    if isinstance(rows, list) and rows and isinstance(rows[0], dict):
        data = next((r for r in rows if isinstance(r, dict) and r.get("id") == record_id), rows[0])
    when = data.get("year") or data.get("date") or data.get("start_date") or ""
    when = when or data.get("first_month") or ""
    who = names.member(data.get("member_id") or data.get("talkee_id"))
    if who is None:
        who = names.org(data.get("org_id"))
    # a payment whose member is not here yet: its receipt number is what the clerk can look up
    receipt = f"收据号 {data['receipt_no']}" if who is None and data.get("receipt_no") else ""
    parts = [str(when), who or receipt]
    return " · ".join(p for p in parts if p) or None


def _joined(what: str, row: dict[str, Any], names: _Names) -> str | None:
    if not row:
        return None
    parts = [what.strip(), names.member(row.get("member_id")) or ""]
    return " · ".join(p for p in parts if p) or None


def name_problems(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each 待核对 row (values already parsed) its ``record_name``, ``yours_name`` and
    ``theirs_name``."""
    names = _Names(store)
    for r in rows:
        r["record_name"] = names.record(str(r.get("entity") or ""), r.get("record_id"))
        if r["record_name"] is None and str(r.get("op_id") or "").startswith(DOWN):
            r["record_name"] = _as_sent(
                store, names, str(r["op_id"])[len(DOWN) :], r.get("record_id")
            )
        field = str(r.get("field") or "")
        r["yours_name"] = names.value(field, r.get("yours"))
        r["theirs_name"] = names.value(field, r.get("theirs"))
    return rows
