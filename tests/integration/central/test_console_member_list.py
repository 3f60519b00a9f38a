"""A unit's 党员名单 lists 党员 (正式 and 预备) only: it listed 入党申请人, 入党积极分子 and
发展对象 under the 党员 heading, and counted them. The people in development, whom the
committee files (备案), have their own list, named as such, reached from the unit's page.
Both views are audited. Figures written by hand from the plan: one branch of 2 正式, 1 预备,
1 入党申请人, 2 入党积极分子, 1 发展对象."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit

PW = "admin-pass-2026!"
CODE = "3301000061"


@pytest.fixture
def world(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    plan = UnitPlan(
        CODE, "中共己社区委员会", branches=1, committee_per_branch=0,
        categories={"full": 2, "probationary": 1, "applicant": 1, "activist": 2, "candidate": 1},
    )  # fmt: skip
    seed_unit(central, plan)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    return central, client


def test_the_member_list_lists_party_members_only(world):
    _, client = world
    page = client.get(f"/console/units/{CODE}/members").text
    assert "党员名单" in page and "(3)" in page
    rows = tables(page)["members"][1:]
    assert [(r[0], r[1]) for r in rows] == [
        ("党员1-1", "正式党员"),
        ("党员1-2", "正式党员"),
        ("党员1-3", "预备党员"),
    ]


def test_people_in_development_have_their_own_list(world):
    central, client = world
    unit = client.get(f"/console/units/{CODE}").text
    assert f'href="/console/units/{CODE}/members?show=development"' in unit
    page = client.get(f"/console/units/{CODE}/members?show=development").text
    assert "入党申请人、入党积极分子和发展对象名单" in page and "(4)" in page
    assert "党员名单" not in page
    rows = tables(page)["members"][1:]
    assert sorted((r[0], r[1]) for r in rows) == [
        ("党员1-4", "入党申请人"),
        ("党员1-5", "入党积极分子"),
        ("党员1-6", "入党积极分子"),
        ("党员1-7", "发展对象"),
    ]
    assert tables(page)["members"][0][3] == "入党日期"  # the column stays; theirs are empty
    from ztcentral.console import audit

    seen = [e for e in audit.entries(central.db) if e["action"] == "view.development"]
    assert '"show": "development"' in seen[0]["detail"] and '"count": 4' in seen[0]["detail"]


def test_the_audit_log_tells_the_development_list_from_the_member_list(world):
    """操作日志 said 查看党员名单 for the list of 入党申请人, 积极分子 and 发展对象 too."""
    _central, client = world
    client.get(f"/console/units/{CODE}/members")
    client.get(f"/console/units/{CODE}/members?show=development")
    rows = tables(client.get("/console/audit").text)["audit"][1:]
    actions = [r[3] for r in rows if r[3].startswith("查看")]
    assert actions == ["查看发展党员名单 view.development", "查看党员名单 view.members"]
    rows = tables(client.get("/console/audit?lang=en").text)["audit"][1:]
    actions = [r[3] for r in rows if r[3].endswith(("view.members", "view.development"))]
    assert actions == [
        "Development list viewed view.development",
        "Member list viewed view.members",
    ]


def test_an_unknown_view_is_the_member_list(world):
    _, client = world
    rows = tables(client.get(f"/console/units/{CODE}/members?show=x").text)["members"][1:]
    assert len(rows) == 3
