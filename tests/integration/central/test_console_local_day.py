"""Every date the console shows or compares is the committee's local date (Beijing time by
default, ztcentral.localtime): between 00:00 and 08:00 Beijing time the UTC date is still
yesterday's. The clock is fixed at 2026-03-01 07:00 Beijing (2026-02-28 23:00 UTC); the
figures are written by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit

PW = "admin-pass-2026!"
CODE = "3301000021"


def _fix_clock(monkeypatch, utc: str) -> None:
    from ztcentral import localtime

    at = datetime.strptime(utc, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)
    monkeypatch.delenv("ZTCENTRAL_TZ", raising=False)
    monkeypatch.setattr(localtime, "utcnow", lambda: at)


@pytest.fixture
def world(central_dir, monkeypatch):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    # One branch; on 1 March (Beijing) it held its 支委会 and its 主题党日: March is complete.
    plan = UnitPlan(
        CODE, "中共戊社区委员会", branches=1, categories={"full": 3},
        meetings=[(0, "branch_committee", "2026-03-01"), (0, "theme_day", "2026-03-01")],
    )  # fmt: skip
    seed_unit(central, plan)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303

    def seen(utc: str) -> None:
        with central.db.tx() as tx:
            tx.run("UPDATE devices SET last_seen = $1 WHERE unit = $2", (utc, CODE))

    return client, seen


@pytest.mark.parametrize(
    ("now_utc", "seen_utc", "stale"),
    [
        # 07:00 Beijing 1 March; synced at 06:00 Beijing (22:00 UTC the day before): today
        ("2026-02-28T23:00", "2026-02-28T22:00:00.000000Z", False),
        # 00:30 Beijing; synced at 00:10 Beijing (16:10 UTC the day before): today
        ("2026-02-28T16:30", "2026-02-28T16:10:00.000000Z", False),
        # 00:30 Beijing; synced at 23:50 Beijing on 28 February: yesterday, stale
        ("2026-02-28T16:30", "2026-02-28T15:50:00.000000Z", True),
    ],
)
def test_overview_takes_the_committees_date(world, monkeypatch, now_utc, seen_utc, stale):
    client, seen = world
    _fix_clock(monkeypatch, now_utc)
    seen(seen_utc)
    text = client.get("/console/").text
    assert "数据截至 2026-03-01" in text
    row = tables(text)["units"][1]
    assert row[0] == CODE
    assert row[8] == "1/1"  # March's 支委会 and 主题党日 held on 1 March, Beijing time
    assert ('class="stale"' in text) is stale


def test_unit_page_shows_beijing_time_and_counts_march(world, monkeypatch):
    client, seen = world
    _fix_clock(monkeypatch, "2026-02-28T23:00")
    seen("2026-02-28T22:00:00.000000Z")
    page = tables(client.get(f"/console/units/{CODE}").text)
    march = next(r for r in page["months"][1:] if r[0] == "3月")
    assert march[1:3] == ["1", "1"]  # 支委会 1, 主题党日 1
    devices = next(t for t in page.values() if any("2026-03-01 06:00" in c for r in t for c in r))
    assert devices  # the device's last contact in Beijing time, not "2026-02-28 22:00"


def test_report_dated_by_the_committees_clock(world, monkeypatch):
    from openpyxl import load_workbook

    client, _ = world
    _fix_clock(monkeypatch, "2026-02-28T23:00")
    wb = load_workbook(BytesIO(client.get("/console/reports/2026.xlsx").content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == CODE), strict=True))
    assert row["支委会已开"] == 1
    info = dict(r[:2] for r in wb["说明"].iter_rows(values_only=True))
    assert info["生成时间"] == "2026-03-01 07:00 (Asia/Shanghai)"


def test_the_zone_is_configurable(world, monkeypatch, central_dir):
    """config.json "timezone" names the committee's zone; ZTCENTRAL_TZ wins over it."""
    import json

    from ztcentral import localtime
    from ztcentral.config import open_central

    client, seen = world
    _fix_clock(monkeypatch, "2026-02-28T23:00")
    seen("2026-02-28T22:00:00.000000Z")
    cfg = central_dir / "config.json"
    cfg.write_text(json.dumps({**json.loads(cfg.read_text()), "timezone": "Europe/London"}))
    open_central(central_dir)
    try:
        assert "数据截至 2026-02-28" in client.get("/console/").text
        assert "2026-02-28 22:00" in client.get(f"/console/units/{CODE}").text
        monkeypatch.setenv("ZTCENTRAL_TZ", "Asia/Urumqi")  # UTC+6
        assert "2026-03-01 04:00" in client.get(f"/console/units/{CODE}").text
    finally:
        localtime.configure(None)
