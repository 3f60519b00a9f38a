"""已核对 on this device goes up to the centre: marking a conflict row reviewed queues, in the
same transaction, one ``conflict_review`` op naming the conflict as the centre keys it (the op
it was about and the field) with who and when. Rows the centre has no conflict for (a refused
op, a flag this device raised itself, a conflict row with no field) queue nothing: there is
nothing up there to close."""

from __future__ import annotations

import json

import pytest

OP = "0196aaaa-0000-7000-8000-000000000001"


def _problem(
    tx,
    op_id: str,
    field: str,
    kind: str = "conflict",
    code: str = "E_MERGE_CONFLICT",
    record: str = "m1",
):
    tx.insert(
        "sync_problems",
        {"op_id": op_id, "seq": 3, "bundle_id": "b1", "kind": kind, "code": code,
         "entity": "member", "record_id": record, "field": field, "yours": '"333"',
         "theirs": '"222"', "params": "{}", "created_at": "2026-12-01T08:00:00Z"},
    )  # fmt: skip


def _pid(session, op_id: str, field: str) -> int:
    return int(
        session.store.scalar(
            "SELECT id FROM sync_problems WHERE op_id = ? AND field = ?", (op_id, field)
        )
    )


def _pending(session) -> list[dict]:
    return session.store.read(
        "SELECT seq, entity, record_id, op, base_version, fields FROM outbox "
        "WHERE entity = 'conflict_review' ORDER BY seq"
    )


@pytest.fixture
def session(unit):
    _app, s, _code = unit
    with s.store.transaction() as tx:
        _problem(tx, OP, "phone")
        _problem(tx, OP, "member_id", code="E_MEMBER_VOIDED")
        _problem(tx, "op-refused", "", kind="rejected", code="E_OP_INVALID")
        _problem(tx, "dues_payment:p1@founded", "month", "review", "W_DUES_PAID_BEFORE_FOUNDED")
        _problem(tx, "op-unknown", "", code="E_RECORD_UNKNOWN")
    return s


def test_a_conflict_reviewed_here_queues_one_op_with_who_and_when(session):
    pid = _pid(session, OP, "phone")
    before = session.store.scalar("SELECT max(seq) FROM outbox")
    audits = session.store.scalar("SELECT count(*) FROM audit")

    session.sync.mark_reviewed(pid)

    row = session.store.read_one("SELECT * FROM sync_problems WHERE id = ?", (pid,))
    [op] = _pending(session)
    assert op["seq"] == before + 1
    assert (op["entity"], op["record_id"], op["op"], op["base_version"]) == (
        "conflict_review",
        OP,
        "reviewed",
        None,
    )
    assert json.loads(op["fields"]) == {
        "field": "phone",
        "reviewed_by": "clerk",
        "reviewed_at": row["reviewed_at"],
        "entity": "member",
        "record": "m1",
    }
    state = session.store.scalar("SELECT sync_state FROM outbox WHERE seq = ?", (op["seq"],))
    assert state == "pending"
    # one audit entry, as before, now naming the op it queued
    assert session.store.scalar("SELECT count(*) FROM audit") == audits + 1
    entry = session.store.read_one(
        "SELECT action, object, op_seq FROM audit ORDER BY seq DESC LIMIT 1"
    )
    assert (entry["action"], entry["object"], entry["op_seq"]) == (
        "sync.problem_reviewed",
        f"sync_problem:{pid}",
        op["seq"],
    )
    assert session.verify() == []  # the journal still holds: every op has its entry

    session.sync.mark_reviewed(pid)  # a second click: nothing more goes up
    assert len(_pending(session)) == 1


def test_a_record_for_a_voided_member_is_a_conflict_up_there_too(session):
    session.sync.mark_reviewed(_pid(session, OP, "member_id"))
    [op] = _pending(session)
    assert json.loads(op["fields"])["field"] == "member_id"


def test_each_record_of_one_op_is_reviewed_on_its_own(unit):
    """One op, two records flagged on one field (two rows since schema 23): each review names
    its record, so the centre closes that person's conflict alone."""
    _app, s, _code = unit
    with s.store.transaction() as tx:
        _problem(tx, OP, "member_id", code="E_MEMBER_VOIDED", record="m1")
        _problem(tx, OP, "member_id", code="E_MEMBER_VOIDED", record="m2")
    [m2] = [r["id"] for r in s.store.read("SELECT id FROM sync_problems WHERE record_id = 'm2'")]
    s.sync.mark_reviewed(m2)
    [op] = _pending(s)
    fields = json.loads(op["fields"])
    assert (fields["field"], fields["entity"], fields["record"]) == ("member_id", "member", "m2")
    assert s.store.scalar("SELECT reviewed FROM sync_problems WHERE record_id = 'm1'") == 0


@pytest.mark.parametrize(
    "op_id, field",
    [("op-refused", ""), ("dues_payment:p1@founded", "month"), ("op-unknown", "")],
)
def test_rows_with_no_conflict_at_the_centre_queue_nothing(session, op_id, field):
    pid = _pid(session, op_id, field)
    audits = session.store.scalar("SELECT count(*) FROM audit")
    session.sync.mark_reviewed(pid)
    assert session.store.scalar("SELECT reviewed FROM sync_problems WHERE id = ?", (pid,)) == 1
    assert _pending(session) == []
    assert session.store.scalar("SELECT count(*) FROM audit") == audits + 1


def _in_flight(session) -> tuple[dict, dict]:
    """The review op sealed into a bundle, as ``prepare`` leaves it (state in_flight)."""
    op = session.store.read_one("SELECT * FROM outbox WHERE entity = 'conflict_review'")
    bundle = {"bundle_id": "b-old", "seq_from": op["seq"], "seq_to": op["seq"], "hash": "ab" * 32,
              "prev": "0" * 64, "bytes": b"x", "state": "sent", "created_at": "2026-12-02T12:00:00Z"}  # fmt: skip
    with session.store.transaction() as tx:
        tx.insert("sync_bundles", bundle)
        tx.execute(
            "UPDATE outbox SET sync_state = 'in_flight', bundle_id = 'b-old', wire_seq = seq "
            "WHERE seq = ?",
            (op["seq"],),
        )
    return op, session.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = 'b-old'")


def _after_refusal(session, op) -> None:
    """What an older centre's refusal leaves: the bundle answered (nothing blocks the queue),
    the op ``rejected``, no new 待核对 row for the clerk (there is nothing they could do), one
    sync_log line that says why."""
    assert session.store.scalar("SELECT state FROM sync_bundles WHERE bundle_id = 'b-old'") == (
        "acknowledged"
    )
    assert (
        session.store.scalar("SELECT sync_state FROM outbox WHERE seq = ?", (op["seq"],))
        == "rejected"
    )
    assert (
        session.store.scalar("SELECT count(*) FROM sync_problems WHERE op_id = ?", (op["op_id"],))
        == 0
    )
    [log] = session.store.read("SELECT code, detail FROM sync_log WHERE kind = 'review_not_taken'")
    assert log["code"] == "E_OP_INVALID"
    assert json.loads(log["detail"])["op_id"] == op["op_id"]
    assert not session.sync.outbox.blocked()


def test_an_older_centre_refuses_the_op_without_blocking_or_listing_it(session):
    from ztclient.services.sync.ports import ReceiptInfo

    session.sync.mark_reviewed(_pid(session, OP, "phone"))
    op, bundle = _in_flight(session)
    refused = {"i": 0, "op_id": op["op_id"], "s": "rejected", "code": "E_OP_INVALID",
               "params": {"what": "entity/op"}}  # fmt: skip
    rec = ReceiptInfo("b-old", "applied", None, op["seq"], None, [refused], {}, b"r")
    session.sync.receipts._apply(bundle, rec)
    _after_refusal(session, op)


def test_an_older_centre_refuses_it_in_a_compact_receipt_alike(session):
    from ztclient.services.sync.ports import ReceiptPartInfo

    session.sync.mark_reviewed(_pid(session, OP, "phone"))
    op, bundle = _in_flight(session)
    exceptions = ((op["seq"], "rejected", "E_OP_INVALID", {"what": "entity/op"}),)
    part = ReceiptPartInfo("ab" * 32, "applied", None, op["seq"], None, 1, 1, (), exceptions, b"r")
    session.sync.compact._apply(bundle, part)
    _after_refusal(session, op)
