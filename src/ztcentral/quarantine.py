"""Reviewing quarantined bundles: retry one (e.g. its device has been enrolled since), or
dismiss it. Nothing is deleted from the blob store: a dismissed bundle stays on file.

Two admins may act on the same bundle from pages opened at the same time (审核, or
``ztcentral quarantine``). Each action re-checks the row in the transaction that changes it —
a retry takes only a row still open (not dismissed), a dismiss marks only an open one — so a
stale click changes nothing and says what had happened (:func:`state`): dismissed, retried
(taken out and run again), or gone without a trace here (evicted, released, never there).
"""

from __future__ import annotations

from ztcentral.db import Tx
from ztcentral.service import Central, Outcome
from ztcentral.storage import event, now_iso

NOT_QUARANTINED = "E_UPLOAD_UNKNOWN"  # the retry's code for a bundle not in quarantine (now)
#: what became of a bundle no longer open in quarantine (``Outcome.params["state"]``)
DISMISSED, RETRIED, GONE = "dismissed", "retried", "gone"


def state(tx: Tx, sha256: str) -> str:
    """``open``, ``dismissed`` (someone marked it 不予处理), ``retried`` (someone ran it again
    and it left quarantine) or ``gone`` (not here and never retried: evicted, released when its
    device enrolled, or never quarantined)."""
    row = tx.one("SELECT reviewed FROM quarantine WHERE sha256 = $1", (sha256,))
    if row is not None:
        return "open" if row["reviewed"] is None else DISMISSED
    retried = tx.scalar(
        "SELECT count(*) FROM events WHERE kind = 'quarantine.retry' AND ref = $1", (sha256,)
    )
    return RETRIED if retried else GONE


def retry(central: Central, sha256: str) -> Outcome:
    """Run a quarantined bundle through the bundle path again. One not open in quarantine
    (dismissed, retried or taken out since the page was shown) is not run: ``NOT_QUARANTINED``
    with ``params["state"]`` saying what became of it."""
    with central.db.tx() as tx:
        now = state(tx, sha256)
    if now != "open":
        return Outcome("rejected", NOT_QUARANTINED, params={"state": now})
    data = central.blobs.get(sha256)  # first: a missing or damaged file leaves the row as it was
    with central.db.tx() as tx:  # the re-check: only a row still open, whoever acted meanwhile
        taken = tx.one(
            "SELECT code FROM quarantine WHERE sha256 = $1 AND reviewed IS NULL", (sha256,)
        )
        n = tx.run("DELETE FROM quarantine WHERE sha256 = $1 AND reviewed IS NULL", (sha256,))
        if n == 0 or taken is None:
            return Outcome("rejected", NOT_QUARANTINED, params={"state": state(tx, sha256)})
        event(tx, "quarantine.retry", ref=sha256, was=taken["code"])
    return central.process(data)  # back in quarantine if still unfit


def dismiss(central: Central, sha256: str) -> tuple[bool, str]:
    """Mark an open quarantined bundle 不予处理: ``(True, "dismissed")``; otherwise nothing is
    written: ``(False, what had become of it)`` (:func:`state`)."""
    with central.db.tx() as tx:
        n = tx.run(
            "UPDATE quarantine SET reviewed = $1 WHERE sha256 = $2 AND reviewed IS NULL",
            (now_iso(), sha256),
        )
        if n == 0:
            return False, state(tx, sha256)
        event(tx, "quarantine.dismiss", ref=sha256)
    return True, DISMISSED
