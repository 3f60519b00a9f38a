"""上级已核对: the committee marked a conflict 已核对 in its console, and a ``conflict_reviewed``
item came down. The device closes the matching 待核对 row (who at the committee and when,
audited) instead of asking its clerk to check what is already closed; an item for a row it
does not have, or one its clerk already reviewed, changes nothing and is no error."""

from __future__ import annotations

import json

import pytest
from tests.helpers import run_cli_ok

OP = "0196aaaa-0000-7000-8000-000000000001"


def _problem(tx, op_id: str, field: str, *, reviewed: int = 0) -> None:
    tx.execute(
        "INSERT INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, record_id, field, "
        "yours, theirs, params, created_at, reviewed) VALUES (?, 3, 'b1', 'conflict', "
        "'E_MERGE_CONFLICT', 'member', 'm1', ?, '\"333\"', '\"222\"', '{}', "
        "'2026-12-01T08:00:00Z', ?)",
        (op_id, field, reviewed),
    )


def _arrive(session, item_id: str, body: dict) -> None:
    """The item as Downlink.take keeps it (pending for its handler), then acted on."""
    with session.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES (?, 'conflict_reviewed', ?, 5, '2026-12-02T12:00:00Z', 'pending')",
            (item_id, json.dumps(body, ensure_ascii=False)),
        )
    session.sync.downlink.process()


def _body(op_id: str, field: str) -> dict:
    return {
        "conflict_id": "c-1",
        "op_id": op_id,
        "field": field,
        "reviewed_by": "张三",
        "reviewed_at": "2026-12-02T11:40:05.123456Z",
    }


@pytest.fixture
def session(unit):
    _app, s, _code = unit
    with s.store.transaction() as tx:
        _problem(tx, OP, "phone")
        _problem(tx, OP, "join_date")
    return s


def test_the_committees_review_closes_the_matching_row(unit, session):
    before = session.store.scalar("SELECT count(*) FROM audit")
    _arrive(session, "i-1", _body(OP, "phone"))

    st = session.sync.status()
    assert [p["field"] for p in st["problems"]] == ["join_date"]  # phone left 待核对
    [closed] = st["closed_above"]
    assert (closed["field"], closed["reviewed"], closed["reviewed_by"]) == ("phone", 1, "张三")
    assert closed["reviewed_at"] == "2026-12-02T11:40:05Z"  # the committee's time, to the second
    item = session.store.read_one("SELECT state, code, ref FROM sync_down_items")
    assert (item["state"], item["code"], item["ref"]) == ("applied", None, str(closed["id"]))
    assert session.store.scalar("SELECT count(*) FROM audit") == before + 1
    audit = session.store.read_one("SELECT action, object FROM audit ORDER BY seq DESC LIMIT 1")
    assert (audit["action"], audit["object"]) == (
        "sync.conflict_reviewed",
        f"sync_problem:{closed['id']}",
    )
    # `sync status`, as the clerk types it: the open row, then the one the committee closed
    app = unit[0]
    session.close()
    out = run_cli_ok(app.data_dir, "sync", "status").stdout
    assert "E_MERGE_CONFLICT #3 member:m1 入党日期：333 / 222" in out  # m1: no such member here
    assert "上级已核对（张三，2026-12-02T11:40:05Z） #3 member:m1 联系电话" in out


def test_unknown_and_already_reviewed_rows_are_harmless(session):
    with session.store.transaction() as tx:
        _problem(tx, "op-clerk", "phone", reviewed=1)  # the clerk pressed 已核对 here first
    before = session.store.scalar("SELECT count(*) FROM audit")

    _arrive(session, "i-unknown", _body("op-never-here", "phone"))
    _arrive(session, "i-clerk", _body("op-clerk", "phone"))
    _arrive(session, "i-1", _body(OP, "phone"))
    _arrive(session, "i-again", _body(OP, "phone"))  # the same review, again

    states = {
        r["item_id"]: (r["state"], r["code"])
        for r in session.store.read("SELECT item_id, state, code FROM sync_down_items")
    }
    assert states == {k: ("applied", None) for k in ("i-unknown", "i-clerk", "i-1", "i-again")}
    clerk = session.store.read_one(
        "SELECT reviewed, reviewed_by FROM sync_problems WHERE op_id = 'op-clerk'"
    )
    assert (clerk["reviewed"], clerk["reviewed_by"]) == (1, None)  # the clerk's review stands
    assert session.store.scalar("SELECT count(*) FROM audit") == before + 1  # i-1 only
    assert [p["field"] for p in session.sync.status()["problems"]] == ["join_date"]


def test_the_clerks_own_review_is_not_shown_as_the_committees(session):
    [phone] = [p for p in session.sync.status()["problems"] if p["field"] == "phone"]
    session.sync.mark_reviewed(phone["id"])
    assert session.sync.status()["closed_above"] == []


def test_the_committees_review_is_listed_for_thirty_days(session):
    _arrive(session, "i-1", _body(OP, "phone"))
    with session.store.transaction() as tx:  # learnt of 31 days ago
        tx.execute(
            "UPDATE sync_problems SET reviewed_noted_at = ? WHERE field = 'phone'",
            (_days_ago(session, 31),),
        )
    assert session.sync.status()["closed_above"] == []
    with session.store.transaction() as tx:
        tx.execute(
            "UPDATE sync_problems SET reviewed_noted_at = ? WHERE field = 'phone'",
            (_days_ago(session, 29),),
        )
    assert [p["field"] for p in session.sync.status()["closed_above"]] == ["phone"]


def _days_ago(session, days: int) -> str:
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_item_an_older_program_kept_is_acted_on_after_the_upgrade(tmp_path, monkeypatch):
    """The program before migration 020 kept the unknown type as data (state 'stored'); the
    upgrade makes it pending, and the next downlink bundle's processing closes the row."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    shipped = migrations.available
    before = next(n for n, name, _ in shipped() if name.endswith("_problem_review_above.sql")) - 1
    monkeypatch.setattr(migrations, "available", lambda: shipped()[:before])
    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试支部委员会", "3301060009", PASSPHRASE, "branch")
    with s.store.transaction() as tx:
        _problem(tx, OP, "phone")
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES ('i-old', 'conflict_reviewed', ?, 5, '2026-12-02T12:00:00Z', 'stored')",
            (json.dumps(_body(OP, "phone"), ensure_ascii=False),),
        )
    s.close()

    monkeypatch.setattr(migrations, "available", shipped)
    s = app.unlock(PASSPHRASE)
    try:
        assert s.store.scalar("SELECT state FROM sync_down_items") == "pending"
        s.sync.downlink.process()
        assert s.sync.status()["problems"] == []
        [closed] = s.sync.status()["closed_above"]
        assert (closed["field"], closed["reviewed_by"]) == ("phone", "张三")
    finally:
        s.close()
