"""A retry takes a bundle out of quarantine only once its file has been read: a missing or
damaged file (a partial restore of blobs/) left the quarantine row deleted and the bundle in
no list at all — half-written on failure."""

from __future__ import annotations

import pytest
from tests.integration.central.test_console_operator import _fork


def test_a_retry_whose_file_is_missing_leaves_the_bundle_in_quarantine(central, central_dir):
    from ztcentral import quarantine

    _, sha = _fork(central)
    (central_dir / "blobs" / sha[:2] / sha[2:]).unlink()
    with pytest.raises(OSError):
        quarantine.retry(central, sha)
    with central.db.tx() as tx:
        row = tx.one("SELECT code, reviewed FROM quarantine WHERE sha256 = $1", (sha,))
        retried = tx.scalar("SELECT count(*) FROM events WHERE kind = 'quarantine.retry'")
    assert row is not None and (row["code"], row["reviewed"]) == ("E_AUDIT_FORK", None)
    assert retried == 0
