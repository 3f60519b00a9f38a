"""通知回执: notices from the centre are answered — a read receipt when the clerk opens one, and
a short feedback if they write one. Both are ``notice_reply`` ops (one record per notice, created
on first reading, updated by a feedback), so they go up with the next bundle like any edit, and
ztcentral's status shows which unit has read what."""

from __future__ import annotations

import json
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store
from ztclient.services.versioned import update_versioned

FEEDBACK_MAX = 500  # a short answer ("已传达", "本支部已组织学习"), not a report
CHANGES = Changes(notices=True, sync=True)


class NoticeService:
    def __init__(self, store: Store, journal: Journal, clock: Clock) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock

    def _notice(self, item_id: str) -> dict[str, Any]:
        row = self.store.read_one(
            "SELECT * FROM sync_down_items WHERE item_id = ? AND type = 'notice'", (item_id or "",)
        )
        if row is None:
            raise DomainError("E_NOT_FOUND", "item_id", what="notice", id=str(item_id))
        return row

    def _write(self, item_id: str, feedback: str | None) -> Changes:
        self._notice(item_id)
        old = self.store.read_one("SELECT * FROM notice_replies WHERE item_id = ?", (item_id,))
        now = self.journal.timestamp()
        with self.store.transaction() as tx:
            tx.execute("UPDATE sync_down_items SET read = 1 WHERE item_id = ?", (item_id,))
            if old is None:
                data = {"item_id": item_id, "read_at": now, "feedback": feedback or ""}
                tx.insert("notice_replies", {**data, "version": 1, "updated_at": now})
                self.journal.record(
                    tx, entity="notice_reply", record_id=item_id, op="create", fields=data
                )
            elif feedback is not None and feedback != old["feedback"]:
                update_versioned(
                    tx,
                    "notice_replies",
                    {"item_id": item_id},
                    old["version"],
                    {"feedback": feedback, "updated_at": now},
                )
                self.journal.record(
                    tx,
                    entity="notice_reply",
                    record_id=item_id,
                    op="update",
                    fields={"feedback": feedback},
                    base_version=old["version"],
                )
        return CHANGES

    def read(self, item_id: str) -> Changes:
        """The clerk opened the notice: a read receipt (once; reading again changes nothing)."""
        return self._write(item_id, None)

    def reply(self, item_id: str, feedback: str) -> Changes:
        """A short feedback on a notice (read at the same time if it was not yet)."""
        text = (feedback or "").strip()
        if not text:
            raise DomainError("E_FIELD_REQUIRED", "feedback")
        if len(text) > FEEDBACK_MAX:
            raise DomainError(
                "E_NOTICE_FEEDBACK_LONG", "feedback", length=len(text), limit=FEEDBACK_MAX
            )
        return self._write(item_id, text)

    def list(self) -> list[dict[str, Any]]:
        """Notices received, newest first, with the unit's read receipt and feedback."""
        rows = self.store.read(
            "SELECT d.item_id, d.body, d.received_at, d.read, r.read_at, r.feedback "
            "FROM sync_down_items d LEFT JOIN notice_replies r ON r.item_id = d.item_id "
            "WHERE d.type = 'notice' ORDER BY d.received_at DESC, d.item_id"
        )
        for r in rows:
            body = json.loads(r.pop("body") or "null")
            r["title"] = body.get("title") if isinstance(body, dict) else None
            r["text"] = body.get("text") or body.get("body") if isinstance(body, dict) else None
            r["read"] = bool(r["read"] or r["read_at"])
            r["feedback"] = r["feedback"] or ""
        return rows
