"""The keyed audit chain (issue 11, item 2) on a real SQLCipher file.

Each tampering below passed `verify` on the main of round 1 (plain SHA-256 links, no link
between the outbox and the chain, no anchor); each is reported now.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from tests.helpers import PASSPHRASE
from tests.integration.store.legacy_unit import legacy_link, make_legacy_unit

from ztclient.services.journal import Journal


def _branch(session):
    return session.store.get_meta("test_branch_id")


def _add(session, name):
    return session.members.add(
        {"org_id": _branch(session), "name": name, "gender": "1", "category": "applicant"}
    )[0]


def _tamper(session, *statements):
    with session.store.transaction() as tx:
        for sql, *params in statements:
            tx.execute(sql, tuple(params))


def _rows(session):
    return session.store.read("SELECT * FROM audit ORDER BY seq")


def test_a_new_unit_starts_keyed_and_every_op_has_its_entry(unit):
    _, session, _ = unit
    member = _add(session, "张三")
    session.members.reveal(member, "id_number")
    rows = _rows(session)
    assert rows[0]["action"] == "audit.keyed" and rows[0]["epoch"] == 1
    assert all(r["epoch"] == 1 for r in rows)
    ops = session.store.column("SELECT seq FROM outbox ORDER BY seq")
    assert sorted(r["op_seq"] for r in rows if r["op_seq"] is not None) == ops
    assert rows[-1]["action"] == "member.reveal" and rows[-1]["op_seq"] is None
    keys = session.store.read("SELECT * FROM audit_keys")
    assert [(k["epoch"], k["since_seq"], k["wrapped"]) for k in keys] == [(1, 1, None)]
    assert session.verify() == []


def test_the_chain_is_an_hmac_not_a_hash_anyone_can_recompute(unit):
    _, session, _ = unit
    _add(session, "张三")
    last = _rows(session)[-1]
    entry = {k: last[k] for k in ("seq", "ts", "actor", "action", "object", "digest")}
    plain = hashlib.sha256(
        b"ZTA2"
        + json.dumps(
            {**entry, "epoch": last["epoch"], "op": last["op_seq"]},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        ).encode()
        + last["prev"].encode()
    ).hexdigest()
    assert last["hash"] not in (plain, legacy_link(entry, last["prev"]))


def test_rewriting_an_entry_and_recomputing_the_chain_is_caught(unit):
    """What an insider did to the round-1 chain: edit, then recompute every link after it."""
    _, session, _ = unit
    member = _add(session, "张三")
    session.members.reveal(member, "id_number")
    _add(session, "李四")
    rows = _rows(session)
    reveal = next(r for r in rows if r["action"] == "member.reveal")
    prev = reveal["prev"]
    statements = []
    for r in rows[rows.index(reveal) :]:
        action = "member.view" if r["seq"] == reveal["seq"] else r["action"]
        entry = {k: r[k] for k in ("seq", "ts", "actor", "object", "digest")}
        h = legacy_link({**entry, "action": action}, prev)
        statements.append(
            (
                "UPDATE audit SET action = ?, prev = ?, hash = ? WHERE seq = ?",
                action,
                prev,
                h,
                r["seq"],
            )
        )
        prev = h
    _tamper(session, *statements)
    problems = session.verify()
    assert any(f"audit {reveal['seq']}: HMAC mismatch" in p for p in problems), problems


def test_relabelling_entries_as_unkeyed_is_caught(unit):
    _, session, _ = unit
    _add(session, "张三")
    last = _rows(session)[-1]
    entry = {k: last[k] for k in ("seq", "ts", "actor", "action", "object", "digest")}
    _tamper(
        session,
        (
            "UPDATE audit SET epoch = 0, hash = ? WHERE seq = ?",
            legacy_link(entry, last["prev"]),
            last["seq"],
        ),
    )
    assert any("key epoch 0 after epoch 1" in p for p in session.verify())


def test_editing_an_op_in_the_outbox_is_caught(unit):
    _, session, _ = unit
    _add(session, "张三")
    seq = session.store.scalar("SELECT max(seq) FROM outbox")
    _tamper(
        session, ("UPDATE outbox SET fields = replace(fields, '张三', '王五') WHERE seq = ?", seq)
    )
    assert any(f"outbox {seq}: changed after audit entry" in p for p in session.verify())


def test_removing_the_newest_op_is_caught(unit):
    _, session, _ = unit
    _add(session, "张三")
    seq = session.store.scalar("SELECT max(seq) FROM outbox")
    _tamper(session, ("DELETE FROM outbox WHERE seq = ?", seq))
    assert any(f"records outbox op {seq}, which is missing" in p for p in session.verify())


def test_removing_an_entry_in_the_middle_is_caught(unit):
    _, session, _ = unit
    _add(session, "张三")
    _add(session, "李四")
    _tamper(session, ("DELETE FROM audit WHERE seq = 3",))
    problems = session.verify()
    assert any("expected entry 3, found 4" in p for p in problems)
    assert any("audit 4: does not link" in p for p in problems)


def test_removing_the_key_row_is_caught(unit):
    _, session, _ = unit
    _add(session, "张三")
    _tamper(session, ("DELETE FROM audit_keys",))
    assert any("epoch 1 has entries but no registered key" in p for p in session.verify())


def test_truncating_the_tail_after_an_anchor_is_caught(unit):
    """The centre anchored the head; the reveal entries after it are then deleted."""
    _, session, _ = unit
    member = _add(session, "张三")
    session.members.reveal(member, "id_number")
    session.members.reveal(member, "phone")
    head = session.store.scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
    top = session.store.scalar("SELECT max(seq) FROM audit")
    with session.store.transaction() as tx:
        assert Journal.anchor(tx, head, "bundle-1", "2026-01-01T00:00:00Z")
    assert session.verify() == []
    _tamper(session, ("DELETE FROM audit WHERE seq >= ?", top - 1))
    problems = session.verify()
    assert any(f"centre anchored audit entry {top}" in p for p in problems), problems


def test_the_anchor_only_moves_forward_and_only_to_a_known_head(unit):
    _, session, _ = unit
    _add(session, "张三")
    first = session.store.scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
    _add(session, "李四")
    second = session.store.scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
    with session.store.transaction() as tx:
        assert Journal.anchor(tx, second, "b2", "t2")
        assert not Journal.anchor(tx, first, "b1", "t1")  # an older receipt arriving late
        assert not Journal.anchor(tx, "f" * 64, "b3", "t3")  # not in our chain
    assert session.store.read_one("SELECT hash, bundle_id FROM audit_anchor") == {
        "hash": second,
        "bundle_id": "b2",
    }


def test_a_round1_chain_is_carried_over_not_rewritten(tmp_path, monkeypatch):
    from ztclient.bootstrap import App

    data = tmp_path / "data"
    make_legacy_unit(data, monkeypatch, n_ops=3)
    app = App(data)
    session = app.unlock(PASSPHRASE)
    try:
        rows = _rows(session)
        assert [r["epoch"] for r in rows] == [0, 0, 0, 0, 1]
        keyed = rows[-1]
        assert keyed["action"] == "audit.keyed" and keyed["prev"] == rows[3]["hash"]
        assert session.store.read_one("SELECT since_seq FROM audit_keys")["since_seq"] == 5
        assert session.verify() == []
        member = _add_to_root(session)
        assert member and session.verify() == []
        # the old links still check as they were written; a rewrite of them is caught where
        # the keyed entry commits to the old head
        r2 = rows[1]
        entry = {k: r2[k] for k in ("seq", "ts", "actor", "action", "object", "digest")}
        entry["actor"] = "someone else"
        h2 = legacy_link(entry, r2["prev"])
        h3 = legacy_link(
            {k: rows[2][k] for k in ("seq", "ts", "actor", "action", "object", "digest")}, h2
        )
        h4 = legacy_link(
            {k: rows[3][k] for k in ("seq", "ts", "actor", "action", "object", "digest")}, h3
        )
        _tamper(
            session,
            ("UPDATE audit SET actor = 'someone else', hash = ? WHERE seq = 2", h2),
            ("UPDATE audit SET prev = ?, hash = ? WHERE seq = 3", h2, h3),
            ("UPDATE audit SET prev = ?, hash = ? WHERE seq = 4", h3, h4),
        )
        problems = session.verify()
        assert problems == ["audit 5: does not link to the entry before it"], problems
    finally:
        session.close()


def _add_to_root(session):
    org_id, _ = session.orgs.add(
        {"parent_id": None, "kind": "committee", "name": "新党委", "code": "99"}
    )
    return org_id


@pytest.mark.parametrize("n", [0])
def test_an_empty_round1_chain_is_keyed_from_genesis(tmp_path, monkeypatch, n):
    from ztclient.bootstrap import App

    data = tmp_path / "data"
    make_legacy_unit(data, monkeypatch, n_ops=n)
    session = App(data).unlock(PASSPHRASE)
    try:
        assert [r["action"] for r in _rows(session)] == ["member.reveal", "audit.keyed"]
        assert session.verify() == []
    finally:
        session.close()
