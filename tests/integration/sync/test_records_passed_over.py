"""Schema 023 → 024: records a program that did not know 换届选举, 谈心谈话, 民主评议, 整改 and
发展党员 steps passed over (marked ``applied`` without effect) are kept again and taken in at
the next processing, with the post an election seated, which had failed E_RECORD_UNKNOWN (the
election was not there). Other items stay as they were."""

from __future__ import annotations

import json

ELECTION = "01900000-0000-7000-8000-0000000000e1"
POST = "01900000-0000-7000-8000-0000000000e2"
TALK = "01900000-0000-7000-8000-0000000000e3"
GHOST = "01900000-0000-7000-8000-0000000000e4"


def _bodies(root, jia, yi):
    election = {"org_id": root, "date": "2023-06-01", "term_years": 3,
                "term_end": "2026-06-01", "meeting_id": None, "voters_due": 3,
                "voters_present": 3, "committee": [
                    {"member_id": yi, "post": "secretary", "votes_for": 3}],
                "note": None, "voided": 0, "void_reason": None}  # fmt: skip
    post = {"org_id": root, "member_id": yi, "post": "secretary", "start_date": "2023-06-01",
            "end_date": None, "election_id": ELECTION, "voided": 0, "void_reason": None}  # fmt: skip
    talk = {"org_id": root, "date": "2024-03-05", "talker_id": jia, "talkee_id": yi,
            "topic": "思想汇报", "follow_up": "", "voided": 0, "void_reason": None}  # fmt: skip
    ghost = {"org_id": root, "name": "不该出现", "gender": "1", "category": "full"}
    return [
        # (item, type, body, down_seq, state, code) as the older program left them: the
        # centre then sent the posts an election seated before the election, in one bundle
        ("i2", "record", {"entity": "org_post", "id": POST, "version": 1, "voided": False,
                          "data": post}, 3, "failed", "E_RECORD_UNKNOWN"),
        ("i1", "record", {"entity": "election", "id": ELECTION, "version": 1, "voided": False,
                          "data": election}, 3, "applied", None),
        ("i3", "record", {"entity": "talk", "id": TALK, "version": 1, "voided": False,
                          "data": talk}, 4, "applied", None),
        # a known entity applied, another failure, a notice: left as they are
        ("i4", "record", {"entity": "member", "id": GHOST, "version": 1, "voided": False,
                          "data": ghost}, 4, "applied", None),
        ("i5", "record", {"entity": "appraisal", "id": "a1", "version": 1, "voided": False,
                          "data": {"year": 2023}}, 4, "failed", "E_OP_INVALID"),
        ("i6", "notice", {"title": "通知"}, 4, "stored", None),
    ]  # fmt: skip


def _states(s):
    return {
        r["item_id"]: (r["state"], r["code"])
        for r in s.store.read("SELECT item_id, state, code FROM sync_down_items")
    }


def test_the_upgrade_takes_in_what_an_older_program_passed_over(tmp_path, monkeypatch):
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App
    from ztclient.infra.db import migrations

    shipped = migrations.available
    before = next(n for n, name, _ in shipped() if name.endswith("_records_passed_over.sql")) - 1
    monkeypatch.setattr(migrations, "available", lambda: shipped()[:before])
    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试支部委员会", "3301060009", PASSPHRASE, "branch")
    root = s.root_org_id
    jia, yi = (
        s.members.add(
            {"org_id": root, "name": name, "gender": "1", "category": "full",
             "join_date": "1990-07-01", "full_member_date": "1991-07-01"}
        )[0]
        for name in ("甲", "乙")
    )  # fmt: skip
    with s.store.transaction() as tx:
        for item_id, kind, body, seq, state, code in _bodies(root, jia, yi):
            tx.insert("sync_down_items", {
                "item_id": item_id, "type": kind, "body": json.dumps(body, ensure_ascii=False),
                "down_seq": seq, "received_at": "2024-03-06T08:00:00Z", "state": state,
                "code": code,
            })  # fmt: skip
    s.close()

    monkeypatch.setattr(migrations, "available", shipped)
    s = app.unlock(PASSPHRASE)
    try:
        assert s.store.schema_version == migrations.latest() > before
        assert _states(s) == {
            "i1": ("stored", "W_ENTITY_UNKNOWN"),
            "i2": ("pending", "E_RECORD_UNKNOWN"),
            "i3": ("stored", "W_ENTITY_UNKNOWN"),
            "i4": ("applied", None),
            "i5": ("failed", "E_OP_INVALID"),
            "i6": ("stored", None),
        }
        assert s.sync.status()["review_items"] == [
            {"item_id": "i5", "type": "record", "state": "failed", "code": "E_OP_INVALID",
             "received_at": "2024-03-06T08:00:00Z"}
        ]  # fmt: skip

        done = s.sync.downlink.process()  # as at the start of the next sync or USB import

        assert done.changes.orgs and done.changes.org_life
        assert _states(s) == {
            "i1": ("applied", None),
            "i2": ("applied", None),
            "i3": ("applied", None),
            "i4": ("applied", None),
            "i5": ("failed", "E_OP_INVALID"),
            "i6": ("stored", None),
        }
        election = s.store.read_one(
            "SELECT org_id, date, term_years, term_end, voters_due, voters_present, committee, "
            "voided, version FROM elections WHERE id = ?",
            (ELECTION,),
        )
        assert election == {
            "org_id": root, "date": "2023-06-01", "term_years": 3, "term_end": "2026-06-01",
            "voters_due": 3, "voters_present": 3,
            "committee": f'[{{"member_id": "{yi}", "post": "secretary", "votes_for": 3}}]',
            "voided": 0, "version": 1,
        }  # fmt: skip
        post = s.store.read_one(
            "SELECT member_id, post, start_date, end_date, election_id, voided FROM org_posts "
            "WHERE id = ?",
            (POST,),
        )
        assert post == {"member_id": yi, "post": "secretary", "start_date": "2023-06-01",
                        "end_date": None, "election_id": ELECTION, "voided": 0}  # fmt: skip
        assert s.store.read(
            "SELECT talker_id, talkee_id, topic FROM talks WHERE id = ?", (TALK,)
        ) == [{"talker_id": jia, "talkee_id": yi, "topic": "思想汇报"}]
        assert s.store.scalar("SELECT count(*) FROM members WHERE id = ?", (GHOST,)) == 0
        # the failure that stays is tried again, and is on the 待核对 list now (downlink.py)
        assert [(p["code"], p["entity"], p["record_id"]) for p in s.sync.problems()] == [
            ("E_OP_INVALID", "appraisal", "a1")
        ]
        assert s.sync.status()["review_items"] == [
            {"item_id": "i5", "type": "record", "state": "failed", "code": "E_OP_INVALID",
             "received_at": "2024-03-06T08:00:00Z"}
        ]  # fmt: skip

        s.sync.downlink.process()  # again: the records here are at the items' versions
        assert _states(s)["i1"] == ("applied", None)
        assert s.store.scalar("SELECT count(*) FROM elections") == 1
    finally:
        s.close()
