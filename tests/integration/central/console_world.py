"""A committee's units as the centre sees them, made through the real bundle path.

``seed_unit`` enrols a simulated device for one unit and sends its records as sealed bundles
through ``Central.process`` (signature, decryption, apply): branches, members by category,
committee posts, meetings and study logs. The shape is given by plain numbers, so a test can
write the figures it expects by hand.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from tests.integration.central.zc_helpers import Device


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
    study_date: str = ""
    ids: dict[str, list[str]] = field(default_factory=dict)


def seed_unit(central, plan: UnitPlan, *, chunk: int = 400) -> Device:
    dev = Device(plan.code)
    dev.enrol_direct(central)
    with central.db.tx() as tx:
        tx.run("UPDATE units SET name = ? WHERE code = ?", (plan.name, plan.code))
    specs: list[tuple] = []
    root = str(uuid.uuid4())
    specs.append(
        ("org", root, "create", {"name": plan.name, "kind": "committee", "parent_id": None})
    )
    study_day = plan.study_date or date.today().isoformat()
    branch_ids, member_ids = [], []
    for b in range(plan.branches):
        bid = str(uuid.uuid4())
        branch_ids.append(bid)
        org = {"name": f"第{b + 1}党支部", "kind": "branch", "parent_id": root}
        if plan.elected_on:
            org |= {"elected_on": plan.elected_on, "term_years": plan.term_years}
        specs.append(("org", bid, "create", org))
        index = 0
        rows = []
        for category, n in plan.categories.items():
            for _ in range(n):
                mid = str(uuid.uuid4())
                member_ids.append(mid)
                specs.append(
                    ("member", mid, "create", {
                        "name": f"党员{b + 1}-{index + 1}", "gender": "1" if index % 2 else "2",
                        "category": category, "status": "normal", "org_id": bid,
                        "phone": f"1380000{b:02d}{index:02d}",
                    })
                )  # fmt: skip
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
