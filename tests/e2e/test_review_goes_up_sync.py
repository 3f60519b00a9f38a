"""Over loopback: the clerk's 已核对 reaches the committee. Two devices of one unit change the
same 党员's phone and address from the same version; the laptop, second to sync, meets a
conflict on both (its values applied, the PC's displaced). Its
clerk marks the phone conflict 已核对 on the laptop; the next sync carries it up, and the
console's 审核 lists it as reviewed on the unit's device (who, when, which device) while the
address conflict stays open. Nothing comes back down for it (no echo)."""

from __future__ import annotations

from tests.e2e.test_conflict_reviewed_sync import PW, _Browser, _types
from tests.e2e.work import both_change_one_member, two_devices
from tests.integration.central.console_client import tables

UNIT = "U662"


def test_the_clerks_review_shows_in_the_committees_review(central, make_unit, tmp_path):
    pc, _lapp, laptop = two_devices(central, make_unit, tmp_path, UNIT)
    both_change_one_member(pc, laptop)
    [phone] = [p for p in laptop.sync.status()["conflicts"] if p["field"] == "phone"]

    laptop.sync.mark_reviewed(phone["id"])
    reviewed_at = laptop.store.scalar(
        "SELECT reviewed_at FROM sync_problems WHERE id = ?", (phone["id"],)
    )
    rep = laptop.sync.sync()
    assert rep.rejected == 0

    with central.db().tx() as tx:
        rows = {
            r["field"]: (r["status"], r["reviewed_by"], r["reviewed_at"], r["reviewed_device"])
            for r in tx.all("SELECT * FROM conflicts WHERE unit = $1", (UNIT,))
        }
    device = laptop.device_id
    assert rows == {
        "phone": ("reviewed", "clerk", reviewed_at, device),
        "address": ("open", None, None, None),
    }

    f = tmp_path / "pw.txt"
    f.write_text(PW + "\n")
    central.cli("user", "add", "张三", "--role", "admin", "--password-file", str(f))
    client = _Browser(central.url)
    assert "退出" in client.login("张三", PW)
    found = tables(client.get("/console/review"))
    assert [r[3] for r in found["conflicts"][1:]] == ["党员 · 家庭住址"]
    [_head, row] = found["conflicts_reviewed"]
    assert row[2:] == [
        "李四（中共U662支部委员会）",
        "党员 · 联系电话",
        "clerk",
        f"单位设备 {device[:13]}",
    ]
    assert "冲突已在单位设备上核对" in client.get("/console/audit")

    # no echo: the laptop's next sync brings no conflict_reviewed for what it closed itself
    laptop.sync.sync()
    assert "conflict_reviewed" not in _types(laptop)
    st = laptop.sync.status()
    assert [p["field"] for p in st["conflicts"]] == ["address"]
    assert [p["field"] for p in st["closed_here"]] == ["phone"]
    laptop.close()
