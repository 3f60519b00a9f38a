"""民主评议: 基本合格 / 不合格 members whose follow-up (限期改正, 劝退 …) is undecided, open or
overdue (domain/appraisal.py)."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    return [
        DueItem(
            "appraisal_follow_up",
            r["member_name"],
            r["deadline"],
            {
                "org": r["org_name"],
                "year": r["year"],
                "grade": r["grade"],
                "measure": r["measure"],
                "state": r["state"],  # undecided / open / overdue
                "overdue": r["state"] == "overdue",
            },
            r["member_id"],
        )
        for r in ctx.session.appraisals.follow_ups(ctx.today)
    ]
