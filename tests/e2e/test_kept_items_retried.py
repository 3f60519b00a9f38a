"""Over loopback: a downlink item kept but not yet acted on (the committee's 已核对 kept by an
older program and made pending by the upgrade, or an item whose handler a crash cut short) is
acted on at the start of the next sync, or the next USB import, even when nothing new comes
down. It used to wait for the committee's next downlink bundle, which may be weeks away."""

from __future__ import annotations

import json

OP = "0196aaaa-0000-7000-8000-000000000001"


def _kept(s) -> None:
    """An open 待核对 row and the committee's 已核对 of it, kept pending (as migration 020
    leaves an item an older program stored)."""
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, record_id, "
            "field, yours, theirs, params, created_at) VALUES (?, 3, 'b1', 'conflict', "
            "'E_MERGE_CONFLICT', 'member', 'm1', 'phone', '\"333\"', '\"222\"', '{}', "
            "'2026-12-01T08:00:00Z')",
            (OP,),
        )
        body = {"conflict_id": "c-1", "op_id": OP, "field": "phone", "reviewed_by": "张三",
                "reviewed_at": "2026-12-02T11:40:05Z"}  # fmt: skip
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES ('i-kept', 'conflict_reviewed', ?, 1, '2026-12-02T12:00:00Z', 'pending')",
            (json.dumps(body, ensure_ascii=False),),
        )


def test_a_kept_item_is_acted_on_by_the_next_sync(central, make_unit, tmp_path):
    _, s = make_unit("U671")
    s.sync.enroll_online(central.url, central.enroll_unit("U671", tmp_path / "e.json"))
    s.sync.sync()
    down_seq = s.sync.status()["down_seq"]
    _kept(s)

    rep = s.sync.sync()

    assert s.sync.status()["down_seq"] == down_seq  # nothing new came down
    assert rep.changes.sync
    assert s.store.scalar("SELECT state FROM sync_down_items WHERE item_id = 'i-kept'") == (
        "applied"
    )
    assert s.sync.status()["problems"] == []
    [closed] = s.sync.status()["closed_above"]
    assert closed["reviewed_by"] == "张三"


def test_a_kept_item_is_acted_on_by_the_next_usb_import(central, make_unit, tmp_path):
    _, s = make_unit("U672")
    s.sync.enroll_online(central.url, central.enroll_unit("U672", tmp_path / "e.json"))
    _kept(s)
    missing = tmp_path / "stick" / "U672.ack.dzb"  # a file that is not there: refused

    rep = s.sync.import_files([str(missing)])

    assert [f.code for f in rep.files] != [None]
    assert s.store.scalar("SELECT state FROM sync_down_items WHERE item_id = 'i-kept'") == (
        "applied"
    )
    assert [p["reviewed_by"] for p in s.sync.status()["closed_above"]] == ["张三"]
