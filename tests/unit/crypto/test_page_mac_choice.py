"""Which page MAC a new unit takes (infra/db/page_mac.py): the clearly cheaper one here."""

from __future__ import annotations

import pytest

from ztclient.infra.db import page_mac


def _timer(sha512: float, sha256: float):
    return lambda digest: {"sha512": sha512, "sha256": sha256}[digest]


@pytest.mark.parametrize(
    ("sha512", "sha256", "chosen"),
    [
        (14.0, 4.0, page_mac.SHA256),  # SHA extensions: the 2026-12 bench VM's 3.5x
        (10.0, 8.0, page_mac.SHA256),  # exactly the margin (1.25x)
        (10.0, 8.5, page_mac.SHA512),  # cheaper, but not clearly: SQLCipher's default stays
        (6.0, 9.0, page_mac.SHA512),  # a 64-bit CPU without SHA extensions
        (5.0, 5.0, page_mac.SHA512),
    ],
)
def test_sha256_only_when_clearly_cheaper(sha512, sha256, chosen):
    assert page_mac.choose(_timer(sha512, sha256)) == chosen


def test_the_measurement_times_each_digest():
    seen = []

    def seconds(digest):
        seen.append(digest)
        return page_mac._seconds(digest, rounds=2, repeat=1)

    assert page_mac.choose(seconds) in page_mac.ACCEPTED
    assert sorted(seen) == ["sha256", "sha512"]
    assert page_mac._seconds("sha512", rounds=4, repeat=2) > 0


def test_sqlcipher_s_default_is_tried_first():
    """Every unit made before the choice existed is HMAC-SHA512: it opens at the first try."""
    assert page_mac.ACCEPTED[0] == page_mac.SHA512 and set(page_mac.ACCEPTED) == {
        page_mac.SHA512,
        page_mac.SHA256,
    }
