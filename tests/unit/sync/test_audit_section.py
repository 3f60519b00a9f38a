"""The audit section of an ops bundle (capability "audit1"): round trip, strict shape, and
what a reader that does not know the capability does."""

from __future__ import annotations

import pytest
from tests.unit.sync.sync_world import make_ops

from ztprotocol import audit_section, header
from ztprotocol.audit_section import AuditSection
from ztprotocol.bundle import open_bundle
from ztprotocol.codes import BundleRejected

H = [f"{i:064x}" for i in range(1, 8)]
SECTION = AuditSection(from_seq=5, prev=H[0], entries=((1, H[1]), (None, H[2]), (2, H[3])))


def _open(world, data):
    return open_bundle(data, key_lookup=world.lookup, central_private_key=world.central)


def test_round_trip_carries_the_section_and_the_capability(world):
    data = world.seal(1, 3, audit=SECTION, audit_head=SECTION.head)
    hdr, ops = _open(world, data)
    assert ops == make_ops(1, 3) and hdr.caps == ("audit1",)
    assert hdr.audit == SECTION and hdr.audit_head == H[3]
    assert (SECTION.head_seq, SECTION.op_seqs()) == (7, {1, 2})


def test_a_bundle_without_the_section_has_none(world):
    hdr, _ = _open(world, world.seal())
    assert hdr.audit is None and hdr.caps == ()


def test_an_empty_section_ends_at_its_prev(world):
    empty = AuditSection(from_seq=8, prev=H[3], entries=())
    hdr, _ = _open(world, world.seal(audit=empty, audit_head=H[3]))
    assert hdr.audit == empty and empty.head_seq == 7


def test_sealing_refuses_a_head_that_is_not_the_sections(world):
    with pytest.raises(BundleRejected) as err:
        world.seal(audit=SECTION, audit_head=H[0])
    assert err.value.code == "E_BUNDLE_PAYLOAD"


def test_every_bit_flip_of_an_audit_bundle_is_rejected(world):
    data = world.seal(1, 1, audit=SECTION, audit_head=SECTION.head)
    for i in range(0, len(data) * 8, 3):
        flipped = bytearray(data)
        flipped[i // 8] ^= 1 << (i % 8)
        with pytest.raises(BundleRejected):
            _open(world, bytes(flipped))


def test_a_reader_that_does_not_know_audit1_refuses_the_bundle(world, monkeypatch):
    data = world.seal(audit=SECTION, audit_head=SECTION.head)
    monkeypatch.setattr(header, "KNOWN_CAPS", frozenset())
    with pytest.raises(BundleRejected) as err:
        _open(world, data)
    assert err.value.code == "E_BUNDLE_CAPABILITY"


@pytest.mark.parametrize(
    "obj",
    [
        None,
        [],
        {"from": 5, "prev": H[0]},
        {"from": 5, "prev": H[0], "entries": [], "x": 1},
        {"from": 0, "prev": H[0], "entries": []},
        {"from": True, "prev": H[0], "entries": []},
        {"from": 5, "prev": H[0].upper(), "entries": []},
        {"from": 5, "prev": H[0][:-1], "entries": []},
        {"from": 5, "prev": H[0], "entries": [[1]]},
        {"from": 5, "prev": H[0], "entries": [[True, H[1]]]},
        {"from": 5, "prev": H[0], "entries": [[0, H[1]]]},
        {"from": 5, "prev": H[0], "entries": [["1", H[1]]]},
        {"from": 5, "prev": H[0], "entries": [[1, "zz" * 32]]},
        {"from": 5, "prev": H[0], "entries": [(1, H[1])]},
        {"from": 5, "prev": H[0], "entries": [[None, H[1]]] * (audit_section.MAX_ENTRIES + 1)},
    ],
)
def test_malformed_sections_are_refused(obj):
    with pytest.raises(BundleRejected) as err:
        audit_section.decode(obj, H[1])
    assert err.value.code == "E_BUNDLE_PAYLOAD"


def test_a_section_that_does_not_end_at_the_header_head_is_refused():
    with pytest.raises(BundleRejected):
        audit_section.decode(audit_section.encode(SECTION), H[2])
    assert audit_section.decode(audit_section.encode(SECTION), H[3]) == SECTION
