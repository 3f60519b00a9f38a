"""The change journal: outbox op and audit entry, written in the caller's transaction.

Every edit goes through :meth:`Journal.record`, so the outbox sequence is gap-free (the
``BEGIN IMMEDIATE`` write lock is held while ``max(seq)+1`` is read) and the audit chain is
extended in the same commit as the edit itself.

The audit chain is keyed (docs/security-model.md §7): an entry's ``hash`` is
``HMAC-SHA256(K_epoch, "ZTA2" ‖ canonical(entry) ‖ prev)`` where ``entry`` holds seq, ts,
actor, action, object, digest, epoch and op (the outbox seq it records, or null). The keys
come from the ``ChainKeys`` port (derived from the data key in infra). Entries from before
keying keep their plain links ``SHA-256("ZTA1" ‖ canonical(entry) ‖ prev)`` (epoch 0); the
first entry of each epoch (``audit.keyed``, ``audit.rekey``) commits to the head before it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ztclient.domain.ids import uuid7
from ztclient.services.ports import ChainKeys, Clock, Store
from ztprotocol.canonical import canonical  # the one encoder (RFC 8785): ops and digests

AUDIT_DOMAIN = b"ZTA1"  # epoch 0: unkeyed entries written before the keyed_audit migration
KEYED_DOMAIN = b"ZTA2"
GENESIS = "0" * 64
#: The outbox columns an op's audit digest covers (sync_state and bundle_id change later).
OP_DIGEST_COLUMNS = (
    "seq",
    "op_id",
    "entity",
    "record_id",
    "op",
    "base_version",
    "fields",
    "created_at",
)
#: actions of the entry that opens an epoch
EPOCH_ACTIONS = ("audit.keyed", "audit.rekey")


def audit_hash(entry: dict[str, Any], prev: str) -> str:
    """The link of an epoch-0 (unkeyed) entry."""
    return hashlib.sha256(AUDIT_DOMAIN + canonical(entry) + prev.encode("ascii")).hexdigest()


def keyed_message(entry: dict[str, Any], prev: str) -> bytes:
    """What the HMAC of a keyed entry covers."""
    return KEYED_DOMAIN + canonical(entry) + prev.encode("ascii")


def op_digest(op_row: dict[str, Any]) -> str:
    """SHA-256 of an outbox op's canonical content: its audit entry's ``digest``."""
    return hashlib.sha256(canonical({k: op_row[k] for k in OP_DIGEST_COLUMNS})).hexdigest()


class Journal:
    def __init__(self, clock: Clock, keys: ChainKeys, actor: str = "clerk") -> None:
        self.clock = clock
        self.keys = keys
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
        obj: str | None = None,
    ) -> int:
        """Append an outbox op and its audit entry; returns the op's sequence number. The entry
        names ``entity:record_id`` unless ``obj`` says what it is about (a 待核对 row)."""
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
        self._append(
            tx,
            ts,
            action or f"{entity}.{op}",
            obj or f"{entity}:{record_id}",
            op_digest(op_row),
            seq,
        )
        return seq

    def audit(
        self, tx: Store, action: str, obj: str, details: dict[str, Any] | None = None
    ) -> None:
        """An audit entry with no outbox op (reveals of ID numbers, full-ID exports, backups)."""
        digest = hashlib.sha256(canonical(details or {})).hexdigest()
        self._append(tx, self.timestamp(), action, obj, digest, None)

    # -- epochs --------------------------------------------------------------------------------
    def ensure_keyed(self, store: Store) -> bool:
        """Open the current key's epoch if it is not open yet; True when an entry was written.

        The first time after the keyed_audit migration this is ``audit.keyed`` (epoch 1), after a rekey
        ``audit.rekey``: an entry under the new key whose ``prev`` is the old head and whose
        digest commits to the old head, the previous epoch and the new key's id.
        """
        if self.keys.current_epoch is not None and self._last_epoch(store) == (
            self.keys.current_epoch
        ):
            return False
        with store.transaction() as tx:
            last = tx.read_one("SELECT seq, hash, epoch FROM audit ORDER BY seq DESC LIMIT 1")
            seq = (last["seq"] + 1) if last else 1
            epoch = self.keys.current_epoch
            if epoch is None:
                epoch = int(tx.scalar("SELECT coalesce(max(epoch), 0) + 1 FROM audit_keys"))
                tx.insert(
                    "audit_keys",
                    {
                        "epoch": epoch,
                        "key_id": self.keys.current_key_id,
                        "wrapped": None,
                        "since_seq": seq,
                        "created_at": self.timestamp(),
                    },
                )
                self.keys.register(epoch)
            # else: the epoch's key is registered but the chain's newest entry is from an older
            # epoch: its entries were removed. A new opening entry is written; its seq differs
            # from the epoch's since_seq, and verify reports exactly that.
            details = {
                "epoch": epoch,
                "key_id": self.keys.current_key_id,
                "prev_epoch": last["epoch"] if last else None,
                "prev_head": last["hash"] if last else GENESIS,
                "prev_seq": last["seq"] if last else 0,
            }
            action = "audit.keyed" if epoch == 1 else "audit.rekey"
            digest = hashlib.sha256(canonical(details)).hexdigest()
            self._append(tx, self.timestamp(), action, "audit", digest, None)
        return True

    @staticmethod
    def _last_epoch(store: Store) -> int | None:
        return store.scalar("SELECT epoch FROM audit ORDER BY seq DESC LIMIT 1")

    # -- anchoring -----------------------------------------------------------------------------
    @staticmethod
    def anchor(tx: Store, head: str, bundle_id: str, at: str) -> bool:
        """Keep ``head`` as the newest anchored head when it came back in a verified receipt.

        Only a head that is in the local chain and newer than the stored anchor is kept; an
        unknown head changes nothing (``verify`` then shows the older anchor). Returns whether
        the anchor moved.
        """
        row = tx.read_one("SELECT seq FROM audit WHERE hash = ?", (head,))
        if row is None:
            return False
        old = tx.read_one("SELECT seq FROM audit_anchor WHERE id = 1")
        if old is not None and old["seq"] >= row["seq"]:
            return False
        tx.execute(
            "INSERT INTO audit_anchor (id, seq, hash, bundle_id, anchored_at) "
            "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, "
            "hash = excluded.hash, bundle_id = excluded.bundle_id, "
            "anchored_at = excluded.anchored_at",
            (row["seq"], head, bundle_id, at),
        )
        return True

    # -- the chain -----------------------------------------------------------------------------
    def _append(
        self, tx: Store, ts: str, action: str, obj: str, digest: str, op_seq: int | None
    ) -> None:
        epoch = self.keys.current_epoch
        if epoch is None:  # a session always keys the chain first (Session.__init__)
            raise RuntimeError("audit chain key not registered")
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
            "epoch": epoch,
            "op": op_seq,
        }
        mac = self.keys.mac(epoch, keyed_message(entry, prev))
        assert mac is not None
        row = {k: v for k, v in entry.items() if k != "op"}
        tx.insert("audit", {**row, "op_seq": op_seq, "prev": prev, "hash": mac})


def audit_head(store: Store) -> str:
    head = store.scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
    return head or GENESIS
