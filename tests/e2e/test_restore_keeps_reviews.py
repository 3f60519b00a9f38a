"""Over loopback: a device restored from a backup older than its 已核对 does not show those rows
open again. The laptop's clerk reviewed one conflict on the laptop, the committee the other in
its console; the laptop is then restored from a backup made while both were open. At its next
sync the centre sends back the 已核对 of every conflict of the device (feed.queue_own): both rows
close again, the laptop's own as 本机 with its clerk's name and time, the committee's as 上级.
Before, both came back open and the clerk was asked to check them a second time."""

from __future__ import annotations

from tests.e2e.test_conflict_reviewed_sync import PW, _Browser, _review
from tests.e2e.work import both_change_one_member, two_devices

UNIT = "U664"


def test_a_restore_keeps_the_reviews_made_after_its_backup(central, make_unit, tmp_path):
    from tests.helpers import PASSPHRASE

    pc, lapp, laptop = two_devices(central, make_unit, tmp_path, UNIT, laptop_operator="王芳")
    both_change_one_member(pc, laptop)
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
