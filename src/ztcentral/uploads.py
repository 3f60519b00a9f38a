"""Resumable uploads: announce (size, sha256), send parts at the server's offset, commit.

Parts are stored in the database, not on a node's disk, so a client may continue through any
app node after a dropped link. The offset is always the server's: a part that does not start
exactly there is refused with E_UPLOAD_OFFSET and the current offset, and the client resumes.
"""

from __future__ import annotations

import base64
import hashlib
import uuid

from ztcentral.service import Central, Outcome
from ztcentral.storage import now_iso
from ztprotocol.codes import SyncRejected


def create(central: Central, size: int, sha256: str) -> dict:
    """Start (or find) the upload for these bytes; a finished bundle answers at once."""
    if size > central.max_bundle:
        raise SyncRejected("E_BUNDLE_TOO_LARGE", size=size, limit=central.max_bundle)
    if len(sha256) != 64:
        raise SyncRejected("E_UPLOAD_HASH")
    with central.db.tx() as tx:
        done = tx.one(
            "SELECT bundle_id, state, code, receipt FROM bundles WHERE sha256 = $1", (sha256,)
        )
        if done is not None:
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
            "SELECT upload_id FROM uploads WHERE sha256 = $1 AND size = $2", (sha256, size)
        )
        if row is None:
            upload_id = str(uuid.uuid4())
            tx.run(
                "INSERT INTO uploads (upload_id, size, sha256, created_at) VALUES ($1, $2, $3, $4)",
                (upload_id, size, sha256, now_iso()),
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


def offset(central: Central, upload_id: str) -> dict:
    with central.db.tx() as tx:
        row = tx.one("SELECT size FROM uploads WHERE upload_id = $1", (upload_id,))
        if row is None:
            raise SyncRejected("E_UPLOAD_UNKNOWN")
        return {"upload_id": upload_id, "offset": _offset(tx, upload_id), "size": row["size"]}


def append(central: Central, upload_id: str, at: int, data: bytes) -> dict:
    with central.db.tx() as tx:
        row = tx.one(
            "SELECT size FROM uploads WHERE upload_id = $1" + tx.for_update(), (upload_id,)
        )
        if row is None:
            raise SyncRejected("E_UPLOAD_UNKNOWN")
        off = _offset(tx, upload_id)
        if at != off or off + len(data) > row["size"]:
            raise SyncRejected("E_UPLOAD_OFFSET", offset=off)
        if data:
            tx.run(
                "INSERT INTO upload_parts (upload_id, off, data) VALUES ($1, $2, $3)",
                (upload_id, off, data),
            )
        return {"upload_id": upload_id, "offset": off + len(data), "size": row["size"]}


def commit(central: Central, upload_id: str) -> Outcome:
    """Assemble, check the hash, run the bundle path; the parts are dropped afterwards."""
    with central.db.tx() as tx:
        row = tx.one("SELECT size, sha256 FROM uploads WHERE upload_id = $1", (upload_id,))
        if row is None:
            raise SyncRejected("E_UPLOAD_UNKNOWN")
        parts = tx.all(
            "SELECT data FROM upload_parts WHERE upload_id = $1 ORDER BY off", (upload_id,)
        )
    data = b"".join(bytes(p["data"]) for p in parts)
    if len(data) != row["size"]:
        raise SyncRejected("E_UPLOAD_OFFSET", offset=len(data))
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        with central.db.tx() as tx:  # a corrupt part can never be fixed by appending: restart
            tx.run("DELETE FROM upload_parts WHERE upload_id = $1", (upload_id,))
        raise SyncRejected("E_UPLOAD_HASH")
    outcome = central.process(data)
    with central.db.tx() as tx:
        tx.run("DELETE FROM upload_parts WHERE upload_id = $1", (upload_id,))
        tx.run("DELETE FROM uploads WHERE upload_id = $1", (upload_id,))
    return outcome
