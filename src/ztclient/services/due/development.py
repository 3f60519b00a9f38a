"""发展党员: the next step of each person in development whose date has come or is near.

One item per person (the first open step with a deadline): 谈话 within a month of the
application, 培养考察 every half year, the 支部大会 within a month of 预审, 审批 within three
months … (domain/development_next.py). 预备期满 is the probation source's (probation.py).
"""

from __future__ import annotations

from datetime import timedelta

from ztclient.services.due import DueContext, DueItem

WARN_DAYS = 30  # show a step a month before its deadline


def items(ctx: DueContext) -> list[DueItem]:
    horizon = (ctx.today + timedelta(days=WARN_DAYS)).isoformat()
    out = []
    for r in ctx.cached(
        "development_pipeline", lambda: ctx.session.development.pipeline(ctx.today)
    ):
        if not r["due"] or r["due"] > horizon or r["next"] == "converted":
            continue
        out.append(
            DueItem(
                "development_step",
                r["name"],
                r["due"],
                {
                    "step": r["next"],
                    "org": r["org_name"] or "",
                    "overdue": r["overdue"],
                    "category": r["category"],
                },
                r["id"],
            )
        )
    return out
