"""The outbox side of exactly once: sealing pending ops into bundles, and the bundles still
waiting for an answer.

* ``prepare()`` takes the oldest pending ops with ``seq`` above everything already sealed and
  above the server's watermark, seals them into one bundle, stores the bundle's bytes and marks
  the rows ``in_flight`` with its ``bundle_id`` — all in one transaction. A sealed bundle is
  resent as the same bytes until a verified receipt answers it.
* An edit made while a bundle is in flight: the journal never rewrites an op, it appends a new
  one (a new ``op_id`` and a higher ``seq``) in state ``pending``. That row is not in the sealed
  bundle, the receipt does not name it, so it stays ``pending`` and goes in the next bundle.
"""

from __future__ import annotations

import json
from typing import Any

from ztclient.services.audit_anchor import audit_sealed, audit_since_sealed
from ztclient.services.sync.context import SyncContext

#: ops per bundle when nothing is known about the link
MAX_OPS_PER_BUNDLE = 200


def op_for_wire(row: dict[str, Any], wire: int) -> dict[str, Any]:
    """An outbox row as the canonical op a bundle carries (docs/sync-protocol.md §4.2), at its
    place on the wire (``wire``: its outbox ``seq`` unless a resync moved it)."""
    return {
        "op_id": row["op_id"],
        "seq": wire,
        "entity": row["entity"],
        "record_id": row["record_id"],
        "op": row["op"],
        "base_version": row["base_version"],
        "fields": json.loads(row["fields"]),
        "at": row["created_at"],
    }


class Outbox:
    def __init__(self, ctx: SyncContext, max_ops: int = MAX_OPS_PER_BUNDLE) -> None:
        self.ctx = ctx
        self.max_ops = max_ops
        #: sealed bundle bytes to aim for (what the link has shown it can carry: link.py)
        self.max_bytes: int | None = None

    def next_wire(self) -> int:
        """The sequence number the next bundle starts at: after every bundle still standing and
        after the centre's watermark (its head, after a resync)."""
        c = self.ctx
        sealed_to = int(
            c.store.scalar(
                "SELECT coalesce(max(seq_to), 0) FROM sync_bundles WHERE state != 'superseded'"
            )
        )
        return max(sealed_to, int(c.enrolment()["high_watermark"])) + 1

    def have(self) -> int:
        """The highest sequence number of this device's own ops it surely still holds: the
        centre confirmed them (what lies beyond may have been lost to a restored backup, and
        the centre sends it back down)."""
        return int(self.ctx.enrolment()["high_watermark"])

    def prepare(self) -> dict[str, Any] | None:
        """Seal the next bundle from the pending outbox (None when nothing is pending).

        The pending ops, oldest first, take the wire sequence numbers from :meth:`next_wire`
        on: the same as their outbox ``seq`` in the ordinary course, later ones after a
        resync (their ``seq`` and the audit entry naming it never change)."""
        c = self.ctx
        enr = c.enrolment()
        start = self.next_wire()
        run = c.store.read(
            "SELECT * FROM outbox WHERE sync_state = 'pending' ORDER BY seq LIMIT ?",
            (self.max_ops,),
        )
        if not run:
            return None
        # the stretch of the audit chain since the last bundle goes with it (anchored at the
        # centre, docs/security-model.md §7.4)
        audit = audit_since_sealed(c.store)
        sealed = self._seal(enr, run, start, audit)
        while self.max_bytes and len(sealed.data) > self.max_bytes and len(run) > 1:
            # too big for what the link carries: fewer ops, in proportion (sealing is cheap)
            keep = max(1, min(len(run) - 1, len(run) * self.max_bytes // len(sealed.data)))
            run = run[:keep]
            sealed = self._seal(enr, run, start, audit)
        seq_from, seq_to = start, start + len(run) - 1
        with c.store.transaction() as tx:
            audit_sealed(tx, audit)
            tx.insert(
                "sync_bundles",
                {
                    "bundle_id": sealed.bundle_id,
                    "seq_from": seq_from,
                    "seq_to": seq_to,
                    "hash": sealed.hash,
                    "prev": enr["chain_head"],
                    "bytes": sealed.data,
                    "state": "sealed",
                    "created_at": c.now(),
                },
            )
            for wire, r in enumerate(run, start=seq_from):
                if not tx.execute(
                    "UPDATE outbox SET sync_state = 'in_flight', bundle_id = ?, wire_seq = ? "
                    "WHERE seq = ? AND sync_state = 'pending'",
                    (sealed.bundle_id, wire, r["seq"]),
                ):  # the rows moved under us: seal nothing
                    raise RuntimeError("outbox rows changed while sealing")
            tx.execute("UPDATE sync_enrolment SET chain_head = ? WHERE id = 1", (sealed.hash,))
        return {
            "bundle_id": sealed.bundle_id,
            "seq_from": seq_from,
            "seq_to": seq_to,
            "bytes": len(sealed.data),
        }

    def _seal(
        self, enr: dict[str, Any], run: list[dict[str, Any]], start: int, audit: dict[str, Any]
    ) -> Any:
        c = self.ctx
        return c.crypto.seal(
            [op_for_wire(r, wire) for wire, r in enumerate(run, start=start)],
            keys=c.keys(),
            trust=enr["trust"],
            unit=enr["unit"],
            device_id=c.device_id(),
            seq_from=start,
            seq_to=start + len(run) - 1,
            prev=enr["chain_head"],
            audit_head=audit["head"],
            audit=audit,
        )

    def prepare_all(self) -> list[dict[str, Any]]:
        out = []
        while (b := self.prepare()) is not None:
            out.append(b)
        return out

    def bundle(self, bundle_id: str) -> dict[str, Any] | None:
        return self.ctx.store.read_one(
            "SELECT * FROM sync_bundles WHERE bundle_id = ?", (bundle_id,)
        )

    def unacked(self) -> list[dict[str, Any]]:
        """Bundles sealed and not yet answered (sealed, sent, held), oldest first."""
        return self.ctx.store.read(
            "SELECT * FROM sync_bundles WHERE state IN ('sealed', 'sent', 'held') ORDER BY seq_from"
        )

    def blocked(self) -> bool:
        """A refused bundle blocks the chain: nothing new is sealed until it is resolved."""
        return (
            self.ctx.store.read_one("SELECT 1 AS x FROM sync_bundles WHERE state = 'refused'")
            is not None
        )

    def mark_sent(self, bundle_id: str, exported_to: str | None = None) -> None:
        c = self.ctx
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_bundles SET state = CASE WHEN state = 'sealed' THEN 'sent' "
                "ELSE state END, sent_at = ?, exported_to = coalesce(?, exported_to) "
                "WHERE bundle_id = ?",
                (c.now(), exported_to, bundle_id),
            )

    def refused(self) -> list[dict[str, Any]]:
        return self.ctx.store.read(
            "SELECT * FROM sync_bundles WHERE state = 'refused' ORDER BY seq_from"
        )

    def has_sealed(self) -> bool:
        """Bundles sealed and never sent (new work, or sent again after the server said it
        never received them)."""
        return (
            self.ctx.store.read_one("SELECT 1 AS x FROM sync_bundles WHERE state = 'sealed'")
            is not None
        )

    def has_work(self) -> bool:
        """Something to send in another round: a sealed bundle, or pending ops (an edit made
        while this exchange ran) that may be sealed."""
        if self.has_sealed():
            return True
        return not self.blocked() and (
            self.ctx.store.read_one("SELECT 1 AS x FROM outbox WHERE sync_state = 'pending'")
            is not None
        )

    def superseded_unanswered(self) -> list[dict[str, Any]]:
        """Bundles re-sealed smaller whose ops are still in flight: if one of them did reach the
        server after all (a USB copy, a late upload), its receipt still confirms those ops."""
        return self.ctx.store.read(
            "SELECT b.* FROM sync_bundles b WHERE b.state = 'superseded' AND EXISTS ("
            "SELECT 1 FROM outbox o WHERE o.wire_seq BETWEEN b.seq_from AND b.seq_to "
            "AND o.sync_state = 'in_flight') ORDER BY b.seq_from"
        )

    def resend_unknown(self, hashes: list[str]) -> int:
        """The server has never received these bundles: send them again. One too large for
        what the link has shown it can carry, never carried away on a USB stick, is re-sealed
        smaller together with every bundle after it (the chain is rewound to its ``prev``):
        no byte of it can be at the server, so no op is sent twice, and if a copy does turn
        up, the server recognises its ops by id (a replay, nothing applied twice). Returns how
        many bundles go again."""
        if not hashes:
            return 0
        c = self.ctx
        marks = ",".join("?" * len(hashes))
        rows = c.store.read(
            f"SELECT * FROM sync_bundles WHERE hash IN ({marks}) AND state IN ('sent', 'held') "
            "ORDER BY seq_from",
            tuple(hashes),
        )
        too_big = [
            b
            for b in rows
            if self.max_bytes and len(b["bytes"]) > self.max_bytes and not b["exported_to"]
        ]
        with c.store.transaction() as tx:
            for b in rows:
                tx.execute(
                    "UPDATE sync_bundles SET state = 'sealed' WHERE bundle_id = ?",
                    (b["bundle_id"],),
                )
            if too_big:
                first = too_big[0]
                later = tx.read(
                    "SELECT bundle_id FROM sync_bundles WHERE seq_from >= ? AND state IN "
                    "('sealed', 'sent') ORDER BY seq_from",
                    (first["seq_from"],),
                )
                ids = [r["bundle_id"] for r in later]
                marks = ",".join("?" * len(ids))
                tx.execute(
                    f"UPDATE sync_bundles SET state = 'superseded' WHERE bundle_id IN ({marks})",
                    tuple(ids),
                )
                tx.execute(
                    "UPDATE outbox SET sync_state = 'pending', bundle_id = NULL, wire_seq = NULL "
                    f"WHERE sync_state = 'in_flight' AND bundle_id IN ({marks})",
                    tuple(ids),
                )
                tx.execute(
                    "UPDATE sync_enrolment SET chain_head = ? WHERE id = 1", (first["prev"],)
                )
                c.log(tx, "reseal", None, seq_from=first["seq_from"], bundles=len(ids))
        return len(rows)
