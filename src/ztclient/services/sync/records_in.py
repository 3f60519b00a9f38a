"""Records other devices of the unit changed, taken in (devices of one unit converge).

The centre sends, sealed to this device, the records the unit's other devices changed (and,
after a restore from an old backup, this device's own changes it no longer has):

* ``record`` — the centre's state of a record after its merge rules. Taken as the centre's
  word, written straight into the tables (no outbox op: it is not an edit made here, and it
  must not echo back), except for the fields this device has edits of still on their way up:
  those keep the local value, and the centre merges them when they arrive.
* ``fact`` — a fact op (a member event, study logs, 党费 payments): facts_in.py.
* ``merge`` — a record this device created is the same real thing as one the centre already
  had (the same 公民身份号码, the same unit code): the local record is folded into that one —
  every reference to it in every table is moved over, then it is removed.

Each is one transaction with an audit entry. The registries (``TABLES``, and the facts of
facts_in.py) are the extension point: an item of an entity this client does not know
raises :data:`NOT_KNOWN`; the downlink keeps it (``stored``) and a later program that knows the
entity takes it in (downlink.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ztclient.domain.codes import table as code_table
from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.services.ports import Store
from ztclient.services.sync.context import SyncContext
from ztclient.services.sync.dues_flags import flag_paid_before_founding, flag_reductions

#: record entity → (local table, what its arrival changes)
TABLES: dict[str, tuple[str, Changes]] = {
    "org": ("orgs", Changes(orgs=True)),
    "org_post": ("org_posts", Changes(orgs=True, members=True)),
    # 换届选举 with the effects that voiding it undoes (services/election_void.py); it comes
    # before the posts it seated (org_posts.election_id names it)
    "election": ("elections", Changes(orgs=True, members=True, org_life=True)),
    "member": ("members", Changes(members=True)),
    "meeting": ("meetings", Changes(meetings=True)),
    # 党费 (docs/dues.md): bases merge field by field, approvals are records voided in place
    "dues_base": ("dues_bases", Changes(dues=True)),
    "dues_approval": ("dues_approvals", Changes(dues=True)),
    # the organisation's life (docs/org-life.md): they name organisations, members, meetings
    "talk": ("talks", Changes(org_life=True)),
    "appraisal": ("appraisals", Changes(org_life=True)),
    "rectification": ("rectifications", Changes(org_life=True)),
    # 发展党员 steps other than stage events (those are member_event facts)
    "development_step": ("development_steps", Changes(development=True)),
    # 通知回执 given on another device of the unit: a notice is one item for all the unit's
    # devices, so its reply is the unit's, keyed by the item (services/notices.py)
    "notice_reply": ("notice_replies", Changes(notices=True)),
}
#: a table whose records are keyed by another column than ``id``
KEYS = {"notice_replies": "item_id"}
#: an item's entity is not known to this client: kept, not passed over (downlink.py)
NOT_KNOWN = "W_ENTITY_UNKNOWN"
#: local columns that are not record fields (kept as they are)
LOCAL_ONLY = {"id", "version", "created_at", "updated_at"}

Audit = Callable[[Store, str, str, dict[str, Any]], None]


def _columns(tx: Store, table: str) -> list[str]:
    return [r["name"] for r in tx.read(f"PRAGMA table_info({table})")]


def _unknown_reference(tx: Store, table: str, row: dict[str, Any]) -> dict[str, str] | None:
    """The first record this row names that is not here yet (E_RECORD_UNKNOWN's params)."""
    for fk in tx.read(f"PRAGMA foreign_key_list({table})"):
        value = row.get(fk["from"])
        if value is None:
            continue
        if tx.read_one(f"SELECT 1 AS x FROM {fk['table']} WHERE {fk['to']} = ?", (value,)) is None:
            return {"what": fk["table"], "id": str(value)}
    return None


def _check_references(tx: Store, table: str, row: dict[str, Any]) -> None:
    """Every record this row names must be here already (orgs before members …)."""
    if (unknown := _unknown_reference(tx, table, row)) is not None:
        raise DomainError("E_RECORD_UNKNOWN", **unknown)


def _pending_fields(tx: Store, entity: str, rid: str) -> set[str]:
    """Fields of this record edited here and not yet confirmed by the centre."""
    out: set[str] = set()
    for r in tx.read(
        "SELECT fields FROM outbox WHERE entity = ? AND record_id = ? AND sync_state != 'synced'",
        (entity, rid),
    ):
        out |= set(json.loads(r["fields"]))
    return out


def _cell(value: Any) -> Any:
    """A record field as the local column holds it (lists and objects as JSON text)."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _upsert(
    tx: Store, table: str, rid: str, values: dict[str, Any], version: int, now: str
) -> None:
    info = tx.read(f"PRAGMA table_info({table})")
    cols = [c["name"] for c in info]
    key = KEYS.get(table, "id")
    have = tx.read_one(f"SELECT * FROM {table} WHERE {key} = ?", (rid,))
    row = {k: _cell(v) for k, v in values.items() if k in cols and k not in LOCAL_ONLY}
    if "version" in cols:
        row["version"] = version
    if "updated_at" in cols:
        row["updated_at"] = now
    if have is None:
        row[key] = rid
        if "created_at" in cols:
            row["created_at"] = now
        missing = [
            c["name"]
            for c in info
            if c["notnull"] and c["dflt_value"] is None and c["name"] not in row and not c["pk"]
        ]
        if missing:  # the centre's record lacks what this table needs: kept for review
            raise DomainError("E_OP_INVALID", what=missing[0])
        _check_references(tx, table, row)
        tx.insert(table, row)
    elif row:
        _check_references(tx, table, {**have, **row})
        tx.update(table, {key: rid}, row)


def apply_record(ctx: SyncContext, body: dict[str, Any], audit: Audit) -> Changes:
    entity, rid = str(body["entity"]), str(body["id"])
    known = TABLES.get(entity)
    if known is None:
        raise DomainError(NOT_KNOWN, entity=entity)  # kept as data, taken by a later program
    table, changes = known
    data = dict(body.get("data") or {})
    for nested in ("attendance", "guests", "resolutions"):
        data.pop(nested, None)
    if body.get("voided"):
        data["voided"] = 1
    with ctx.store.transaction() as tx:
        mine = _pending_fields(tx, entity, rid)
        values = {k: v for k, v in data.items() if k not in mine}
        if entity == "dues_base":
            _one_base_a_year(tx, rid, values)
        if entity == "appraisal":
            _one_grade_a_year(tx, rid, values)
        _upsert(tx, table, rid, values, int(body.get("version") or 1), ctx.now())
        if entity == "member":
            _index_member(tx, rid)
        if entity == "meeting":
            _meeting_parts(tx, rid, body, mine, ctx.now()[:10])
        if entity in ("dues_base", "dues_approval") and flag_reductions(
            tx, entity, rid, int(body.get("version") or 1), ctx.now()
        ):
            changes = Changes(dues=True, sync=True)
        if entity == "org" and flag_paid_before_founding(tx, rid, ctx.now()):
            # the unit's 成立日期 moved past a payment's month elsewhere (dues_flags.py)
            changes = changes | Changes(dues=True, sync=True)
        audit(tx, "sync.record", f"{entity}:{rid}", {"version": body.get("version")})
    return changes


def newer_here(store: Store, body: dict[str, Any]) -> bool:
    """Is the record a ``record`` item names here at the item's version or newer? A record
    item is the centre's state at that version; one acted on late (kept until this client knew
    its entity, or tried again) is then passed over, not written over a later state (another
    item's, or an edit made here since)."""
    known = TABLES.get(str(body.get("entity")))
    if known is None:
        return False
    key = KEYS.get(known[0], "id")
    version = store.scalar(f"SELECT version FROM {known[0]} WHERE {key} = ?", (str(body["id"]),))
    return version is not None and int(version) >= int(body.get("version") or 1)


def _meeting_parts(tx: Store, rid: str, body: dict[str, Any], mine: set[str], today: str) -> None:
    """A meeting's snapshot, guests and resolutions as the device that saved it recorded them:
    the snapshot rows (each person as they were on the day) with the centre's merged marks;
    a meeting is never recounted from this device's roster (docs/meeting-records.md)."""
    data = body.get("data") or {}
    if "attendance" not in mine and ("attendance" in body or "snapshot" in data):
        marks = {a["member_id"]: a for a in body.get("attendance") or []}
        cols = set(_columns(tx, "meeting_attendance"))
        rows = []
        for snap in data.get("snapshot") or []:
            row = {k: v for k, v in snap.items() if k in cols}
            mark = marks.pop(row["member_id"], None)
            if mark is not None:
                row.update(status=mark["status"], reason=mark.get("reason"))
            rows.append(row)
        # marked by another device for someone not in this snapshot: listed, not counted
        rows += [
            {"member_id": m, "status": a["status"], "reason": a.get("reason"), "due": 0}
            for m, a in marks.items()
        ]
        tx.execute("DELETE FROM meeting_attendance WHERE meeting_id = ?", (rid,))
        for row in rows:
            _check_references(tx, "meeting_attendance", {"member_id": row["member_id"]})
            tx.insert("meeting_attendance", {**row, "meeting_id": rid})
        if data.get("snapshot"):  # taken by the saving device, no later than it reached here
            tx.execute(
                "UPDATE meetings SET snapshot_on = coalesce(snapshot_on, ?), "
                "snapshot_basis = coalesce(snapshot_basis, 'saved') WHERE id = ?",
                (today, rid),
            )
    for key, table in (("guests", "meeting_guests"), ("resolutions", "resolutions")):
        if key in mine or not isinstance(data.get(key), list):
            continue
        cols = set(_columns(tx, table))
        tx.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (rid,))
        for pos, item in enumerate(data[key], 1):
            row = {k: _cell(v) for k, v in item.items() if k in cols}
            row.setdefault("position", pos)
            tx.insert(table, {**row, "meeting_id": rid})


def _index_member(tx: Store, member_id: str) -> None:
    from ztclient.services.members import MemberService  # the roster's search line, one copy

    row = tx.read_one("SELECT * FROM members WHERE id = ?", (member_id,))
    if row is not None:
        MemberService._index(tx, member_id, row)


class RecordClash(DomainError):
    """One record of a fact of several (a payment of a collection) that cannot go in:
    ``record_id`` names it, so its 待核对 row is about that record, not the whole fact."""

    def __init__(self, code: str, field: str | None, record_id: str, **params: Any) -> None:
        super().__init__(code, field, **params)
        self.record_id = record_id


def _one_base_a_year(tx: Store, rid: str, values: dict[str, Any]) -> None:
    """A member has one base a year from each month (January unless it changed within the
    year): another device's base for a year and month this one has its own base for (another
    id) is not written over it — the item is kept, failed, for review. A base from a device
    before bases had a month is the year's base from January. A voided base claims no month."""
    if values.get("voided"):
        return
    have = (
        tx.read_one("SELECT member_id, year, from_month FROM dues_bases WHERE id = ?", (rid,)) or {}
    )
    member, year, start = (
        values.get("member_id", have.get("member_id")),
        values.get("year", have.get("year")),
        values.get("from_month", have.get("from_month")) or 1,
    )
    if tx.read_one(
        "SELECT 1 AS x FROM dues_bases WHERE member_id = ? AND year = ? AND from_month = ? "
        "AND id != ? AND voided = 0",
        (member, year, start, rid),
    ):
        raise DomainError(
            "E_SYNC_BASE_HERE", name=_name(tx, member), year=str(year), month=str(start)
        )


def _one_grade_a_year(tx: Store, rid: str, values: dict[str, Any]) -> None:
    """A member has one 民主评议 grade a year (appraisals_member_year): another device's grade
    of a member this one graded for the same year itself (another id: both graded offline) is
    not written over it — the item is kept, failed, for review. A voided grade claims no year."""
    if values.get("voided"):
        return
    have = tx.read_one("SELECT member_id, year FROM appraisals WHERE id = ?", (rid,)) or {}
    member, year = (
        values.get("member_id", have.get("member_id")),
        values.get("year", have.get("year")),
    )
    mine = tx.read_one(
        "SELECT grade FROM appraisals WHERE member_id = ? AND year = ? AND id != ? AND voided = 0",
        (member, year, rid),
    )
    if mine:
        raise DomainError(
            "E_SYNC_GRADE_HERE", name=_name(tx, member), year=str(year),
            theirs=_grade(tx, values.get("grade")), mine=_grade(tx, mine["grade"]),
        )  # fmt: skip


def _name(tx: Store, member_id: Any) -> str:
    return str(tx.scalar("SELECT name FROM members WHERE id = ?", (member_id,)) or member_id)


def _grade(tx: Store, code: Any) -> str:
    """An appraisal grade in words (code table appraisal_grade), the code where it has none."""
    try:
        return code_table("appraisal_grade").label(str(code)) if code else "—"
    except DomainError:  # a code this program's table does not have
        return str(code)


def merge(ctx: SyncContext, body: dict[str, Any], audit: Audit) -> Changes:
    """Fold local record ``from`` into ``into`` (the centre's record of the same thing)."""
    entity, old, new = str(body["entity"]), str(body["from"]), str(body["into"])
    known = TABLES.get(entity)
    if known is None:
        raise DomainError(NOT_KNOWN, entity=entity)
    if old == new:
        return Changes()
    table, changes = known
    with ctx.store.transaction() as tx:
        row = tx.read_one(f"SELECT * FROM {table} WHERE id = ?", (old,))
        if row is None:
            return Changes()  # folded already (a second copy of the item)
        if tx.read_one(f"SELECT 1 AS x FROM {table} WHERE id = ?", (new,)) is None:
            tx.insert(table, {**row, "id": new})  # the centre's record arrives later: ours first
        for other in tx.column("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for fk in tx.read(f"PRAGMA foreign_key_list({other})"):
                if fk["table"] != table:
                    continue
                col = fk["from"]
                # a row that would then say the same twice (attendance of both) keeps the first
                tx.execute(f"UPDATE OR IGNORE {other} SET {col} = ? WHERE {col} = ?", (new, old))
                tx.execute(f"DELETE FROM {other} WHERE {col} = ?", (old,))
        tx.execute(f"DELETE FROM {table} WHERE id = ?", (old,))
        tx.execute("UPDATE meta SET value = ? WHERE value = ?", (new, old))  # e.g. the root org
        tx.execute(  # what the 同步 page lists for review names the record that stays (a
            # row of the same op that names it already keeps its own: one row per record)
            "UPDATE OR IGNORE sync_problems SET record_id = ? WHERE entity = ? AND record_id = ?",
            (new, entity, old),
        )
        if entity == "member":
            _index_member(tx, new)
            # a row about one person's attendance names meeting/member: the person who stays
            tx.execute(
                "UPDATE OR IGNORE sync_problems SET record_id = substr(record_id, 1, "
                "length(record_id) - length(?)) || ? WHERE entity = 'attendance' "
                "AND record_id LIKE '%/' || ?",
                (old, new, old),
            )
        audit(tx, "sync.merge", f"{entity}:{old}", {"into": new, "key": body.get("key")})
    return changes
