"""换届: committee terms ending within six months, or already ended (domain/terms.py)."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    return [
        DueItem(
            "term_ending",
            r["name"],
            r["term_end"],
            {
                "days_left": r["days_left"],
                "state": r["state"],  # ending / overdue / overdue_long (more than a year late)
                "overdue": r["state"] != "ending",
                "elected_on": r["elected_on"],
                "term_years": r["term_years"],
            },
            r["id"],
        )
        for r in ctx.session.orgs.terms_due(ctx.today)
    ]
