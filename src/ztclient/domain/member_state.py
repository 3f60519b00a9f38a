"""A member as they were on a given day: branch and group, category, status, voting rights.

Records are kept as they are *now*; meetings, statistics and ledgers need them as they *were*
(domain facts §7: 年报 as of 12月31日; a meeting's 应到 as of its date). ``state_on`` starts
from the record as it stands and undoes what dated information says happened after the day:

- **category** from the development dates (递交申请 → 积极分子 → 发展对象 → 入党 → 转正): the
  highest stage up to the current category whose date is on or before the day. A stage without
  a date inherits the date of the nearest earlier stage that has one (a full member carried
  over from paper with only a join date counts as full from that date); a record with no
  development dates at all is taken as it stands (basis ``assumed``).
- **status** from the dated status events (转出, 转入, 外出流动, 失联, 停止党籍, 出党, 去世 …):
  the status set by the last such event on or before the day, or, when every status event is
  later, the status the first of them started from. When that first event is a 转入 the
  person was not yet on this roll (``transfer_in_on`` set; status ``transferred_out`` so they
  count nowhere here, but said apart: 尚未转入本组织, not 已转出). Without any later event the record's
  status stands, unless ``status_since`` is after the day (a change typed in directly, with no
  event): the member is then taken as 正常 on the day (basis ``assumed``).
- **voting rights** from 留党察看 and its end, the same way.
- **branch and group** from 支部内调整 events that carry where the member came from
  (``from_org_id``/``from_group_id``, recorded since this module exists); an older event
  without them leaves the current branch and group (basis ``assumed``).

Voided events are ignored; a member voided as entered in error (录入错误作废) is 已作废 on
every day. Stdlib only, like all of the domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ztclient.domain.model import Category, EventKind, Status

# Development ladder: (category, the member field dating it), lowest first.
LADDER: tuple[tuple[Category, str], ...] = (
    (Category.APPLICANT, "application_date"),
    (Category.ACTIVIST, "activist_date"),
    (Category.CANDIDATE, "candidate_date"),
    (Category.PROBATIONARY, "join_date"),
    (Category.FULL, "full_member_date"),
)

# Status an event leaves the member in, and the one it starts from (for undoing it).
STATUS_AFTER: dict[str, Status] = {
    EventKind.TRANSFER_OUT: Status.TRANSFERRED_OUT,
    EventKind.TRANSFER_IN: Status.NORMAL,
    EventKind.MOBILE_OUT: Status.MOBILE,
    EventKind.MOBILE_BACK: Status.NORMAL,
    EventKind.LOST_CONTACT: Status.LOST_CONTACT,
    EventKind.CONTACT_RESTORED: Status.NORMAL,
    EventKind.SUSPENDED: Status.SUSPENDED,
    EventKind.RESTORED: Status.NORMAL,
    EventKind.EXITED: Status.EXITED,
    EventKind.DECEASED: Status.DECEASED,
    EventKind.PROBATION_REVOKED: Status.EXITED,
}
STATUS_BEFORE: dict[str, Status] = {
    # Before a transfer in, the person was not on this unit's roll: counted nowhere here.
    EventKind.TRANSFER_IN: Status.TRANSFERRED_OUT,
    EventKind.MOBILE_BACK: Status.MOBILE,
    EventKind.CONTACT_RESTORED: Status.LOST_CONTACT,
    EventKind.RESTORED: Status.SUSPENDED,
}  # every other status event starts from 正常
_VOTING_EVENTS = {EventKind.DISCIPLINE_PROBATION: True, EventKind.DISCIPLINE_ENDED: False}
DUE_STATUSES = (Status.NORMAL, Status.MOBILE)  # who is due at their branch's meetings (§3.2)


@dataclass(frozen=True)
class MemberState:
    """One person on one day. ``category`` None: not yet in the party's records that day."""

    member_id: str
    day: date
    org_id: str | None
    group_id: str | None
    category: str | None
    status: str
    voting_suspended: bool
    basis: str = "record"  # record / events / assumed (see the module docstring)
    transfer_in_on: date | None = None  # the day is before this 转入: not yet on the roll

    @property
    def not_yet_in(self) -> bool:
        """尚未转入本组织: the day is before the person's first 转入 here."""
        return self.transfer_in_on is not None

    @property
    def is_member(self) -> bool:
        """正式 or 预备党员 on the day."""
        return self.category in (Category.PROBATIONARY, Category.FULL)

    @property
    def on_roll(self) -> bool:
        """在册 on the day: a member whose status still counts in the unit (statistics §7)."""
        return self.is_member and Status(self.status).is_current

    @property
    def due(self) -> bool:
        """Due at their organisation's meetings on the day (应到会, §3.2 before exclusions)."""
        return self.is_member and self.status in DUE_STATUSES

    @property
    def voting(self) -> bool:
        """Due and holding a vote: a full member not under 留党察看 (§1.7)."""
        return self.due and self.category == Category.FULL and not self.voting_suspended


def _day(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    return _parse(str(value)[:10])


@lru_cache(maxsize=65536)
def _parse(text: str) -> date | None:
    """ISO day → date, remembered: a migration asks about the same few thousand dates for
    every meeting it snapshots."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def category_on(member: Mapping[str, Any], day: date) -> tuple[str | None, bool]:
    """(category on ``day``, whether it rests on dates). See the module docstring."""
    current = member.get("category")
    try:
        top = [c for c, _ in LADDER].index(Category(current or ""))  # None: not on the ladder
    except ValueError:
        return current, False
    dates = [_day(member.get(f)) for _, f in LADDER]
    if not any(dates[: top + 1]):
        return current, False
    for i in range(top, -1, -1):
        reached = next((d for d in reversed(dates[: i + 1]) if d), None)
        if reached is None or reached <= day:
            return LADDER[i][0].value, True
    return None, True


def _sorted(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    live = [e for e in events if not e.get("voided") and _day(e.get("date"))]
    return sorted(live, key=lambda e: (str(e["date"])[:10], str(e.get("created_at") or "")))


def _details(event: Mapping[str, Any]) -> Mapping[str, Any]:
    details = event.get("details") or {}
    if isinstance(details, str):
        import json

        try:
            details = json.loads(details)
        except ValueError:
            return {}
    return details if isinstance(details, Mapping) else {}


def state_on(
    member: Mapping[str, Any], events: Iterable[Mapping[str, Any]], day: date
) -> MemberState:
    """The member on ``day`` from their record (as now) and their dated events."""
    if member.get("status") == Status.VOIDED:
        # 录入错误作废: the record never was true, on no day (services/member_void.py)
        return MemberState(
            member_id=str(member.get("id") or member.get("member_id") or ""),
            day=day,
            org_id=member.get("org_id"),
            group_id=member.get("group_id"),
            category=None,  # in the party's records on no day
            status=Status.VOIDED.value,
            voting_suspended=False,
        )
    ordered = _sorted(events)
    before = [e for e in ordered if str(e["date"])[:10] <= day.isoformat()]
    after = [e for e in ordered if str(e["date"])[:10] > day.isoformat()]
    category, dated = category_on(member, day)
    basis = "events" if (dated or after) else "record"

    status = member.get("status") or Status.NORMAL.value
    status_after = [e for e in after if e["kind"] in STATUS_AFTER]
    status_before = [e for e in before if e["kind"] in STATUS_AFTER]
    transfer_in_on = None
    if status_after and not status_before and status_after[0]["kind"] == EventKind.TRANSFER_IN:
        transfer_in_on = _day(status_after[0]["date"])
    if status_after:
        status = (
            STATUS_AFTER[status_before[-1]["kind"]].value
            if status_before
            else STATUS_BEFORE.get(status_after[0]["kind"], Status.NORMAL).value
        )
    else:
        since = _day(member.get("status_since"))
        if since and since > day and status != Status.NORMAL:
            last = STATUS_AFTER[status_before[-1]["kind"]] if status_before else Status.NORMAL
            status, basis = last.value, "assumed"

    voting_suspended = bool(member.get("voting_suspended"))
    votes_after = [e for e in after if e["kind"] in _VOTING_EVENTS]
    if votes_after:
        votes_before = [e for e in before if e["kind"] in _VOTING_EVENTS]
        voting_suspended = (
            _VOTING_EVENTS[votes_before[-1]["kind"]]
            if votes_before
            else not _VOTING_EVENTS[votes_after[0]["kind"]]
        )

    org_id, group_id = member.get("org_id"), member.get("group_id")
    moves = [e for e in after if e["kind"] == EventKind.ORG_CHANGED]
    if moves:
        first = _details(moves[0])
        if "from_org_id" in first or "from_group_id" in first:
            org_id = first.get("from_org_id", org_id)
            group_id = first.get("from_group_id", group_id)
        else:
            basis = "assumed"
    return MemberState(
        member_id=str(member.get("id") or member.get("member_id") or ""),
        day=day,
        org_id=org_id,
        group_id=group_id,
        category=category,
        status=status,
        voting_suspended=voting_suspended,
        basis=basis,
        transfer_in_on=transfer_in_on,
    )
