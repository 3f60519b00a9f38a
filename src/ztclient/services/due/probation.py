"""预备期满: probationary members whose probation ends within two months (or has ended)."""

from __future__ import annotations

from datetime import timedelta

from ztclient.domain.rules import probation_end_of
from ztclient.services.due import DueContext, DueItem
from ztprotocol.roll import CURRENT_SQL

PROBATION_WARN_DAYS = 60  # 预备期满前两个月开始准备转正


def items(ctx: DueContext) -> list[DueItem]:
    today = ctx.today
    horizon = today + timedelta(days=PROBATION_WARN_DAYS)
    due = []
    # The end is read through the one rule (stored, else join + 1 year), so a 预备党员 carried
    # over from paper without a stored probation_end is reminded too.
    for r in ctx.session.store.read(
        "SELECT m.id, m.name, m.join_date, m.probation_end, o.name AS org_name FROM members m "
        "LEFT JOIN orgs o ON o.id = m.org_id WHERE m.category = 'probationary' "
        f"AND m.status IN {CURRENT_SQL}"
    ):
        end = probation_end_of(r)
        if end is not None and end <= horizon:
            due.append((end, r))
    out = []
    for end, r in sorted(due, key=lambda x: (x[0], x[1]["name"])):
        out.append(
            DueItem(
                "probation_ending",
                r["name"],
                end.isoformat(),
                {"org": r["org_name"] or "", "overdue": end < today},
                r["id"],
            )
        )
    return out
