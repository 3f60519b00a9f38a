"""A 党费 payment for a month before the unit's founding month (its top organisation's 成立日期)
is flagged at the centre as the client flags it (W_DUES_PAID_BEFORE_FOUNDED): kept — a payment
is a fact — and a conflict on the payment's ``month`` for 审核, naming member, month, receipt
number and 成立日期, told to the device that sent it. Before, the centre took it silently."""

from __future__ import annotations

from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.zc_helpers import Device

ADMIN_PW = "admin-pass-2026!"


def _payment(pid: str, months: list[str], receipt: str | None) -> dict:
    return {"id": pid, "member_id": "m1", "first_month": months[0], "months": len(months),
            "amount_fen": 5000 * len(months), "extra_fen": 0, "paid_on": "2026-03-05",
            "way": "cash", "receipt_no": receipt, "note": None,
            "lines": [{"month": m, "amount_fen": 5000} for m in months]}  # fmt: skip


def _unit(central, code: str, founded: str | None) -> Device:
    dev = Device(code)
    dev.enrol_direct(central)
    root = {"name": f"{code}党委", "kind": "committee", "parent_id": None}
    if founded:
        root["founded_on"] = founded
    member = {"name": "张三", "org_id": "root", "category": "full", "status": "normal",
              "join_date": "2001-07-01"}  # fmt: skip
    central.process(
        dev.seal(
            dev.next_ops([("org", "root", "create", root), ("member", "m1", "create", member)])
        )
    )
    return dev


def _pay(central, dev: Device, rows: list[dict]) -> dict:
    data = dev.seal(dev.next_ops([("dues_payment", rows[0]["id"], "insert_many", {"rows": rows})]))
    out = central.process(data)
    assert out.status == "applied"
    [res] = dev.verify(out.receipt, data).ops
    return res


def _conflicts(central, unit: str) -> list[tuple]:
    with central.db.tx() as tx:
        rows = tx.all(
            "SELECT entity, record_id, field, current, displaced, device_id, status "
            "FROM conflicts WHERE unit = $1 ORDER BY record_id",
            (unit,),
        )
    return [tuple(r.values()) for r in rows]


def test_a_payment_before_the_founding_month_is_kept_and_flagged(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    dev = _unit(central, "U003", "2026-03-01")
    early = _payment("p1", ["2026-02", "2026-03"], "0001")  # February: before March's founding
    on_time = _payment("p2", ["2026-03"], "0002")
    res = _pay(central, dev, [early, on_time])

    assert (res["s"], res["code"]) == ("conflict", "E_MERGE_CONFLICT")
    assert res["params"] == {
        "added": 2,
        "conflicts": [{"entity": "dues_payment", "record_id": "p1", "field": "month"}],
    }
    assert _conflicts(central, "U003") == [
        (
            "dues_payment",
            "p1",
            "month",
            '"2026-02 · 张三 · 收据号 0001"',
            '"成立日期 2026-03-01"',
            dev.device_id,
            "open",
        )
    ]
    with central.db.tx() as tx:  # both payments kept
        kept = tx.all("SELECT id FROM records WHERE entity = 'dues_payment' ORDER BY id")
    assert [r["id"] for r in kept] == ["p1", "p2"]

    # 审核, in Chinese: who, which field, the payment's month and receipt, the founding date
    accounts.add(central.db, "admin1", "admin", ADMIN_PW)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", ADMIN_PW).status_code == 303
    [_, row] = tables(client.get("/console/review").text)["conflicts"]
    assert row[1:6] == ["U003 U003党委", "张三（U003党委）", "党费缴纳 · 缴费月份",
                        "2026-02 · 张三 · 收据号 0001", "成立日期 2026-03-01"]  # fmt: skip

    # the device that sent it is told, with the values (sealed to it)
    from ztcentral.downlink import fetch_down

    items = []
    while (data := fetch_down(central, dev.device_id, dev.down_seq)) is not None:
        items += dev.open_down(data)[1]
    [item] = [i["body"] for i in items if i["type"] == "conflict"]
    assert (item["record_id"], item["field"], item["yours"], item["theirs"]) == (
        "p1",
        "month",
        "2026-02 · 张三 · 收据号 0001",
        "成立日期 2026-03-01",
    )


def test_a_second_copy_a_unit_without_a_founding_date_and_no_receipt(central):
    dev = _unit(central, "U004", "2026-03-01")
    row = _payment("p1", ["2026-01"], None)
    assert _pay(central, dev, [row])["s"] == "conflict"
    assert _pay(central, dev, [row])["s"] == "applied"  # the same payment again: said once
    assert [c[3] for c in _conflicts(central, "U004")] == ['"2026-01 · 张三 · 收据号 —"']

    other = _unit(central, "U005", None)  # no 成立日期: nothing to judge by
    assert _pay(central, other, [_payment("p9", ["2020-01"], "0009")])["s"] == "applied"
    assert _conflicts(central, "U005") == []
