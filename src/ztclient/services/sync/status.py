"""What the 同步 page and ``sync status`` show: enrolment, counts, problems to review, notices
and materials, the sync log. Reads only (plus the clerk's 已核对 / 已读 marks)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.sync.context import SyncContext, loads
from ztclient.services.sync.problem_names import name_problems
from ztprotocol import conflict_review

#: how long the 同步 page lists a conflict the committee closed (a judgement: long enough for a
#: clerk who syncs weekly to see it, short enough that the list does not grow for ever)
CLOSED_ABOVE_DAYS = 30


class SyncStatus:
    def __init__(
        self,
        ctx: SyncContext,
        *,
        audit: Callable[..., None] | None = None,
        record: Callable[..., int] | None = None,
        operator: Callable[[], str] = lambda: "clerk",
    ) -> None:
        self.ctx = ctx
        self.audit = audit
        self.record = record  # the journal's: an outbox op with its audit entry
        self.operator = operator  # who works this device, as its audit entries name them

    def status(self) -> dict[str, Any]:
        """Everything the 同步 screen shows."""
        c = self.ctx
        store = c.store
        enr = store.read_one("SELECT * FROM sync_enrolment WHERE id = 1")
        states = {
            r["sync_state"]: r["n"]
            for r in store.read("SELECT sync_state, count(*) AS n FROM outbox GROUP BY sync_state")
        }
        bundles = {
            r["state"]: r["n"]
            for r in store.read("SELECT state, count(*) AS n FROM sync_bundles GROUP BY state")
        }
        return {
            "enrolled": enr is not None,
            "unit": enr["unit"] if enr else c.unit(),
            "device": c.device_id(),
            "server_url": enr["server_url"] if enr else None,
            "enrolled_how": enr["how"] if enr else None,
            "trust_version": enr["trust_version"] if enr else None,
            "last_sync_at": enr["last_sync_at"] if enr else None,
            "last_sync_how": enr["last_sync_how"] if enr else None,
            "watermark": enr["high_watermark"] if enr else 0,
            "down_seq": enr["down_seq"] if enr else 0,
            "pending": states.get("pending", 0),
            "in_flight": states.get("in_flight", 0),
            "synced": states.get("synced", 0),
            "rejected": states.get("rejected", 0),
            "bundles": bundles,
            "refused_bundles": store.read(
                "SELECT bundle_id, seq_from, seq_to, state, code FROM sync_bundles "
                "WHERE state IN ('refused', 'held') ORDER BY seq_from"
            ),
            "problems": self.problems(),
            "conflicts": self.conflicts(),
            "closed_above": self.closed_above(),
            "closed_here": self.closed_here(),
            "notices": self.items("notice"),
            "materials": self.items("material"),
            "review_items": store.read(
                "SELECT item_id, type, state, code, received_at FROM sync_down_items "
                "WHERE state IN ('review', 'failed') ORDER BY received_at"
            ),
            "code_tables": store.read(
                "SELECT name, version, received_at FROM sync_code_tables ORDER BY name"
            ),
            # the error since the last sync that worked (none once one has)
            "last_error": store.read_one(
                "SELECT at, code, detail FROM sync_log WHERE kind = 'error' AND id > "
                "coalesce((SELECT max(id) FROM sync_log WHERE kind IN ('sync', 'import')), 0) "
                "ORDER BY id DESC LIMIT 1"
            ),
            "log_entries": int(store.scalar("SELECT count(*) FROM sync_log")),
        }

    def problems(self, include_reviewed: bool = False) -> list[dict[str, Any]]:
        """Per-op problems with codes (refused ops and conflicts), newest first."""
        rows = self.ctx.store.read(
            "SELECT * FROM sync_problems"
            + ("" if include_reviewed else " WHERE reviewed = 0")
            + " ORDER BY id DESC"
        )
        return name_problems(self.ctx.store, _parsed(rows))

    def conflicts(self) -> list[dict[str, Any]]:
        return [p for p in self.problems() if p["kind"] == "conflict"]

    def closed_above(self, days: int = CLOSED_ABOVE_DAYS) -> list[dict[str, Any]]:
        """Conflicts the committee marked 已核对 (a ``conflict_reviewed`` item) that this device
        learnt of in the last ``days`` days, newest first: the 同步 page says so a while
        (上级已核对（张三，2026-12-02 19:40）) rather than the row vanishing unexplained."""
        return self._closed("above", days)

    def closed_here(self, days: int = CLOSED_ABOVE_DAYS) -> list[dict[str, Any]]:
        """Rows the clerk marked 已核对 on this device in the last ``days`` days, newest first:
        listed as 已核对（本机，2026-12-02 19:40）, as the committee's are (the same 30 days)."""
        return self._closed("here", days)

    def _closed(self, where: str, days: int) -> list[dict[str, Any]]:
        since = (self.ctx.clock.now() - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = self.ctx.store.read(
            "SELECT * FROM sync_problems WHERE reviewed = 1 AND reviewed_where = ? "
            "AND reviewed_noted_at >= ? ORDER BY reviewed_noted_at DESC, id DESC",
            (where, since),
        )
        return name_problems(self.ctx.store, _parsed(rows))

    def problem(self, problem_id: int) -> dict[str, Any] | None:
        """One 待核对 row by its id (open or closed), named as the list names it."""
        rows = self.ctx.store.read("SELECT * FROM sync_problems WHERE id = ?", (problem_id,))
        return name_problems(self.ctx.store, _parsed(rows))[0] if rows else None

    def mark_reviewed(self, problem_id: int) -> bool:
        """已核对 on this device: the row keeps who (the operator) and when, with one audit entry
        in the same transaction, as the committee's review does (down_items.conflict_reviewed).
        A conflict the centre holds too (:func:`goes_up`) is told to it: the audit entry is
        then the one of a ``conflict_review`` op in the outbox, which the next sync carries,
        so 审核 shows it reviewed on this device. A row already closed, here or by the
        committee, is left as it is: False then (the 同步 page takes a second click quietly;
        ``sync review`` says so). E_PROBLEM_UNKNOWN for an id the list does not have."""
        now, by = self.ctx.now(), self.operator()
        with self.ctx.store.transaction() as tx:
            row = tx.read_one(
                "SELECT id, reviewed, kind, op_id, entity, record_id, field, code "
                "FROM sync_problems WHERE id = ?",
                (problem_id,),
            )
            if row is None:
                raise DomainError("E_PROBLEM_UNKNOWN", id=problem_id)
            if row["reviewed"]:
                return False
            tx.execute(
                "UPDATE sync_problems SET reviewed = 1, reviewed_by = ?, reviewed_at = ?, "
                "reviewed_noted_at = ?, reviewed_where = 'here' WHERE id = ?",
                (by, now, now, problem_id),
            )
            action, obj = "sync.problem_reviewed", f"sync_problem:{problem_id}"
            if goes_up(row) and self.record is not None:
                self.record(
                    tx,
                    entity=conflict_review.ENTITY,
                    record_id=row["op_id"],
                    op=conflict_review.OP,
                    fields=conflict_review.review_fields(
                        row["field"], by, now, row["entity"], row["record_id"]
                    ),
                    action=action,
                    obj=obj,
                )
            elif self.audit is not None:
                self.audit(
                    tx,
                    action,
                    obj,
                    {"op_id": row["op_id"], "field": row["field"], "code": row["code"]},
                )
        return True

    def items(self, kind: str) -> list[dict[str, Any]]:
        """Items of a kind, newest first; a notice is read once the unit replied to it, here or
        on another device of the unit (its ``notice_reply`` record came down)."""
        rows = self.ctx.store.read(
            "SELECT d.item_id, d.type, d.body, d.received_at, d.state, d.code, d.ref, "
            "max(d.read, r.item_id IS NOT NULL) AS read FROM sync_down_items d "
            "LEFT JOIN notice_replies r ON r.item_id = d.item_id "
            "WHERE d.type = ? ORDER BY d.received_at DESC, d.item_id",
            (kind,),
        )
        for r in rows:
            r["body"] = loads(r["body"])
        return rows

    def mark_read(self, item_id: str) -> None:
        with self.ctx.store.transaction() as tx:
            tx.execute("UPDATE sync_down_items SET read = 1 WHERE item_id = ?", (item_id,))

    def log(self, limit: int = 50) -> Iterator[dict[str, Any]]:
        for r in self.ctx.store.read("SELECT * FROM sync_log ORDER BY id DESC LIMIT ?", (limit,)):
            yield {**r, "detail": loads(r["detail"])}


def goes_up(row: dict[str, Any]) -> bool:
    """Does the centre hold this 待核对 row as a conflict of its own (so a review here goes up)?
    Only a conflict over one field of an op this device sent: its receipt or its ``conflict``
    item said so. A refused op (``rejected``), a flag this device raised itself (``review``:
    W_DUES_PAID_BEFORE_FOUNDED, W_DUES_BASE_UNDER_REDUCE) and a conflict with no field (an
    edit of a record the centre never saw, E_RECORD_UNKNOWN) are nothing the centre's 审核 lists
    as a conflict: there is nothing up there to close (docs/sync-client.md)."""
    return row["kind"] == "conflict" and bool(row["field"])


def _parsed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["params"] = loads(r["params"])
        r["yours"] = loads(r["yours"])
        r["theirs"] = loads(r["theirs"])
    return rows
