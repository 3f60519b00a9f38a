"""The console as the committee's operator meets it: the figures agree with what the clerk's
program says, what happened to a bundle is said in words, and a restored or rolled-back audit
trail shows on the unit's page as it does in ``ztcentral status``. Figures are written by hand."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit

PW = "admin-pass-2026!"


@pytest.fixture
def console(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    return central, client


def _study(central, dev, rows) -> None:
    ops = dev.next_ops([("study_log", str(uuid.uuid4()), "insert_many", {"rows": rows})])
    assert central.process(dev.seal(ops)).status == "applied"


def _log(member: str, hours: float, form: str | None) -> dict:
    return {"id": str(uuid.uuid4()), "member_id": member, "date": date.today().isoformat(),
            "hours": hours, "form": form, "topic": "学习"}  # fmt: skip


def test_study_short_counts_the_forms_the_clerks_program_counts(console):
    """The clerk's 学习 page (and ztcentral's own report) count towards the 32 hours only the
    collective forms by default (集中培训, 集体学习, 专题讲座, 组织生活); 个人自学 is recorded
    but does not count. Four full members, no committee posts:
    0: 40 h 集体学习 → not short; 1: 40 h 个人自学 → short; 2: 20 h 专题讲座 + 20 h 网络培训 →
    short (20 counted); 3: 32 h with no form (a 0.1 client's log counts) → not short.
    Short: 2 (the console said 0 before: it added every form)."""
    central, client = console
    plan = UnitPlan("3301000031", "中共丙社区委员会", branches=1, categories={"full": 4},
                    committee_per_branch=0)  # fmt: skip
    dev = seed_unit(central, plan)
    m = plan.ids["members"]
    _study(central, dev, [_log(m[0], 40, "collective"), _log(m[1], 40, "self"),
                          _log(m[2], 20, "lecture"), _log(m[2], 20, "online"),
                          _log(m[3], 32, None)])  # fmt: skip
    row = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}["3301000031"]
    # code, name, last sync, held, quarantined, full, probationary, pipeline, month, quarter,
    # study short, elections due, dues
    assert row[5] == "4" and row[10] == "2"


def test_figures_kept_by_an_older_console_are_not_shown_after_an_upgrade(console):
    """The overview keeps each unit's figures for the day; a row an older ztcentral wrote (its
    definition of a figure since corrected) is recomputed, not shown until tomorrow."""
    central, client = console
    plan = UnitPlan("3301000032", "中共丁社区委员会", branches=1, categories={"full": 2},
                    committee_per_branch=0)  # fmt: skip
    dev = seed_unit(central, plan)
    m = plan.ids["members"]
    _study(central, dev, [_log(m[0], 40, "self"), _log(m[1], 40, "collective")])
    from ztcentral.console.figures import unit_versions

    with central.db.tx() as tx:  # what the console before this fix kept: 0 short, same version
        version = unit_versions(tx)["3301000032"]
        old = {"categories": {"full": 2}, "branches": 1, "month_done": 0, "quarter_done": 0,
               "roll": 2, "study_short": 0, "elections_due": 0, "dues_due_fen": 0,
               "dues_paid_fen": 0}  # fmt: skip
        tx.run(
            "INSERT INTO console_figures (unit, day, version, data) VALUES ($1, $2, $3, $4)",
            ("3301000032", date.today().isoformat(), version, json.dumps(old)),
        )
    row = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}["3301000032"]
    assert row[10] == "1"
