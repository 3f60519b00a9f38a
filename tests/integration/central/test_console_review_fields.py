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
    assert rows[0][2:6] == ["人员或记录", "栏目", "现值", "另一值"]
    got = sorted(r[3:6] for r in rows[1:])
    assert got == [
        ["党员 · 专业技术职务", "助理工程师", "高级工程师"],
        ["党员 · 入党日期", "2001-06-30", "2001-07-02"],
        ["党员 · 联系电话", "333", "222"],
    ]


def test_conflicts_in_english(review):
    rows = tables(review.get("/console/review?lang=en").text)["conflicts"]
    assert sorted(r[3] for r in rows[1:]) == [
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
    rows = sorted(r[3:6] for r in tables(client.get("/console/review").text)["conflicts"][1:])
    assert rows == [
        ["党员 · 人员类别", "预备党员", "正式党员"],
        ["党员 · 所在党支部", "第三党支部", "第二党支部"],
    ]


def test_conflicts_name_the_person_and_branch(central_dir):
    """The conflicts table named the field and the values but not whom they are about: a
    reviewer saw 党员 · 所在党支部 for some member of the unit. It names the person as the clerk
    knows them (姓名（所在支部）), for a record about a member (a 党内职务) too, an organisation by
    its name, and falls back to the record's id only for one the centre does not have."""
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    a, b = Device("3301000053"), Device("3301000053")
    for d in (a, b):
        d.enrol_direct(central)
    setup = [
        ("org", "b1", "create", {"name": "第一党支部", "kind": "branch", "parent_id": None}),
        ("org", "b2", "create", {"name": "第二党支部", "kind": "branch", "parent_id": None}),
        ("member", "m1", "create", {"name": "张三", "org_id": "b1", "phone": "111"}),
        ("member", "m2", "create", {"name": "李四", "org_id": "b2"}),
        ("org_post", "p1", "create", {"org_id": "b2", "member_id": "m2", "post": "secretary",
                                      "start_date": "2024-01-01"}),
    ]  # fmt: skip
    assert central.process(a.seal(a.next_ops(setup))).status == "applied"
    mine = [
        ("member", "m1", "update", {"phone": "222"}, 1),
        ("org_post", "p1", "update", {"start_date": "2024-02-01"}, 1),
        ("org", "b2", "update", {"name": "第二党支部（机关）"}, 1),
    ]
    theirs = [
        ("member", "m1", "update", {"phone": "333"}, 1),
        ("org_post", "p1", "update", {"start_date": "2024-03-01"}, 1),
        ("org", "b2", "update", {"name": "第二支部"}, 1),
    ]
    assert central.process(a.seal(a.next_ops(mine))).status == "applied"
    central.process(b.seal(b.next_ops(theirs)))
    with central.db.tx() as tx:  # a conflict about a person the centre has no record of
        tx.run(
            "INSERT INTO conflicts (id, unit, entity, record_id, field, current, displaced, "
            "op_id, device_id, created_at, status) VALUES ('c-x', '3301000053', 'member', "
            "'m-gone', 'phone', '\"1\"', '\"2\"', 'op-x', $1, '2026-01-01T00:00:00Z', 'open')",
            (a.device_id,),
        )
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    rows = tables(client.get("/console/review").text)["conflicts"]
    assert rows[0][1:4] == ["单位", "人员或记录", "栏目"]
    got = sorted(r[2:4] for r in rows[1:])
    assert got == [
        ["m-gone", "党员 · 联系电话"],
        ["张三（第一党支部）", "党员 · 联系电话"],
        ["李四（第二支部）", "党内职务 · 任职日期"],  # the branch's name as the centre has it now
        ["第二支部", "组织 · 组织名称"],
    ]
    en = tables(client.get("/console/review?lang=en").text)["conflicts"]
    assert en[0][2] == "Person or record"
