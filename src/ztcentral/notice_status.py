"""Who has read what: each notice sent down, and per unit whether it was read and what the
clerk answered (the units' ``notice_reply`` records, sent up with their next bundle)."""

from __future__ import annotations

import json
from typing import Any


def notice_status(tx: Any) -> list[dict[str, Any]]:
    """``[{item_id, unit, title, created_at, read_at, feedback}]``, newest first."""
    replies = {
        (r["unit"], r["id"]): json.loads(r["data"])
        for r in tx.all("SELECT unit, id, data FROM records WHERE entity = 'notice_reply'")
    }
    out = []
    for it in tx.all(
        "SELECT item_id, unit, body, created_at FROM down_items WHERE type = 'notice' "
        "ORDER BY created_at DESC, unit"
    ):
        body = json.loads(it["body"]) if it["body"] else {}
        reply = replies.get((it["unit"], it["item_id"]), {})
        out.append(
            {
                "item_id": it["item_id"],
                "unit": it["unit"],
                "title": body.get("title", "") if isinstance(body, dict) else str(body),
                "created_at": it["created_at"],
                "read_at": reply.get("read_at"),
                "feedback": reply.get("feedback") or "",
            }
        )
    return out
