"""Online: enrol with a code, sync a month of work, receipts verified, outbox synced; an edit
while a bundle is in flight; a true conflict flagged on both sides; notices, code tables and a
transfer proposal come down the line."""

from __future__ import annotations

import pytest
from tests.e2e.work import add_members, month_of_work

from ztclient.domain.errors import DomainError


def enrol(central, session, tmp_path, unit: str) -> None:
    code = central.enroll_unit(unit, tmp_path / f"enrol-{unit}.json")
    session.sync.enroll_online(central.url, code)


def applied_ops(central, unit: str) -> list[dict]:
    with central.db().tx() as tx:
        return tx.all(
            "SELECT a.op_id, a.seq, a.status FROM applied_ops a JOIN devices d "
            "ON d.device_id = a.device_id WHERE d.unit = $1 ORDER BY a.seq",
            (unit,),
        )


def test_online_enrol_sync_receipts_synced(central, make_unit, tmp_path):
    _, s = make_unit("U100")
    enrol(central, s, tmp_path, "U100")
    st = s.sync.status()
    assert st["enrolled"] and st["enrolled_how"] == "online" and st["trust_version"] == 1
    # the device key lives in the encrypted store, nowhere else
    assert s.store.scalar("SELECT count(*) FROM sync_device") == 1
    n = month_of_work(s, n_members=8, weeks=4) + 1  # + the unit's own org
    s.sync.max_ops = 20  # several bundles, chained
    rep = s.sync.sync()
    assert len(rep.sent) >= 2 and all(b.status == "applied" for b in rep.sent)
    st = s.sync.status()
    assert (st["pending"], st["in_flight"], st["synced"]) == (0, 0, n)
    assert st["bundles"] == {"acknowledged": len(rep.sent)}
    # every bundle has its verified receipt stored
    assert s.store.scalar("SELECT count(*) FROM sync_bundles WHERE receipt IS NULL") == 0
    ops = applied_ops(central, "U100")
    local = [r["op_id"] for r in s.store.read("SELECT op_id FROM outbox ORDER BY seq")]
    assert [o["op_id"] for o in ops] == local  # every change exactly once, in order
    # a second sync with nothing new sends nothing and changes nothing
    assert s.sync.sync().sent == []
    assert len(applied_ops(central, "U100")) == n
    [counts] = [u["counts"] for u in central.status()["units"] if u["code"] == "U100"]
    assert counts["member"] == 8 and counts["meeting"] == 8
    # enrolling again (a new code) keeps the device's chain: later work still applies
    enrol(central, s, tmp_path, "U100")
    add_members(s, 1, start=50)
    assert [b.status for b in s.sync.sync().sent] == ["applied"]
    assert len(applied_ops(central, "U100")) == n + 1


def test_edit_while_in_flight_stays_pending(central, make_unit, tmp_path):
    _, s = make_unit("U101")
    enrol(central, s, tmp_path, "U101")
    [m] = add_members(s, 1)
    s.sync.sync()
    row = s.members.get(m)
    s.members.update(m, {"phone": "13900000001"}, row["version"])
    seen = {}

    def edit_meanwhile() -> None:
        # the bundle with the first edit is sealed and its rows are in flight: edit again
        seen["states"] = {
            r["seq"]: r["sync_state"] for r in s.store.read("SELECT seq, sync_state FROM outbox")
        }
        s.members.update(m, {"phone": "13900000002"}, s.members.get(m)["version"])

    rep = s.sync.sync(between=edit_meanwhile)
    assert seen["states"][3] == "in_flight"  # 1 org, 2 member create, 3 first edit
    assert len(rep.sent) == 2  # the re-edit went in its own, later bundle
    assert s.sync.status()["pending"] == 0
    # had the receipt come before the second bundle, the re-edit would still be pending:
    rows = s.store.read("SELECT seq, sync_state, bundle_id FROM outbox ORDER BY seq")
    assert rows[2]["bundle_id"] != rows[3]["bundle_id"]
    with central.db().tx() as tx:
        rec = tx.one("SELECT data FROM records WHERE entity = 'member' AND id = $1", (m,))
    assert "13900000002" in rec["data"]


def test_edit_while_in_flight_receipt_promotes_only_the_sent_rows(central, make_unit, tmp_path):
    _, s = make_unit("U102")
    enrol(central, s, tmp_path, "U102")
    [m] = add_members(s, 1)
    info = s.sync.prepare()  # sealed, in flight, not yet sent
    s.members.update(m, {"phone": "13900000003"}, s.members.get(m)["version"])
    assert info["seq_to"] == 2
    with s.sync.crypto.connect(
        central.url, s.sync.policy.link(background=False), keys=s.sync.ctx.keys()
    ) as t:
        b = s.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = ?", (info["bundle_id"],))
        out = t.upload(bytes(b["bytes"]))
    s.sync.take_receipt(out.receipt)
    states = [r["sync_state"] for r in s.store.read("SELECT sync_state FROM outbox ORDER BY seq")]
    assert states == ["synced", "synced", "pending"]
    s.sync.sync()
    assert s.sync.status()["pending"] == 0 and len(applied_ops(central, "U102")) == 3


def test_conflict_flagged_on_both_sides(central, make_unit, tmp_path):
    from tests.integration.central.zc_helpers import Device

    _, s = make_unit("U103")
    enrol(central, s, tmp_path, "U103")
    [m] = add_members(s, 1)
    s.sync.sync()
    # another clerk's device of the same unit changes the phone from version 1 …
    from ztcentral.config import open_central

    other = Device("U103")
    other.enrol_direct(open_central(central.data))
    other.seq, other.prev = 0, other.prev
    b = other.seal(other.next_ops([("member", m, "update", {"phone": "13700000000"}, 1)]))
    with s.sync.crypto.connect(central.url, s.sync.policy.link(background=False)) as t:
        t.client.signer = other.signer()  # the other device sends its own bundle
        assert t.upload(b).status == "applied"
    # … and this clerk, from the same version 1, to another value: a true conflict
    s.members.update(m, {"phone": "13600000000"}, 1)
    rep = s.sync.sync()
    assert rep.conflicts == 1
    [c] = s.sync.status()["conflicts"]
    assert (c["code"], c["field"], c["record_id"]) == ("E_MERGE_CONFLICT", "phone", m)
    assert {c["yours"], c["theirs"]} == {"13600000000", "13700000000"}
    assert s.sync.status()["pending"] == 0  # applied with a flag: nothing lost, nothing resent
    with central.db().tx() as tx:
        flagged = tx.all("SELECT field, status FROM conflicts WHERE unit = 'U103'")
    assert flagged == [{"field": "phone", "status": "open"}]
    s.sync.mark_reviewed(c["id"])
    assert s.sync.status()["conflicts"] == []


def test_downlink_notice_code_table_transfer_in(central, make_unit, tmp_path):
    _, a = make_unit("U104")
    _, b = make_unit("U105")
    enrol(central, a, tmp_path, "U104")
    enrol(central, b, tmp_path, "U105")
    central.publish(
        "U105",
        "notice",
        {"title": "关于开展主题教育的通知", "body": "各支部：……", "issued_at": "2026-11-20"},
        tmp_path,
    )
    central.publish("U105", "material", {"title": "学习材料第1期", "body": "……"}, tmp_path)
    central.publish(
        "U105",
        "code_table",
        {"table": "education", "version": 2, "rows": [["21", "大学本科"]]},
        tmp_path,
    )
    central.publish("U105", "org_change", {"what": "rename", "name": "新名称"}, tmp_path)
    # a member leaves U104 for U105 (组织关系转出 → 转入)
    [m] = add_members(a, 1)
    a.members.record_event(
        m, "transfer_out", "2026-11-01", {"to_org": "中共U105支部委员会", "to_unit": "U105"}
    )
    a.sync.sync()
    rep = b.sync.sync()
    assert rep.down_items == 5
    st = b.sync.status()
    assert [n["body"]["title"] for n in st["notices"]] == ["关于开展主题教育的通知"]
    assert [n["body"]["title"] for n in st["materials"]] == ["学习材料第1期"]
    assert [(t["name"], t["version"]) for t in st["code_tables"]] == [("education", 2)]
    assert [(r["type"], r["state"]) for r in st["review_items"]] == [("org_change", "review")]
    # the transfer is a proposal: kept for b's clerk, nobody added to b's roster by it
    # (the whole exchange, acceptance and refusal: tests/e2e/test_transfers.py)
    [t_in] = b.sync.items("transfer_proposal")
    assert t_in["state"] == "applied"
    [proposal] = b.transfers.list("in")
    assert proposal["state"] == "pending"
    assert proposal["letter"]["member"]["name"] == a.members.get(m)["name"]
    assert b.members.count(include_former=True) == 0
    # the same downlink again changes nothing
    assert b.sync.sync().down_items == 0


def test_offline_is_not_an_error_that_loses_anything(make_unit, tmp_path, own_central):
    central = own_central
    from ztclient.services.sync import SyncPolicy

    _, s = make_unit("U106", policy=SyncPolicy(retries=1, backoff=0.01))
    enrol(central, s, tmp_path, "U106")
    add_members(s, 2)
    central.stop()
    with pytest.raises(DomainError) as exc:
        s.sync.sync()
    assert exc.value.code == "E_NETWORK"
    st = s.sync.status()
    assert st["pending"] + st["in_flight"] == 3 and st["last_error"]["code"] == "E_NETWORK"
    central.start(init=False)  # the link is back: a sync that works clears the last error
    s.sync.sync()
    st = s.sync.status()
    assert st["pending"] + st["in_flight"] == 0 and st["last_error"] is None


def test_forged_or_foreign_receipt_marks_nothing(central, make_unit, tmp_path):
    _, s = make_unit("U107")
    _, other = make_unit("U108")
    enrol(central, s, tmp_path, "U107")
    enrol(central, other, tmp_path, "U108")
    add_members(s, 1)
    add_members(other, 1)
    info = s.sync.prepare()
    b = s.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = ?", (info["bundle_id"],))
    with s.sync.crypto.connect(
        central.url, s.sync.policy.link(background=False), keys=s.sync.ctx.keys()
    ) as t:
        good = t.upload(bytes(b["bytes"])).receipt
    forged = bytearray(good)
    forged[40] ^= 1  # one bit in the signed body
    with pytest.raises(DomainError) as exc:
        s.sync.take_receipt(bytes(forged))
    assert exc.value.code in ("E_RECEIPT_SIGNATURE", "E_RECEIPT_FORMAT")
    # another device's genuine receipt names no bundle of ours: ignored
    other.sync.sync()
    foreign = other.store.scalar("SELECT receipt FROM sync_bundles")
    assert s.sync.take_receipt(bytes(foreign)) is None
    assert s.sync.status()["in_flight"] == 2  # nothing marked
    assert s.sync.take_receipt(good).synced == 2
    assert s.sync.status()["synced"] == 2


def test_trust_update_before_receipts_after_key_rotation(own_central, make_unit, tmp_path):
    central = own_central
    _, s = make_unit("U109")
    enrol(central, s, tmp_path, "U109")
    add_members(s, 1)
    s.sync.sync()
    central.stop()
    central.cli("rotate-keys", "--sign", "--enc")  # trust file version 2, new online keys
    central.start(init=False)
    add_members(s, 1, start=10)
    rep = s.sync.sync()  # handshake says version 2: fetched and checked before the receipt
    assert [b.status for b in rep.sent] == ["applied"]
    st = s.sync.status()
    assert st["trust_version"] == 2 and st["pending"] == st["in_flight"] == 0
    assert st["review_items"] == []  # the queued trust item (same version) was taken quietly


def test_lost_receipt_is_fetched_not_resent(central, make_unit, tmp_path):
    _, s = make_unit("U110")
    enrol(central, s, tmp_path, "U110")
    add_members(s, 2)
    info = s.sync.prepare()
    b = s.store.read_one("SELECT * FROM sync_bundles WHERE bundle_id = ?", (info["bundle_id"],))
    s.sync.outbox.mark_sent(b["bundle_id"])  # as the service does before sending it …
    with s.sync.crypto.connect(
        central.url, s.sync.policy.link(background=False), keys=s.sync.ctx.keys()
    ) as t:
        t.upload(bytes(b["bytes"]))  # … applied at central; the answer never reaches the store
    rep = s.sync.sync()  # asked for by hash, not sent again
    assert rep.sent == [] and [r.status for r in rep.receipts] == ["applied"]
    assert s.sync.status()["synced"] == 3
    assert len(applied_ops(central, "U110")) == 3
