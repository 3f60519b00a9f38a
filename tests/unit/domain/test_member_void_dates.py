"""A member voided as entered in error (录入错误作废) is off the roll on every day, owes no
党费 in any month, on the client and at the centre alike: the record never was true. Before,
a record with status ``voided`` since today counted as 正常 on every earlier day (the rule for
a status typed in directly) and as owing dues from its join date."""

from __future__ import annotations

from datetime import date

from ztcentral.dues_report import owed_months
from ztclient.domain import dues_months
from ztclient.domain.member_state import state_on

VOIDED = {
    "id": "m1", "org_id": "b1", "category": "full", "status": "voided",
    "status_since": "2026-11-20", "join_date": "2010-07-01", "full_member_date": "2011-07-01",
}  # fmt: skip


def test_off_the_roll_on_every_day():
    for day in (date(2012, 1, 1), date(2025, 12, 31), date(2026, 11, 19), date(2026, 11, 20)):
        state = state_on(VOIDED, [], day)
        assert (state.status, state.category, state.on_roll, state.due, state.voting) == (
            "voided",
            None,
            False,
            False,
            False,
        )


def test_no_dues_on_the_client_or_at_the_centre():
    assert dues_months.periods(VOIDED, [], date(2026, 11, 30)) == []
    assert owed_months(VOIDED, [], 2026, date(2026, 11, 30)) == set()
    # the same record before it was voided owed every month of the year
    normal = {**VOIDED, "status": "normal", "status_since": None}
    assert len(owed_months(normal, [], 2026, date(2026, 12, 31))) == 12
    assert dues_months.periods(normal, [], date(2026, 11, 30)) == [
        (dues_months.index(2010, 7) + 1, None)
    ]
