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
    """The stretch for the next bundle: ``from_seq``, ``n``, ``prev``, ``head``, ``head_seq``."""
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
