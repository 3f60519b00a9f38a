"""已核对 pressed on this device is on record, as the committee's is: the row keeps who (the
journal's operator, as every audit entry names it) and when, one audit entry is written in the
same transaction, and the 同步 page and `sync status` list it a while as 已核对（本机，time）."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from tests.helpers import PASSPHRASE, run_cli_ok

OP = "0196aaaa-0000-7000-8000-000000000001"


def _problem(tx, op_id: str, field: str, **kw) -> None:
    row = {"op_id": op_id, "seq": 3, "bundle_id": "b1", "kind": "conflict",
           "code": "E_MERGE_CONFLICT", "entity": "member", "record_id": "m1", "field": field,
           "yours": '"333"', "theirs": '"222"', "params": "{}",
           "created_at": "2026-12-01T08:00:00Z", **kw}  # fmt: skip
    tx.insert("sync_problems", row)


@pytest.fixture
def session(unit):
    _app, s, _code = unit
    with s.store.transaction() as tx:
        _problem(tx, OP, "phone")
        _problem(tx, OP, "join_date")
    return s


def test_the_clerks_review_keeps_who_and_when_and_is_audited(unit, session):
    [phone] = [p for p in session.sync.problems() if p["field"] == "phone"]
    before = session.store.scalar("SELECT count(*) FROM audit")
    start = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    session.sync.mark_reviewed(phone["id"])

    end = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    row = session.store.read_one("SELECT * FROM sync_problems WHERE id = ?", (phone["id"],))
    assert (row["reviewed"], row["reviewed_where"], row["reviewed_by"]) == (1, "here", "clerk")
    assert start <= row["reviewed_at"] <= end
    assert session.store.scalar("SELECT count(*) FROM audit") == before + 1
    audit = session.store.read_one(
        "SELECT actor, action, object, ts FROM audit ORDER BY seq DESC LIMIT 1"
    )
    assert (audit["actor"], audit["action"], audit["object"]) == (
        "clerk",
        "sync.problem_reviewed",
        f"sync_problem:{phone['id']}",
    )
    st = session.sync.status()
    assert [p["field"] for p in st["problems"]] == ["join_date"]
    assert [p["field"] for p in st["closed_here"]] == ["phone"]
    assert st["closed_above"] == []  # the clerk's, never shown as the committee's

    # pressed again (a second click, another window): nothing more on record
    session.sync.mark_reviewed(phone["id"])
    assert session.store.scalar("SELECT count(*) FROM audit") == before + 1

    app = unit[0]
    session.close()
    out = run_cli_ok(app.data_dir, "sync", "status").stdout
    assert f"已核对（本机，{row['reviewed_at']}） #3 member:m1 联系电话" in out, out


def test_a_row_the_committee_closed_is_not_reviewed_again_here(session):
    with session.store.transaction() as tx:
        _problem(tx, "op-above", "phone", reviewed=1, reviewed_by="张三",
                 reviewed_at="2026-12-02T11:40:05Z", reviewed_where="above")  # fmt: skip
    pid = session.store.scalar("SELECT id FROM sync_problems WHERE op_id = 'op-above'")
    before = session.store.scalar("SELECT count(*) FROM audit")
    session.sync.mark_reviewed(pid)
    row = session.store.read_one("SELECT * FROM sync_problems WHERE id = ?", (pid,))
    assert (row["reviewed_by"], row["reviewed_where"]) == ("张三", "above")
    assert session.store.scalar("SELECT count(*) FROM audit") == before


def test_an_unknown_row_is_a_coded_error(session):
    from ztclient.domain.errors import DomainError

    with pytest.raises(DomainError) as err:
        session.sync.mark_reviewed(999)
    assert err.value.code == "E_PROBLEM_UNKNOWN"


def test_reviews_made_before_the_upgrade_say_whose_they_were(tmp_path, monkeypatch):
    """Schema 020: a row the clerk closed has no who; one the committee closed has its name.
    Migration 021 tells them apart (here / above)."""
    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    shipped = migrations.available
    before = next(n for n, name, _ in shipped() if name.endswith("_problem_review_here.sql")) - 1
    monkeypatch.setattr(migrations, "available", lambda: shipped()[:before])
    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试支部委员会", "3301060009", PASSPHRASE, "branch")
    with s.store.transaction() as tx:
        _problem(tx, "op-here", "phone", reviewed=1)
        _problem(
            tx,
            "op-above",
            "phone",
            reviewed=1,
            reviewed_by="张三",
            reviewed_at="2026-12-02T11:40:05Z",
            reviewed_noted_at="2026-12-02T12:00:00Z",
        )
        _problem(tx, "op-open", "phone")  # fmt: skip
    s.close()

    monkeypatch.setattr(migrations, "available", shipped)
    s = app.unlock(PASSPHRASE)
    try:
        where = {
            r["op_id"]: r["reviewed_where"]
            for r in s.store.read("SELECT op_id, reviewed_where FROM sync_problems")
        }
        assert where == {"op-here": "here", "op-above": "above", "op-open": None}
        assert json.dumps([p["op_id"] for p in s.sync.status()["closed_here"]]) == "[]"
    finally:
        s.close()
