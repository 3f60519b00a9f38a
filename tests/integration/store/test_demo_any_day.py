"""The demo is made on whatever day a newcomer first starts the program, so it must build on
every day of the year. Made on 1 January 2027 it failed: a 民主评议 follow-up dated 20 March of
this year was a date to come (E_DATE_FUTURE), so `scripts/start` on a fresh machine failed from
1 January to 19 March (found running the suite under libfaketime). Each day here builds a
branch-scale unit that verifies clean and holds nothing dated after that day."""

from __future__ import annotations

from datetime import date

import pytest
from tests.helpers import PASSPHRASE
from tests.integration.dues.conftest import FixedClock

DATED = {  # table: its own dates (a date the clerk records as done or held, never ahead)
    "meetings": "substr(starts_at, 1, 10)",
    "study_logs": "date",
    "talks": "date",
    "member_events": "date",
    "dues_payments": "paid_on",
    "appraisals": "done_on",
    "rectifications": "done_on",
}


@pytest.mark.parametrize("day", [date(2027, 1, 1), date(2027, 3, 19), date(2026, 12, 31)])
def test_the_demo_builds_on_any_day(tmp_path, day):
    from ztclient.bootstrap import App

    app = App(tmp_path / "unit", clock=FixedClock(day))
    session, _ = app.create_unit("中共测试委员会", "3301060001", PASSPHRASE)
    try:
        counts = app.demo(session, scale="branch", seed=1)
        assert counts["members"] > 0 and counts["meetings"] > 0
        assert session.verify() == []
        for table, column in DATED.items():
            ahead = session.store.scalar(
                f"SELECT count(*) FROM {table} WHERE {column} > ?", (day.isoformat(),)
            )
            assert ahead == 0, (table, day)
    finally:
        session.close()
