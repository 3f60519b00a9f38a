"""The audit section of an ops bundle (capability ``audit1``): anchoring the device's audit chain.

A bundle that lists ``audit1`` in its header's caps carries, inside the encrypted payload, the
device's audit entries since the previous bundle, as ``(op seq or null, hash)`` pairs::

    payload = {"ops": [op, ...], "audit": {"from": 41, "prev": "<64 hex>",
                                           "entries": [[17, "<64 hex>"], [null, "<64 hex>"]]}}

``prev`` is the hash before entry ``from``; the header's ``audit_head`` is the last entry's
hash (``prev`` when there are none). The hashes are HMACs under a key only the device holds,
so the centre cannot check them one by one; it checks what it can — that ``from``/``prev``
continue exactly the head it anchored for this device last time — keeps the hashes as its copy,
and signs the new head into the receipt. A chain that does not continue is ``E_AUDIT_FORK``.
docs/sync-protocol.md ("Audit anchoring") is the normative text; docs/security-model.md §7 the
reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ztprotocol.codes import BundleRejected

CAP = "audit1"
#: entries per bundle; a longer backlog (the first bundle of an old unit) goes over several
MAX_ENTRIES = 2000
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class AuditSection:
    from_seq: int
    prev: str
    entries: tuple[tuple[int | None, str], ...]

    @property
    def head_seq(self) -> int:
        """The seq of the last entry carried (``from_seq - 1`` when none are)."""
        return self.from_seq + len(self.entries) - 1

    @property
    def head(self) -> str:
        return self.entries[-1][1] if self.entries else self.prev

    def op_seqs(self) -> set[int]:
        return {op for op, _ in self.entries if op is not None}


def _is_hash(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _is_int(value: Any) -> bool:
    return type(value) is int  # True must not pass as 1


def encode(section: AuditSection) -> dict[str, Any]:
    """The section as the payload holds it (checked: never emit what a reader refuses)."""
    obj = {
        "from": section.from_seq,
        "prev": section.prev,
        "entries": [[op, h] for op, h in section.entries],
    }
    decode(obj, section.head)
    return obj


def decode(obj: Any, audit_head: str) -> AuditSection:
    """Strictly parse a section and check it ends at the header's ``audit_head``."""

    def bad(what: str) -> BundleRejected:
        return BundleRejected("E_BUNDLE_PAYLOAD", what=f"audit {what}")

    if not isinstance(obj, dict) or set(obj) != {"from", "prev", "entries"}:
        raise bad("keys")
    if not _is_int(obj["from"]) or obj["from"] < 1:
        raise bad("from")
    if not _is_hash(obj["prev"]):
        raise bad("prev")
    raw = obj["entries"]
    if not isinstance(raw, list) or len(raw) > MAX_ENTRIES:
        raise bad("entries")
    entries: list[tuple[int | None, str]] = []
    for e in raw:
        if (
            not isinstance(e, list)
            or len(e) != 2
            or not (e[0] is None or (_is_int(e[0]) and e[0] >= 1))
            or not _is_hash(e[1])
        ):
            raise bad("entry")
        entries.append((e[0], e[1]))
    section = AuditSection(obj["from"], obj["prev"], tuple(entries))
    if section.head != audit_head:
        raise bad("head")
    return section
