"""The audit section of an ops bundle (capability "audit1"): round trip, strict shape, and
what a reader that does not know the capability does."""

from __future__ import annotations

import secrets

import pytest
from tests.unit.sync.sync_world import make_ops

from ztprotocol import audit_section, header
from ztprotocol.audit_section import AuditSection
from ztprotocol.bundle import open_bundle
from ztprotocol.codes import BundleRejected

H = [f"{i:064x}" for i in range(1, 8)]
SECTION = AuditSection(from_seq=5, n=3, prev=H[0])


def _open(world, data):
    return open_bundle(data, key_lookup=world.lookup, central_private_key=world.central)


def test_round_trip_carries_the_section_and_the_capability(world):
    data = world.seal(1, 3, audit=SECTION, audit_head=H[3])
    hdr, ops = _open(world, data)
    assert ops == make_ops(1, 3) and hdr.caps == ("audit1",)
    assert hdr.audit == SECTION and hdr.audit_head == H[3] and SECTION.head_seq == 7


def test_a_bundle_without_the_section_has_none(world):
    hdr, _ = _open(world, world.seal())
    assert hdr.audit is None and hdr.caps == ()


def test_an_empty_stretch_ends_at_its_prev(world):
    empty = AuditSection(from_seq=8, n=0, prev=H[3])
    hdr, _ = _open(world, world.seal(audit=empty, audit_head=H[3]))
    assert hdr.audit == empty and empty.head_seq == 7
    with pytest.raises(BundleRejected):  # ... and nowhere else
        world.seal(audit=empty, audit_head=H[4])


def test_a_stretch_of_entries_cannot_end_at_the_hash_before_it(world):
    with pytest.raises(BundleRejected) as err:
        world.seal(audit=SECTION, audit_head=H[0])
    assert err.value.code == "E_BUNDLE_PAYLOAD"


def test_the_section_costs_a_few_dozen_bytes(world):
    """The size budget (DESIGN §7: ≤ 1.15 × zlib-9 of the ops + 400 bytes) leaves ~100 bytes on
    a one-edit bundle; the section must fit in it."""
    prev = secrets.token_hex(32)  # a real hash does not compress
    plain = world.seal(1, 1)
    with_section = world.seal(1, 1, audit=AuditSection(123456, 2, prev), audit_head="d" * 64)
    assert len(with_section) - len(plain) <= 96


def test_every_bit_flip_of_an_audit_bundle_is_rejected(world):
    data = world.seal(1, 1, audit=SECTION, audit_head=H[3])
    for i in range(len(data) * 8):
        flipped = bytearray(data)
        flipped[i // 8] ^= 1 << (i % 8)
        with pytest.raises(BundleRejected):
            _open(world, bytes(flipped))


def test_a_reader_that_does_not_know_audit1_refuses_the_bundle(world, monkeypatch):
    data = world.seal(audit=SECTION, audit_head=H[3])
    monkeypatch.setattr(header, "KNOWN_CAPS", frozenset())
    with pytest.raises(BundleRejected) as err:
        _open(world, data)
    assert err.value.code == "E_BUNDLE_CAPABILITY"


@pytest.mark.parametrize(
    "obj",
    [
        None,
        [],
        {"from": 5, "n": 1},
        {"from": 5, "n": 1, "prev": H[0], "x": 1},
        {"from": 0, "n": 1, "prev": H[0]},
        {"from": True, "n": 1, "prev": H[0]},
        {"from": 5, "n": -1, "prev": H[0]},
        {"from": 5, "n": False, "prev": H[0]},
        {"from": 5, "n": 1.0, "prev": H[0]},
        {"from": 2**53, "n": 1, "prev": H[0]},
        {"from": 5, "n": 1, "prev": "AB" * 32},
        {"from": 5, "n": 1, "prev": H[0][:-1]},
        {"from": 5, "n": 1, "prev": "zz" * 32},
        {"from": 5, "n": 0, "prev": H[0]},  # empty, but the header names another head
    ],
)
def test_malformed_sections_are_refused(obj):
    with pytest.raises(BundleRejected) as err:
        audit_section.decode(obj, H[1])
    assert err.value.code == "E_BUNDLE_PAYLOAD"


def test_encode_and_decode_agree():
    assert audit_section.decode(audit_section.encode(SECTION, H[3]), H[3]) == SECTION
