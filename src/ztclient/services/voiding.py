"""录入错误作废 of one versioned row, the same way for every record voided in place (a post, a
谈心谈话, a 民主评议, an 整改 item, an election): the reason is required, a voided row is not
voided again, and the row, its outbox op (``ENTITY``/``void``, reason) and its audit entry are
written in the caller's transaction."""

from __future__ import annotations

from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.journal import Journal
from ztclient.services.ports import Store
from ztclient.services.versioned import update_versioned


def clean_reason(reason: Any) -> str:
    """The reason as kept (trimmed); E_FIELD_REQUIRED when there is none."""
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise DomainError("E_FIELD_REQUIRED", "reason")
    return reason


def void_row(
    tx: Store,
    journal: Journal,
    table: str,
    entity: str,
    record_id: str,
    reason: str,
    *,
    what: str | None = None,
) -> dict[str, Any]:
    """Void ``record_id`` of ``table`` inside ``tx``; returns the row as it was. ``what`` names
    the record in E_NOT_FOUND (default: the entity)."""
    reason = clean_reason(reason)
    row = tx.read_one(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
    if row is None:
        raise DomainError("E_NOT_FOUND", what=what or entity, id=record_id)
    if row["voided"]:
        raise DomainError("E_VOIDED", id=record_id)
    update_versioned(
        tx,
        table,
        {"id": record_id},
        row["version"],
        {"voided": 1, "void_reason": reason, "updated_at": journal.timestamp()},
    )
    journal.record(
        tx,
        entity=entity,
        record_id=record_id,
        op="void",
        fields={"reason": reason},
        base_version=row["version"],
    )
    return row
