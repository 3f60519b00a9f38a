"""三会一课 compliance: which required meetings are missing in a period (domain facts §3).

Defaults follow 支部工作条例 art. 11–13 and local practice for 党课 (quarterly; configurable).
A period is required only when it lies wholly inside [start, end] unless ``include_partial``:
the current month is not "missing" before it has ended (judgment).

An organisation owes nothing for the periods that ended before its 成立日期 (``founded``): a
branch founded on 2026-11-10 owes the 支委会 of November and December, the 支部党员大会 of the
fourth quarter and the yearly ones (组织生活会, 民主评议: domain facts §3 says nothing of a
branch founded late in the year, so they stay owed). ``owed`` is the one rule every count
reads (the compliance view, the dashboard, the due list, the 三会一课台账; ztprotocol/obligations.py,
so the centre's report for the level above reads it too).

Each 党小组 must meet monthly on its own (条例 art. 13): one group's meeting does not count for
the branch or for another group. ``missing`` checks one organisation's own meetings; the branch
is checked without the group rule and each group with the group rule only (``GROUP_RULES``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ztclient.domain.dates import add_months, parse_date
from ztclient.domain.model import MeetingKind

# the rules shared with the centre (ztprotocol/obligations.py)
from ztprotocol.obligations import committee_needed as committee_needed
from ztprotocol.obligations import owed as owed

MONTHLY, QUARTERLY, YEARLY = "monthly", "quarterly", "yearly"
_MONTHS = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}

DEFAULT_RULES: dict[str, str] = {
    MeetingKind.BRANCH_COMMITTEE.value: MONTHLY,  # 支委会 一般每月1次
    MeetingKind.GROUP.value: MONTHLY,  # 党小组会 一般每月1次 (only where groups exist)
    MeetingKind.BRANCH_GENERAL.value: QUARTERLY,  # 支部党员大会 一般每季度1次
    MeetingKind.LECTURE.value: QUARTERLY,  # 党课: local rules; configurable
    MeetingKind.THEME_DAY.value: MONTHLY,  # 主题党日 每月相对固定1天
    MeetingKind.ORG_LIFE.value: YEARLY,  # 组织生活会 每年至少1次
    MeetingKind.APPRAISAL.value: YEARLY,  # 民主评议党员 一般每年1次
}
#: What a 党小组 itself must hold.
GROUP_RULES: dict[str, str] = {MeetingKind.GROUP.value: MONTHLY}


@dataclass(frozen=True)
class Missing:
    """A required meeting not held in one period."""

    kind: str
    period_label: str  # "2026年3月" / "2026年第1季度" / "2026年"
    start: date
    end: date
    org_id: str | None = None  # the 党小组 that did not meet (None: the branch itself)
    org_name: str = ""

    def overdue(self, today: date) -> bool:
        """Its period is over (its last day has passed) and the meeting is still missing; until
        then it is still to be held, a reminder (落实情况, the 工作台, ``due``)."""
        return self.end < today

    def label(self, lang: str = "zh") -> str:
        """The period, preceded by the group's name for a group's missing meeting."""
        prefix = f"{self.org_name} " if self.org_name else ""
        return prefix + self._period(lang)

    def _period(self, lang: str) -> str:
        if lang != "en":
            return self.period_label
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if months == 12:
            return str(self.start.year)
        if months == 3:
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"


def _label(start: date, frequency: str) -> str:
    if frequency == YEARLY:
        return f"{start.year}年"
    if frequency == QUARTERLY:
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年{start.month}月"


def periods(
    frequency: str,
    start: date,
    end: date,
    include_partial: bool = False,
    founded: date | None = None,
) -> Iterator[tuple[date, date, str]]:
    """Calendar periods (first day, last day, label) of ``frequency`` within [start, end],
    without those that ended before the organisation's founding date (``owed``)."""
    step = _MONTHS[frequency]
    first = date(start.year, ((start.month - 1) // step) * step + 1, 1)
    while first <= end:
        last = add_months(first, step) - timedelta(days=1)
        inside = first >= start and last <= end
        if owed(last, founded) and (inside or (include_partial and last >= start)):
            yield first, last, _label(first, frequency)
        first = add_months(first, step)


def _applies(kind: str, has_groups: bool) -> bool:
    return kind != MeetingKind.GROUP.value or has_groups


def required_count(
    kind: MeetingKind | str,
    start: date,
    end: date,
    has_groups: bool = True,
    rules: Mapping[str, str] = DEFAULT_RULES,
    include_partial: bool = False,
    founded: date | None = None,
) -> int:
    """How many meetings of ``kind`` the rules require in [start, end] (one per period owed
    by an organisation founded on ``founded``)."""
    kind = MeetingKind(kind).value
    if kind not in rules or not _applies(kind, has_groups):
        return 0
    return sum(1 for _ in periods(rules[kind], start, end, include_partial, founded))


def missing(
    meetings: Iterable[tuple[str, Any]],
    period_start: date,
    period_end: date,
    has_groups: bool,
    rules: Mapping[str, str] = DEFAULT_RULES,
    include_partial: bool = False,
    founded: date | None = None,
) -> list[Missing]:
    """Required meetings not held: one ``Missing`` per kind and period without a meeting.

    ``meetings`` are (kind, date) pairs (date or ISO string) of the branch (and its groups);
    ``founded``: the organisation's 成立日期, before which it owes nothing (``owed``).
    """
    held: dict[str, list[date]] = {}
    for kind, day in meetings:
        held.setdefault(MeetingKind(kind).value, []).append(parse_date(day))
    out = []
    for kind, frequency in rules.items():
        if not _applies(kind, has_groups):
            continue
        days = held.get(kind, [])
        for first, last, label in periods(
            frequency, period_start, period_end, include_partial, founded
        ):
            if not any(first <= d <= last for d in days):
                out.append(Missing(kind, label, first, last))
    order = list(rules)
    return sorted(out, key=lambda m: (m.start, order.index(m.kind)))
