"""Over loopback: a notice's read receipt and feedback, given on one device of a unit, reach the
unit's other devices. The committee publishes one notice to the unit; the office PC and the
laptop both receive it (the same item). The PC's clerk reads it and answers; after the PC's sync
and the laptop's, the laptop shows the notice read, with the PC's answer, and asks nothing of
its own clerk. The laptop's clerk then changes the answer: the PC shows the new one. Before,
the laptop kept the PC's answer as data it did not know and showed the notice unread, so the
unit could answer twice."""

from __future__ import annotations

from tests.e2e.work import two_devices

UNIT = "U665"


def _notice(s, item_id):
    return next(n for n in s.notices.list() if n["item_id"] == item_id)


def test_a_reply_on_one_device_shows_on_the_other(central, make_unit, tmp_path):
    pc, _lapp, laptop = two_devices(central, make_unit, tmp_path, UNIT)
    body = {"title": "关于开展主题党日活动的通知", "body": "各支部于本月内开展。"}
    item = central.publish(UNIT, "notice", body, tmp_path)
    pc.sync.sync()
    laptop.sync.sync()
    assert not _notice(pc, item)["read"] and not _notice(laptop, item)["read"]

    pc.notices.reply(item, "已传达，本月20日开展")
    pc.sync.sync()
    laptop.sync.sync()
    seen = _notice(laptop, item)
    assert seen["read"] and seen["feedback"] == "已传达，本月20日开展"
    [listed] = laptop.sync.status()["notices"]  # the 同步 page's 通知与资料 (n) counts it read
    assert listed["item_id"] == item and listed["read"]
    assert laptop.store.scalar("SELECT count(*) FROM outbox WHERE entity = 'notice_reply'") == 0
    assert laptop.sync.status()["problems"] == []

    laptop.notices.reply(item, "已传达，改为本月25日开展")
    laptop.sync.sync()
    pc.sync.sync()
    assert _notice(pc, item)["feedback"] == "已传达，改为本月25日开展"
    assert pc.sync.status()["problems"] == [] and laptop.sync.status()["problems"] == []
    assert pc.verify() == [] and laptop.verify() == []
    laptop.close()
