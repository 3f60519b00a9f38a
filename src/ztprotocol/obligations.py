"""What an organisation owes from its 成立日期 (founding date): one rule for the client and the
centre. A period (a month, a quarter, the year) that ended before the founding day is not owed;
the one the founding day falls in is. With no founding date recorded every period is owed.

The client's 会议缺项, dashboard, due list and 三会一课台账 (ztclient.domain.compliance) and the
centre's report for the level above (ztcentral.report) read it; it lives in the protocol package,
the one place both programs may import. Standard library only (``ztclient.domain`` imports it).
"""

from __future__ import annotations

from datetime import date


def owed(last: date, founded: date | None) -> bool:
    """Whether an organisation founded on ``founded`` (None: not recorded) owes a period that
    ends on ``last``: the period in which it was founded is owed, the ones before it are not."""
    return founded is None or last >= founded


def founding_day(value: object) -> date | None:
    """A record's ``founded_on`` as a date (None when absent or not a date)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
