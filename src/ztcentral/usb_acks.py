"""USB acknowledgements (回执文件): what goes back on the stick, made fresh every time.

Every import of a bundle (new or repeated), every quarantine retry, and every enrolment request
that releases bundles held for it writes an acknowledgement made *now*, never an old one kept
from an earlier import: the receipts of the bundles concerned (DZR1 for devices of 0.1, DZR2
parts for devices of 0.2), the current trust file, and the device's pending downlink items, in
a new downlink bundle of the device.

The file carries the device's latest downlink bundles (up to :data:`KEEP`) back to back, so an
acknowledgement that replaced an earlier one on the stick still carries what that one did; the
device takes those it has not taken yet, in order, and skips the rest.
"""

from __future__ import annotations

from ztcentral import feed
from ztcentral.downlink import _answered_hash, _queue, fetch_down
from ztcentral.receipt_parts import parts_for
from ztcentral.service import Central, Outcome
from ztcentral.storage import event
from ztprotocol.bundle import bundle_hash
from ztprotocol.keys import b64

KEEP = 16


def answered(data: bytes | None, outcome: Outcome) -> list[str]:
    """The bundles an outcome answers: the one processed and those its apply released."""
    shas = [bundle_hash(data)] if data is not None else []
    shas += [_answered_hash(r) for r in outcome.also_applied if r]
    return shas


def acknowledgement(central: Central, device_id: str, shas: list[str]) -> bytes:
    """A fresh acknowledgement for these bundles of ``device_id`` (see the module docstring)."""
    with central.db.tx() as tx:
        for sha in dict.fromkeys(shas):
            v1 = tx.scalar("SELECT receipt FROM bundles WHERE sha256 = $1", (sha,))
            if v1:
                _queue(tx, device_id, "receipt", {"receipt": b64(bytes(v1))})
            for part in parts_for(central, tx, sha) or []:
                _queue(tx, device_id, "receipt2", {"part": b64(part)})
        trust = tx.scalar("SELECT value FROM meta WHERE key = 'trust'")
        _queue(tx, device_id, "trust", {"trust": trust})
        down_seq = int(tx.scalar("SELECT down_seq FROM devices WHERE device_id = $1", (device_id,)))
    feed.queue_for(central, device_id)  # what the unit's other devices changed
    fetch_down(central, device_id, down_seq)  # the new downlink bundle, with what was queued
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT sha256 FROM down_bundles WHERE device_id = $1 ORDER BY seq DESC LIMIT $2",
            (device_id, KEEP),
        )
    return b"".join(central.blobs.get(r["sha256"]) for r in reversed(rows))


def release_for_device(central: Central, device_id: str) -> list[str]:
    """Bundles that arrived before their device's enrolment request (signed by a key nobody
    knew, so quarantined as E_DEVICE_UNKNOWN) go through the bundle path now that the key is
    known, oldest first; a gap among them is held and closed as the others apply. Returns the
    bundles now answered (applied or held)."""
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT q.sha256 FROM quarantine q JOIN device_keys k ON k.kid = q.kid "
            "WHERE k.device_id = $1 AND q.code = 'E_DEVICE_UNKNOWN' AND q.reviewed IS NULL "
            "ORDER BY q.received_at",
            (device_id,),
        )
        for r in rows:
            tx.run("DELETE FROM quarantine WHERE sha256 = $1", (r["sha256"],))
            event(tx, "quarantine.release", device_id=device_id, ref=r["sha256"])
    out: list[str] = []
    for r in rows:
        data = central.blobs.get(r["sha256"])
        outcome = central.process(data)
        if outcome.status in ("applied", "held"):
            out += answered(data, outcome)
    return out
