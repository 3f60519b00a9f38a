"""A year that has not begun (after the committee's current local year) has no report: the
console served /console/reports/NEXT.xlsx (its check allowed this year + 1) and ``ztcentral
report --year NEXT`` wrote one, an empty year's figures that read as a year of nothing done.
Both refuse it with a clear message. The year is the committee's: at 01:00 Beijing time on
1 January 2027 (17:00 UTC on 31 December) 2027 has begun."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import login

from ztcentral.cli import main

PW = "admin-pass-2026!"


def _clock(monkeypatch, utc: str) -> None:
    from ztcentral import localtime

    at = datetime.strptime(utc, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)
    monkeypatch.delenv("ZTCENTRAL_TZ", raising=False)
    monkeypatch.setattr(localtime, "utcnow", lambda: at)


def test_the_cli_refuses_a_year_not_begun(central_dir, central, capsys, tmp_path, monkeypatch):
    _clock(monkeypatch, "2026-12-02T11:00")
    out = tmp_path / "r.xlsx"
    code = main(["--data-dir", str(central_dir), "report", "--out", str(out), "--year", "2027"])
    assert code == 4 and not out.exists()
    err = capsys.readouterr().err
    assert err.startswith("E_REPORT_YEAR: 2027年尚未开始（今天是2026-12-02），不能生成该年度报表")
    assert (
        main(["--data-dir", str(central_dir), "report", "--out", str(out), "--year", "2026"]) == 0
    )
    assert out.exists()


def test_the_committees_new_year_has_begun(central_dir, central, tmp_path, monkeypatch):
    _clock(monkeypatch, "2026-12-31T17:00")  # 2027-01-01 01:00 Beijing
    out = tmp_path / "r.xlsx"
    assert (
        main(["--data-dir", str(central_dir), "report", "--out", str(out), "--year", "2027"]) == 0
    )


@pytest.fixture
def client(central_dir, central):
    from ztcentral.app import create_app
    from ztcentral.console import accounts

    accounts.add(central.db, "admin1", "admin", PW)
    c = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(c, "admin1", PW).status_code == 303
    return c


def test_the_console_refuses_a_year_not_begun(client, monkeypatch):
    _clock(monkeypatch, "2026-12-02T11:00")
    page = client.get("/console/reports")
    assert "/console/reports/2026.xlsx" in page.text and "2027" not in page.text
    refused = client.get("/console/reports/2027.xlsx")
    assert refused.status_code == 404
    assert "2027年尚未开始（今天是2026-12-02），不能生成该年度报表" in refused.text
    assert client.get("/console/reports/2026.xlsx").status_code == 200
