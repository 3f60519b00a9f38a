"""组织关系转接: 回执 not back within a month of the letter, letters from other units waiting
for this clerk's answer, and transfers the receiving unit refused (domain facts §1.12)."""

from __future__ import annotations

import json

from ztclient.domain.dates import add_months, parse_date
from ztclient.services.due import DueContext, DueItem

RECEIPT_MONTHS = 1  # the receiving 基层党委 returns the 回执 within a month


def items(ctx: DueContext) -> list[DueItem]:
    store, today = ctx.session.store, ctx.today.isoformat()
    out = []
    for r in store.read(
        "SELECT m.id, m.name, e.date, e.details FROM member_events e "
        "JOIN members m ON m.id = e.member_id "
        "WHERE e.kind = 'transfer_out' AND e.voided = 0 AND m.status = 'transferred_out' "
        "AND NOT EXISTS (SELECT 1 FROM member_events r WHERE r.member_id = e.member_id "
        "  AND r.kind = 'transfer_receipt' AND r.voided = 0 AND r.date >= e.date) "
        "AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.id = e.id AND t.state = 'refused') "
        "ORDER BY e.date",
    ):
        deadline = add_months(parse_date(r["date"], "date"), RECEIPT_MONTHS).isoformat()
        details = json.loads(r["details"] or "{}")
        out.append(DueItem("transfer_receipt", r["name"], deadline,
                           {"letter_date": r["date"], "to_org": details.get("to_org", ""),
                            "overdue": deadline < today}, r["id"]))  # fmt: skip
    for t in store.read(
        "SELECT id, from_unit, letter, received_at FROM transfers WHERE direction = 'in' "
        "AND state = 'pending' ORDER BY received_at"
    ):
        letter = json.loads(t["letter"] or "{}")
        out.append(DueItem("transfer_pending", str(letter.get("name") or ""), t["received_at"][:10],
                           {"from_unit": t["from_unit"], "from_org": letter.get("from_org", "")},
                           t["id"]))  # fmt: skip
    for t in store.read(
        "SELECT t.answered_on, t.reason, m.id, m.name FROM transfers t JOIN members m "
        "ON m.id = t.member_id WHERE t.direction = 'out' AND t.state = 'refused' "
        "AND m.status = 'transferred_out' ORDER BY t.answered_on"
    ):
        out.append(DueItem("transfer_refused", t["name"], t["answered_on"],
                           {"reason": t["reason"] or "", "overdue": True}, t["id"]))  # fmt: skip
    return out
