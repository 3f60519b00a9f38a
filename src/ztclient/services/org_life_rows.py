"""Writing the org-life registers (谈心谈话, 民主评议, 整改): one row, one outbox op, one audit
entry, in the caller's transaction. Rows carry ``version`` (field-merged by the centre against
``base_version``) and are voided with a reason, never deleted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.ids import uuid7
from ztclient.services.journal import Journal
from ztclient.services.ports import Store
from ztclient.services.versioned import update_versioned
from ztclient.services.voiding import void_row


class RowWriter:
    def __init__(self, store: Store, journal: Journal, table: str, entity: str) -> None:
        self.store = store
        self.journal = journal
        self.table = table
        self.entity = entity

    def get(self, record_id: str) -> dict[str, Any]:
        row = self.store.read_one(f"SELECT * FROM {self.table} WHERE id = ?", (record_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what=self.entity, id=record_id)
        return row

    def current(self, record_id: str, base_version: int | None) -> dict[str, Any]:
        """The row to change: refused when voided or changed since ``base_version``."""
        row = self.get(record_id)
        if row["voided"]:
            raise DomainError("E_VOIDED", id=record_id)
        if base_version is not None and row["version"] != base_version:
            raise DomainError("E_STALE_BASE", base=base_version, current=row["version"])
        return row

    def insert(self, tx: Store, data: Mapping[str, Any]) -> str:
        record_id = uuid7()
        now = self.journal.timestamp()
        tx.insert(
            self.table,
            {
                **data,
                "id": record_id,
                "voided": 0,
                "void_reason": None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            },
        )
        self.journal.record(
            tx, entity=self.entity, record_id=record_id, op="create", fields=dict(data)
        )
        return record_id

    def update(self, tx: Store, row: Mapping[str, Any], changed: Mapping[str, Any]) -> None:
        if not changed:
            return
        update_versioned(
            tx,
            self.table,
            {"id": row["id"]},
            row["version"],
            {**changed, "updated_at": self.journal.timestamp()},
        )
        self.journal.record(
            tx,
            entity=self.entity,
            record_id=row["id"],
            op="update",
            fields=dict(changed),
            base_version=row["version"],
        )

    def void(self, record_id: str, reason: str) -> None:
        with self.store.transaction() as tx:
            void_row(tx, self.journal, self.table, self.entity, record_id, reason)
