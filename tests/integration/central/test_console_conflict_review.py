"""审核 → 已核对: an admin closes a conflict the committee has looked at. It leaves 审核's open
list and the unit page's 待核对的冲突 count, stays in the database with who and when, and the
操作日志 says so. A viewer, a forged CSRF token, an unknown or already reviewed conflict are
refused, and refused ones change nothing."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import csrf_of, login, tables
from tests.integration.central.zc_helpers import Device

ADMIN_PW, VIEWER_PW = "admin-pass-2026!", "viewer-pass-2026"
UNIT = "3301000071"
FORM = re.compile(r'action="/console/review/conflicts/([0-9a-f\-]+)/reviewed"')


@pytest.fixture
def world(central_dir):
    """Two devices of one unit edit 党员 m1's phone and 入党日期 from the same version: two
    conflicts."""
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", ADMIN_PW)
    accounts.add(central.db, "viewer1", "viewer", VIEWER_PW)
    a, b = Device(UNIT), Device(UNIT)
    for d in (a, b):
        d.enrol_direct(central)
    create = [
        ("member", "m1", "create", {"name": "张三", "phone": "111", "join_date": "2001-07-01"})
    ]
    assert central.process(a.seal(a.next_ops(create))).status == "applied"
    edit = {"phone": "222", "join_date": "2001-07-02"}
    assert central.process(a.seal(a.next_ops([("member", "m1", "update", edit, 1)])))
    other = {"phone": "333", "join_date": "2001-06-30"}
    central.process(b.seal(b.next_ops([("member", "m1", "update", other, 1)])))
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    return central, client, a, b


def _admin(client):
    assert login(client, "admin1", ADMIN_PW).status_code == 303
    return client


def _open(client) -> tuple[list[str], list[list[str]], str]:
    page = client.get("/console/review")
    assert page.status_code == 200
    rows = tables(page.text).get("conflicts", [])
    return FORM.findall(page.text), rows[1:], csrf_of(page.text)


def _unit_conflicts(client) -> str | None:
    page = client.get(f"/console/units/{UNIT}")
    assert page.status_code == 200
    problems = {r[0]: r[1] for r in tables(page.text).get("problems", [])}
    return problems.get("待核对的冲突")


def _status(central) -> dict[str, tuple]:
    with central.db.tx() as tx:
        rows = tx.all("SELECT id, field, status, reviewed_by, reviewed_at FROM conflicts")
    return {r["id"]: (r["field"], r["status"], r["reviewed_by"], r["reviewed_at"]) for r in rows}


def _reviews(central) -> list[tuple]:
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT username, action, target, outcome FROM console_audit "
            "WHERE action = 'conflict.review'"
        )
    return [(r["username"], r["action"], r["target"], r["outcome"]) for r in rows]


def test_a_reviewed_conflict_leaves_the_lists_and_stays_in_the_database(world):
    central, client, *_ = world
    _admin(client)
    ids, rows, csrf = _open(client)
    assert len(ids) == 2 and len(rows) == 2
    assert _unit_conflicts(client) == "2"
    phone = next(i for i in ids if _status(central)[i][0] == "phone")

    r = client.post(f"/console/review/conflicts/{phone}/reviewed", data={"csrf_token": csrf},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/console/review?done=reviewed"
    page = client.get(r.headers["location"])
    assert "已标为已核对" in page.text

    ids, rows, csrf = _open(client)
    assert len(ids) == 1 and phone not in ids
    assert [row[2:4] for row in rows] == [["张三", "党员 · 入党日期"]]
    assert _unit_conflicts(client) == "1"
    field, status, by, at = _status(central)[phone]
    assert (field, status, by) == ("phone", "reviewed", "admin1") and at
    assert _reviews(central) == [("admin1", "conflict.review", phone, "ok")]
    assert "冲突已核对" in client.get("/console/audit").text

    # the last one: the unit's page says 没有待处理的问题 again, 审核 shows none open
    r = client.post(f"/console/review/conflicts/{ids[0]}/reviewed", data={"csrf_token": csrf},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    assert _open(client)[:2] == ([], [])
    assert _unit_conflicts(client) is None
    assert "没有待处理的问题" in client.get(f"/console/units/{UNIT}").text
    assert len(_status(central)) == 2  # both kept
    assert {s[1] for s in _status(central).values()} == {"reviewed"}


def test_a_second_review_and_an_unknown_conflict_are_refused(world):
    central, client, *_ = world
    _admin(client)
    ids, _, csrf = _open(client)
    url = f"/console/review/conflicts/{ids[0]}/reviewed"
    assert client.post(url, data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    before = _status(central)

    again = client.post(url, data={"csrf_token": csrf}, follow_redirects=False)
    assert again.status_code == 409
    assert "您已于" in again.text and "核对过，本次没有改动" in again.text
    unknown = client.post("/console/review/conflicts/0000-not-there/reviewed",
                          data={"csrf_token": csrf}, follow_redirects=False)  # fmt: skip
    assert unknown.status_code == 404
    assert "没有这条冲突" in unknown.text
    bad = client.post("/console/review/conflicts/x;drop/reviewed", data={"csrf_token": csrf},
                      follow_redirects=False)  # fmt: skip
    assert bad.status_code == 404
    assert _status(central) == before  # nothing changed: the first review's who and when stand
    assert len(_reviews(central)) == 1


def test_a_viewer_and_a_forged_token_may_not_review(world):
    central, client, *_ = world
    _admin(client)
    ids, _, _ = _open(client)
    before = _status(central)
    url = f"/console/review/conflicts/{ids[0]}/reviewed"

    forged = client.post(url, data={"csrf_token": "x" * 43}, follow_redirects=False)
    assert forged.status_code == 400
    assert client.post(url, data={}, follow_redirects=False).status_code == 400

    client.post("/console/logout", data={"csrf_token": csrf_of(client.get("/console/").text)})
    assert login(client, "viewer1", VIEWER_PW).status_code == 303
    csrf = csrf_of(client.get("/console/").text)
    viewer = client.post(url, data={"csrf_token": csrf}, follow_redirects=False)
    assert viewer.status_code == 403
    assert _status(central) == before and _reviews(central) == []


def _down(central, device) -> list[dict]:
    from ztcentral.downlink import fetch_down

    items: list[dict] = []
    while (data := fetch_down(central, device.device_id, device.down_seq)) is not None:
        items += device.open_down(data)[1]
    return items


def test_a_review_goes_down_to_the_device_that_lost_the_conflict_only(world):
    """已核对 queues a ``conflict_reviewed`` item, in the same transaction, for the device that
    received the conflict (b, whose edit came second): op_id, field, who and when. The device
    that won (a) gets nothing; a refused second click queues nothing more."""
    central, client, a, b = world
    _admin(client)
    ids, _, csrf = _open(client)
    phone = next(i for i in ids if _status(central)[i][0] == "phone")
    before_b = [i["type"] for i in _down(central, b)]
    assert sorted(before_b) == ["conflict", "conflict"]
    _down(central, a)  # whatever a had (b's records), delivered: a starts empty

    url = f"/console/review/conflicts/{phone}/reviewed"
    assert client.post(url, data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert client.post(url, data={"csrf_token": csrf}, follow_redirects=False).status_code == 409
    with central.db.tx() as tx:
        row = tx.one("SELECT op_id, entity, record_id FROM conflicts WHERE id = $1", (phone,))
    _, _, by, at = _status(central)[phone]

    [item] = _down(central, b)
    assert item["type"] == "conflict_reviewed"
    assert item["body"] == {
        "conflict_id": phone,
        "op_id": row["op_id"],
        "entity": "member",
        "record_id": row["record_id"],
        "field": "phone",
        "reviewed_by": "admin1",
        "reviewed_at": at,
    }
    assert by == "admin1" and at.endswith("Z")
    assert [i for i in _down(central, a) if i["type"] == "conflict_reviewed"] == []
