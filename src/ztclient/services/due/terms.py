"""换届: committee terms ending within six months, or already ended."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    return [
        DueItem("term_ending", r["name"], r["term_ends"], {"days_left": r["days_left"]}, r["id"])
        for r in ctx.session.orgs.terms_ending()
    ]
