"""会议记录与签到表: the inputs of the minutes and the sign-in sheet, from the stored snapshot.

Both documents read one source: the meeting's snapshot and the figures domain/quorum.py computes
from it (MeetingService.result). So the header, the quorum sentence, each vote table and the
sign-in sheet state the same 应到, and each resolution's own figures and verdict; names, groups
and posts are those of the meeting's day. A reprint years later gives the same text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ztclient.domain import codes
from ztclient.domain.meeting_snapshot import Attendee
from ztclient.domain.meeting_text import with_seq
from ztclient.domain.model import MeetingKind
from ztclient.services import report_models as rm
from ztclient.services.meetings import MeetingService
from ztclient.services.ports import Store


def _d(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def post_labels(posts: str | tuple[str, ...] | None) -> str:
    """书记、组织委员 from stored post codes (a code the table lost prints as itself)."""
    table = codes.table("party_post")
    items = posts.split(",") if isinstance(posts, str) else (posts or ())
    return "、".join(table.label(p) if p in table else p for p in items if p)


def _reason(code: str | None) -> str:
    reasons = codes.table("absence_reason")
    return reasons.label(code) if code and code in reasons else (code or "")


def minutes_doc(store: Store, meetings: MeetingService, meeting_id: str) -> rm.MinutesDoc:
    """The minutes of a saved meeting, every figure from its snapshot."""
    m = meetings.get(meeting_id)
    q = meetings.result(meeting_id, m)
    people = {a["member_id"]: a for a in m["attendance"]}
    absent = tuple((people[i]["name"], _reason(people[i]["reason"])) for i in q.absent)
    resolutions = []
    for r, res in zip(m["resolutions"], q.resolutions, strict=True):
        resolutions.append(
            rm.Resolution(
                title=r["title"],
                votes_for=res.votes_for,
                votes_against=res.votes_against,
                votes_abstain=res.votes_abstain,
                written_opinions=res.written_opinions,
                voters_due=res.voters_due,
                voters_present=res.voters_present,
                passed=res.passed,
                owner=r["owner"] or "",
                deadline=_d(r["deadline"]),
                verdict=res.verdict,
                lines=tuple(q.resolution_lines(res, "zh")),
            )
        )
    return rm.MinutesDoc(
        unit_name=store.get_meta("unit_name") or "",
        org_name=m["org_name"],
        kind_label=codes.table("meeting_kind").label(m["kind"]),
        title=with_seq(m["title"], m["seq_no"]),
        seq_no=m["seq_no"],
        starts_at=datetime.fromisoformat(m["starts_at"]),
        ends_at=datetime.fromisoformat(m["ends_at"]) if m["ends_at"] else None,
        place=m["place"] or "",
        chair_name=m["chair_name"] or "",
        chair_post=post_labels(m["chair_post"]).split("、")[0],
        recorder_name=m["recorder_name"] or "",
        recorder_post=post_labels(m["recorder_post"]).split("、")[0],
        lecturer=m["lecturer"] or "",
        due=q.due_total,
        present=q.present_total,
        absent_count=q.absent_total,
        absent=absent,
        guests=tuple((g["name"], g["post"] or "", g["reason"] or "") for g in m["guests"]),
        agenda=tuple(m["agenda"]),
        minutes=m["minutes"] or "",
        resolutions=tuple(resolutions),
        summary=m["summary"] or "",
        quorum_lines=tuple(q.attendance_lines("zh")),
    )


def _note(a: Attendee, kind: str, groups: dict[str, str], org_name: str) -> str:
    """党小组 · 职务 on the day (the group is left out on a group's own sign-in sheet; a group
    named after its branch is shown without the branch's name: 第1党小组)."""
    parts = []
    if kind != MeetingKind.GROUP and a.group_id in groups:
        group = groups[a.group_id]
        short = group[len(org_name) :] if group.startswith(org_name) else ""
        parts.append(short or group)
    posts = post_labels(a.posts)
    if posts:
        parts.append(posts)
    return " · ".join(parts)


def signin_doc(store: Store, meetings: MeetingService, meeting_id: str) -> rm.SigninDoc:
    """The sign-in sheet: one line per person counted in 应到 on the meeting's day."""
    m = meetings.get(meeting_id)
    q = meetings.result(meeting_id, m)
    groups = {
        r["id"]: r["name"] for r in store.read("SELECT id, name FROM orgs WHERE kind = 'group'")
    }
    counted = [Attendee.from_row(a) for a in m["attendance"]]
    names = tuple(
        (a.name, _note(a, m["kind"], groups, m["org_name"])) for a in counted if a.counted
    )
    return rm.SigninDoc(
        unit_name=store.get_meta("unit_name") or "",
        org_name=m["org_name"],
        title=with_seq(m["title"], m["seq_no"]),
        starts_at=datetime.fromisoformat(m["starts_at"]),
        kind_label=codes.table("meeting_kind").label(m["kind"]),
        place=m["place"] or "",
        names=names,
        due=q.due_total,
    )


def ledger_figures(meetings: MeetingService, meeting_ids: list[str]) -> dict[str, Any]:
    """meeting id -> its QuorumResult, for the 三会一课 ledger (the same figures as above)."""
    return {mid: meetings.result(mid) for mid in meeting_ids}
