"""组织生活会整改: items due within 30 days, overdue, or carried from a past year without a
deadline (domain/rectification.py)."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    return [
        DueItem(
            "rectification_due",
            r["org_name"],
            r["deadline"],
            {
                "problem": r["problem"],
                "owner": r["owner_label"],
                "year": r["year"],
                "state": r["state"],
                "overdue": r["state"] == "overdue",
            },
            r["id"],
        )
        for r in ctx.session.rectifications.open_items(ctx.today)
        if r["state"] in ("due", "overdue")
    ]
