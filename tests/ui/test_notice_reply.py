"""同步 page: a notice from the centre is read (a receipt) and answered from the page."""

from __future__ import annotations

import json


def test_notice_read_and_replied(qtbot, unlocked, settle, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    session, ops = unlocked.session, unlocked.ops
    with session.store.transaction() as tx:
        tx.insert(
            "sync_down_items",
            {
                "item_id": "n-1",
                "type": "notice",
                "down_seq": 1,
                "state": "stored",
                "received_at": "2026-11-23T09:00:00Z",
                "body": json.dumps({"title": "关于开展主题教育的通知", "body": "各支部：……"}),
            },
        )
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("sync"))
    view = main.page("sync")
    view.refresh()
    settle(ops)
    settle(ops)
    view.items.setCurrentRow(0)
    assert view.read_button.isEnabled() and view.reply_button.isEnabled()
    view.read_button.click()
    settle(ops)
    assert session.notices.list()[0]["read_at"]
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("已组织支部党员学习", True))
    )
    view.items.setCurrentRow(0)
    view.reply_button.click()
    settle(ops)
    settle(ops)
    assert session.notices.list()[0]["feedback"] == "已组织支部党员学习"
    view.items.setCurrentRow(0)
    assert "本单位已回复：已组织支部党员学习" in view.item_text.text()
    ops_sent = session.store.column(
        "SELECT op FROM outbox WHERE entity = 'notice_reply' ORDER BY seq"
    )
    assert ops_sent == ["create", "update"]
