"""预备期满: probationary members whose probation ends within two months (or has ended)."""

from __future__ import annotations

from datetime import timedelta

from ztclient.services.due import DueContext, DueItem
from ztprotocol.roll import CURRENT_SQL

PROBATION_WARN_DAYS = 60  # 预备期满前两个月开始准备转正


def items(ctx: DueContext) -> list[DueItem]:
    today = ctx.today
    horizon = (today + timedelta(days=PROBATION_WARN_DAYS)).isoformat()
    out = []
    for r in ctx.session.store.read(
        "SELECT m.id, m.name, m.probation_end, o.name AS org_name FROM members m "
        "LEFT JOIN orgs o ON o.id = m.org_id WHERE m.category = 'probationary' "
        f"AND m.status IN {CURRENT_SQL} AND m.probation_end IS NOT NULL AND m.probation_end <= ? "
        "ORDER BY m.probation_end",
        (horizon,),
    ):
        out.append(
            DueItem(
                "probation_ending",
                r["name"],
                r["probation_end"],
                {"org": r["org_name"] or "", "overdue": r["probation_end"] < today.isoformat()},
                r["id"],
            )
        )
    return out
