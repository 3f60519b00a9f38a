"""Votes that change a member: a passed resolution at a 支部党员大会 records the member's event.

接收预备党员 → admitted (dated the meeting: 入党时间 is the day the 支部大会 passes it, §1.6),
转正 → converted (dated the end of probation, §2), 延长预备期 → probation_extended,
取消预备党员资格 → probation_revoked; each event carries the meeting and the resolution as its
evidence. A failed vote records nothing. The meeting service calls ``after_save`` inside the
meeting's own transaction, so the meeting and its events are saved together, and an event the
rules refuse (no 政治审查 recorded, a 转正 vote before the year is out …) refuses the save with
the rule named.
"""

from __future__ import annotations

import re
from typing import Any

from ztclient.domain import rules
from ztclient.domain.model import EventKind, MeetingKind, ResolutionKind
from ztclient.services.ports import Store

EVENT_FOR = {
    ResolutionKind.ADMISSION.value: EventKind.ADMITTED,
    ResolutionKind.CONVERSION.value: EventKind.CONVERTED,
    ResolutionKind.EXTENSION.value: EventKind.PROBATION_EXTENDED,
    ResolutionKind.REVOCATION.value: EventKind.PROBATION_REVOKED,
}
REASON_CHANGED = "会议决议已修改"
REASON_VOIDED = "会议已作废"


_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MONTHS = re.compile(r"([0-9]{1,2}|十[一二]?|[一二两三四五六七八九])个月")


def months_in(title: str | None) -> int | None:
    """ "延长刘洋同志预备期六个月" → 6: the months an extension resolution names in its title
    (the meeting editor has no column for them); with extension_months also given, the two
    must agree (E_DEV_EXTENSION_MISMATCH)."""
    m = _MONTHS.search(title or "")
    if not m:
        return None
    word = m.group(1)
    if word.isdigit():
        return int(word)
    if word.startswith("十"):
        return 10 + (_CN[word[1]] if len(word) > 1 else 0)
    return _CN[word]


class ResolutionEvents:
    def __init__(self, events: Any) -> None:
        self.events = events  # services.member_events.EventService

    def _linked(self, tx: Store, meeting_id: str) -> list[dict[str, Any]]:
        return tx.read(
            "SELECT id, member_id, kind FROM member_events WHERE meeting_id = ? AND voided = 0 "
            "ORDER BY created_at DESC",
            (meeting_id,),
        )

    def after_save(self, tx: Store, meeting_id: str) -> None:
        """Bring the member events in line with the meeting's resolutions as just saved."""
        meeting = tx.read_one(
            "SELECT kind, starts_at, voided FROM meetings WHERE id = ?", (meeting_id,)
        )
        wanted: dict[tuple[str, EventKind], dict[str, Any]] = {}
        if meeting and meeting["kind"] == MeetingKind.BRANCH_GENERAL and not meeting["voided"]:
            marks = ",".join("?" for _ in EVENT_FOR)
            rows = tx.read(
                "SELECT id, kind, subject_member_id, title FROM resolutions WHERE meeting_id = ? "
                f"AND subject_member_id IS NOT NULL AND kind IN ({marks}) ORDER BY position",
                (meeting_id, *EVENT_FOR),
            )
            passed = self.events.passed_resolutions(meeting_id) if rows else {}
            for r in rows:
                if passed.get(r["id"]):
                    wanted[(r["subject_member_id"], EVENT_FOR[r["kind"]])] = r
        linked = self._linked(tx, meeting_id)
        for e in linked:  # latest first, so a member's later event is voided before an earlier
            if (e["member_id"], EventKind(e["kind"])) not in wanted:
                self.events.void_in(tx, e["id"], REASON_CHANGED)
        have = {(e["member_id"], EventKind(e["kind"])) for e in linked}
        day = meeting["starts_at"][:10] if meeting else ""
        for (member_id, kind), r in wanted.items():
            if (member_id, kind) in have:
                continue
            when = day
            if kind == EventKind.CONVERTED:  # 预备期满转正以期满之日为转正日期, even if later
                row = tx.read_one(
                    "SELECT join_date, probation_end FROM members WHERE id = ?", (member_id,)
                )
                end = rules.probation_end_of(row) if row else None
                when = end.isoformat() if end else day
            details = {}
            if kind == EventKind.PROBATION_EXTENDED and months_in(r["title"]):
                details["months"] = months_in(r["title"])  # the column, when given, must agree
            self.events.write(
                tx, member_id, kind, when, details, meeting_id=meeting_id, resolution_id=r["id"]
            )

    def after_void(self, tx: Store, meeting_id: str, reason: str) -> None:
        """A voided meeting decides nothing: its members' events are voided with it."""
        for e in self._linked(tx, meeting_id):
            self.events.void_in(tx, e["id"], f"{REASON_VOIDED}：{reason}")
