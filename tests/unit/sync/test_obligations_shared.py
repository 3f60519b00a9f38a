"""ztprotocol.obligations: the founding-date rule the client and the centre share."""

from __future__ import annotations

from datetime import date

from ztclient.domain import compliance
from ztprotocol.obligations import founding_day, owed


def test_owed_by_hand():
    """The period the founding day falls in is owed; one that ended the day before is not."""
    assert owed(date(2026, 10, 31), None)
    assert not owed(date(2026, 10, 31), date(2026, 11, 10))
    assert owed(date(2026, 11, 30), date(2026, 11, 10))
    assert owed(date(2026, 12, 31), date(2026, 12, 31))
    assert not owed(date(2026, 12, 31), date(2027, 1, 1))


def test_the_client_reads_the_same_rule():
    assert compliance.owed is owed


def test_founding_day_of_a_record():
    assert founding_day("2026-11-10") == date(2026, 11, 10)
    assert founding_day(None) is None and founding_day("2026-02-30") is None
    assert founding_day(20261110) is None
