"""The size budget (bundle ≤ 1.15 × zlib-9 of the canonical ops + 400 B) on the smallest and a
large bundle; bench/bundle.py prints the full table."""

from __future__ import annotations

import contextlib
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.sync.sync_world import make_ops

from ztprotocol.canonical import canonical
from ztprotocol.codes import BundleRejected
from ztprotocol.header import decode_header


def test_budget(world):
    for n in (1, 2, 50, 400):
        ops = make_ops(1, n)
        z = len(zlib.compress(canonical(ops), 9))
        assert len(world.seal(1, n, items=ops)) <= 1.15 * z + 400


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400))
def test_header_decoder_only_rejects(data):
    with contextlib.suppress(BundleRejected):
        decode_header(data)
