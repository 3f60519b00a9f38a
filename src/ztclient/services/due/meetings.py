"""三会一课: required meetings of this month and quarter not held (yet), per branch."""

from __future__ import annotations

from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    from ztclient.services.dashboard import Dashboard

    compliance = ctx.cached("compliance", lambda: Dashboard(ctx.session).compliance(ctx.today))
    out = []
    for c in compliance:
        if c["missing_month"] or c["missing_quarter"]:
            # The quarter's list includes this month's monthly meetings: show each once.
            seen = {(m.kind, m.start, m.org_id) for m in c["missing_month"]}
            rest = [m for m in c["missing_quarter"] if (m.kind, m.start, m.org_id) not in seen]
            listed = [*c["missing_month"], *rest]
            out.append(
                DueItem(
                    "meetings_missing",
                    c["org_name"],
                    None,
                    {
                        "month": len(c["missing_month"]),
                        "quarter": len(c["missing_quarter"]),
                        "items": listed,
                        # a period over with its meeting still missing (which of the items);
                        # this month's still to be held are a reminder, not overdue
                        "overdue_items": [i for i, m in enumerate(listed) if m.overdue(ctx.today)],
                        "overdue": any(m.overdue(ctx.today) for m in listed),
                    },
                    c["org_id"],
                )
            )
    return out
