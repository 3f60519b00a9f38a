"""The audit section of an ops bundle (capability ``audit1``): anchoring the device's audit chain.

A bundle that lists ``audit1`` in its header's caps carries, inside the encrypted payload,
where its stretch of the device's audit chain begins::

    payload = {"ops": [op, ...], "audit": {"from": 41, "n": 7, "prev": "<64 hex>"}}

The stretch is entries ``from .. from + n - 1``; ``prev`` is the hash of entry ``from - 1``;
the header's ``audit_head`` is the hash of the last entry of the stretch (``prev`` when
``n`` is 0). The centre checks that ``from`` and ``prev`` continue exactly the head it
anchored for this device last time, keeps the new head, and signs it into the receipt; a
stretch that does not continue is ``E_AUDIT_FORK``.

A device restored from a backup (or whose sealed stretch never reached the centre) continues
from an *earlier* head the centre anchored, not its newest: its section then says so with
``"branch": 1`` and ``prev`` is that earlier head. The centre accepts a declared branch only from
a head it anchored, and keeps the anchored heads it rolls back as a visible record
(``ztcentral status``): restoring a backup is allowed, trimming the trail unseen is not. An
undeclared branch stays ``E_AUDIT_FORK``.

Why not the entries or their hashes: each entry's hash is an HMAC over the entry *and the hash
before it*, under a key only the device holds, so the head already commits to every entry up
to it, and the centre could not check a single entry hash anyway. Per-entry hashes measured
+33 bytes an entry (+5.2 KB on a month's bundle, beyond the size budget) for no evidence the
anchored heads do not already give. docs/sync-protocol.md §3.5 is the normative text;
docs/security-model.md §7 the reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ztprotocol.codes import BundleRejected

CAP = "audit1"
MAX_SEQ = 2**53 - 1
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class AuditSection:
    from_seq: int
    n: int
    prev: str
    branch: bool = False  # continues an earlier anchored head (a restored device)

    @property
    def head_seq(self) -> int:
        """The seq of the last entry of the stretch (``from_seq - 1`` when it is empty)."""
        return self.from_seq + self.n - 1


def _is_hash(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _is_int(value: Any) -> bool:
    return type(value) is int  # True must not pass as 1


def encode(section: AuditSection, audit_head: str) -> dict[str, Any]:
    """The section as the payload holds it (checked: never emit what a reader refuses)."""
    obj: dict[str, Any] = {"from": section.from_seq, "n": section.n, "prev": section.prev}
    if section.branch:
        obj["branch"] = 1
    decode(obj, audit_head)
    return obj


def decode(obj: Any, audit_head: str) -> AuditSection:
    """Strictly parse a section; an empty stretch must end where it began."""

    def bad(what: str) -> BundleRejected:
        return BundleRejected("E_BUNDLE_PAYLOAD", what=f"audit {what}")

    if not isinstance(obj, dict) or set(obj) - {"branch"} != {"from", "n", "prev"}:
        raise bad("keys")
    if "branch" in obj and (not _is_int(obj["branch"]) or obj["branch"] != 1):
        raise bad("branch")
    if not _is_int(obj["from"]) or not 1 <= obj["from"] <= MAX_SEQ:
        raise bad("from")
    if not _is_int(obj["n"]) or not 0 <= obj["n"] <= MAX_SEQ - obj["from"]:
        raise bad("n")
    if not _is_hash(obj["prev"]):
        raise bad("prev")
    if obj["n"] == 0 and audit_head != obj["prev"]:
        raise bad("head")
    if obj["n"] > 0 and audit_head == obj["prev"]:
        raise bad("head")  # a stretch of entries cannot end at the hash before it
    return AuditSection(obj["from"], obj["n"], obj["prev"], "branch" in obj)
