"""The device's side of anchoring its audit chain at the centre (docs/security-model.md §7.4).

Each ops bundle says which stretch of the audit chain it closes: entries ``from .. head``,
the hash before the first (``prev``) and, in its header, the hash of the last (``audit_head``).
The centre checks the stretch continues the head it anchored last time and signs the new head
into its receipt, which ``Journal.anchor`` keeps and ``verify`` checks.

Where the last stretch ended is kept in ``meta`` (``audit_sealed_seq``), written in the
transaction that stores the sealed bundle. ``prev`` is always read from the chain as it is now:
if the entry there was removed or rewritten, the centre sees a ``prev`` that is not the head it
anchored (E_AUDIT_FORK), which is the point. A unit upgraded from round 1 starts
at its ``audit.keyed`` entry: the unkeyed entries before it are committed by that entry's
``prev``.
"""

from __future__ import annotations

import json
from typing import Any

from ztclient.services.journal import GENESIS
from ztclient.services.ports import Store


def _start(store: Store) -> int:
    """The seq after which entries have not been sent: the last stretch's end, else just
    before the keyed chain began."""
    sealed = store.get_meta("audit_sealed_seq")
    if sealed is not None:
        return int(sealed)
    first = store.scalar("SELECT since_seq FROM audit_keys WHERE epoch = 1")
    return int(first) - 1 if first else 0


def audit_since_sealed(store: Store) -> dict[str, Any]:
    """The stretch for the next bundle: ``from_seq``, ``n``, ``prev``, ``head``, ``head_seq``
    (and ``branch`` when it continues an earlier anchored head: see :func:`rewind`)."""
    if store.get_meta("audit_branch"):
        return {**_stretch(store), "branch": True}
    return _stretch(store)


def _stretch(store: Store) -> dict[str, Any]:
    start = _start(store)
    prev = store.scalar("SELECT hash FROM audit WHERE seq = ?", (start,)) if start else None
    prev = prev or GENESIS  # nothing before the stretch (a new chain), or that entry is gone
    last = store.read_one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    if last is None or last["seq"] <= start:
        return {"from_seq": start + 1, "n": 0, "prev": prev, "head": prev, "head_seq": start}
    return {
        "from_seq": start + 1,
        "n": last["seq"] - start,
        "prev": prev,
        "head": last["hash"],
        "head_seq": last["seq"],
    }


def audit_sealed(tx: Store, section: dict[str, Any]) -> None:
    """Remember where the stretch of a bundle just sealed ended (same transaction)."""
    tx.set_meta("audit_sealed_seq", str(section["head_seq"]))
    if section.get("branch"):
        tx.execute("DELETE FROM meta WHERE key = 'audit_branch'")


def rewind(tx: Store, anchors: list[Any]) -> int | None:
    """After a resync: the next stretch starts after the newest head the centre anchored that
    this device's chain still holds (``anchors``: the centre's ``[seq, head]`` pairs, newest
    first). When the centre anchored later heads this chain no longer has (restored from a
    backup, or a sealed stretch that never arrived), the next bundle declares a branch and the
    centre keeps the heads it rolls back on record. Returns the seq, or None when no anchored
    head matches (the next bundle is then an audit fork, as it should be)."""
    newest = max((int(seq) for seq, _head in anchors), default=0)
    for seq, head in anchors:
        seq = int(seq)
        if tx.scalar("SELECT hash FROM audit WHERE seq = ?", (seq,)) == head:
            tx.set_meta("audit_sealed_seq", str(seq))
            if seq < newest:
                tx.set_meta("audit_branch", json.dumps({"from": seq, "newest": newest}))
            return seq
    return None
