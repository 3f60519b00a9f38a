"""Central checks that each device's audit chain continues the head it anchored (issue 11,
item 2): a truncated, rewritten or rolled-back trail is E_AUDIT_FORK, quarantined and listed in
`status`; on round 1's main central stored whatever head a bundle claimed."""

from __future__ import annotations

from tests.integration.central.zc_helpers import Device

from ztcentral.storage import status_report
from ztprotocol.audit_section import AuditSection

H = [f"{i:02x}" * 32 for i in range(1, 20)]  # the device's entry hashes, H[k] = entry k


def _bundle(dev, n_ops, frm, n, prev, head, **kw):
    ops = dev.next_ops(
        [
            ("member", f"m{dev.seq + i}", "create", {"name": "党员", "category": "full"})
            for i in range(n_ops)
        ]
    )
    return dev.seal(ops, audit=AuditSection(frm, n, prev), audit_head=head, **kw)


def _anchors(central, dev):
    with central.db.tx() as tx:
        return tx.all(
            "SELECT seq, head FROM audit_anchors WHERE device_id = $1 ORDER BY seq",
            (dev.device_id,),
        )


def test_a_continuing_chain_is_anchored_and_signed_into_the_receipt(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    b1 = _bundle(dev, 2, 1, 3, "0" * 64, H[3])
    out = central.process(b1)
    assert out.status == "applied"
    assert dev.verify(out.receipt, b1).audit_head == H[3]
    b2 = _bundle(dev, 1, 4, 2, H[3], H[5])
    out2 = central.process(b2)
    assert out2.status == "applied" and dev.verify(out2.receipt, b2).audit_head == H[5]
    b3 = _bundle(dev, 1, 6, 0, H[5], H[5])  # nothing written in between: an empty stretch
    assert central.process(b3).status == "applied"
    assert _anchors(central, dev) == [{"seq": 3, "head": H[3]}, {"seq": 5, "head": H[5]}]


def test_a_truncated_trail_is_quarantined_as_an_audit_fork(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    assert central.process(_bundle(dev, 1, 1, 5, "0" * 64, H[5])).status == "applied"
    # the device deleted entries 4 and 5 after that sync and wrote two new ones
    forked = central.process(_bundle(dev, 1, 4, 2, H[3], H[6]))
    assert (forked.status, forked.code) == ("quarantined", "E_AUDIT_FORK")
    assert forked.params["what"] == "continuity" and forked.params["expected_from"] == 6
    report = status_report(central.db)
    assert [q["code"] for q in report["quarantine"] if q["device_id"] == dev.device_id] == [
        "E_AUDIT_FORK"
    ]
    assert _anchors(central, dev) == [{"seq": 5, "head": H[5]}]  # nothing moved


def test_a_rewritten_trail_with_the_right_seqs_is_caught_by_prev(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    assert central.process(_bundle(dev, 1, 1, 5, "0" * 64, H[5])).status == "applied"
    rewritten = central.process(_bundle(dev, 1, 6, 1, H[9], H[10]))  # entry 5 is not H[5] now
    assert rewritten.code == "E_AUDIT_FORK" and rewritten.params["prev_matches"] is False


def _branch(dev, frm, n, prev, head):
    ops = dev.next_ops([("member", f"m{dev.seq}", "create", {"name": "党员", "category": "full"})])
    return dev.seal(ops, audit=AuditSection(frm, n, prev, branch=True), audit_head=head)


def test_a_declared_branch_from_an_anchored_head_is_applied_and_kept_on_record(central):
    """A device restored from a backup continues from an earlier anchored head and says so:
    applied, and the heads it rolled back are listed (a restore is seen, never silent)."""
    dev = Device("U001")
    dev.enrol_direct(central)
    assert central.process(_bundle(dev, 1, 1, 3, "0" * 64, H[3])).status == "applied"
    assert central.process(_bundle(dev, 1, 4, 4, H[3], H[7])).status == "applied"
    # restored from the backup taken at entry 3: entries 4.. are new ones (H[11], H[12])
    out = central.process(_branch(dev, 4, 2, H[3], H[12]))
    assert out.status == "applied"
    assert _anchors(central, dev) == [{"seq": 3, "head": H[3]}, {"seq": 5, "head": H[12]}]
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT branch_seq, dropped_from, dropped_to, dropped_head FROM audit_rollbacks"
        )
    assert rows == [{"branch_seq": 3, "dropped_from": 7, "dropped_to": 7, "dropped_head": H[7]}]
    # and the chain goes on from the new head as usual
    assert central.process(_bundle(dev, 1, 6, 1, H[12], H[13])).status == "applied"


def test_a_declared_branch_from_a_head_never_anchored_is_an_audit_fork(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    assert central.process(_bundle(dev, 1, 1, 5, "0" * 64, H[5])).status == "applied"
    out = central.process(_branch(dev, 3, 2, H[2], H[12]))  # entry 2 was never anchored
    assert (out.status, out.code, out.params["what"]) == ("quarantined", "E_AUDIT_FORK", "branch")
    assert _anchors(central, dev) == [{"seq": 5, "head": H[5]}]


def test_a_device_that_anchored_must_keep_sending_its_stretch(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    assert central.process(_bundle(dev, 1, 1, 2, "0" * 64, H[2])).status == "applied"
    ops = dev.next_ops([("member", "mx", "create", {"name": "甲", "category": "full"})])
    old_style = central.process(dev.seal(ops))  # no audit1 section (an old program on a copy)
    assert (old_style.code, old_style.params["what"]) == ("E_AUDIT_FORK", "missing")


def test_a_held_bundle_that_does_not_continue_is_quarantined_when_its_turn_comes(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    b1 = _bundle(dev, 1, 1, 3, "0" * 64, H[3])
    b2 = _bundle(dev, 1, 2, 1, H[1], H[2])  # sealed after a rollback to entry 1
    assert central.process(b2).code == "E_BUNDLE_GAP"  # held until b1 arrives
    out = central.process(b1)
    assert out.status == "applied" and out.also_applied == []
    assert [q["code"] for q in status_report(central.db)["quarantine"]] == ["E_AUDIT_FORK"]
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) FROM bundles WHERE state = 'held'") == 0


def test_bundles_of_old_clients_still_apply(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    ops = dev.next_ops([("member", "m1", "create", {"name": "甲", "category": "full"})])
    assert central.process(dev.seal(ops)).status == "applied"
    assert _anchors(central, dev) == []
