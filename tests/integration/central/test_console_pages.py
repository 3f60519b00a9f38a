"""The console's pages against units sent through the real bundle path, with the figures
written here by hand from the plans (not computed by the console's code)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import csrf_of, login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit
from tests.integration.central.zc_helpers import Device

from ztcentral import localtime

PW = "admin-pass-2026!"


@pytest.fixture
def world(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    accounts.add(central.db, "viewer1", "viewer", PW)
    today = localtime.today()
    t = today.isoformat()
    # Unit A: 3 branches × (5 full, 1 probationary, 2 activists); member 0 of each branch is
    # its secretary (target 56 h); member 0 studied 40 h, member 1 studied 32 h.
    # Branch 0 held 支委会 + 主题党日 (month complete) and 党员大会 + 党课 (quarter complete);
    # branch 1 held only a 支委会; branch 2 nothing. Terms end in 30 days: all 3 due.
    elected = (today.replace(year=today.year - 3) + timedelta(days=30)).isoformat()
    a = UnitPlan(
        "3301000001", "中共甲街道工作委员会", branches=3,
        categories={"full": 5, "probationary": 1, "activist": 2},
        meetings=[(0, "branch_committee", t), (0, "theme_day", t), (0, "branch_general", t),
                  (0, "lecture", t), (1, "branch_committee", t)],
        hours={0: 40.0, 1: 32.0}, elected_on=elected,
    )  # fmt: skip
    # Unit B: one branch of 3 full members who joined in 2020; 党费 45.00 a month each this
    # year; member 0 paid January to this month, the others nothing.
    b = UnitPlan(
        "3301000002", "中共乙社区委员会", branches=1, categories={"full": 3},
        join_date="2020-07-01", dues_monthly_fen=4500, dues_paid={0: today.month},
    )  # fmt: skip
    seed_unit(central, a)
    seed_unit(central, b)
    app = create_app(central_dir)
    client = TestClient(app, base_url="http://127.0.0.1")
    return SimpleNamespace(app=app, client=client, central=central, a=a, b=b)


def test_overview_shows_each_unit_side_by_side(world):
    client = world.client
    assert login(client, "viewer1", PW).status_code == 303
    page = client.get("/console/")
    assert page.status_code == 200
    rows = {r[0]: r for r in tables(page.text)["units"][1:-1]}
    # code, name, last sync, held, quarantined, full, probationary, pipeline,
    # month, quarter, study short, elections due
    ra, rb = rows["3301000001"], rows["3301000002"]
    assert ra[1] == "中共甲街道工作委员会"
    assert ra[3:] == ["0", "0", "15", "3", "6", "1/3", "1/3", "15", "3", "0.00/0.00"]
    # Unit B: 3 full members, none studied, no meetings in its one branch, no term recorded;
    # 党费: member 0 paid January to this month (45.00 each, due and collected); the other two
    # owe 45.00 for each month that has fallen due — not this month, which is still to pay
    # (not due) while it lasts, its last day too: the overview is as of now.
    months = localtime.today().month
    dues = f"{45 * months}.00/{45 * months + 90 * (months - 1)}.00"
    assert rb[3:] == ["0", "0", "3", "0", "0", "0/1", "0/1", "3", "0", dues]
    total = tables(page.text)["units"][-1]
    assert total[0] == "合计 (2)"
    assert total[1:] == ["0", "0", "18", "3", "6", "1/4", "1/4", "18", "3", dues]
    assert "分钟前" in ra[2]


def test_overview_cache_follows_new_bundles(world):
    client, central, b = world.client, world.central, world.b
    login(client, "viewer1", PW)
    client.get("/console/")
    # Unit B's branch holds its 支委会 and 主题党日 today: its month becomes complete.
    t = localtime.today().isoformat()
    second = Device(b.code)  # the unit's second device (a laptop)
    second.enrol_direct(central)
    branch = b.ids["branches"][0]
    ops = second.next_ops([
        ("meeting", "m-1", "create", {"org_id": branch, "kind": "branch_committee", "title": "x", "starts_at": f"{t}T09:00"}),
        ("meeting", "m-2", "create", {"org_id": branch, "kind": "theme_day", "title": "y", "starts_at": f"{t}T10:00"}),
    ])  # fmt: skip
    assert central.process(second.seal(ops)).status == "applied"
    rows = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}
    assert rows[b.code][8] == "1/1"


def test_unit_page_and_unknown_unit(world):
    client, a = world.client, world.a
    login(client, "viewer1", PW)
    assert client.get("/console/units/9999999999").status_code == 404
    page = client.get(f"/console/units/{a.code}")
    assert page.status_code == 200
    assert "中共甲街道工作委员会" in page.text
    t = tables(page.text)
    months = t["months"]
    this_month = next(r for r in months[1:] if r[0] == f"{localtime.today().month}月")
    # 支委会 2 (branches 0 and 1), 主题党日 1, 党小组会 0, 党员大会 1, 党课 1, 组织生活会 0
    assert this_month[1:7] == ["2", "1", "0", "1", "1", "0"]
    assert this_month[7] == "1/3个支部已按要求开会"
    pipeline = dict(t["pipeline"])
    assert pipeline == {"入党申请人": "0", "入党积极分子": "6", "发展对象": "0", "预备党员": "3",
                        "正式党员": "15"}  # fmt: skip
    assert "党员2-1" not in page.text  # no personal data on the unit page
    assert client.get(f"/console/units/{a.code}/members").status_code == 403


def test_member_list_is_for_admins_and_audited(world):
    client, central, b = world.client, world.central, world.b
    login(client, "admin1", PW)
    page = client.get(f"/console/units/{b.code}/members")
    assert page.status_code == 200
    rows = tables(page.text)["members"][1:]
    assert [r[0] for r in rows] == ["党员1-1", "党员1-2", "党员1-3"]
    from ztcentral.console import audit

    seen = [e for e in audit.entries(central.db) if e["action"] == "view.members"]
    assert seen and seen[0]["target"] == b.code and seen[0]["username"] == "admin1"


def test_publish_a_notice_to_chosen_units_and_see_it_delivered(world):
    client, central, a = world.client, world.central, world.a
    login(client, "admin1", PW)
    form = client.get("/console/publish")
    token = csrf_of(form.text)
    r = client.post(
        "/console/publish", data={"csrf_token": token, "title": "", "body": "x", "units": a.code}
    )
    assert r.status_code == 422  # an empty title is refused, nothing queued
    r = client.post(
        "/console/publish",
        data={"csrf_token": token, "type": "notice", "title": "关于开展主题党日的通知",
              "body": "请各支部按时开展。", "units": [a.code, "NOPE"]},
    )  # fmt: skip
    assert r.status_code == 422  # an unknown unit is refused
    r = client.post(
        "/console/publish",
        data={"csrf_token": token, "type": "notice", "title": "关于开展主题党日的通知",
              "body": "请各支部按时开展。", "units": [a.code]},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    with central.db.tx() as tx:
        items = tx.all("SELECT unit, type, body FROM down_items WHERE type = 'notice'")
    assert [(i["unit"], i["type"]) for i in items] == [(a.code, "notice")]
    page = client.get("/console/publish")
    row = tables(page.text)["publications"][1]
    assert row[1:] == ["通知", "关于开展主题党日的通知", "1", "0", "0"]
    # The unit's read receipt (a notice_reply record sent up by its clerk) counts as read.
    with central.db.tx() as tx:
        item_id = tx.one("SELECT item_id FROM down_items WHERE type = 'notice'")["item_id"]
        tx.run(
            "INSERT INTO records (unit, entity, id, data, fver, version, voided, review, "
            "updated_at) VALUES ($1, 'notice_reply', $2, $3, '{}', 1, 0, 0, '2026-12-01T00:00:00Z')",
            (a.code, item_id, '{"feedback": "", "read_at": "2026-12-01T00:00:00Z"}'),
        )
    row = tables(client.get("/console/publish").text)["publications"][1]
    assert row[-1] == "1"


def test_enrol_code_devices_and_revoke(world):
    client, central, a = world.client, world.central, world.a
    login(client, "admin1", PW)
    page = client.get("/console/enrol")
    token = csrf_of(page.text)
    r = client.post("/console/enrol", data={"csrf_token": token, "unit": "bad code!"})
    assert r.status_code == 422
    r = client.post(
        "/console/enrol", data={"csrf_token": token, "unit": "3301000003", "name": "丙村"}
    )
    assert r.status_code == 200
    import re

    code = re.search(r'id="enrol-code">([^<]+)<', r.text).group(1)
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert 'download="enrol-3301000003.json"' in r.text
    with central.db.tx() as tx:
        devices = tx.all("SELECT device_id FROM devices WHERE unit = $1", (a.code,))
    target = devices[0]["device_id"]
    r = client.post(
        f"/console/devices/{target}/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303
    with central.db.tx() as tx:
        assert tx.scalar("SELECT status FROM devices WHERE device_id = $1", (target,)) == "revoked"
    r = client.post("/console/devices/no-such-device/revoke", data={"csrf_token": token})
    assert r.status_code == 404
    from ztcentral.console import audit

    actions = [e["action"] for e in audit.entries(central.db)]
    assert "enrol.code" in actions and "device.revoke" in actions


def test_report_download(world):
    client, a, b = world.client, world.a, world.b
    login(client, "viewer1", PW)
    year = localtime.today().year
    r = client.get(f"/console/reports/{year}.xlsx")
    assert r.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(r.content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "单位名称", "党员数")
    units = {row[0]: row[1:3] for row in rows[1:]}
    assert units[a.code] == ("中共甲街道工作委员会", 18) and units[b.code] == (
        "中共乙社区委员会",
        3,
    )
    assert client.get("/console/reports/1900.xlsx").status_code == 404
    assert client.get("/console/reports/abc.xlsx").status_code == 404
