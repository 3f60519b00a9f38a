"""Demo 党费 for the demo unit (``ztclient-cli demo``, screenshots, benches): this year's bases
from each member's job, one approved 免交, and payments up to last month for most members — a
few behind by one to seven months, a few with 自愿多交 — recorded as one collection.

Everything goes through the dues service (outbox, audit), like a clerk's work would.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_money import fmt
from ztprotocol.roll import CURRENT_SQL, MEMBER_SQL

RETIRED_JOBS = ("601", "602", "701", "702")
FARMER_JOBS = ("301", "304")


def _kind(job: str | None) -> str:
    job = job or ""
    if job in RETIRED_JOBS:
        return "retired"
    if job in FARMER_JOBS:
        return "farmer"
    if job.startswith("5"):
        return "student"
    if job in ("708", "799"):
        return "unemployed"
    return "employed"


def generate_dues(session: Any, rng: random.Random) -> dict[str, int]:
    """Bases and payments of the current year (nothing when it is January 1st's month only)."""
    dues, today = session.dues, session.clock.today()
    year = today.year
    members = session.store.read(
        f"SELECT id, job FROM members WHERE category IN {MEMBER_SQL} "
        f"AND status IN {CURRENT_SQL} ORDER BY id"
    )
    items = []
    for m in members:
        kind = _kind(m["job"])
        income = f"{rng.randrange(2600, 16000, 10)}" if kind in ("employed", "retired") else None
        if kind == "retired":
            income = f"{rng.randrange(2400, 7600, 10)}"
        monthly = "0.50" if kind == "farmer" else None
        items.append({"member_id": m["id"], "year": year, "kind": kind, "income": income,
                      "monthly": monthly})  # fmt: skip
    if not items:
        return {"dues_bases": 0, "dues_payments": 0}
    dues.set_bases(items)
    sick = members[len(members) // 3]["id"]
    dues.add_approval(sick, "exempt", f"{year}-01", f"{year}-12", date(year, 1, 1),
                      "因病长期住院，生活困难", approver="支部委员会")  # fmt: skip
    last = months_.of_date(today) - 1  # last finished month
    if last < months_.index(year, 1):
        return {"dues_bases": len(items), "dues_payments": 0}
    ledger = dues.ledger(year, today)
    payments = []
    for line in ledger.lines:
        roll = rng.random()
        behind = 0 if roll < 0.85 else rng.randint(1, 7)
        through = last - behind
        owed = [
            months_.index(year, m)
            for m, c in sorted(line.dues.months.items())
            if c.status in ("unpaid",) and months_.index(year, m) <= through
        ]
        if not owed or line.dues.monthly_fen is None:
            continue
        first, count = owed[0], len(owed)
        if owed != list(range(first, first + count)) or count > 12:
            continue
        cost = sum(line.dues.months[m % 12 + 1].amount_fen or 0 for m in owed)
        extra = rng.random() < 0.05
        paid_month = date(year, through % 12 + 1, 1)
        paid_on = min(today, date(year, paid_month.month, 25))
        payments.append(
            {
                "member_id": line.member_id,
                "month": months_.text(first),
                "months": count,
                "amount": fmt(cost + (20000 if extra else 0)),
                "paid_on": paid_on.isoformat(),
                "way": rng.choice(["cash", "cash", "transfer", "online"]),
                "extra": extra,
            }
        )
    if payments:
        dues.collect(payments)
    return {"dues_bases": len(items), "dues_payments": len(payments)}
