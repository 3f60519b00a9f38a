"""An item of an entity this client does not know yet is kept, not passed over (downlink.py,
records_in.py): it stays ``stored`` with W_ENTITY_UNKNOWN, is not listed for review, and is
taken in, in the order it came, by a program that knows the entity, at the next processing
(the start of a sync or USB import). Taken that late, a record item is not written over the
record here when that is at the item's version or newer (W_RECORD_NEWER). Before, such an item
was marked ``applied`` without effect and never taken in (谈心谈话, 换届选举 … until the client
knew them)."""

from __future__ import annotations

import json

from ztclient.services.sync import records_in

TALK = "01900000-0000-7000-8000-0000000000c1"


def _two(s, branch):
    ids = []
    for name, year in (("甲", 1990), ("乙", 1991)):
        mid, _ = s.members.add(
            {"org_id": branch, "name": name, "gender": "1", "category": "full",
             "join_date": f"{year}-07-01", "full_member_date": f"{year + 1}-07-01"}
        )  # fmt: skip
        ids.append(mid)
    return ids


def _talk(branch, jia, yi, version=1, topic="思想汇报"):
    data = {"org_id": branch, "date": "2024-03-05", "talker_id": jia, "talkee_id": yi,
            "topic": topic, "follow_up": "下月再谈", "voided": 0, "void_reason": None}  # fmt: skip
    return {"entity": "talk", "id": TALK, "version": version, "voided": False, "data": data}


def _item(s, item_id, kind, body, down_seq, state="pending", code=None):
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state, "
            "code) VALUES (?, ?, ?, ?, '2024-03-06T08:00:00Z', ?, ?)",
            (item_id, kind, json.dumps(body, ensure_ascii=False), down_seq, state, code),
        )


def _state(s, item_id):
    row = s.store.read_one("SELECT state, code FROM sync_down_items WHERE item_id = ?", (item_id,))
    return row["state"], row["code"]


def _talks(s):
    return s.store.read(
        "SELECT id, date, talker_id, talkee_id, topic, follow_up, voided, version FROM talks"
    )


def test_a_record_of_an_entity_not_known_is_kept_and_taken_once_known(unit, monkeypatch):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    jia, yi = _two(s, branch)
    monkeypatch.delitem(records_in.TABLES, "talk")  # a client that does not know 谈心谈话
    _item(s, "i-talk", "record", _talk(branch, jia, yi), 4)

    s.sync.downlink.process()
    s.sync.downlink.process()  # processed again: still kept, nothing else happens

    assert _state(s, "i-talk") == ("stored", "W_ENTITY_UNKNOWN")
    assert _talks(s) == []
    assert s.sync.status()["review_items"] == []  # nothing for the clerk to review

    monkeypatch.undo()  # a newer program knows the entity
    done = s.sync.downlink.process()

    assert done.changes.org_life
    assert _state(s, "i-talk") == ("applied", None)
    assert _talks(s) == [
        {"id": TALK, "date": "2024-03-05", "talker_id": jia, "talkee_id": yi,
         "topic": "思想汇报", "follow_up": "下月再谈", "voided": 0, "version": 1}
    ]  # fmt: skip
    s.sync.downlink.process()  # again (as after a crash): nothing moves
    assert _state(s, "i-talk") == ("applied", None)
    assert len(_talks(s)) == 1


def test_a_fact_of_an_entity_not_known_is_kept(unit):
    _app, s, _code = unit
    fact = {"op_id": "op-f1", "entity": "honour", "op": "event", "record_id": "h1",
            "fields": {"title": "优秀共产党员"}}  # fmt: skip
    _item(s, "i-fact", "fact", fact, 2)

    s.sync.downlink.process()

    assert _state(s, "i-fact") == ("stored", "W_ENTITY_UNKNOWN")
    assert s.sync.status()["review_items"] == []


def test_a_kept_record_is_not_written_over_a_newer_one_here(unit):
    """Kept items are taken in the order they came: one at a version the record here has
    reached (edited here since) is passed over; a later one is taken."""
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    jia, yi = _two(s, branch)
    with s.store.transaction() as tx:
        tx.insert("talks", {**_talk(branch, jia, yi)["data"], "id": TALK, "topic": "本机改过",
                            "version": 3, "created_at": "2024-03-05T08:00:00Z",
                            "updated_at": "2024-03-07T08:00:00Z"})  # fmt: skip
    kept = ("stored", "W_ENTITY_UNKNOWN")
    _item(s, "i-v2", "record", _talk(branch, jia, yi, 2, "第二版"), 4, *kept)
    _item(s, "i-v3", "record", _talk(branch, jia, yi, 3, "第三版"), 5, *kept)
    _item(s, "i-v4", "record", _talk(branch, jia, yi, 4, "第四版"), 6, *kept)

    s.sync.downlink.process()

    assert [_state(s, i) for i in ("i-v2", "i-v3", "i-v4")] == [
        ("applied", "W_RECORD_NEWER"),
        ("applied", "W_RECORD_NEWER"),
        ("applied", None),
    ]
    [talk] = _talks(s)
    assert (talk["topic"], talk["version"]) == ("第四版", 4)


def test_a_reply_an_older_program_kept_is_taken_with_its_notice_read(unit):
    """Another device's 通知回执 that a program before notice_reply was a record here kept as
    data (stored, W_ENTITY_UNKNOWN): this program takes it in at the next processing, and the
    notice it answers shows read, with the answer, on this device too."""
    _app, s, _code = unit
    _item(s, "n-1", "notice", {"title": "关于开展主题党日活动的通知", "body": "本月内开展"}, 3,
          state="applied")  # fmt: skip
    reply = {"entity": "notice_reply", "id": "n-1", "version": 2, "voided": False,
             "data": {"item_id": "n-1", "read_at": "2024-03-06T09:00:00Z", "feedback": "已传达"}}  # fmt: skip
    _item(s, "i-reply", "record", reply, 4, state="stored", code=records_in.NOT_KNOWN)
    assert [n["read"] for n in s.notices.list()] == [False]

    s.sync.downlink.process()

    assert _state(s, "i-reply") == ("applied", None)
    [notice] = s.notices.list()
    assert notice["read"] and notice["feedback"] == "已传达"
    assert s.store.read_one("SELECT version FROM notice_replies WHERE item_id = 'n-1'") == {
        "version": 2
    }
    assert s.store.scalar("SELECT count(*) FROM outbox WHERE entity = 'notice_reply'") == 0
