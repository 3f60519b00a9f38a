"""学时: members short of their yearly study target."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    from ztclient.services.dashboard import Dashboard

    year = ctx.today.year
    progress = ctx.cached("study", lambda: Dashboard(ctx.session).study_progress(year))
    if not progress["short"]:
        return []
    return [
        DueItem("study_short", "", f"{year}-12-31", {"count": len(progress["short"]), "year": year})
    ]
