"""党费: members with three or more finished months of dues unpaid in a row (marked overdue at
six or more: 党章 art. 9 treats six months without good reason as 自行脱党), and members still
without a base for the year (the January job)."""

from __future__ import annotations

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_money import fmt
from ztclient.services.due import DueContext, DueItem
from ztclient.services.dues_ledger import behind_in

WARN_MONTHS = 3
SERIOUS_MONTHS = 6


def items(ctx: DueContext) -> list[DueItem]:
    year = ctx.today.year
    dues = ctx.session.dues
    # last year only when it was kept here (only years with a base count as arrears)
    years = [y for y in (year - 1, year) if y == year or dues.has_bases(y)]
    ledgers = ctx.cached("dues_ledgers", lambda: [dues.ledger(y, ctx.today) for y in years])
    last_finished = months_.text(ledgers[-1].fallen)  # as the ledgers judged (today not over)
    out = [
        DueItem(
            "dues_behind",
            b.name,
            None,
            {
                "months": b.months,
                "org": b.org_name,
                "amount": fmt(b.arrears_fen),
                "through": last_finished,
                "overdue": b.months >= SERIOUS_MONTHS,
            },
            b.member_id,
        )
        for b in behind_in(ledgers, WARN_MONTHS)
    ]
    without = sum(1 for ln in ledgers[-1].lines if ln.dues.no_base)
    if without:
        out.append(DueItem("dues_no_base", "", f"{year}-01-31", {"count": without, "year": year}))
    return out
