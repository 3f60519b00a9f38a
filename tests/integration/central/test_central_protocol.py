"""The bundle path on a real ztcentral (SQLite and PostgreSQL): exactly once, in order, and
each misbehaviour with its own code."""

from __future__ import annotations

from tests.integration.central.zc_helpers import Device

from ztprotocol.bundle import GENESIS


def members(n0: int, n: int):
    return [
        ("member", f"m{i}", "create", {"name": f"党员{i}", "category": "full"})
        for i in range(n0, n0 + n)
    ]


def counts(central, unit="U001"):
    from ztcentral.storage import unit_counts

    with central.db.tx() as tx:
        return unit_counts(tx, unit)


def watermark(central, dev):
    return central.handshake(dev.device_id)["device"]["watermark"]


def test_in_order_apply_and_identical_resend(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    b1 = dev.seal(dev.next_ops(members(0, 3)))
    out = central.process(b1)
    assert out.status == "applied" and out.code is None
    r = dev.verify(out.receipt, b1)
    assert r.watermark == 3 and [o["s"] for o in r.ops] == ["applied"] * 3
    assert r.counts["member"] == 3
    again = central.process(b1)
    assert again.duplicate and again.receipt == out.receipt
    assert counts(central)["member"] == 3 and watermark(central, dev) == 3


def test_replay_fork_reorder_id_reuse(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    ops1 = dev.next_ops(members(0, 2))
    b1 = dev.seal(ops1)
    assert central.process(b1).status == "applied"
    # the same ops re-sealed as a new bundle (new id, same range): a replay
    replay = dev.seal(ops1, prev_hash=GENESIS)
    assert central.process(replay).code == "E_BUNDLE_REPLAY"
    # same sequence numbers, other content: a fork, kept in quarantine
    other = [dict(o, op_id=o["op_id"] + "x") for o in ops1]
    fork = central.process(dev.seal(other, prev_hash=GENESIS))
    assert (fork.status, fork.code) == ("quarantined", "E_BUNDLE_FORK")
    # the next sequence number but not chained to the last bundle: reordered / rewritten
    nxt = dev.next_ops(members(10, 1))
    assert central.process(dev.seal(nxt, prev_hash="ee" * 32)).code == "E_BUNDLE_REORDER"
    # a bundle id used again for other bytes
    first_id = dev.sent[__import__("hashlib").sha256(b1).hexdigest()]
    reuse = dev.seal(nxt, bundle_id=first_id)
    assert central.process(reuse).code == "E_BUNDLE_ID_REUSED"
    assert counts(central)["member"] == 2 and watermark(central, dev) == 2


def test_gap_is_held_then_applied_from_backlog(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    b1 = dev.seal(dev.next_ops(members(0, 2)))
    b2 = dev.seal(dev.next_ops(members(2, 2)))
    b3 = dev.seal(dev.next_ops(members(4, 2)))
    held = central.process(b3)
    assert (held.status, held.code, held.params["missing"]) == ("held", "E_BUNDLE_GAP", [1, 4])
    assert dev.verify(held.receipt, b3).status == "held"
    hs = central.handshake(dev.device_id)["device"]
    assert hs["watermark"] == 0 and hs["missing"] == [1, 4]
    assert central.process(b2).status == "held"
    out = central.process(b1)
    assert out.status == "applied" and len(out.also_applied) == 2
    assert watermark(central, dev) == 6 and counts(central)["member"] == 6
    # the held bundle's stored receipt is now the applied one
    r3 = dev.verify(central.process(b3).receipt, b3)
    assert r3.status == "applied" and r3.watermark == 6


def test_unknown_wrong_and_revoked_keys(central):
    dev, stranger, other = Device("U001"), Device("U001"), Device("U002")
    dev.enrol_direct(central)
    other.enrol_direct(central)
    stranger.trust = dev.trust
    out = central.process(stranger.seal(stranger.next_ops(members(0, 1))))
    assert (out.status, out.code) == ("quarantined", "E_DEVICE_UNKNOWN")
    # another enrolled device's genuine key, claiming to be dev
    forged = other.seal(other.next_ops(members(0, 1)), device_id=dev.device_id, unit_code="U001")
    assert central.process(forged).code == "E_DEVICE_KEY_MISMATCH"
    b1 = dev.seal(dev.next_ops(members(0, 1)))
    assert central.process(b1).status == "applied"
    central.revoke(dev.device_id)
    b2 = dev.seal(dev.next_ops(members(1, 1)))
    out = central.process(b2)
    assert (out.status, out.code) == ("quarantined", "E_DEVICE_REVOKED")
    assert counts(central)["member"] == 1
    from ztcentral.storage import status_report

    codes = sorted(q["code"] for q in status_report(central.db)["quarantine"])
    assert codes == ["E_DEVICE_KEY_MISMATCH", "E_DEVICE_REVOKED", "E_DEVICE_UNKNOWN"]


def test_stale_receipt_rejected_by_client(central):
    import pytest

    from ztprotocol.codes import ReceiptRejected

    dev = Device("U001")
    dev.enrol_direct(central)
    b1 = dev.seal(dev.next_ops(members(0, 1)))
    r1 = central.process(b1).receipt
    b2 = dev.seal(dev.next_ops(members(1, 1)))
    central.process(b2)
    with pytest.raises(ReceiptRejected) as exc:  # r1 offered as the answer for b2
        dev.verify(r1, b2)
    assert exc.value.code == "E_RECEIPT_STALE"


def test_enrolment_code_is_single_use(central):
    import pytest

    from ztcentral.enrolment import enrol_device, issue_code
    from ztprotocol.codes import SyncRejected

    code, _ = issue_code(central, "U001")
    a, b = Device("U001"), Device("U001")
    resp = enrol_device(central, a.enrol_request(code))
    assert enrol_device(central, a.enrol_request(code))  # the same device may ask again
    a.accept_response(resp, code)
    with pytest.raises(SyncRejected) as exc:
        enrol_device(central, b.enrol_request(code))
    assert exc.value.code == "E_ENROL_CODE"


def test_device_key_rotation(central):
    from ztcentral.enrolment import rotate_device_key
    from ztprotocol.keys import DeviceKeys, make_rotation

    dev = Device("U001")
    dev.enrol_direct(central)
    assert central.process(dev.seal(dev.next_ops(members(0, 1)))).status == "applied"
    new = DeviceKeys.generate()
    rotate_device_key(central, make_rotation(dev.device_id, dev.keys, new))
    dev.keys = new
    assert central.process(dev.seal(dev.next_ops(members(1, 1)))).status == "applied"
    assert counts(central)["member"] == 2


def test_central_key_rotation_and_revocation_reach_the_device(central):
    from ztcentral.downlink import fetch_down
    from ztcentral.enrolment import current_trust
    from ztcentral.trustops import publish_trust, revoke_and_publish
    from ztprotocol.trust import verify_trust

    dev = Device("U001")
    dev.enrol_direct(central)
    sealed_before = dev.seal(dev.next_ops(members(0, 1)))  # to the old encryption key
    v = publish_trust(central, rotate_enc=True, rotate_sign=True, rotate_root=True)
    assert v == 2
    # the device updates its trust file first (signed by the old and the new root)
    dev.trust = verify_trust(current_trust(central), current=dev.trust)
    assert central.process(sealed_before).status == "applied"  # old enc key still opens
    b2 = dev.seal(dev.next_ops(members(1, 1)))  # to the new encryption key
    out = central.process(b2)
    assert dev.verify(out.receipt, b2).watermark == 2  # signed by the new online key
    _, items = dev.open_down(fetch_down(central, dev.device_id, 0))
    assert items[-1]["type"] == "trust"
    assert revoke_and_publish(central, dev.device_id)
    t3 = verify_trust(current_trust(central), current=dev.trust)
    assert t3.version == 3 and dev.keys.sign_kid in t3.revoked


def test_held_fork_and_quarantine_retry(central):
    from ztcentral import quarantine
    from ztcentral.storage import status_report

    dev = Device("U001")
    dev.enrol_direct(central)
    dev.next_ops(members(0, 2))  # seqs 1-2 never sent
    ops = dev.next_ops(members(2, 1))
    assert central.process(dev.seal(ops, prev_hash="11" * 32)).status == "held"
    other = [dict(o, op_id=o["op_id"] + "y") for o in ops]
    out = central.process(dev.seal(other, prev_hash="22" * 32))
    assert (out.status, out.code) == ("quarantined", "E_BUNDLE_FORK")
    # a device that sent before it was enrolled: quarantined, then retried after enrolment
    late = Device("U001")
    late.trust = dev.trust
    b = late.seal(late.next_ops(members(5, 1)))
    assert central.process(b).code == "E_DEVICE_UNKNOWN"
    from ztcentral.enrolment import enrol_device, issue_code

    code, _ = issue_code(central, "U001")
    enrol_device(central, late.enrol_request(code))
    sha = __import__("hashlib").sha256(b).hexdigest()
    assert quarantine.retry(central, sha).status == "applied"
    left = {q["sha256"] for q in status_report(central.db)["quarantine"]}
    assert sha not in left and len(left) == 1
    assert quarantine.dismiss(central, left.pop())[0]


def test_transfer_out_becomes_a_proposal_for_the_receiving_unit(central):
    """The receiving unit gets the letter to answer (ztcentral/transfers.py), nothing else;
    its answer goes back to the sending unit, and only the addressee can answer."""
    from ztcentral.downlink import fetch_down

    a, b = Device("U001"), Device("U002")
    a.enrol_direct(central)
    b.enrol_direct(central)
    ops = a.next_ops(
        [
            ("member", "m1", "create", {"name": "赵六", "category": "full", "status": "normal"}),
            (
                "member_event",
                "e1",
                "event",
                {
                    "member_id": "m1",
                    "kind": "transfer_out",
                    "date": "2026-06-01",
                    "details": {"to_unit": "U002", "letter_no": "0012"},
                    "effects": {"status": "transferred_out"},
                },
                1,
            ),
        ]
    )
    assert central.process(a.seal(ops)).status == "applied"
    _, items = b.open_down(fetch_down(central, b.device_id, 0))
    t = next(i for i in items if i["type"] == "transfer_proposal")
    assert t["body"]["from_unit"] == "U001" and t["body"]["member"]["name"] == "赵六"
    assert (t["body"]["proposal_id"], t["body"]["letter"]["letter_no"]) == ("e1", "0012")
    assert fetch_down(central, a.device_id, 0) is None  # nothing for the sending unit
    with central.db.tx() as tx:  # nothing written into the receiving unit's records
        assert tx.all("SELECT id FROM records WHERE unit = 'U002'") == []
    # a third unit cannot answer; the addressee can, once
    c = Device("U003")
    c.enrol_direct(central)
    answer = {"from_unit": "U001", "decision": "accepted", "date": "2026-06-10"}

    def answer_from(device, kind, fields):
        bundle = device.seal(device.next_ops([("transfer", "e1", kind, fields)]))
        return device.verify(central.process(bundle).receipt, bundle).ops[0]

    assert answer_from(c, "accept", answer)["code"] == "E_OP_INVALID"
    assert answer_from(b, "accept", answer)["s"] == "applied"
    assert answer_from(b, "refuse", {**answer, "reason": "x"})["code"] == "E_OP_INVALID"
    _, items = a.open_down(fetch_down(central, a.device_id, 0))
    [reply] = [i for i in items if i["type"] == "transfer_reply"]
    assert reply["body"] == {
        "proposal_id": "e1",
        "to_unit": "U002",
        "decision": "accepted",
        "date": "2026-06-10",
        "reason": "",
    }
