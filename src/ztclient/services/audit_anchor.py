"""The device's side of anchoring its audit chain at the centre (docs/security-model.md §7.4).

Each ops bundle carries the audit entries written since the previous bundle was sealed, as
``(op seq, hash)`` pairs (ztprotocol.audit_section); the centre checks they continue the head
it anchored last time and signs the new head into its receipt, which ``Journal.anchor`` keeps.

Where the last section ended is kept in ``meta`` (``audit_sealed_seq``/``audit_sealed_head``),
written in the transaction that stores the sealed bundle. A unit that upgrades from round 1
starts at its ``audit.keyed`` entry: the unkeyed entries before it are committed by that
entry's ``prev``, and sending thousands of them once would buy no checkable evidence.
"""

from __future__ import annotations

from typing import Any

from ztclient.services.journal import GENESIS
from ztclient.services.ports import Store
from ztprotocol.audit_section import MAX_ENTRIES


def _start(store: Store) -> int:
    """The seq after which entries have not been sent: the last section's end, else just
    before the keyed chain began."""
    sealed = store.get_meta("audit_sealed_seq")
    if sealed is not None:
        return int(sealed)
    first = store.scalar("SELECT since_seq FROM audit_keys WHERE epoch = 1")
    return int(first) - 1 if first else 0


def audit_since_sealed(store: Store) -> dict[str, Any]:
    """The section for the next bundle: ``from_seq``, ``prev``, ``entries``, ``head``, ``head_seq``."""
    start = _start(store)
    rows = store.read(
        "SELECT seq, op_seq, prev, hash FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
        (start, MAX_ENTRIES),
    )
    if rows:
        return {
            "from_seq": rows[0]["seq"],
            "prev": rows[0]["prev"],
            "entries": [(r["op_seq"], r["hash"]) for r in rows],
            "head": rows[-1]["hash"],
            "head_seq": rows[-1]["seq"],
        }
    head = store.get_meta("audit_sealed_head") or store.scalar(
        "SELECT hash FROM audit WHERE seq = ?", (start,)
    )
    return {
        "from_seq": start + 1,
        "prev": head or GENESIS,
        "entries": [],
        "head": head or GENESIS,
        "head_seq": start,
    }


def audit_sealed(tx: Store, section: dict[str, Any]) -> None:
    """Remember where the section of a bundle just sealed ended (same transaction)."""
    tx.set_meta("audit_sealed_seq", str(section["head_seq"]))
    tx.set_meta("audit_sealed_head", section["head"])
