"""ztprotocol.obligations: the founding-date rule the client and the centre share."""

from __future__ import annotations

from datetime import date

from ztclient.domain import compliance
from ztprotocol.obligations import founding_day, owed, owed_in_year


def test_owed_in_year_by_hand():
    assert [owed_in_year(n, 2026, None) for n in (1, 3, 12)] == [12, 4, 1]
    assert [owed_in_year(n, 2026, date(2026, 11, 10)) for n in (1, 3, 12)] == [2, 1, 1]
    assert [owed_in_year(n, 2026, date(2026, 7, 1)) for n in (1, 3, 12)] == [6, 2, 1]
    assert [owed_in_year(n, 2026, date(2026, 12, 31)) for n in (1, 3, 12)] == [1, 1, 1]
    assert [owed_in_year(n, 2026, date(2027, 1, 1)) for n in (1, 3, 12)] == [0, 0, 0]


def test_the_client_reads_the_same_rule():
    assert compliance.owed is owed


def test_founding_day_of_a_record():
    assert founding_day("2026-11-10") == date(2026, 11, 10)
    assert founding_day(None) is None and founding_day("2026-02-30") is None
    assert founding_day(20261110) is None
