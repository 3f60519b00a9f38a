"""应换届 on the overview counts as the report's 组织生活 sheet and the clerk's 工作台 do: from six
calendar months before the term ends (ztclient.domain.terms WARN_MONTHS, report_org_life). The
overview took 183 days, so the two pages of the console disagreed for a day or two. A branch
elected 2024-05-31 for 3 years: the term ends 2027-05-31, 换届 is due from 2026-11-30."""

from __future__ import annotations

from io import BytesIO

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit
from tests.integration.central.test_console_local_day import _fix_clock

PW = "admin-pass-2026!"
CODE = "3301000061"


@pytest.fixture
def client(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    plan = UnitPlan(CODE, "中共庚社区委员会", branches=1, categories={"full": 3},
                    elected_on="2024-05-31", term_years=3)  # fmt: skip
    seed_unit(central, plan)
    c = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(c, "admin1", PW).status_code == 303
    return c


@pytest.mark.parametrize(("utc", "due"), [("2026-11-29T12:00", 0), ("2026-11-30T12:00", 1)])
def test_overview_and_report_agree_on_elections_due(client, monkeypatch, utc, due):
    from openpyxl import load_workbook

    _fix_clock(monkeypatch, utc)  # 20:00 Beijing on 29 and 30 November 2026
    row = next(r for r in tables(client.get("/console/").text)["units"][1:] if r[0] == CODE)
    assert row[11] == str(due)
    wb = load_workbook(BytesIO(client.get("/console/reports/2026.xlsx").content))
    rows = list(wb["2026年组织生活"].iter_rows(values_only=True))
    line = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == CODE), strict=True))
    assert line["应换届组织数"] == due
