"""A unit's name beside its code on every console page and in the report that lists units.

Two sources (docs/console.md "Unit names"): the committee's own entry (the enrolment form's
单位名称, ``ztcentral enroll-unit --unit-name``) and the name the clerk gave the unit on the
first run, sent up as its root organisation. The committee's entry wins and is never
overwritten by a device; the unit's page shows a different name the device sent beside it."""

from __future__ import annotations

import re
import uuid
from io import BytesIO

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import csrf_of, login, tables
from tests.integration.central.zc_helpers import Device

from ztcentral import localtime

PW = "admin-pass-2026!"
A, B, C = "3301000001", "3301000002", "3301000003"


def _send_root(central, dev: Device, name: str) -> str:
    """The clerk's first run: the unit's root organisation and one branch under it."""
    root = str(uuid.uuid4())
    ops = dev.next_ops([
        ("org", root, "create", {"name": name, "kind": "committee", "parent_id": None,
                                 "code": dev.unit}),
        ("org", str(uuid.uuid4()), "create", {"name": "第1党支部", "kind": "branch",
                                              "parent_id": root}),
    ])  # fmt: skip
    assert central.process(dev.seal(ops)).status == "applied"
    return root


@pytest.fixture
def world(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    # A: enrolled by `ztcentral enroll-unit` without a name; its clerk named it on first run.
    a = Device(A)
    a.enrol_direct(central)
    _send_root(central, a, "中共甲街道工作委员会")
    # B: the committee typed its name in the enrolment form; the clerk typed a shorter one.
    token = csrf_of(client.get("/console/enrol").text)
    r = client.post(
        "/console/enrol", data={"csrf_token": token, "unit": B, "name": "中共乙社区委员会"}
    )
    assert r.status_code == 200
    b = Device(B)
    b.enrol_direct(central)
    _send_root(central, b, "乙社区党委")
    # C: enrolled, nothing sent, no name given anywhere.
    Device(C).enrol_direct(central)
    return central, client


def test_overview_shows_the_name_from_either_source_the_committees_first(world):
    _, client = world
    rows = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}
    assert rows[A][1] == "中共甲街道工作委员会"  # the device's, none entered
    assert rows[B][1] == "中共乙社区委员会"  # the committee's entry wins
    assert rows[C][1] == ""  # no name known: not the code a second time


def test_unit_page_heading_and_the_name_the_device_sent_when_it_differs(world):
    _, client = world
    page = client.get(f"/console/units/{A}").text
    assert re.search(r"<h1>中共甲街道工作委员会 <span", page)
    assert "设备报送的单位名称" not in page  # one source only: nothing to compare
    page = client.get(f"/console/units/{B}").text
    assert re.search(r"<h1>中共乙社区委员会 <span", page)
    assert "设备报送的单位名称：乙社区党委" in page  # seen, not silently dropped
    page = client.get(f"/console/units/{C}").text
    assert re.search(rf"<h1>{C} <span", page)  # the code where no name is known
    members = client.get(f"/console/units/{A}/members").text
    assert "<h1>中共甲街道工作委员会 · " in members


def test_publish_and_enrol_pages_name_each_unit(world):
    _, client = world
    page = client.get("/console/publish").text
    assert f'value="{A}"> {A} 中共甲街道工作委员会</label>' in page
    assert f'value="{B}"> {B} 中共乙社区委员会</label>' in page
    token = csrf_of(page)
    r = client.post(
        "/console/publish",
        data={"csrf_token": token, "type": "notice", "title": "通知", "body": "正文", "all": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    receipts = tables(client.get("/console/publish").text)["receipts-1"]
    assert [row[0] for row in receipts[1:]] == [
        f"{A} 中共甲街道工作委员会", f"{B} 中共乙社区委员会", C,
    ]  # fmt: skip
    devices = tables(client.get("/console/enrol").text)["devices"][1:]
    assert [row[0] for row in devices] == [f"{A} 中共甲街道工作委员会", f"{B} 中共乙社区委员会", C]


def test_the_enrolment_form_names_a_unit_that_exists_already(world):
    """The committee's entry for a unit made earlier (by the CLI, or a first device) is kept, not
    dropped because the unit's row was there."""
    _, client = world
    token = csrf_of(client.get("/console/enrol").text)
    client.post("/console/enrol", data={"csrf_token": token, "unit": C, "name": "中共丙村委员会"})
    client.post("/console/enrol", data={"csrf_token": token, "unit": B, "name": ""})
    rows = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}
    assert rows[C][1] == "中共丙村委员会"
    assert rows[B][1] == "中共乙社区委员会"  # an empty name leaves the entry as it was


def test_the_report_has_the_units_name_beside_its_code_on_every_sheet(world):
    from openpyxl import load_workbook

    _, client = world
    year = localtime.today().year
    wb = load_workbook(BytesIO(client.get(f"/console/reports/{year}.xlsx").content))
    for title in (f"{year}年各单位对比", f"{year}年党费收缴", f"{year}年组织生活"):
        rows = list(wb[title].iter_rows(values_only=True))
        assert rows[0][:2] == ("单位", "单位名称"), title
        names = {r[0]: r[1] for r in rows[1:]}
        assert names[A] == "中共甲街道工作委员会", title
        assert names[B] == "中共乙社区委员会", title
        assert names[C] in (None, ""), title


def _rename(client, code: str, name: str, token: str | None = None):
    token = token if token is not None else csrf_of(client.get(f"/console/units/{code}").text)
    return client.post(
        f"/console/units/{code}/name", data={"csrf_token": token, "name": name},
        follow_redirects=False,
    )  # fmt: skip


def test_a_unit_is_renamed_on_its_page_without_an_enrolment_code(world):
    """更正单位名称: the committee corrects a unit's name on its page; no enrolment code is
    issued, the entry wins over the device's, and 操作日志 says so in Chinese."""
    central, client = world
    codes = "SELECT count(*) FROM enrol_codes"
    with central.db.tx() as tx:
        before = tx.scalar(codes)
    r = _rename(client, B, "  中共乙社区  委员会 ")
    assert (r.status_code, r.headers["location"]) == (303, f"/console/units/{B}?done=renamed")
    page = client.get(f"/console/units/{B}?done=renamed").text
    assert re.search(r"<h1>中共乙社区 委员会 <span", page)  # spaces run together, trimmed
    assert "单位名称已更正" in page
    assert _rename(client, A, "中共甲街道工委").status_code == 303
    rows = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}
    assert (rows[A][1], rows[B][1]) == ("中共甲街道工委", "中共乙社区 委员会")
    assert "设备报送的单位名称：中共甲街道工作委员会" in client.get(f"/console/units/{A}").text
    with central.db.tx() as tx:
        assert tx.scalar(codes) == before  # no enrolment code issued
        logged = tx.all(
            "SELECT target, username, detail FROM console_audit WHERE action = 'unit.rename' "
            "ORDER BY at"
        )
    assert [(x["target"], x["username"]) for x in logged] == [(B, "admin1"), (A, "admin1")]
    assert '"old": "中共乙社区委员会"' in logged[0]["detail"]
    audit_rows = tables(client.get("/console/audit").text)["audit"]
    assert any("更正单位名称" in row[3] and row[4] == A for row in audit_rows[1:])


def test_renaming_is_refused_without_a_name_csrf_or_a_known_unit(world):
    central, client = world
    r = _rename(client, B, "   ")
    assert r.status_code == 422
    assert "输入的内容不符合要求" in r.text
    assert _rename(client, B, "名" * 101).status_code == 422
    assert _rename(client, B, "中共乙\x00社区\u200b委员会").status_code == 422  # control, format
    assert _rename(client, B, "中共乙社区党委", token="forged").status_code == 400
    assert _rename(client, "3301009999", "中共某单位").status_code == 404
    rows = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}
    assert rows[B][1] == "中共乙社区委员会"  # unchanged
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) FROM console_audit WHERE action = 'unit.rename'") == 0


def test_a_viewer_may_not_rename(world, central_dir):
    from ztcentral.app import create_app
    from ztcentral.console import accounts

    central, _ = world
    accounts.add(central.db, "viewer1", "viewer", PW)
    viewer = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(viewer, "viewer1", PW).status_code == 303
    page = viewer.get(f"/console/units/{B}").text
    assert 'id="rename"' not in page
    r = viewer.post(f"/console/units/{B}/name", data={"csrf_token": csrf_of(page), "name": "x"})
    assert r.status_code == 403
