"""Over loopback: a device restored from a backup older than its 已核对 does not show those rows
open again. The laptop's clerk reviewed one conflict on the laptop, the committee the other in
its console; the laptop is then restored from a backup made while both were open. At its next
sync the centre sends back the 已核对 of every conflict of the device (feed.queue_own): both rows
close again, the laptop's own as 本机 with its clerk's name and time, the committee's as 上级.
Before, both came back open and the clerk was asked to check them a second time."""

from __future__ import annotations

from tests.e2e.test_conflict_reviewed_sync import PW, _Browser, _review

UNIT = "U664"


def test_a_restore_keeps_the_reviews_made_after_its_backup(central, make_unit, tmp_path):
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    _, pc = make_unit(UNIT, name=f"中共{UNIT}支部委员会")
    lapp = App(tmp_path / "laptop")
    laptop, _ = lapp.create_unit(f"中共{UNIT}支部委员会", UNIT, PASSPHRASE, "branch",
                                 operator_name="王芳")  # fmt: skip
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit(UNIT, tmp_path / f"e-{tag}.json"))
    mid, _ = pc.members.add(
        {"org_id": pc.root_org_id, "name": "李四", "gender": "1", "category": "full",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01", "phone": "13600000000",
         "address": "东街1号"}
    )  # fmt: skip
    pc.sync.sync()
    laptop.sync.sync()
    version = laptop.members.get(mid)["version"]
    pc.members.update(mid, {"phone": "13600000001", "address": "东街2号"}, version)
    pc.sync.sync()
    laptop.members.update(mid, {"phone": "13600000002", "address": "东街3号"}, version)
    laptop.sync.sync()
    laptop.sync.sync()  # the conflicts' values come down after the receipt
    assert sorted(p["field"] for p in laptop.sync.status()["conflicts"]) == ["address", "phone"]
    backup = tmp_path / "both-open.zip"
    lapp.backups.backup(laptop, backup)

    [phone] = [p for p in laptop.sync.status()["conflicts"] if p["field"] == "phone"]
    laptop.sync.mark_reviewed(phone["id"])
    reviewed_at = laptop.store.scalar(
        "SELECT reviewed_at FROM sync_problems WHERE id = ?", (phone["id"],)
    )
    laptop.sync.sync()  # the laptop's 已核对 goes up
    f = tmp_path / "pw.txt"
    f.write_text(PW + "\n")
    central.cli("user", "add", "张三", "--role", "admin", "--password-file", str(f))
    client = _Browser(central.url)
    assert "退出" in client.login("张三", PW)
    _review(client, central, "address")  # the committee's
    laptop.close()

    lapp.backups.restore(backup, PASSPHRASE)
    laptop = lapp.unlock(PASSPHRASE)
    try:
        assert sorted(p["field"] for p in laptop.sync.status()["conflicts"]) == [
            "address",
            "phone",
        ]  # the backup's rows: open
        laptop.sync.sync()  # one plain sync after the restore
        st = laptop.sync.status()
        assert st["conflicts"] == []
        [here] = st["closed_here"]
        assert (here["field"], here["reviewed_by"], here["reviewed_at"]) == (
            "phone",
            "王芳",
            reviewed_at,
        )
        [above] = st["closed_above"]
        assert (above["field"], above["reviewed_by"]) == ("address", "张三")
        assert laptop.verify() == []
        laptop.sync.sync()  # nothing more comes for them, nothing goes up
        assert laptop.sync.status()["conflicts"] == []
    finally:
        laptop.close()
