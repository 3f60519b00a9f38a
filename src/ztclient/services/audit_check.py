"""``verify``'s checks of the change journal: the keyed audit chain, the outbox, their link,
and the head the centre anchored.

Each check returns problems as lines that start with where they are (``audit 17: …``,
``outbox 5: …``, ``anchor: …``); an empty list means intact. What these checks can and
cannot prove is in docs/security-model.md §7: someone without the data key cannot change a
keyed entry, an op or its link unnoticed; a holder of the passphrase can rewrite what has not
been anchored yet, and only the centre's copy shows that.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from ztclient.services.journal import (
    EPOCH_ACTIONS,
    GENESIS,
    OP_DIGEST_COLUMNS,
    audit_hash,
    canonical,
    keyed_message,
    op_digest,
)
from ztclient.services.ports import ChainKeys, Store

#: at most this many lines per kind of problem (a wholesale rewrite would give thousands)
MAX_LINES = 20
_LEGACY = ("seq", "ts", "actor", "action", "object", "digest")


class _Lines(list):
    """Problem lines, capped per kind with a final count of what was left out."""

    def __init__(self) -> None:
        super().__init__()
        self._per_kind: dict[str, int] = {}

    def add(self, kind: str, line: str) -> None:
        n = self._per_kind.get(kind, 0) + 1
        self._per_kind[kind] = n
        if n <= MAX_LINES:
            self.append(line)

    def done(self) -> list[str]:
        for kind, n in self._per_kind.items():
            if n > MAX_LINES:
                self.append(f"{kind}: … {n - MAX_LINES} more of the same kind")
        return list(self)


def verify_journal(store: Store) -> list[str]:
    """The whole change journal: the keyed chain, the outbox, every op's audit entry and the
    anchored head (``verify``, and ``restore`` on the backup before it is installed)."""
    return (
        verify_audit_chain(store, store.chain_keys)
        + verify_outbox(store)
        + verify_ops_audited(store)
        + verify_anchor(store)
    )


def verify_audit_chain(store: Store, keys: ChainKeys) -> list[str]:
    """Links, MACs, epochs and their opening entries; empty when intact."""
    out = _Lines()
    key_rows = {r["epoch"]: r for r in store.read("SELECT * FROM audit_keys")}
    prev, expected, epoch_seen, prev_epoch = GENESIS, 1, 0, None
    first_seq: dict[int, int] = {}
    unknown: set[int] = set()
    for row in store.read(
        "SELECT seq, ts, actor, action, object, digest, epoch, op_seq, prev, hash "
        "FROM audit ORDER BY seq"
    ):
        seq, epoch = row["seq"], row["epoch"]
        if seq != expected:
            out.add("seq", f"audit: expected entry {expected}, found {seq} (entries removed)")
        if row["prev"] != prev:
            out.add("link", f"audit {seq}: does not link to the entry before it")
        if epoch < epoch_seen:
            out.add("epoch", f"audit {seq}: key epoch {epoch} after epoch {epoch_seen}")
        elif epoch > epoch_seen:
            first_seq[epoch] = seq
            _check_opening(out, row, key_rows.get(epoch), prev_epoch)
            epoch_seen = epoch
        if epoch == 0:
            entry = {k: row[k] for k in _LEGACY}
            if audit_hash(entry, row["prev"]) != row["hash"]:
                out.add("hash", f"audit {seq}: hash mismatch (entry changed)")
        else:
            entry = {k: row[k] for k in _LEGACY} | {"epoch": epoch, "op": row["op_seq"]}
            mac = keys.mac(epoch, keyed_message(entry, row["prev"]))
            if mac is None:
                unknown.add(epoch)
            elif not hmac.compare_digest(mac, row["hash"]):
                out.add("hash", f"audit {seq}: HMAC mismatch (entry changed or forged)")
        prev, prev_epoch, expected = row["hash"], epoch, seq + 1
    for epoch in sorted(unknown):
        out.add(
            "key", f"audit: the key of epoch {epoch} is not available; its entries are unchecked"
        )
    for epoch, row in sorted(key_rows.items()):
        if epoch not in first_seq:
            out.add("epoch", f"audit: key epoch {epoch} is registered but has no entries")
        elif first_seq[epoch] != row["since_seq"]:
            out.add(
                "epoch",
                f"audit {first_seq[epoch]}: epoch {epoch} began at entry {row['since_seq']}",
            )
    for epoch in sorted(set(first_seq) - set(key_rows) - {0}):
        out.add("epoch", f"audit: epoch {epoch} has entries but no registered key")
    return out.done()


def _check_opening(out: _Lines, row: dict[str, Any], key_row: Any, prev_epoch: int | None) -> None:
    """The first entry of an epoch must commit to the head before it and to its own key."""
    seq = row["seq"]
    if row["action"] not in EPOCH_ACTIONS:
        out.add("epoch", f"audit {seq}: epoch {row['epoch']} does not open with a key entry")
        return
    details = {
        "epoch": row["epoch"],
        "key_id": key_row["key_id"] if key_row else None,
        "prev_epoch": prev_epoch,
        "prev_head": row["prev"],
        "prev_seq": seq - 1,
    }
    if hashlib.sha256(canonical(details)).hexdigest() != row["digest"]:
        out.add("epoch", f"audit {seq}: the key entry does not commit to the head before it")


def verify_outbox(store: Store) -> list[str]:
    """The outbox sequence must be 1..N without gaps."""
    row = store.read_one(
        "SELECT count(*) AS n, coalesce(min(seq), 1) AS lo, coalesce(max(seq), 0) AS hi FROM outbox"
    )
    assert row is not None
    if row["n"] and (row["lo"] != 1 or row["hi"] != row["n"]):
        return [f"outbox: {row['n']} ops but seq runs {row['lo']}..{row['hi']}"]
    return []


def verify_ops_audited(store: Store) -> list[str]:
    """Every outbox op has its audit entry with the op's digest, and every keyed entry that
    names an op finds that op unchanged."""
    out = _Lines()
    digests: set[str] = set()
    by_op: dict[int, dict[str, Any]] = {}
    for a in store.read("SELECT seq, digest, op_seq FROM audit"):
        digests.add(a["digest"])
        if a["op_seq"] is not None:
            by_op[a["op_seq"]] = a
    seqs: set[int] = set()
    for op in store.read(f"SELECT {', '.join(OP_DIGEST_COLUMNS)} FROM outbox ORDER BY seq"):
        seqs.add(op["seq"])
        d = op_digest(op)
        entry = by_op.get(op["seq"])
        if entry is not None and entry["digest"] != d:
            out.add(
                "op", f"outbox {op['seq']}: changed after audit entry {entry['seq']} recorded it"
            )
        elif entry is None and d not in digests:
            out.add("op", f"outbox {op['seq']}: has no audit entry")
    for op_seq, entry in sorted(by_op.items()):
        if op_seq not in seqs:
            out.add("op", f"audit {entry['seq']}: records outbox op {op_seq}, which is missing")
    return out.done()


def verify_anchor(store: Store) -> list[str]:
    """The local chain must still hold, unchanged, the newest head the centre anchored."""
    anchor = store.read_one("SELECT * FROM audit_anchor WHERE id = 1")
    if anchor is None:
        return []
    row = store.read_one("SELECT hash FROM audit WHERE seq = ?", (anchor["seq"],))
    if row is None:
        last = store.scalar("SELECT coalesce(max(seq), 0) FROM audit")
        return [
            f"anchor: the centre anchored audit entry {anchor['seq']} "
            f"(bundle {anchor['bundle_id']}, {anchor['anchored_at']}), "
            f"but the local trail ends at {last}"
        ]
    if row["hash"] != anchor["hash"]:
        return [f"anchor: audit entry {anchor['seq']} differs from the head the centre anchored"]
    return []
