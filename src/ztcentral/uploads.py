"""Uploads from a device: whole bundles, and resumable ones (announce, parts, commit).

Parts are stored in the database, not on a node's disk, so a client may continue through any
app node after a dropped link. The offset is always the server's: a part that does not start
exactly there is refused with E_UPLOAD_OFFSET and the current offset, and the client resumes.

Every upload belongs to the device whose signed request announced it (request_auth.py): only
that device can see its offset, add parts or commit it, and only bundles signed by that
device's own keys are accepted from it. What a device may hold here is bounded (limits.py):
open uploads, their announced bytes, and an upload that has not moved for a week expires.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime, timedelta

from ztcentral.limits import check_quota
from ztcentral.service import Central, Outcome
from ztcentral.storage import event, now_iso
from ztprotocol.bundle import peek_sender
from ztprotocol.codes import SyncRejected


def check_sender(central: Central, device_id: str, data: bytes) -> None:
    """A device uploads only bundles signed by its own keys (any of them, rotated included).

    Refused before anything is stored: a key nobody enrolled (E_DEVICE_UNKNOWN) or another
    device's key (E_DEVICE_KEY_MISMATCH). Bytes that are not a bundle at all go on to the
    bundle path, which refuses them with their own code and stores nothing."""
    peek = peek_sender(data)
    if peek is None:
        return
    with central.db.tx() as tx:
        owner = tx.scalar("SELECT device_id FROM device_keys WHERE kid = $1", (peek[1],))
    if owner is None:
        raise SyncRejected("E_DEVICE_UNKNOWN", kid=peek[1])
    if owner != device_id:
        raise SyncRejected("E_DEVICE_KEY_MISMATCH", kid=peek[1])


def submit(central: Central, device_id: str, data: bytes) -> Outcome:
    """``POST /v1/bundles``: a whole bundle from this device."""
    check_sender(central, device_id, data)
    with central.db.tx() as tx:
        known = tx.scalar("SELECT 1 AS x FROM bundles WHERE sha256 = $1", (_sha(data),))
        if known is None:  # a resend of a stored bundle adds nothing to what is held
            check_quota(central, tx, device_id, len(data), upload=False)
    return central.process(data)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def expire(central: Central) -> int:
    """Drop uploads that have not moved within the expiry time; returns how many."""
    hours = central.limits.upload_expiry_hours
    cutoff = (datetime.now(UTC) - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with central.db.tx() as tx:
        old = tx.all("SELECT upload_id, device_id FROM uploads WHERE touched_at < $1", (cutoff,))
        for row in old:
            tx.run("DELETE FROM upload_parts WHERE upload_id = $1", (row["upload_id"],))
            tx.run("DELETE FROM uploads WHERE upload_id = $1", (row["upload_id"],))
            event(tx, "upload.expire", device_id=row["device_id"], ref=row["upload_id"])
    return len(old)


def create(central: Central, device_id: str, size: int, sha256: str) -> dict:
    """Start (or find) this device's upload of these bytes; a finished bundle answers at once."""
    if size > central.max_bundle:
        raise SyncRejected("E_BUNDLE_TOO_LARGE", size=size, limit=central.max_bundle)
    expire(central)
    with central.db.tx() as tx:
        done = tx.one(
            "SELECT bundle_id, device_id, state, code, receipt FROM bundles WHERE sha256 = $1",
            (sha256,),
        )
        if done is not None:
            if done["device_id"] != device_id:  # never another device's receipt
                raise SyncRejected("E_DEVICE_KEY_MISMATCH")
            # already processed (its answer was lost): the outcome without resending a byte
            receipt = base64.b64encode(bytes(done["receipt"])).decode() if done["receipt"] else None
            return {
                "upload_id": None,
                "offset": size,
                "done": True,
                "duplicate": True,
                "bundle_id": done["bundle_id"],
                "status": done["state"],
                "code": done["code"],
                "receipt": receipt,
                "also_applied": [],
                "params": {},
            }
        row = tx.one(
            "SELECT upload_id FROM uploads WHERE device_id = $1 AND sha256 = $2 AND size = $3",
            (device_id, sha256, size),
        )
        if row is None:
            check_quota(central, tx, device_id, size, upload=True)
            upload_id = str(uuid.uuid4())
            tx.run(
                "INSERT INTO uploads (upload_id, size, sha256, created_at, device_id, touched_at) "
                "VALUES ($1, $2, $3, $4, $5, $4)",
                (upload_id, size, sha256, now_iso(), device_id),
            )
        else:
            upload_id = row["upload_id"]
        off = _offset(tx, upload_id)
    return {"upload_id": upload_id, "offset": off, "done": False}


def _offset(tx, upload_id: str) -> int:
    return int(
        tx.scalar(
            "SELECT coalesce(sum(length(data)), 0) AS n FROM upload_parts WHERE upload_id = $1",
            (upload_id,),
        )
        or 0
    )


def _own(tx, upload_id: str, device_id: str, lock: str = "") -> dict:
    row = tx.one(
        "SELECT size, sha256 FROM uploads WHERE upload_id = $1 AND device_id = $2" + lock,
        (upload_id, device_id),
    )
    if row is None:  # unknown, expired, or another device's: the same answer
        raise SyncRejected("E_UPLOAD_UNKNOWN")
    return row


def offset(central: Central, device_id: str, upload_id: str) -> dict:
    with central.db.tx() as tx:
        row = _own(tx, upload_id, device_id)
        return {"upload_id": upload_id, "offset": _offset(tx, upload_id), "size": row["size"]}


def append(central: Central, device_id: str, upload_id: str, at: int, data: bytes) -> dict:
    with central.db.tx() as tx:
        row = _own(tx, upload_id, device_id, tx.for_update())
        off = _offset(tx, upload_id)
        if at != off or off + len(data) > row["size"]:
            raise SyncRejected("E_UPLOAD_OFFSET", offset=off)
        if data:
            tx.run(
                "INSERT INTO upload_parts (upload_id, off, data) VALUES ($1, $2, $3)",
                (upload_id, off, data),
            )
            tx.run(
                "UPDATE uploads SET touched_at = $1 WHERE upload_id = $2", (now_iso(), upload_id)
            )
        return {"upload_id": upload_id, "offset": off + len(data), "size": row["size"]}


def commit(central: Central, device_id: str, upload_id: str) -> Outcome:
    """Assemble, check the hash and the sender, run the bundle path; then drop the parts."""
    with central.db.tx() as tx:
        row = _own(tx, upload_id, device_id)
        parts = tx.all(
            "SELECT data FROM upload_parts WHERE upload_id = $1 ORDER BY off", (upload_id,)
        )
    data = b"".join(bytes(p["data"]) for p in parts)
    if len(data) != row["size"]:
        raise SyncRejected("E_UPLOAD_OFFSET", offset=len(data))
    if _sha(data) != row["sha256"]:
        with central.db.tx() as tx:  # a corrupt part can never be fixed by appending: restart
            tx.run("DELETE FROM upload_parts WHERE upload_id = $1", (upload_id,))
        raise SyncRejected("E_UPLOAD_HASH")
    try:
        check_sender(central, device_id, data)
    except SyncRejected:
        _drop(central, upload_id)
        raise
    outcome = central.process(data)
    _drop(central, upload_id)
    return outcome


def _drop(central: Central, upload_id: str) -> None:
    with central.db.tx() as tx:
        tx.run("DELETE FROM upload_parts WHERE upload_id = $1", (upload_id,))
        tx.run("DELETE FROM uploads WHERE upload_id = $1", (upload_id,))
