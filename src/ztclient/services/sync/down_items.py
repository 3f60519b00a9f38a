"""What the client does with each kind of item that comes down the line (the registry).

Each handler takes an item's body and its id, acts once (every step is idempotent: running it
again after a crash is safe) and says what it changed. To teach the client a new item type,
write a handler here and add one line to :func:`handlers`; a type with no handler is kept
verbatim and not acted on (docs/sync-client.md, "Down the line").
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.services.sync import facts_in, records_in
from ztclient.services.sync.context import SyncContext, dumps
from ztclient.services.sync.report import ReceiptSummary


@dataclass
class ItemResult:
    ref: str | None = None  # the local record the item became (a transfer-in's member)
    changes: Changes = field(default_factory=Changes)
    receipt: ReceiptSummary | None = None


Handler = Callable[[dict[str, Any], str], ItemResult]

#: types kept for the clerk to read (no action), and what their arrival changes
STORED = {"notice": Changes(notices=True), "material": Changes(notices=True)}
#: types kept for the clerk to confirm through the ordinary screens (never applied silently)
REVIEW = {"org_change"}


def handlers(
    ctx: SyncContext,
    *,
    accept_trust: Callable[[bytes], bool],
    take_receipt: Callable[[bytes], ReceiptSummary | None],
    take_part: Callable[[bytes], ReceiptSummary | None],
    transfers: Any = None,
    audit: Callable[..., None] | None = None,
) -> dict[str, Handler]:
    """type → handler, in the order kept items are acted on (trust files before receipts)."""

    def trust(body: dict[str, Any], _item_id: str) -> ItemResult:
        accept_trust(str(body.get("trust", "")).encode("utf-8"))
        return ItemResult()

    def receipt(body: dict[str, Any], _item_id: str) -> ItemResult:
        raw = base64.b64decode(str(body.get("receipt", "")), validate=True)
        return ItemResult(receipt=take_receipt(raw))

    def receipt_part(body: dict[str, Any], _item_id: str) -> ItemResult:
        raw = base64.b64decode(str(body.get("part", "")), validate=True)
        return ItemResult(receipt=take_part(raw))

    def audited(tx: Any, action: str, obj: str, details: dict[str, Any]) -> None:
        if audit is not None:
            audit(tx, action, obj, details)

    return {
        "trust": trust,
        "receipt2": receipt_part,
        "receipt": receipt,
        "conflict": lambda body, _item_id: conflict_values(ctx, body),
        # after "conflict": the committee's 已核对 closes the row that item made
        "conflict_reviewed": lambda body, _id: conflict_reviewed(ctx, body, audited),
        # the unit's other devices (records_in.py, facts_in.py): a fold first, then records, then facts
        "merge": lambda body, _id: ItemResult(changes=records_in.merge(ctx, body, audited)),
        "record": lambda body, _id: ItemResult(changes=records_in.apply_record(ctx, body, audited)),
        "fact": lambda body, item_id: ItemResult(
            changes=facts_in.apply_fact(ctx, body, audited, item_id)
        ),
        "code_table": lambda body, item_id: code_table(ctx, body, item_id),
        # 组织关系 (services/transfers.py): a letter waits for the clerk — never a roster entry by
        # itself, never matched by ID number; "transfer_in" is the 0.1 centre's name for it
        "transfer_in": lambda body, item_id: transfer(transfers, "transfer_in", body, item_id),
        "transfer_proposal": lambda body, item_id: transfer(
            transfers, "transfer_proposal", body, item_id
        ),
        "transfer_reply": lambda body, item_id: transfer(
            transfers, "transfer_reply", body, item_id
        ),
    }


def conflict_values(ctx: SyncContext, body: dict[str, Any]) -> ItemResult:
    """两边都改过: the values of a conflict, which receipts never carry (they came down
    encrypted to this device). One item per record: an op may have a conflict on several (a
    meeting's attendance, a batch of study records for members voided elsewhere), and each is
    a 待核对 row of its own. The item fills its record's row, or the row the receipt made for
    the op and field before any values came (it names the op's own record); it makes one when
    neither is there (this item came first, or another record's values took the receipt's)."""
    op_id, field = str(body["op_id"]), str(body["field"])
    op = ctx.store.read_one(
        "SELECT seq, entity, record_id, bundle_id FROM outbox WHERE op_id = ?", (op_id,)
    )
    if op is None:
        # The op is not here: the device was restored from a backup older than the edit (its
        # effect came back as the centre's record, feed.queue_own; this item from the stored
        # down bundles re-served after its backup's down sequence). The row is still the
        # clerk's to see: the item names its record (every centre since conflicts had values).
        if not body.get("entity") or not body.get("record_id"):
            raise DomainError("E_NOT_FOUND", what="op", id=op_id)
        op = {"seq": None, "entity": body["entity"], "record_id": body["record_id"],
              "bundle_id": ""}  # fmt: skip
    entity = str(body.get("entity") or op["entity"])
    record_id = str(body.get("record_id") or op["record_id"])
    # a record this device added for a member voided elsewhere (录入错误作废): its own code
    voided = field == "member_id" and body.get("theirs") == "voided"
    code = "E_MEMBER_VOIDED" if voided else "E_MERGE_CONFLICT"
    yours, theirs = dumps(body.get("yours")), dumps(body.get("theirs"))
    with ctx.store.transaction() as tx:
        row = problem_row(tx, op_id, record_id, field) or tx.read_one(
            "SELECT id FROM sync_problems WHERE op_id = ? AND field = ? AND reviewed = 0 "
            "AND yours IS NULL AND theirs IS NULL AND coalesce(record_id, '') = ? "
            "ORDER BY id LIMIT 1",
            (op_id, field, op["record_id"] or ""),
        )
        if row is not None:
            tx.execute(
                "UPDATE sync_problems SET entity = ?, record_id = ?, code = ?, yours = ?, "
                "theirs = ? WHERE id = ?",
                (entity, record_id, code, yours, theirs, row["id"]),
            )
        else:
            tx.execute(
                "INSERT INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
                "record_id, field, yours, theirs, params, created_at) VALUES (?, ?, ?, "
                "'conflict', ?, ?, ?, ?, ?, ?, '{}', ?)",
                (op_id, op["seq"], op["bundle_id"] or "", code, entity, record_id, field, yours,
                 theirs, ctx.now()),
            )  # fmt: skip
    return ItemResult(changes=Changes(sync=True))


def problem_row(tx: Any, op_id: str, record_id: str | None, field: str) -> dict[str, Any] | None:
    """The 待核对 row of one op, record and field (the list's key since migration 023; a
    refused op's unknown record is NULL, matched as '')."""
    return tx.read_one(
        "SELECT id, reviewed FROM sync_problems WHERE op_id = ? AND coalesce(record_id, '') = ? "
        "AND field = ?",
        (op_id, record_id or "", field),
    )


def conflict_reviewed(ctx: SyncContext, body: dict[str, Any], audit: Any) -> ItemResult:
    """上级已核对: the committee marked a conflict 已核对 in its console. The matching open row
    is closed with who at the committee and when, audited: the row of the conflict's op, record
    and field (a centre before the item named the record: the op's first open row of that
    field); a row this device does not have, or one its clerk already reviewed, is left as it
    is (the item is kept, no error). ``on_device``: the review was this device's own, made after
    the backup it was restored from (the centre sends them back then): it shows as 本机已核对."""
    op_id, field = str(body["op_id"]), str(body.get("field") or "")
    where = "here" if body.get("on_device") is True else "above"
    by, at = str(body.get("reviewed_by") or ""), _utc_second(body.get("reviewed_at"))
    record_id = body.get("record_id")
    with ctx.store.transaction() as tx:
        if record_id is not None:
            row = problem_row(tx, op_id, str(record_id), field) or tx.read_one(
                # the receipt's row, no values yet: it stands for the op's records
                "SELECT id, reviewed FROM sync_problems WHERE op_id = ? AND field = ? "
                "AND yours IS NULL AND theirs IS NULL AND reviewed = 0 ORDER BY id LIMIT 1",
                (op_id, field),
            )
        else:
            row = tx.read_one(
                "SELECT id, reviewed FROM sync_problems WHERE op_id = ? AND field = ? "
                "AND reviewed = 0 ORDER BY id LIMIT 1",
                (op_id, field),
            )
        if row is None or row["reviewed"]:
            return ItemResult()
        tx.execute(
            "UPDATE sync_problems SET reviewed = 1, reviewed_by = ?, reviewed_at = ?, "
            "reviewed_noted_at = ?, reviewed_where = ? WHERE id = ?",
            (by, at, ctx.now(), where, row["id"]),
        )
        details: dict[str, Any] = {"op_id": op_id, "field": field, "reviewed_by": by,
                                   "reviewed_at": at}  # fmt: skip
        if where == "here":
            details["on_device"] = True
        if record_id is not None:
            details["record_id"] = str(record_id)
        audit(tx, "sync.conflict_reviewed", f"sync_problem:{row['id']}", details)
    return ItemResult(ref=str(row["id"]), changes=Changes(sync=True))


def _utc_second(value: Any) -> str:
    """The centre's '2026-12-02T11:40:05.123456Z' as this program keeps times
    ('2026-12-02T11:40:05Z'); anything else as it came."""
    text = str(value or "")
    try:
        return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return text


def code_table(ctx: SyncContext, body: dict[str, Any], item_id: str) -> ItemResult:
    """代码表: kept in sync_code_tables (newest version wins); the built-in domain tables are
    not patched at run time."""
    name, version = str(body["table"]), int(body["version"])
    with ctx.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_code_tables (name, version, rows, item_id, received_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET version = "
            "excluded.version, rows = excluded.rows, item_id = excluded.item_id, "
            "received_at = excluded.received_at WHERE excluded.version > version",
            (name, version, dumps(body.get("rows")), item_id, ctx.now()),
        )
    return ItemResult()


def transfer(transfers: Any, kind: str, body: dict[str, Any], item_id: str) -> ItemResult:
    """A transfer letter or its answer, kept for the 组织关系 page (services/transfers.py)."""
    if transfers is None:
        raise DomainError("E_INVALID", what=kind)
    ref = transfers.receive(item_id, kind, body)
    return ItemResult(ref=ref, changes=Changes(members=True, development=True))
