"""The central server's use cases, shared by the HTTP app and the CLI.

:meth:`Central.process` is the one path a bundle takes, whether it came by HTTP or USB:

1. byte-identical resend (same SHA-256) → the stored receipt, nothing else happens;
2. :func:`open_bundle` (signature before anything is parsed); unknown or revoked key →
   quarantine (kept, not applied);
3. in one transaction, holding the device's row lock: bundle id reuse, replay, fork, gap
   (→ backlog), chain link; then every op; the device's watermark; the signed receipt;
4. after commit, held bundles that now fit are applied, each in its own transaction.

A crash anywhere before the commit leaves no trace but a content-addressed blob; the client's
resend then applies the bundle exactly once.
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

from ztcentral import audit_anchor
from ztcentral.apply import apply_ops
from ztcentral.blobs import BlobStore
from ztcentral.db import Database, Tx
from ztcentral.keys import ServerKeys
from ztcentral.limits import Limits
from ztcentral.outcome import QUARANTINE_CODES, Outcome
from ztcentral.quarantine_cap import admit
from ztcentral.storage import event, now_iso, unit_counts
from ztprotocol.bundle import (
    DEFAULT_MAX_BUNDLE,
    GENESIS,
    Header,
    KeyInfo,
    bundle_hash,
    open_bundle,
    peek_sender,
)
from ztprotocol.codes import BundleRejected
from ztprotocol.keys import unb64
from ztprotocol.receipt import sign_receipt


class Central:
    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        keys: ServerKeys,
        *,
        max_bundle: int = DEFAULT_MAX_BUNDLE,
        limits: Limits | None = None,
    ) -> None:
        self.db, self.blobs, self.keys, self.max_bundle = db, blobs, keys, max_bundle
        self.limits = limits or Limits()
        # Fault injection for the crash test only: exit hard after N ops inside the apply
        # transaction, as a power cut or a kill -9 would.
        self._crash_after = int(os.environ.get("ZTCENTRAL_FAULT_EXIT_AFTER_OPS", "0") or 0)

    # -- keys ------------------------------------------------------------------------------
    def _key_lookup(self, tx: Tx):
        def lookup(kid: str) -> KeyInfo | None:
            row = tx.one(
                "SELECT k.pub, k.status, d.device_id, d.unit, d.status AS dstatus "
                "FROM device_keys k JOIN devices d ON d.device_id = k.device_id "
                "WHERE k.kid = $1",
                (kid,),
            )
            if row is None:
                return None
            from cryptography.hazmat.primitives.asymmetric import ed25519

            pub = ed25519.Ed25519PublicKey.from_public_bytes(unb64(row["pub"], 32))
            revoked = row["status"] == "revoked" or row["dstatus"] == "revoked"
            return KeyInfo(row["device_id"], pub, revoked=revoked, unit=row["unit"])

        return lookup

    # -- the bundle path -------------------------------------------------------------------
    def process(self, data: bytes) -> Outcome:
        sha = bundle_hash(data)
        with self.db.tx() as tx:
            known = tx.one(
                "SELECT bundle_id, device_id, state, code, receipt FROM bundles WHERE sha256 = $1",
                (sha,),
            )
            if known is not None:
                return Outcome(
                    known["state"],
                    known["code"],
                    known["receipt"],
                    duplicate=True,
                    device_id=known["device_id"],
                    bundle_id=known["bundle_id"],
                )
            if tx.one("SELECT code FROM quarantine WHERE sha256 = $1", (sha,)):
                q = tx.one("SELECT code, device_id FROM quarantine WHERE sha256 = $1", (sha,))
                return Outcome("quarantined", q["code"], duplicate=True, device_id=q["device_id"])
            try:
                header, ops = open_bundle(
                    data,
                    key_lookup=self._key_lookup(tx),
                    central_private_key=self.keys.enc_for,
                    max_bytes=self.max_bundle,
                )
            except BundleRejected as exc:
                if exc.code in QUARANTINE_CODES:
                    self._quarantine(tx, data, sha, exc.code, exc.params.get("device"))
                    return Outcome("quarantined", exc.code, params=exc.params)
                return Outcome("rejected", exc.code, params=exc.params)
        if header.kind != "ops":
            return Outcome("rejected", "E_BUNDLE_PAYLOAD", params={"what": "kind"})
        self.blobs.put(data)  # before the transaction: a crash leaves only an orphan blob
        outcome = self._apply(header, ops, data)
        if outcome.status == "applied":
            outcome.also_applied = self._drain_backlog(header.device)
        return outcome

    def _quarantine(self, tx: Tx, data: bytes, sha: str, code: str, device: str | None) -> None:
        self.blobs.put(data)
        peek = peek_sender(data)
        kid = peek[1] if peek else None
        admit(tx, self, sha=sha, kid=kid, device=device, code=code, size=len(data))  # capped
        event(tx, "bundle.quarantine", device_id=device, ref=sha, code=code)

    def _apply(self, h: Header, ops: list[dict], data: bytes) -> Outcome:
        base = Outcome("rejected", device_id=h.device, bundle_id=h.bundle_id)
        with self.db.tx() as tx:
            dev = tx.one(
                "SELECT * FROM devices WHERE device_id = $1" + tx.for_update(), (h.device,)
            )
            same_id = tx.one(
                "SELECT sha256, state, code, receipt FROM bundles WHERE bundle_id = $1",
                (h.bundle_id,),
            )
            if same_id is not None:
                if same_id["sha256"] == h.bundle_hash:  # a concurrent identical upload won
                    return Outcome(
                        same_id["state"],
                        same_id["code"],
                        same_id["receipt"],
                        True,
                        h.device,
                        h.bundle_id,
                    )
                base.code = "E_BUNDLE_ID_REUSED"
                return base
            w = dev["watermark"]
            if h.seq_from <= w:
                return self._replay_or_fork(tx, h, ops, data, base)
            if h.seq_from > w + 1:
                clash = tx.one(
                    "SELECT bundle_id FROM bundles WHERE device_id = $1 AND state = 'held' "
                    "AND seq_from <= $2 AND seq_to >= $3",
                    (h.device, h.seq_to, h.seq_from),
                )
                if clash is not None:  # two different held bundles for the same seqs
                    self._quarantine(tx, data, h.bundle_hash, "E_BUNDLE_FORK", h.device)
                    base.status, base.code = "quarantined", "E_BUNDLE_FORK"
                    return base
                receipt = self._receipt(
                    tx, h, "held", "E_BUNDLE_GAP", w, dev["last_hash"], [w + 1, h.seq_from - 1], []
                )
                tx.run(
                    "INSERT INTO bundles (bundle_id, sha256, device_id, seq_from, seq_to, state, "
                    "code, received_at, receipt) VALUES ($1, $2, $3, $4, $5, 'held', 'E_BUNDLE_GAP', "
                    "$6, $7)",
                    (
                        h.bundle_id,
                        h.bundle_hash,
                        h.device,
                        h.seq_from,
                        h.seq_to,
                        now_iso(),
                        receipt,
                    ),
                )
                event(
                    tx,
                    "backlog.hold",
                    device_id=h.device,
                    ref=h.bundle_id,
                    missing=[w + 1, h.seq_from - 1],
                )
                return Outcome(
                    "held",
                    "E_BUNDLE_GAP",
                    receipt,
                    False,
                    h.device,
                    h.bundle_id,
                    {"missing": [w + 1, h.seq_from - 1]},
                )
            if h.prev != dev["last_hash"]:
                base.code = "E_BUNDLE_REORDER"
                base.params = {"expected_prev": dev["last_hash"]}
                return base
            fork = audit_anchor.check(tx, h)
            if fork is not None:  # the device's audit trail does not continue what we anchored
                self._quarantine(tx, data, h.bundle_hash, audit_anchor.CODE, h.device)
                event(tx, "audit.fork", device_id=h.device, ref=h.bundle_id, **fork)
                base.status, base.code, base.params = "quarantined", audit_anchor.CODE, fork
                return base
            return self._apply_in_tx(tx, h, ops, dev, insert=True)

    def _apply_in_tx(
        self, tx: Tx, h: Header, ops: list[dict], dev: dict, *, insert: bool
    ) -> Outcome:
        crash = self._crash_after

        def on_op(i: int) -> None:
            if crash and i + 1 >= crash:
                os._exit(137)

        results = apply_ops(
            tx,
            unit=dev["unit"],
            device_id=h.device,
            bundle_id=h.bundle_id,
            ops=ops,
            on_op=on_op if crash else None,
        )
        tx.run(
            "UPDATE devices SET watermark = $1, last_hash = $2, audit_head = $3, last_seen = $4 "
            "WHERE device_id = $5",
            (h.seq_to, h.bundle_hash, h.audit_head, now_iso(), h.device),
        )
        audit_anchor.record(tx, h)
        receipt = self._receipt(tx, h, "applied", None, h.seq_to, h.bundle_hash, None, results)
        if insert:
            tx.run(
                "INSERT INTO bundles (bundle_id, sha256, device_id, seq_from, seq_to, state, "
                "code, received_at, applied_at, receipt) VALUES ($1, $2, $3, $4, $5, 'applied', NULL, "
                "$6, $7, $8)",
                (
                    h.bundle_id,
                    h.bundle_hash,
                    h.device,
                    h.seq_from,
                    h.seq_to,
                    now_iso(),
                    now_iso(),
                    receipt,
                ),
            )
        else:
            tx.run(
                "UPDATE bundles SET state = 'applied', code = NULL, applied_at = $1, receipt = $2 "
                "WHERE bundle_id = $3",
                (now_iso(), receipt, h.bundle_id),
            )
        return Outcome("applied", None, receipt, False, h.device, h.bundle_id)

    def _replay_or_fork(
        self, tx: Tx, h: Header, ops: list[dict], data: bytes, base: Outcome
    ) -> Outcome:
        hi = min(
            h.seq_to, tx.scalar("SELECT watermark FROM devices WHERE device_id = $1", (h.device,))
        )
        rows = tx.all(
            "SELECT seq, op_id FROM applied_ops WHERE device_id = $1 AND seq BETWEEN $2 AND $3 "
            "ORDER BY seq",
            (h.device, h.seq_from, hi),
        )
        stored = {r["seq"]: r["op_id"] for r in rows}

        def same_op(op: dict) -> bool:
            if op["seq"] in stored:
                return stored[op["seq"]] == op["op_id"]
            # an op that was a duplicate of an earlier one has no row of its own at its seq
            return (
                tx.one("SELECT 1 AS x FROM applied_ops WHERE op_id = $1", (op["op_id"],))
                is not None
            )

        same = all(same_op(op) for op in ops if op["seq"] <= hi)
        if same:
            base.code = "E_BUNDLE_REPLAY"
            base.params = {"watermark": hi}
            return base
        sha = h.bundle_hash
        self._quarantine(tx, data, sha, "E_BUNDLE_FORK", h.device)
        base.status, base.code = "quarantined", "E_BUNDLE_FORK"
        return base

    def _drain_backlog(self, device_id: str) -> list[bytes]:
        """Apply held bundles that now follow the watermark; each in its own transaction."""
        done: list[bytes] = []
        while True:
            with self.db.tx() as tx:
                dev = tx.one(
                    "SELECT * FROM devices WHERE device_id = $1" + tx.for_update(), (device_id,)
                )
                row = tx.one(
                    "SELECT bundle_id, sha256 FROM bundles WHERE device_id = $1 AND "
                    "state = 'held' AND seq_from = $2",
                    (device_id, dev["watermark"] + 1),
                )
                if row is None:
                    return done
                data = self.blobs.get(row["sha256"])
                h, ops = open_bundle(
                    data,
                    key_lookup=self._key_lookup(tx),
                    central_private_key=self.keys.enc_for,
                    max_bytes=self.max_bundle,
                )
                if h.prev != dev["last_hash"]:
                    tx.run(
                        "UPDATE bundles SET state = 'rejected', code = 'E_BUNDLE_REORDER' "
                        "WHERE bundle_id = $1",
                        (h.bundle_id,),
                    )
                    event(tx, "backlog.reject", device_id=device_id, ref=h.bundle_id)
                    return done
                fork = audit_anchor.check(tx, h)
                if fork is not None:  # held, and now found not to continue the audit trail
                    tx.run("DELETE FROM bundles WHERE bundle_id = $1", (h.bundle_id,))
                    self._quarantine(tx, data, h.bundle_hash, audit_anchor.CODE, device_id)
                    event(tx, "audit.fork", device_id=device_id, ref=h.bundle_id, **fork)
                    return done
                out = self._apply_in_tx(tx, h, ops, dev, insert=False)
                event(tx, "backlog.reprocess", device_id=device_id, ref=h.bundle_id)
                done.append(out.receipt or b"")

    def _receipt(
        self,
        tx: Tx,
        h: Header,
        status: str,
        code: str | None,
        watermark: int,
        last_hash: str,
        missing: list[int] | None,
        ops: list[dict],
    ) -> bytes:
        unit = tx.scalar("SELECT unit FROM devices WHERE device_id = $1", (h.device,))
        body = {
            "bundle_id": h.bundle_id,
            "bundle_hash": h.bundle_hash,
            "device": h.device,
            "unit": unit,
            "seq_from": h.seq_from,
            "seq_to": h.seq_to,
            "status": status,
            "code": code,
            "watermark": watermark,
            "last_hash": last_hash,
            "missing": missing,
            "received_at": now_iso(),
            "audit_head": h.audit_head,
            "ops": ops,
            "counts": unit_counts(tx, unit),
        }
        return sign_receipt(body, self.keys.sign)

    # -- queries ---------------------------------------------------------------------------
    def handshake(self, device_id: str | None) -> dict[str, Any]:
        from ztcentral.handshake import handshake

        return handshake(self, device_id)

    def receipt_for(self, bundle_id: str) -> bytes | None:
        with self.db.tx() as tx:
            return tx.scalar("SELECT receipt FROM bundles WHERE bundle_id = $1", (bundle_id,))

    def revoke(self, device_id: str) -> bool:
        with self.db.tx() as tx:
            n = tx.run("UPDATE devices SET status = 'revoked' WHERE device_id = $1", (device_id,))
            tx.run("UPDATE device_keys SET status = 'revoked' WHERE device_id = $1", (device_id,))
            event(tx, "device.revoke", device_id=device_id)
        return n > 0

    def new_item_id(self) -> str:
        return str(uuid.uuid4())

    def add_down_item(self, unit: str, type_: str, body: Any, device_id: str | None = None) -> str:
        """Queue a notice, study material, code table, org change, transfer-in or trust file."""
        item_id = self.new_item_id()
        with self.db.tx() as tx:
            tx.run(
                "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                (item_id, unit, device_id, type_, json.dumps(body, ensure_ascii=False), now_iso()),
            )
        return item_id


GENESIS_HASH = GENESIS
