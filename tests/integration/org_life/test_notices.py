"""通知回执 on a real unit: reading a notice writes one read receipt (once), a reply updates it,
both as outbox ops for the next bundle; bad input is a coded error with nothing written."""

from __future__ import annotations

import json

import pytest

from ztclient.domain.errors import DomainError


def notice(s, item_id="n-1", title="关于开展主题教育的通知"):
    with s.store.transaction() as tx:
        tx.insert(
            "sync_down_items",
            {
                "item_id": item_id,
                "type": "notice",
                "down_seq": 1,
                "state": "stored",
                "received_at": "2026-11-19T09:00:00Z",
                "body": json.dumps({"title": title, "body": "各支部：……"}),
            },
        )


def ops(s):
    return s.store.read(
        "SELECT entity, record_id, op, fields FROM outbox WHERE entity = "
        "'notice_reply' ORDER BY seq"
    )


def test_read_receipt_once_then_reply(life):
    s, _branch, _people = life
    notice(s)
    (row,) = s.notices.list()
    assert (row["title"], row["read"], row["read_at"], row["feedback"]) == (
        "关于开展主题教育的通知",
        False,
        None,
        "",
    )
    s.notices.read("n-1")
    s.notices.read("n-1")  # opening it again sends nothing more
    (op,) = ops(s)
    assert (op["record_id"], op["op"]) == ("n-1", "create")
    assert json.loads(op["fields"])["feedback"] == ""
    assert s.sync.items("notice")[0]["read"]  # the 同步 page shows it read
    s.notices.reply("n-1", "  已传达到各党小组  ")
    _first, second = ops(s)
    assert (second["op"], json.loads(second["fields"])) == (
        "update",
        {"feedback": "已传达到各党小组"},
    )
    (row,) = s.notices.list()
    assert row["read"] and row["read_at"] and row["feedback"] == "已传达到各党小组"


def test_reply_without_reading_first_is_both(life):
    s, _branch, _people = life
    notice(s, "n-2")
    s.notices.reply("n-2", "收到")
    (op,) = ops(s)
    assert op["op"] == "create" and json.loads(op["fields"])["feedback"] == "收到"


@pytest.mark.parametrize(
    ("item", "text", "code"),
    [
        ("n-9", "收到", "E_NOT_FOUND"),
        ("n-1", "   ", "E_FIELD_REQUIRED"),
        ("n-1", "很" * 501, "E_NOTICE_FEEDBACK_LONG"),
    ],
)
def test_bad_replies_write_nothing(life, item, text, code):
    s, _branch, _people = life
    notice(s)
    with pytest.raises(DomainError) as exc:
        s.notices.reply(item, text)
    assert exc.value.code == code and ops(s) == []
