"""A meeting dated after today is a plan, not a held meeting: the overview, a unit's page and
the report's 已开 leave it out alike (one rule: ztcentral.meetings_held). Figures by hand."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit

from ztcentral import localtime

PW = "viewer-pass-2026!"


def a_day_with_a_tomorrow(monkeypatch) -> date:
    """Today in a zone where it is not a month's last day (the plan below needs tomorrow in the
    same month): the committee's own zone, else UTC−12 or UTC+14 — at any instant one of them
    is on another date than the month's last. Before, the test skipped on the last day of a
    month, which a run that counts skips as failures (ZT_NO_SKIP) would have failed on."""
    for zone in (None, "Etc/GMT+12", "Etc/GMT-14"):
        if zone:
            monkeypatch.setenv(localtime.ENV, zone)
        today = localtime.today()
        if (today + timedelta(days=1)).month == today.month:
            return today
    raise AssertionError("every zone on a month's last day at once")


def test_some_zone_has_a_tomorrow_in_this_month_at_any_instant(monkeypatch):
    """The rule a_day_with_a_tomorrow leans on, tried at instants around a month's end."""
    from datetime import UTC, datetime

    for hour in range(0, 48):
        instant = datetime(2026, 12, 30, tzinfo=UTC) + timedelta(hours=hour)
        monkeypatch.setattr(localtime, "utcnow", lambda i=instant: i)
        day = a_day_with_a_tomorrow(monkeypatch)
        assert (day + timedelta(days=1)).month == day.month, instant
        monkeypatch.delenv(localtime.ENV, raising=False)


@pytest.fixture
def world(central_dir, monkeypatch):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    today = a_day_with_a_tomorrow(monkeypatch)
    central = open_central(central_dir)
    accounts.add(central.db, "viewer1", "viewer", PW)
    t, tomorrow = today.isoformat(), (today + timedelta(days=1)).isoformat()
    # One branch: held today a 支委会 and a 支部党员大会; planned for tomorrow a 主题党日,
    # a 党课 and a second 支委会.
    plan = UnitPlan(
        "3301000009", "中共丁社区委员会", branches=1, categories={"full": 3},
        meetings=[(0, "branch_committee", t), (0, "branch_general", t),
                  (0, "theme_day", tomorrow), (0, "lecture", tomorrow),
                  (0, "branch_committee", tomorrow)],
    )  # fmt: skip
    seed_unit(central, plan)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "viewer1", PW).status_code == 303
    return client, plan


def test_overview_and_unit_page_count_only_meetings_held_by_today(world):
    client, plan = world
    today = localtime.today()
    row = tables(client.get("/console/").text)["units"][1]
    assert row[0] == plan.code
    assert (row[8], row[9]) == ("0/1", "0/1")  # 主题党日 and 党课 only planned
    page = tables(client.get(f"/console/units/{plan.code}").text)
    this_month = next(r for r in page["months"][1:] if r[0] == f"{today.month}月")
    # 支委会 1, 主题党日 0, 党小组会 0, 党员大会 1, 党课 0, 组织生活会 0; month not complete
    assert this_month[1:] == ["1", "0", "0", "1", "0", "0", "0/1个支部已按要求开会"]
    quarter = (today.month - 1) // 3 + 1
    text = client.get(f"/console/units/{plan.code}").text
    assert f"Q{quarter}: 0/1个支部已按要求开会" in text


def test_the_report_counts_held_meetings_only(world):
    from openpyxl import load_workbook

    client, plan = world
    year = localtime.today().year
    ws = load_workbook(BytesIO(client.get(f"/console/reports/{year}.xlsx").content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == plan.code), strict=True))
    assert (row["支委会已开"], row["支部党员大会已开"], row["党课已开"]) == (1, 1, 0)
