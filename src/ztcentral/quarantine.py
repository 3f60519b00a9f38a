"""Reviewing quarantined bundles: retry one (e.g. its device has been enrolled since), or
dismiss it. Nothing is deleted from the blob store: a dismissed bundle stays on file."""

from __future__ import annotations

from ztcentral.service import Central, Outcome
from ztcentral.storage import event, now_iso

NOT_QUARANTINED = "E_UPLOAD_UNKNOWN"  # the retry's code for a bundle not in quarantine (now)


def retry(central: Central, sha256: str) -> Outcome:
    """Run a quarantined bundle through the bundle path again (``NOT_QUARANTINED``, nothing
    run, for one that is not in quarantine: retried or taken out since the page was shown)."""
    with central.db.tx() as tx:
        row = tx.one("SELECT code FROM quarantine WHERE sha256 = $1", (sha256,))
    if row is None:
        return Outcome("rejected", NOT_QUARANTINED)
    data = central.blobs.get(sha256)  # first: a missing or damaged file leaves the row as it was
    with central.db.tx() as tx:
        tx.run("DELETE FROM quarantine WHERE sha256 = $1", (sha256,))
        event(tx, "quarantine.retry", ref=sha256, was=row["code"])
    return central.process(data)  # back in quarantine if still unfit


def dismiss(central: Central, sha256: str) -> bool:
    with central.db.tx() as tx:
        n = tx.run("UPDATE quarantine SET reviewed = $1 WHERE sha256 = $2", (now_iso(), sha256))
        event(tx, "quarantine.dismiss", ref=sha256)
    return n > 0
