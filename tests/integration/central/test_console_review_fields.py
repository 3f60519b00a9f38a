"""审核's conflicts table names a field in the words the clerk's program uses (党员 · 联系电话),
not its id (``member.phone``), and shows a value as the clerk typed it (no JSON quotes)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.zc_helpers import Device

PW = "admin-pass-2026!"


@pytest.fixture
def review(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    a, b = Device("3301000051"), Device("3301000051")
    for d in (a, b):
        d.enrol_direct(central)
    create = [("member", "m1", "create", {"name": "张三", "phone": "111", "join_date": "2001-07-01",
                                         "title": "工程师"})]  # fmt: skip
    assert central.process(a.seal(a.next_ops(create))).status == "applied"
    # a edits phone, 入党日期 and 专业技术职务 at version 1; b does too, from the same version:
    # three true conflicts
    edit = {"phone": "222", "join_date": "2001-07-02", "title": "高级工程师"}
    assert central.process(a.seal(a.next_ops([("member", "m1", "update", edit, 1)])))
    other = {"phone": "333", "join_date": "2001-06-30", "title": "助理工程师"}
    central.process(b.seal(b.next_ops([("member", "m1", "update", other, 1)])))
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    return client


def test_conflicts_name_fields_in_chinese(review):
    rows = tables(review.get("/console/review").text)["conflicts"]
    assert rows[0][2:5] == ["栏目", "现值", "另一值"]
    got = sorted(r[2:5] for r in rows[1:])
    assert got == [
        ["党员 · 专业技术职务", "助理工程师", "高级工程师"],
        ["党员 · 入党日期", "2001-06-30", "2001-07-02"],
        ["党员 · 联系电话", "333", "222"],
    ]


def test_conflicts_in_english(review):
    rows = tables(review.get("/console/review?lang=en").text)["conflicts"]
    assert sorted(r[2] for r in rows[1:]) == [
        "member · join date",
        "member · phone",
        "member · professional title",
    ]


def test_conflict_values_in_words_not_codes_or_ids(central_dir):
    """A member moved to two branches by two devices: the values were the branches' ids (a
    UUID each) and the category's code (probationary); they read as the branch's name and
    正式党员/预备党员. An id or code without words is shown as it is."""
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    a, b = Device("3301000052"), Device("3301000052")
    for d in (a, b):
        d.enrol_direct(central)
    setup = [
        ("org", "b1", "create", {"name": "第一党支部", "kind": "branch", "parent_id": None}),
        ("org", "b2", "create", {"name": "第二党支部", "kind": "branch", "parent_id": None}),
        ("org", "b3", "create", {"name": "第三党支部", "kind": "branch", "parent_id": None}),
        ("member", "m1", "create", {"name": "张三", "org_id": "b1", "category": "probationary"}),
    ]
    assert central.process(a.seal(a.next_ops(setup))).status == "applied"
    edit = {"org_id": "b2", "category": "full"}
    assert central.process(a.seal(a.next_ops([("member", "m1", "update", edit, 1)])))
    other = {"org_id": "b1", "category": "probationary"}
    # b's edit from version 1 (stale): org_id and category differ — two conflicts
    central.process(b.seal(b.next_ops([("member", "m1", "update", {**other, "org_id": "b3"}, 1)])))
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    rows = sorted(r[2:5] for r in tables(client.get("/console/review").text)["conflicts"][1:])
    assert rows == [
        ["党员 · 人员类别", "预备党员", "正式党员"],
        ["党员 · 所在党支部", "第三党支部", "第二党支部"],
    ]
