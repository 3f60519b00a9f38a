"""已核对 made on the device reaches the centre: a ``conflict_review`` op closes the conflict the
device lost (op + field, sent by that device) as reviewed *on the device* — who, when, which
device — with a 操作日志 line; 审核 lists it under 已核对 as the unit's, not a committee
member's, and nothing goes back down (no echo). A conflict already closed stays as it was, a
replayed op is a duplicate, another device cannot close it, a malformed op is refused."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import csrf_of, login, tables
from tests.integration.central.zc_helpers import Device

ADMIN_PW = "admin-pass-2026!"
UNIT = "3301000072"
FORM = re.compile(r'action="/console/review/conflicts/([0-9a-f\-]+)/reviewed"')
AT = "2026-12-02T11:40:05Z"


@pytest.fixture
def world(central_dir):
    """Devices a and b edit 党员 m1's phone and 入党日期 from the same version; b's edit comes
    second: two conflicts, b's (b_op)."""
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", ADMIN_PW)
    a, b = Device(UNIT), Device(UNIT)
    for d in (a, b):
        d.enrol_direct(central)
    create = [
        ("member", "m1", "create", {"name": "张三", "phone": "111", "join_date": "2001-07-01"})
    ]
    assert central.process(a.seal(a.next_ops(create))).status == "applied"
    edit = {"phone": "222", "join_date": "2001-07-02"}
    central.process(a.seal(a.next_ops([("member", "m1", "update", edit, 1)])))
    [b_op] = b.next_ops(
        [("member", "m1", "update", {"phone": "333", "join_date": "2001-06-30"}, 1)]
    )
    central.process(b.seal([b_op]))
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    return central, client, a, b, b_op["op_id"]


def _conflicts(central) -> dict[str, tuple]:
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT field, status, reviewed_by, reviewed_at, reviewed_device FROM conflicts"
        )
    return {r["field"]: (r["status"], r["reviewed_by"], r["reviewed_at"], r["reviewed_device"])
            for r in rows}  # fmt: skip


def _audit(central) -> list[tuple]:
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT username, address, action, target, detail FROM console_audit "
            "WHERE action LIKE 'conflict.%' ORDER BY at"
        )
    return [(r["username"], r["address"], r["action"], r["target"], r["detail"]) for r in rows]


def _review(device, op_id: str, field: str, by: str = "王五", at: str = AT, **kw):
    fields = {"field": field, "reviewed_by": by, "reviewed_at": at, **kw}
    return device.next_ops([("conflict_review", op_id, "reviewed", fields)])


def _send(central, device, ops) -> list[dict]:
    data = device.seal(ops)
    out = central.process(data)
    assert out.status == "applied"
    return [
        {"s": o["s"], "code": o["code"], "params": o["params"]}
        for o in device.verify(out.receipt, data).ops
    ]


def _down_types(central, device) -> list[str]:
    from ztcentral.downlink import fetch_down

    out: list[str] = []
    while (data := fetch_down(central, device.device_id, device.down_seq)) is not None:
        out += [i["type"] for i in device.open_down(data)[1]]
    return out


def test_the_devices_review_closes_the_conflict_as_reviewed_on_the_device(world):
    central, client, a, b, b_op = world
    assert sorted(_down_types(central, b)) == ["conflict", "conflict"]  # delivered before
    with central.db.tx() as tx:
        phone_id = tx.scalar("SELECT id FROM conflicts WHERE field = 'phone'")

    [res] = _send(central, b, _review(b, b_op, "phone"))

    assert res == {"s": "applied", "code": None, "params": {"closed": 1}}
    assert _conflicts(central) == {
        "phone": ("reviewed", "王五", AT, b.device_id),
        "join_date": ("open", None, None, None),
    }
    [entry] = _audit(central)
    assert entry[:4] == ("王五", None, "conflict.review_device", phone_id)
    assert b.device_id in entry[4]
    # no echo: the device that told us is not told back; nothing was queued for a either
    assert _down_types(central, b) == []
    assert "conflict_reviewed" not in _down_types(central, a)

    # 审核: the open list has join_date only; 已核对 shows phone reviewed on the unit's device
    assert login(client, "admin1", ADMIN_PW).status_code == 303
    page = client.get("/console/review")
    found = tables(page.text)
    assert [r[3] for r in found["conflicts"][1:]] == ["党员 · 入党日期"]
    [head, row] = found["conflicts_reviewed"]
    assert head == ["核对时间", "单位", "人员或记录", "栏目", "核对人", "在哪里核对"]
    assert row[1:] == [UNIT, "张三", "党员 · 联系电话", "王五", f"单位设备 {b.device_id[:13]}"]
    assert row[0].startswith("2026-12-02 19:40")  # the device's time, shown in Beijing time

    # an admin with a stale page who clicks it: refused, told it was reviewed on the device
    r = client.post(f"/console/review/conflicts/{phone_id}/reviewed",
                    data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 409
    assert "王五（单位设备上）" in r.text
    assert _conflicts(central)["phone"] == ("reviewed", "王五", AT, b.device_id)


def test_a_replay_is_a_duplicate_and_a_conflict_closed_before_stays_as_it_was(world):
    central, client, _a, b, b_op = world
    ops = _review(b, b_op, "phone")
    _send(central, b, ops)
    # the same op again, in a later bundle (a resend after a lost receipt)
    [again] = _send(central, b, [{**ops[0], "seq": b.seq + 1}])
    b.seq += 1
    assert (again["s"], again["code"]) == ("duplicate", "E_OP_DUPLICATE")

    # the committee closes join_date; the device's review of it arrives after
    assert login(client, "admin1", ADMIN_PW).status_code == 303
    page = client.get("/console/review")
    [jid] = FORM.findall(page.text)
    client.post(f"/console/review/conflicts/{jid}/reviewed",
                data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)  # fmt: skip
    committee = _conflicts(central)["join_date"]
    assert committee[1] == "admin1" and committee[3] is None
    [late] = _send(central, b, _review(b, b_op, "join_date", by="赵六"))
    assert late == {"s": "applied", "code": None,
                    "params": {"closed": 0, "reason": "already_reviewed"}}  # fmt: skip
    assert _conflicts(central)["join_date"] == committee
    assert [e[2] for e in _audit(central)] == ["conflict.review_device", "conflict.review"]


def test_another_device_cannot_close_a_conflict_it_did_not_get(world):
    central, _client, a, b, b_op = world
    [res] = _send(central, a, _review(a, b_op, "phone"))
    assert res == {"s": "applied", "code": None, "params": {"closed": 0, "reason": "no_conflict"}}
    [res] = _send(central, b, _review(b, b_op, "address"))  # no conflict on that field
    assert res["params"] == {"closed": 0, "reason": "no_conflict"}
    assert {v[0] for v in _conflicts(central).values()} == {"open"}
    assert _audit(central) == []


def test_a_review_naming_the_record_closes_that_records_conflict_only(world):
    central, _client, _a, b, b_op = world
    [res] = _send(central, b, _review(b, b_op, "phone", entity="member", record="m2"))
    assert res["params"] == {"closed": 0, "reason": "no_conflict"}  # not that member's
    [res] = _send(central, b, _review(b, b_op, "phone", entity="member", record="m1"))
    assert res["params"] == {"closed": 1}
    assert _conflicts(central)["phone"] == ("reviewed", "王五", AT, b.device_id)
    assert _conflicts(central)["join_date"][0] == "open"


@pytest.mark.parametrize(
    "fields, what",
    [
        ({"field": "phone", "reviewed_by": "", "reviewed_at": AT}, "reviewed_by"),
        ({"field": "phone", "reviewed_by": "王五", "reviewed_at": "yesterday"}, "reviewed_at"),
        ({"field": "", "reviewed_by": "王五", "reviewed_at": AT}, "field"),
        ({"field": "phone", "reviewed_by": "王五"}, "keys"),
        ({"field": "phone", "reviewed_by": "王五", "reviewed_at": AT, "entity": "member"}, "keys"),
        (
            {
                "field": "phone",
                "reviewed_by": "王五",
                "reviewed_at": AT,
                "entity": "member",
                "record": "",
            },
            "record",
        ),
    ],
)
def test_a_malformed_review_is_refused_and_changes_nothing(world, fields, what):
    central, _client, _a, b, b_op = world
    ops = b.next_ops([("conflict_review", b_op, "reviewed", fields)])
    [res] = _send(central, b, ops)
    assert (res["s"], res["code"], res["params"]) == ("rejected", "E_OP_INVALID", {"what": what})
    assert {v[0] for v in _conflicts(central).values()} == {"open"}
