"""Over loopback: a device restored from a backup older than its own edit still shows the
conflict that edit met. The laptop is backed up; both devices then change 李四's phone and
address from the same version, the laptop second: its values are applied and the PC's
displaced (two 待核对 rows with both values). Restored from the backup, the laptop no longer holds its edit: the centre sends it
back as the record (feed.queue_own) and re-serves the down bundles after the backup's, with the
conflicts' values. Before, those items named an op the laptop did not have and failed
(E_NOT_FOUND) on every sync, and the clerk never saw that the edit had lost."""

from __future__ import annotations

import json

from tests.e2e.work import both_change, li_si_on_both, two_devices

UNIT = "U665"


def test_a_restore_older_than_the_edit_keeps_its_conflicts(central, make_unit, tmp_path):
    from tests.helpers import PASSPHRASE

    pc, lapp, laptop = two_devices(central, make_unit, tmp_path, UNIT)
    mid = li_si_on_both(pc, laptop)
    backup = tmp_path / "before-the-edit.zip"
    lapp.backups.backup(laptop, backup)
    both_change(pc, laptop, mid)
    rows_sql = (
        "SELECT field, record_id, code, yours, theirs, reviewed FROM sync_problems "
        "WHERE kind = 'conflict' ORDER BY field"
    )
    before = laptop.store.read(rows_sql)
    # by hand: the centre holds the edit applied last, the laptop's; the PC's values displaced
    assert [(r["field"], json.loads(r["yours"]), json.loads(r["theirs"])) for r in before] == [
        ("address", "东街3号", "东街2号"),
        ("phone", "13600000002", "13600000001"),
    ]
    laptop.close()

    lapp.backups.restore(backup, PASSPHRASE)
    laptop = lapp.unlock(PASSPHRASE)
    try:
        assert laptop.sync.status()["conflicts"] == []  # the backup knows nothing of it
        laptop.sync.sync()
        laptop.sync.sync()
        member = laptop.members.get(mid)  # the edit is back, as the centre's record
        assert (member["phone"], member["address"]) == ("13600000002", "东街3号")
        assert sorted(p["field"] for p in laptop.sync.status()["conflicts"]) == [
            "address",
            "phone",
        ]
        after = laptop.store.read(rows_sql)
        assert after == before and {r["record_id"] for r in after} == {mid}
        failed = laptop.store.column("SELECT code FROM sync_problems WHERE code = 'E_NOT_FOUND'")
        assert failed == []
        assert laptop.verify() == []
    finally:
        laptop.close()
