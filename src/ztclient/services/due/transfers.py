"""组织关系转出: transfer letters whose 回执 has not come back."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    return [
        DueItem("transfer_receipt", r["name"], r["date"], {}, r["id"])
        for r in ctx.session.store.read(
            "SELECT m.id, m.name, e.date, e.details FROM member_events e "
            "JOIN members m ON m.id = e.member_id "
            "WHERE e.kind = 'transfer_out' AND e.voided = 0 AND m.status = 'transferred_out' "
            "AND NOT EXISTS (SELECT 1 FROM member_events r WHERE r.member_id = e.member_id "
            "  AND r.kind = 'transfer_receipt' AND r.voided = 0 AND r.date >= e.date) "
            "ORDER BY e.date",
        )
    ]
