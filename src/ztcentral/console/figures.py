"""What the console shows about each unit, computed from what the centre has applied.

Two kinds of figure:

* live, one cheap grouped query for all units at once: last contact, held and quarantined
  bundles;
* derived from the unit's records (members by category, 三会一课 compliance this month and
  quarter, members short of study hours, elections due, 党费 due and collected this year — the
  last by ztcentral.dues_report, the same figures as the report's 党费收缴 sheet): computed per unit and kept in
  ``console_figures`` keyed by the unit's data version (its applied bundles) and the day, so the
  overview at 200 units reads 200 cached rows and recomputes only the units that synced since.

The meeting frequencies are those of the client's 工作台 (ztclient.domain.compliance
DEFAULT_RULES: 支委会 and 主题党日 monthly, 党员大会 and 党课 quarterly), per branch; no 支委会 of
a branch without a 支部委员会 (committee_needed, as the 工作台). Study hours
towards the target are those of the forms the client counts by default (ztcentral.report
COUNTED_FORMS: the collective forms; 个人自学 is recorded but does not count).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from ztcentral import dues_report
from ztcentral.db import Database, Tx
from ztcentral.meetings_held import branch_posts, held_meetings
from ztcentral.report import study_hours
from ztcentral.report_org_life import term_state
from ztcentral.unit_names import unit_names
from ztprotocol.obligations import committee_needed
from ztprotocol.roll import is_current, is_member

PIPELINE = ("applicant", "activist", "candidate")
MONTHLY_KINDS = ("branch_committee", "theme_day")
QUARTERLY_KINDS = ("branch_general", "lecture")
STUDY_TARGET, STUDY_TARGET_COMMITTEE = 32.0, 56.0
#: The definition of the cached figures: raised when one changes, so that rows kept by an
#: older ztcentral are recomputed at once rather than shown until the next day or sync.
DEFINITION = 4


@dataclass
class UnitFigures:
    """The derived figures of one unit as of one day (cached as JSON)."""

    categories: dict[str, int] = field(default_factory=dict)
    branches: int = 0
    month_done: int = 0
    quarter_done: int = 0
    roll: int = 0
    study_short: int = 0
    elections_due: int = 0
    dues_due_fen: int = 0  # 党费 due this year up to this month, by the client's ledger rules
    dues_paid_fen: int = 0


def monthly_owed(posts: list[tuple[str, str, str]], first: str, last: str) -> set[str]:
    """The monthly kinds a branch owes in one month: no 支委会 where it has no committee."""
    owed = set(MONTHLY_KINDS)
    if not committee_needed(posts, first, last):
        owed.discard("branch_committee")
    return owed


def add_month(first: date) -> date:
    """The first day of the month after ``first`` (itself a first day)."""
    return first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)


def quarter_start(day: date) -> date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _records(tx: Tx, unit: str, entity: str) -> list[dict[str, Any]]:
    return [
        {**json.loads(r["data"]), "id": r["id"], "_voided": r["voided"]}
        for r in tx.all(
            "SELECT id, data, voided FROM records WHERE unit = $1 AND entity = $2", (unit, entity)
        )
    ]


def compute(tx: Tx, unit: str, today: date) -> UnitFigures:
    members = _records(tx, unit, "member")
    current = [m for m in members if is_current(m.get("status"))]
    roll = [m for m in current if is_member(m.get("category"))]
    orgs = _records(tx, unit, "org")
    branches = [o for o in orgs if o.get("kind") == "branch" and not o.get("dissolved_on")]
    month0, q0 = today.replace(day=1).isoformat(), quarter_start(today).isoformat()
    held_month: dict[str, set[str]] = defaultdict(set)
    held_quarter: dict[str, set[str]] = defaultdict(set)
    for m in held_meetings(tx, unit, today.year, today):
        if m["day"] >= q0:
            held_quarter[m.get("org_id", "")].add(m.get("kind", ""))
        if m["day"] >= month0:
            held_month[m.get("org_id", "")].add(m.get("kind", ""))
    month_end = (add_month(today.replace(day=1)) - timedelta(days=1)).isoformat()
    posts = branch_posts(tx, unit)
    month_done = sum(
        1
        for b in branches
        if monthly_owed(posts.get(b["id"], []), month0, month_end) <= held_month[b["id"]]
    )
    quarter_done = sum(1 for b in branches if set(QUARTERLY_KINDS) <= held_quarter[b["id"]])
    on_committee = {
        p.get("member_id")
        for p in _records(tx, unit, "org_post")
        if not p["_voided"]
        and p.get("post") != "group_leader"
        and str(p.get("start_date") or "") <= today.isoformat()
        and (not p.get("end_date") or str(p["end_date"]) >= today.isoformat())
    }
    _all_hours, hours = study_hours(tx, unit, today.year, members)
    short = sum(
        1
        for m in roll
        if hours.get(m["id"], 0.0)
        < (STUDY_TARGET_COMMITTEE if m["id"] in on_committee else STUDY_TARGET)
    )
    # 应换届 as the report's 组织生活 sheet and the 工作台 count it (six calendar months ahead)
    due = sum(1 for o in orgs if not o["_voided"] and term_state(o, today)[0])
    dues = dues_report.unit_figures(tx, unit, today.year, today, today)["months"]
    return UnitFigures(
        dues_due_fen=sum(due for due, _ in dues.values()),
        dues_paid_fen=sum(got for _, got in dues.values()),
        categories=dict(Counter(m.get("category", "") for m in current)),
        branches=len(branches),
        month_done=month_done,
        quarter_done=quarter_done,
        roll=len(roll),
        study_short=short,
        elections_due=due,
    )


def unit_versions(tx: Tx) -> dict[str, str]:
    """Each unit's data version: its count and last time of applied bundles."""
    return {
        r["unit"]: f"{r['n']}:{r['last']}"
        for r in tx.all(
            "SELECT d.unit AS unit, count(*) AS n, max(b.applied_at) AS last FROM bundles b "
            "JOIN devices d ON d.device_id = b.device_id WHERE b.state = 'applied' "
            "GROUP BY d.unit"
        )
    }


def derived(db: Database, today: date, units: list[str] | None = None) -> dict[str, UnitFigures]:
    """Derived figures of every unit (or the ones named), from the cache where it is fresh."""
    day = today.isoformat()
    out: dict[str, UnitFigures] = {}
    with db.tx() as tx:
        versions = unit_versions(tx)
        codes = (
            units if units is not None else [r["code"] for r in tx.all("SELECT code FROM units")]
        )
        cached = {
            r["unit"]: r for r in tx.all("SELECT unit, day, version, data FROM console_figures")
        }
        for code in codes:
            version = f"d{DEFINITION}/{versions.get(code, '0:')}"
            row = cached.get(code)
            if row is not None and row["day"] == day and row["version"] == version:
                out[code] = UnitFigures(**json.loads(row["data"]))
                continue
            figures = compute(tx, code, today)
            out[code] = figures
            tx.run(
                "INSERT INTO console_figures (unit, day, version, data) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (unit) DO UPDATE SET day = excluded.day, "
                "version = excluded.version, data = excluded.data",
                (code, day, version, json.dumps(asdict(figures), sort_keys=True)),
            )
    return out


def live(db: Database) -> dict[str, dict[str, Any]]:
    """Per unit: name, last contact, held and quarantined bundles (no cache: cheap)."""
    with db.tx() as tx:
        out = {
            code: {"name": n.name, "last_seen": None, "held": 0, "quarantined": 0}
            for code, n in unit_names(tx).items()
        }
        for r in tx.all("SELECT unit, max(last_seen) AS last FROM devices GROUP BY unit"):
            if r["unit"] in out:
                out[r["unit"]]["last_seen"] = r["last"]
        for r in tx.all(
            "SELECT d.unit AS unit, count(*) AS n FROM bundles b JOIN devices d "
            "ON d.device_id = b.device_id WHERE b.state = 'held' GROUP BY d.unit"
        ):
            if r["unit"] in out:
                out[r["unit"]]["held"] = int(r["n"])
        for r in tx.all(
            "SELECT d.unit AS unit, count(*) AS n FROM quarantine q JOIN devices d "
            "ON d.device_id = q.device_id WHERE q.reviewed IS NULL GROUP BY d.unit"
        ):
            if r["unit"] in out:
                out[r["unit"]]["quarantined"] = int(r["n"])
    return out
