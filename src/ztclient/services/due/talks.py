"""谈心谈话: organisations whose 书记 has not yet talked with every committee member and member
this year, or whose committee members have not all talked with each other (domain/talks.py)."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem

NAMES_SHOWN = 5


def items(ctx: DueContext) -> list[DueItem]:
    s = ctx.session
    year = ctx.today.year
    out = []
    for org_id, org_name, gaps in s.talks.gaps_all(year, ctx.today):
        if gaps.complete:
            continue
        name = s.orgs.member_name
        out.append(
            DueItem(
                "talks_missing",
                org_name,
                f"{year}-12-31",
                {
                    "year": year,
                    "secretary": name(gaps.secretary_id) if gaps.secretary_id else "",
                    "members_missing": len(gaps.members_missing),
                    "pairs_missing": len(gaps.pairs_missing),
                    "names": [name(m) for m in gaps.members_missing[:NAMES_SHOWN]],
                    "overdue": ctx.today.month == 12,
                },
                org_id,
            )
        )
    return out
