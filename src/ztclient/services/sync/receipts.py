"""Receipts (回执): the only thing that marks an outbox op synced.

A verified receipt promotes to ``synced`` only rows that are still ``in_flight`` **for that
bundle** and whose op it lists as applied/duplicate/conflict; a refused op (``E_OP_INVALID``)
becomes ``rejected`` with a problem row for review. A receipt that fails verification changes
nothing.
"""

from __future__ import annotations

from typing import Any

from ztclient.services.journal import Journal
from ztclient.services.ports import Store
from ztclient.services.sync.context import SyncContext, dumps
from ztclient.services.sync.ports import ReceiptInfo, UploadOutcome
from ztclient.services.sync.report import BundleSent, ReceiptSummary
from ztprotocol import conflict_review

PROMOTE = ("applied", "duplicate", "conflict")


def review_refused(
    c: SyncContext, tx: Store, op_id: str | None, code: str | None, params: Any
) -> bool:
    """A ``conflict_review`` op (已核对 made here) refused by the centre — an older one that
    does not know the kind says E_OP_INVALID ``entity/op``: the op stays ``rejected`` and the
    bundle is answered like any other (nothing blocks the queue), but no 待核对 row is made
    for it — the row it came from is closed here already and the clerk could do nothing about
    it; one sync_log line keeps what happened (docs/sync-client.md). True when it was one."""
    row = tx.read_one("SELECT entity, record_id FROM outbox WHERE op_id = ?", (op_id or "",))
    if row is None or row["entity"] != conflict_review.ENTITY:
        return False
    c.log(tx, "review_not_taken", code, op_id=op_id, about=row["record_id"], params=params)
    return True


class Receipts:
    def __init__(self, ctx: SyncContext) -> None:
        self.ctx = ctx

    def take(self, data: bytes) -> ReceiptSummary | None:
        """Verify a receipt for one of our bundles and apply it; None if it names no bundle of
        ours. Raises the receipt's code when verification fails (nothing is marked then)."""
        c = self.ctx
        bundle_id = c.crypto.receipt_bundle_id(data)
        bundle = (
            c.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = ?", (bundle_id,))
            if bundle_id
            else None
        )
        if bundle is None:
            return None
        enr = c.enrolment()
        rec = c.crypto.verify_receipt(
            data,
            trust=enr["trust"],
            bundle_id=bundle["bundle_id"],
            bundle_hash=bundle["hash"],
            # a receipt older than what we know of the server is stale (a replayed "held")
            min_watermark=min(int(enr["high_watermark"]), bundle["seq_from"] - 1),
        )
        return self._apply(bundle, rec)

    def _apply(self, bundle: dict[str, Any], rec: ReceiptInfo) -> ReceiptSummary:
        c = self.ctx
        now = c.now()
        if bundle["state"] == "acknowledged" and rec.status != "applied":
            return ReceiptSummary(rec.bundle_id, "applied")  # never step back
        synced = conflicts = rejected = 0
        with c.store.transaction() as tx:
            if rec.status == "applied":
                for op in rec.ops:
                    if op["s"] in PROMOTE:
                        synced += tx.execute(
                            "UPDATE outbox SET sync_state = 'synced' WHERE op_id = ? "
                            "AND bundle_id = ? AND sync_state = 'in_flight'",
                            (op["op_id"], rec.bundle_id),
                        )
                    if op["s"] == "conflict":
                        conflicts += 1
                        self._problems(tx, bundle, op, "conflict", now)
                    elif op["s"] == "rejected":
                        rejected += tx.execute(
                            "UPDATE outbox SET sync_state = 'rejected' WHERE op_id = ? "
                            "AND bundle_id = ? AND sync_state = 'in_flight'",
                            (op["op_id"], rec.bundle_id),
                        )
                        if not review_refused(c, tx, op["op_id"], op.get("code"), op.get("params")):
                            self._problems(tx, bundle, op, "rejected", now)
                tx.execute(
                    "UPDATE sync_bundles SET state = 'acknowledged', code = NULL, receipt = ?, "
                    "acked_at = ? WHERE bundle_id = ?",
                    (rec.raw, now, rec.bundle_id),
                )
                tx.execute(
                    "UPDATE sync_enrolment SET high_watermark = max(high_watermark, ?), "
                    "last_sync_at = ? WHERE id = 1",
                    (rec.watermark, now),
                )
                if rec.audit_head:  # the centre anchored this head (verify checks against it)
                    Journal.anchor(tx, rec.audit_head, rec.bundle_id, now)
            else:
                state = "held" if rec.status == "held" else "refused"
                tx.execute(
                    "UPDATE sync_bundles SET state = ?, code = ? WHERE bundle_id = ?",
                    (state, rec.code, rec.bundle_id),
                )
            c.log(
                tx,
                "receipt",
                rec.code,
                bundle_id=rec.bundle_id,
                status=rec.status,
                watermark=rec.watermark,
            )
        return ReceiptSummary(
            rec.bundle_id, rec.status, rec.code, synced, conflicts, rejected, dict(rec.counts)
        )

    def _problems(
        self, tx: Store, bundle: dict[str, Any], op: dict[str, Any], kind: str, now: str
    ) -> None:
        seq = bundle["seq_from"] + op["i"]
        params = op.get("params") or {}
        base = {
            "op_id": op["op_id"],
            "seq": seq,
            "bundle_id": bundle["bundle_id"],
            "kind": kind,
            "code": op.get("code")
            or ("E_MERGE_CONFLICT" if kind == "conflict" else "E_OP_INVALID"),
            "params": dumps(params),
            "created_at": now,
        }
        row = (
            self.ctx.store.read_one(
                "SELECT entity, record_id FROM outbox WHERE op_id = ?", (op["op_id"],)
            )
            or {}
        )
        items = params.get("conflicts") if kind == "conflict" else None
        if not items:
            items = [{"entity": row.get("entity"), "record_id": row.get("record_id"), "field": ""}]
        for c in items:
            tx.execute(
                "INSERT OR IGNORE INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
                "record_id, field, yours, theirs, params, created_at) "
                "VALUES (:op_id, :seq, :bundle_id, :kind, :code, :entity, :record_id, :field, "
                ":yours, :theirs, :params, :created_at)",
                {
                    **base,
                    "entity": c.get("entity") or row.get("entity"),
                    "record_id": c.get("record_id") or row.get("record_id"),
                    "field": c.get("field") or "",
                    "yours": dumps(c["yours"]) if "yours" in c else None,
                    "theirs": dumps(c["theirs"]) if "theirs" in c else None,
                },
            )

    def take_outcome(
        self, bundle: dict[str, Any], out: UploadOutcome
    ) -> tuple[BundleSent, list[ReceiptSummary]]:
        """The server's answer to one upload: its receipt (and those of held bundles it
        released), or a refusal that blocks the chain until someone looks."""
        c = self.ctx
        results: list[ReceiptSummary] = []
        if out.receipt is not None:
            if (r := self.take(out.receipt)) is not None:
                results.append(r)
        else:
            with c.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_bundles SET state = 'refused', code = ? WHERE bundle_id = ?",
                    (out.code, bundle["bundle_id"]),
                )
                c.log(tx, "refused", out.code, bundle_id=bundle["bundle_id"])
            results.append(ReceiptSummary(bundle["bundle_id"], out.status, out.code))
        for extra in out.also_applied:  # held bundles the upload released
            if (r := self.take(extra)) is not None:
                results.append(r)
        sent = BundleSent(
            bundle["bundle_id"],
            bundle["seq_from"],
            bundle["seq_to"],
            len(bundle["bytes"]),
            out.status,
            out.code,
        )
        return sent, results
