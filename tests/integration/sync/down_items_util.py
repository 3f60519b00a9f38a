"""Downlink items put straight into a unit, as a sync or a USB import keeps them before
``Downlink.process()`` acts on them (for the tests of what another device's items do here)."""

from __future__ import annotations

import json


def put_item(s, item_id, kind, body, down_seq=4):
    """A pending item of ``kind`` (record, fact, merge …) with this JSON body."""
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES (?, ?, ?, ?, '2024-03-06T08:00:00Z', 'pending')",
            (item_id, kind, json.dumps(body, ensure_ascii=False), down_seq),
        )


def item_state(s, item_id):
    """(state, code) of an item."""
    row = s.store.read_one("SELECT state, code FROM sync_down_items WHERE item_id = ?", (item_id,))
    return row["state"], row["code"]


def full_member(s, branch, name):
    """A full member of ``branch`` added here; returns the id."""
    mid, _ = s.members.add(
        {"org_id": branch, "name": name, "gender": "1", "category": "full",
         "join_date": "2001-07-01", "full_member_date": "2002-07-01"}
    )  # fmt: skip
    return mid


def payment(pid, member, month, receipt):
    """One 党费 payment of one month (5 元) as another device's collection holds it."""
    return {"id": pid, "member_id": member, "first_month": month, "months": 1,
            "amount_fen": 500, "paid_on": f"{month}-12", "way": "cash", "receipt_no": receipt,
            "lines": [{"month": month, "amount_fen": 500}]}  # fmt: skip
