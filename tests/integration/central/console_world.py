"""A committee's units as the centre sees them, made through the real bundle path.

``seed_unit`` enrols a simulated device for one unit and sends its records as sealed bundles
through ``Central.process`` (signature, decryption, apply): branches, members by category,
committee posts, meetings and study logs. The shape is given by plain numbers, so a test can
write the figures it expects by hand.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from tests.integration.central.zc_helpers import Device

from ztcentral import localtime


@dataclass
class UnitPlan:
    """What one unit holds. ``categories`` per branch; meetings as (kind, 'YYYY-MM-DD') per
    branch index; study hours per member index of each branch (the rest have none)."""

    code: str
    name: str
    branches: int = 2
    categories: dict[str, int] = field(default_factory=lambda: {"full": 5, "probationary": 1})
    committee_per_branch: int = 1
    meetings: list[tuple[int, str, str]] = field(default_factory=list)
    hours: dict[int, float] = field(default_factory=dict)  # member index in branch → hours
    elected_on: str | None = None
    term_years: int = 3
    founded: dict[int, str] = field(default_factory=dict)  # branch index → 成立日期
    dissolved: dict[int, str] = field(default_factory=dict)  # branch index → 撤销 date
    study_date: str = ""
    join_date: str | None = None  # every member's 入党日期 (full members: 转正 a year later)
    dues_monthly_fen: int = 0  # each member's 党费 a month this year (0: no bases recorded)
    dues_paid: dict[int, int] = field(default_factory=dict)  # member index → months paid from Jan
    ids: dict[str, list[str]] = field(default_factory=dict)


def _dues(member: str, monthly: int, paid_months: int) -> list[tuple]:
    """This year's 党费 base for a member, and one payment covering January onwards, made on
    1 January (on the 15th, it was a payment not yet made until then: from 1 to 14 January the
    overview read 0.00 paid)."""
    year = localtime.today().year
    base = {"member_id": member, "year": year, "kind": "employed", "income_fen": monthly * 100,
            "monthly_fen": monthly, "rate": "0.01", "table_version": 1, "note": None}  # fmt: skip
    out: list[tuple] = [("dues_base", str(uuid.uuid4()), "create", base)]
    if paid_months:
        pid = str(uuid.uuid4())
        lines = [
            {"month": f"{year}-{m:02d}", "amount_fen": monthly} for m in range(1, paid_months + 1)
        ]
        row = {"id": pid, "member_id": member, "first_month": f"{year}-01", "months": paid_months,
               "amount_fen": monthly * paid_months, "extra_fen": 0,
               "paid_on": f"{year}-01-01", "way": "cash", "receipt_no": f"R-{pid[:8]}",
               "note": None, "lines": lines}  # fmt: skip
        out.append(("dues_payment", pid, "insert_many", {"rows": [row]}))
    return out


def seed_unit(central, plan: UnitPlan, *, chunk: int = 400) -> Device:
    dev = Device(plan.code)
    dev.enrol_direct(central)
    with central.db.tx() as tx:
        tx.run("UPDATE units SET name = $1 WHERE code = $2", (plan.name, plan.code))
    specs: list[tuple] = []
    root = str(uuid.uuid4())
    specs.append(
        ("org", root, "create", {"name": plan.name, "kind": "committee", "parent_id": None})
    )
    study_day = plan.study_date or localtime.today().isoformat()
    branch_ids, member_ids = [], []
    for b in range(plan.branches):
        bid = str(uuid.uuid4())
        branch_ids.append(bid)
        org = {"name": f"第{b + 1}党支部", "kind": "branch", "parent_id": root}
        if plan.elected_on:
            org |= {"elected_on": plan.elected_on, "term_years": plan.term_years}
        if b in plan.founded:
            org["founded_on"] = plan.founded[b]
        if b in plan.dissolved:
            org["dissolved_on"] = plan.dissolved[b]
        specs.append(("org", bid, "create", org))
        index = 0
        rows = []
        for category, n in plan.categories.items():
            for _ in range(n):
                mid = str(uuid.uuid4())
                member_ids.append(mid)
                fields = {
                    "name": f"党员{b + 1}-{index + 1}", "gender": "1" if index % 2 else "2",
                    "category": category, "status": "normal", "org_id": bid,
                    "phone": f"1380000{b:02d}{index:02d}",
                }  # fmt: skip
                if plan.join_date:
                    fields["join_date"] = plan.join_date
                    if category == "full":
                        year = int(plan.join_date[:4]) + 1
                        fields["full_member_date"] = f"{year}{plan.join_date[4:]}"
                specs.append(("member", mid, "create", fields))
                if plan.dues_monthly_fen:
                    specs += _dues(mid, plan.dues_monthly_fen, plan.dues_paid.get(index, 0))
                if index < plan.committee_per_branch:
                    specs.append(
                        ("org_post", str(uuid.uuid4()), "create", {
                            "org_id": bid, "member_id": mid, "post": "secretary",
                            "start_date": "2020-01-01", "end_date": None,
                        })
                    )  # fmt: skip
                if index in plan.hours:
                    rows.append({
                        "id": str(uuid.uuid4()), "member_id": mid, "date": study_day,
                        "hours": plan.hours[index], "form": "collective", "topic": "学习",
                    })  # fmt: skip
                index += 1
        if rows:
            specs.append(("study_log", str(uuid.uuid4()), "insert_many", {"rows": rows}))
    for b, kind, day in plan.meetings:
        specs.append(
            ("meeting", str(uuid.uuid4()), "create", {
                "org_id": branch_ids[b], "kind": kind, "title": kind, "starts_at": f"{day}T09:00",
            })
        )  # fmt: skip
    plan.ids = {"branches": branch_ids, "members": member_ids}
    for start in range(0, len(specs), chunk):
        ops = dev.next_ops(specs[start : start + chunk])
        outcome = central.process(dev.seal(ops))
        assert outcome.status == "applied", (outcome.status, outcome.code, outcome.params)
    return dev
