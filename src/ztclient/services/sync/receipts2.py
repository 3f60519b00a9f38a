"""Compact receipts (DZR2) taken in: ranges promote ops, exceptions become problem rows.

A part is verified (a central signing key of the trust file, this bundle's hash, this device,
this seq range, watermark not older than seen) before anything changes; then, in one
transaction, the outbox rows in its clean ranges (and its duplicates and conflicts) that are
still ``in_flight`` become ``synced``, a refused op becomes ``rejected`` with a problem row, a
conflict gets a problem row per field (its values arrive separately, encrypted in the
downlink, one item per record: down_items.py ``conflict`` makes each record a row of its own).
The parts are kept with the bundle; when all of them are in, the bundle is ``acknowledged``. A bundle re-sealed smaller (``superseded``) may still be
answered: its receipt promotes the same ops, which kept their ids and sequence numbers.
"""

from __future__ import annotations

import struct
from typing import Any

from ztclient.services.journal import Journal
from ztclient.services.ports import Store
from ztclient.services.sync.context import SyncContext, dumps
from ztclient.services.sync.ports import ReceiptPartInfo
from ztclient.services.sync.receipts import review_refused
from ztclient.services.sync.report import ReceiptSummary

_LEN = struct.Struct(">I")


def split_parts(blob: bytes | None) -> list[bytes]:
    """The parts kept for a bundle (u32 length ‖ part, repeated); a DZR1 receipt kept by an
    older version is one 'part' that is not DZR2 and counts as the whole answer."""
    if not blob:
        return []
    blob = bytes(blob)
    if not blob.startswith(b"\0"):
        return [blob]
    out, at = [], 0
    while at + 4 <= len(blob):
        (n,) = _LEN.unpack_from(blob, at)
        out.append(blob[at + 4 : at + 4 + n])
        at += 4 + n
    return out


def join_parts(parts: list[bytes]) -> bytes:
    return b"".join(_LEN.pack(len(p)) + p for p in parts)


class CompactReceipts:
    def __init__(self, ctx: SyncContext) -> None:
        self.ctx = ctx

    def wanted(self, bundle: dict[str, Any]) -> list[Any]:
        """The hello's entry for a bundle awaiting its answer: [hash, from, to, next part]."""
        have = [p for p in split_parts(bundle["receipt"]) if p.startswith(b"DZR2")]
        return [bundle["hash"], bundle["seq_from"], bundle["seq_to"], len(have) + 1]

    def take_part(self, data: bytes) -> ReceiptSummary | None:
        """Verify one part for a bundle of ours and apply it; None if it names no bundle of
        ours. Raises the part's code when verification fails (nothing is marked then)."""
        c = self.ctx
        sha = c.crypto.receipt_part_bundle(data)
        bundle = (
            c.store.read_one("SELECT * FROM sync_bundles WHERE hash = ?", (sha,)) if sha else None
        )
        if bundle is None:
            return None
        enr = c.enrolment()
        part = c.crypto.verify_receipt_part(
            data,
            trust=enr["trust"],
            bundle_hash=bundle["hash"],
            device=c.device_id(),
            seq_from=bundle["seq_from"],
            seq_to=bundle["seq_to"],
            min_watermark=min(int(enr["high_watermark"]), bundle["seq_from"] - 1),
        )
        return self._apply(bundle, part)

    def _apply(self, bundle: dict[str, Any], part: ReceiptPartInfo) -> ReceiptSummary:
        c = self.ctx
        now = c.now()
        if part.status != "applied":
            if bundle["state"] in ("acknowledged", "superseded"):
                return ReceiptSummary(bundle["bundle_id"], "applied")  # never step back
            state = "held" if part.status == "held" else "refused"
            with c.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_bundles SET state = ?, code = ? WHERE bundle_id = ?",
                    (state, part.code, bundle["bundle_id"]),
                )
                c.log(tx, "receipt", part.code, bundle_id=bundle["bundle_id"], status=part.status)
            return ReceiptSummary(bundle["bundle_id"], part.status, part.code)
        kept = [p for p in split_parts(bundle["receipt"]) if p.startswith(b"DZR2")]
        synced = conflicts = rejected = 0
        with c.store.transaction() as tx:
            for a, b in part.ok:
                synced += self._promote(tx, a, b, "synced")
            for seq, status, code, params in part.exceptions:
                if status == "rejected":
                    rejected += self._promote(tx, seq, seq, "rejected")
                    if not review_refused(c, tx, self._op_id(tx, seq), code, params):
                        self._problem(tx, bundle, seq, "rejected", code, params, now)
                    continue
                synced += self._promote(tx, seq, seq, "synced")
                if status == "conflict":
                    conflicts += 1
                    self._problem(tx, bundle, seq, "conflict", code, params, now)
            if part.raw not in kept:
                kept.append(part.raw)
            complete = len(kept) >= part.parts
            state = bundle["state"]
            if complete and state != "superseded":
                state = "acknowledged"
            tx.execute(
                "UPDATE sync_bundles SET state = ?, code = NULL, receipt = ?, acked_at = ? "
                "WHERE bundle_id = ?",
                (state, join_parts(kept), now, bundle["bundle_id"]),
            )
            tx.execute(
                "UPDATE sync_enrolment SET high_watermark = max(high_watermark, ?), "
                "last_sync_at = ? WHERE id = 1",
                (part.watermark, now),
            )
            if part.audit_head:  # the centre anchored this head (verify checks against it)
                Journal.anchor(tx, part.audit_head, bundle["bundle_id"], now)
            c.log(
                tx,
                "receipt",
                None,
                bundle_id=bundle["bundle_id"],
                part=part.part,
                parts=part.parts,
                watermark=part.watermark,
            )
        return ReceiptSummary(bundle["bundle_id"], "applied", None, synced, conflicts, rejected)

    @staticmethod
    def _promote(tx: Store, a: int, b: int, to: str) -> int:
        """Ops a..b still in flight (whichever bundle carries them now: a re-sealed op keeps its
        id and sequence number) take their outcome."""
        return tx.execute(
            "UPDATE outbox SET sync_state = ? WHERE coalesce(wire_seq, seq) BETWEEN ? AND ? "
            "AND sync_state = 'in_flight'",
            (to, a, b),
        )

    @staticmethod
    def _op_id(tx: Store, seq: int) -> str | None:
        return tx.scalar(
            "SELECT op_id FROM outbox WHERE coalesce(wire_seq, seq) = ? ORDER BY seq DESC LIMIT 1",
            (seq,),
        )

    def _problem(
        self,
        tx: Store,
        bundle: dict[str, Any],
        seq: int,
        kind: str,
        code: str | None,
        params: dict[str, Any],
        now: str,
    ) -> None:
        op = (
            tx.read_one(
                "SELECT op_id, entity, record_id FROM outbox WHERE coalesce(wire_seq, seq) = ? "
                "ORDER BY seq DESC LIMIT 1",
                (seq,),
            )
            or {}
        )
        fields = params.get("fields") if kind == "conflict" else None
        op_id = op.get("op_id") or f"seq:{seq}"
        for name in fields or [""]:
            # one row for the op and field, naming the op's record, until the values come
            # (down_items.conflict_values: a row per record); none when they came first
            tx.execute(
                "INSERT OR IGNORE INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
                "record_id, field, params, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM sync_problems WHERE op_id = ? AND field = ?)",
                (
                    op_id,
                    seq,
                    bundle["bundle_id"],
                    kind,
                    code or ("E_MERGE_CONFLICT" if kind == "conflict" else "E_OP_INVALID"),
                    op.get("entity"),
                    op.get("record_id"),
                    str(name),
                    dumps(params),
                    now,
                    op_id,
                    str(name),
                ),
            )

    def refused(self, bundle: dict[str, Any], code: str | None) -> None:
        """The server refused this bundle (quarantine, a broken chain): it blocks new sealing
        until the recovery path clears it (docs/sync-client.md, "Recovery")."""
        c = self.ctx
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_bundles SET state = 'refused', code = ? WHERE bundle_id = ? "
                "AND state NOT IN ('acknowledged', 'superseded')",
                (code, bundle["bundle_id"]),
            )
            c.log(tx, "refused", code, bundle_id=bundle["bundle_id"])
