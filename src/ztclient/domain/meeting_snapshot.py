"""会议快照 (meeting snapshot): who each person was on the meeting's date, kept with the record.

A meeting's figures must not change when the roster changes afterwards: a reprint in ten years
gives the same 应到, the same verdicts and the same sign-in sheet. So when a meeting is saved,
every person on its due list, and everyone else marked for it, is stored as an ``Attendee``:
name, branch and group, category, status, voting rights and party posts *on that day*, whether
they were due (应到) and whether they held a vote, and their attendance mark. Quorum, votes,
the minutes, the sign-in sheet, the 三会一课 ledger and the centre's report all read these rows
(domain/quorum.py), never today's roster.

Who is due (§3, §3.2): for a 支部委员会会议, the committee (members holding a post in the
meeting's organisation on the day); for a 党小组会, the members of that group on the day; for
every other meeting, the members of that organisation (and of the branches under a 党总支 or
党委) on the day. Of those, only 正式 and 预备
党员 whose status is 正常 or 流动 are due (model.Status); an approved exclusion is an
attendance mark (``excluded``), not a change of the due list.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ztclient.domain.member_state import MemberState
from ztclient.domain.model import AttendanceStatus, MeetingKind, OrgKind

#: Columns of a snapshot row as stored (meeting_attendance, migration 009) and carried in the
#: meeting op's ``attendance`` list.
SNAPSHOT_FIELDS = (
    "member_id", "status", "reason", "name", "org_id", "group_id", "category",
    "member_status", "voting_suspended", "posts", "due", "voting",
)  # fmt: skip


@dataclass(frozen=True)
class Attendee:
    """One person of a meeting, as they were on its date, with their attendance mark."""

    member_id: str
    name: str = ""
    org_id: str | None = None
    group_id: str | None = None
    category: str | None = None
    member_status: str = "normal"
    voting_suspended: bool = False
    posts: tuple[str, ...] = ()  # party_post codes held on the day, the meeting's org first
    due: bool = False  # 应到 (before an approved exclusion)
    voting: bool = False  # 有表决权 (due, 正式党员, not under 留党察看)
    status: str = AttendanceStatus.ABSENT.value  # present / absent / excluded
    reason: str | None = None  # 缺席原因 (absence_reason code or the clerk's words)

    @property
    def counted(self) -> bool:
        """In 应到人数: due and not excluded with approval."""
        return self.due and self.status != AttendanceStatus.EXCLUDED

    @property
    def present(self) -> bool:
        return self.status == AttendanceStatus.PRESENT

    def to_row(self) -> dict[str, Any]:
        """The stored / synced form (posts as a comma list, flags as 0/1)."""
        return {
            "member_id": self.member_id, "status": self.status, "reason": self.reason,
            "name": self.name, "org_id": self.org_id, "group_id": self.group_id,
            "category": self.category, "member_status": self.member_status,
            "voting_suspended": int(self.voting_suspended), "posts": ",".join(self.posts),
            "due": int(self.due), "voting": int(self.voting),
        }  # fmt: skip

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Attendee:
        posts = row.get("posts") or ""
        return cls(
            member_id=str(row["member_id"]),
            name=str(row.get("name") or ""),
            org_id=row.get("org_id"),
            group_id=row.get("group_id"),
            category=row.get("category"),
            member_status=str(row.get("member_status") or "normal"),
            voting_suspended=bool(row.get("voting_suspended")),
            posts=tuple(p for p in (posts.split(",") if isinstance(posts, str) else posts) if p),
            due=bool(row.get("due")),
            voting=bool(row.get("voting")),
            status=str(row.get("status") or AttendanceStatus.ABSENT.value),
            reason=row.get("reason"),
        )


def on_due_list(
    kind: MeetingKind | str,
    org_kind: str,
    scope: Collection[str],
    state: MemberState,
    posts_in_org: Sequence[str] = (),
) -> bool:
    """Whether a person belongs to the meeting's organisation on the day (before status).

    ``scope`` is the meeting's organisation, plus the branches under it for a 党总支 or 党委
    meeting (their members are its members)."""
    kind = MeetingKind(kind)
    if kind == MeetingKind.BRANCH_COMMITTEE:
        return bool(posts_in_org)
    if org_kind == OrgKind.GROUP:
        return state.group_id in scope
    return state.org_id in scope


def attendee(
    state: MemberState,
    name: str,
    posts: Sequence[str],
    in_org: bool,
    mark: tuple[str, str | None] | None,
) -> Attendee:
    """A snapshot row for one person: due only when in the organisation and due on the day."""
    due = in_org and state.due
    status, reason = mark or (AttendanceStatus.ABSENT.value, None)
    return Attendee(
        member_id=state.member_id,
        name=name,
        org_id=state.org_id,
        group_id=state.group_id,
        category=state.category,
        member_status=state.status,
        voting_suspended=state.voting_suspended,
        posts=tuple(posts),
        due=due,
        voting=due and state.voting,
        status=AttendanceStatus(status).value,
        reason=reason if status != AttendanceStatus.PRESENT else None,
    )


def remark(
    snapshot: Iterable[Attendee], marks: Mapping[str, tuple[str, str | None]]
) -> list[Attendee]:
    """The stored snapshot with new attendance marks (an edit that keeps the date and the
    organisation keeps who was due; a due person left unmarked is absent)."""
    out = []
    for a in snapshot:
        status, reason = marks.get(a.member_id, (AttendanceStatus.ABSENT.value, None))
        if a.member_id not in marks and not a.due:
            continue  # someone listed only because they were marked, and no longer is
        out.append(
            replace(a, status=status, reason=reason if status != AttendanceStatus.PRESENT else None)
        )
    return out


def order(rows: Iterable[Attendee], sort_keys: Mapping[str, str]) -> list[Attendee]:
    """Due people first in roster (pinyin) order, then the others, also in roster order."""
    return sorted(rows, key=lambda a: (not a.due, sort_keys.get(a.member_id, a.name), a.member_id))
