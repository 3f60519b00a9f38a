"""Issue 16 item 2: a unit made by an old program opens in this one, upgraded, data intact.

tests/fixtures/unit_schema001 was written by the last program that shipped only migration 001
(commit dd40352), tests/fixtures/unit_schema004 by release 0.1.0 (cf44e7d); both by
tests/fixtures/make_released_units.py with the same records. A copy is opened here through
the ordinary unlock, which migrates it to the latest schema in one transaction per migration.
The figures below are the records that script wrote, counted by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PASSPHRASE = "fixture-口令-001-Schema"


@pytest.fixture(params=["unit_schema001", "unit_schema004"])
def old_unit(request, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / request.param / "data", data)
    (data / "keyfile.json").chmod(0o600)
    (data / "ztclient.db").chmod(0o600)
    return data, int(request.param[-3:])


def test_a_released_unit_opens_upgraded_with_its_records(old_unit):
    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    data, schema = old_unit
    app = App(data)
    session = app.unlock(PASSPHRASE)
    try:
        assert session.store.schema_version == migrations.latest() > schema
        assert session.unit_name == "中共旧版测试街道委员会" and session.unit_code == "3301060099"
        members = {m["name"]: m for m in session.members.list(include_former=True)}
        assert set(members) == {"张三", "李四", "王五", "曾六"}
        assert members["李四"]["version"] == 2  # edited once by the old program
        assert members["曾六"]["status"] == "transferred_out"
        assert session.members.count() == 3  # 在册: 曾六 transferred out
        assert session.members.ids("zs") == [members["张三"]["id"]]  # pinyin index rebuilt
        assert session.members.ids("zl") == []  # 曾六 is no longer current
        (meeting,) = session.meetings.list()
        assert meeting["title"] == "二季度党员大会"
        full = session.meetings.get(meeting["id"])
        marks = {a["member_id"]: a["status"] for a in full["attendance"]}
        assert marks[members["张三"]["id"]] == "present"
        assert marks[members["王五"]["id"]] == "absent"
        # study totals (migration 002, and per form since 010) rebuilt from the old logs
        totals = {
            (r["member_id"], r["form"]): r["hours"]
            for r in session.store.read("SELECT member_id, form, hours FROM study_totals")
        }
        assert totals == {
            (members["张三"]["id"], "intensive"): 2.5,
            (members["李四"]["id"], "self"): 1.5,
        }
        # the old chain and outbox carried over: 1 org + 1 branch + 4 members + 1 edit +
        # 1 event + 1 meeting + 1 study op, the chain verified under the keyed scheme
        assert session.store.scalar("SELECT count(*) FROM outbox") == 10
        assert session.verify() == []
    finally:
        session.close()
