"""What an organisation owes: one set of rules for the client and the centre.

- From its 成立日期 (founding date) to its 撤销: a period (a month, a quarter, the year) that
  ended before the founding day is not owed, the one the founding day falls in is; a period
  that ended after the day it was dissolved is not owed. With no date recorded every period is.
- 支委会 only while a branch has a 支部委员会 (``committee_needed``).

The client's 会议缺项, dashboard, due list and 三会一课台账 (ztclient.domain.compliance) and the
centre's report for the level above (ztcentral.report) read it; it lives in the protocol package,
the one place both programs may import. Standard library only (``ztclient.domain`` imports it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

#: The posts a branch without a 支部委员会 has (fewer than 7 正式党员: a 书记, and a 副书记 if
#: needed; domain facts §8).
BRANCH_LEADS = ("secretary", "deputy_secretary")


def owed(last: date, founded: date | None, ended: date | None = None) -> bool:
    """Whether an organisation founded on ``founded`` and dissolved on ``ended`` (None: not
    recorded) owes a period that ends on ``last``: the period in which it was founded is owed,
    the ones before it are not; nor is one that ended after its 撤销."""
    return (founded is None or last >= founded) and (ended is None or last <= ended)


def committee_needed(
    posts: Iterable[tuple[str, str, str | None]], start: date | str, end: date | str
) -> bool:
    """Whether a branch owes 支委会 in [start, end] (dates or ISO days), from its own posts
    (post, start_date, end_date; an open post's end is None or ""). A branch whose posts in the
    period are a 书记 (and 副书记) alone has no 支部委员会 to meet; with no post recorded in the
    period it cannot be told, and it is owed."""
    first, last = str(start)[:10], str(end)[:10]
    during = [post for post, s, e in posts if s[:10] <= last and (not e or e[:10] >= first)]
    return not during or any(post not in BRANCH_LEADS for post in during)


def founding_day(value: object) -> date | None:
    """A record's ``founded_on`` as a date (None when absent or not a date)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
