"""The change journal: outbox op and audit entry, written in the caller's transaction.

Every edit goes through :meth:`Journal.record`, so the outbox sequence is gap-free (the
``BEGIN IMMEDIATE`` write lock is held while ``max(seq)+1`` is read) and the audit chain is
extended in the same commit as the edit itself.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ztclient.domain.ids import uuid7
from ztclient.services.ports import Clock, Store
from ztprotocol.canonical import canonical  # the one encoder (RFC 8785): ops and digests

AUDIT_DOMAIN = b"ZTA1"
GENESIS = "0" * 64


def audit_hash(entry: dict[str, Any], prev: str) -> str:
    return hashlib.sha256(AUDIT_DOMAIN + canonical(entry) + prev.encode("ascii")).hexdigest()


class Journal:
    def __init__(self, clock: Clock, actor: str = "clerk") -> None:
        self.clock = clock
        self.actor = actor

    def timestamp(self) -> str:
        """Now, as the journal writes it (UTC, microseconds): for created_at and updated_at too."""
        return self.clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def record(
        self,
        tx: Store,
        *,
        entity: str,
        record_id: str,
        op: str,
        fields: dict[str, Any],
        base_version: int | None = None,
        action: str | None = None,
    ) -> int:
        """Append an outbox op and its audit entry; returns the op's sequence number."""
        ts = self.timestamp()
        seq = int(tx.scalar("SELECT coalesce(max(seq), 0) + 1 FROM outbox"))
        op_row = {
            "seq": seq,
            "op_id": uuid7(),
            "entity": entity,
            "record_id": record_id,
            "op": op,
            "base_version": base_version,
            "fields": canonical(fields).decode("utf-8"),
            "created_at": ts,
            "sync_state": "pending",
            "bundle_id": None,
        }
        tx.insert("outbox", op_row)
        digest = hashlib.sha256(
            canonical({k: op_row[k] for k in op_row if k not in ("sync_state", "bundle_id")})
        ).hexdigest()
        self._append_audit(tx, ts, action or f"{entity}.{op}", f"{entity}:{record_id}", digest)
        return seq

    def audit(
        self, tx: Store, action: str, obj: str, details: dict[str, Any] | None = None
    ) -> None:
        """An audit entry with no outbox op (reveals of ID numbers, full-ID exports, backups)."""
        digest = hashlib.sha256(canonical(details or {})).hexdigest()
        self._append_audit(tx, self.timestamp(), action, obj, digest)

    def _append_audit(self, tx: Store, ts: str, action: str, obj: str, digest: str) -> None:
        last = tx.read_one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        seq = (last["seq"] + 1) if last else 1
        prev = last["hash"] if last else GENESIS
        entry = {
            "seq": seq,
            "ts": ts,
            "actor": self.actor,
            "action": action,
            "object": obj,
            "digest": digest,
        }
        tx.insert("audit", {**entry, "prev": prev, "hash": audit_hash(entry, prev)})


def verify_audit_chain(store: Store) -> list[str]:
    """Recompute the chain; returns problems (empty when intact)."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    for row in store.read(
        "SELECT seq, ts, actor, action, object, digest, prev, hash FROM audit ORDER BY seq"
    ):
        if row["seq"] != expected_seq:
            problems.append(f"audit: expected seq {expected_seq}, found {row['seq']}")
            expected_seq = row["seq"]
        if row["prev"] != prev:
            problems.append(f"audit {row['seq']}: prev does not match the previous hash")
        entry = {k: row[k] for k in ("seq", "ts", "actor", "action", "object", "digest")}
        if audit_hash(entry, row["prev"]) != row["hash"]:
            problems.append(f"audit {row['seq']}: hash mismatch")
        prev = row["hash"]
        expected_seq += 1
    return problems


def verify_outbox(store: Store) -> list[str]:
    """The outbox sequence must be 1..N without gaps."""
    row = store.read_one(
        "SELECT count(*) AS n, coalesce(min(seq), 1) AS lo, coalesce(max(seq), 0) AS hi FROM outbox"
    )
    assert row is not None
    if row["n"] and (row["lo"] != 1 or row["hi"] != row["n"]):
        return [f"outbox: {row['n']} ops but seq runs {row['lo']}..{row['hi']}"]
    return []


def audit_head(store: Store) -> str:
    head = store.scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
    return head or GENESIS
