"""演示数据: one branch's year of meetings and study logs, the seeded baseline (demo.py).

Written directly, not through MeetingService (ten years of a committee would be hundreds of
thousands of ops): each row holds what the service would store, the snapshot of each person
on the meeting's day included (``_snapshot_of``). demo.py's docstring says why.
"""

from __future__ import annotations

import random  # demo data only: not used for anything secret
from datetime import date, timedelta
from typing import Any

from ztclient.domain.ids import uuid7
from ztclient.domain.model import MeetingKind
from ztclient.services.ports import Store

ABSENCE = ["sick", "personal", "official", "other"]


def year_of_branch(
    tx: Store,
    rng: random.Random,
    today: date,
    counts: dict[str, int],
    branch_id: str,
    groups: list[str],
    members: list[dict[str, Any]],
    leaders: list[dict[str, Any]],
    year: int,
) -> None:
    """Write one branch's meetings of ``year`` (up to ``today``), their attendance and
    resolutions, and the study logs of its members, adding what was written to ``counts``."""
    meetings, attendance, resolutions = [], [], []
    logs: list[tuple[Any, ...]] = []  # a meeting's logs name it, self-study's do not
    plan: list[tuple[MeetingKind, str, date, list[dict[str, Any]], float, str]] = []
    for month in range(1, 13):
        base = date(year, month, 1)
        if base > today:
            break
        plan.append(
            (MeetingKind.BRANCH_COMMITTEE, branch_id, base + timedelta(days=4), leaders, 0, "")
        )
        plan.append(
            (
                MeetingKind.THEME_DAY,
                branch_id,
                base + timedelta(days=14),
                members,
                2.0,
                "collective",
            )
        )
        for g, gid in enumerate(groups):
            plan.append(
                (
                    MeetingKind.GROUP,
                    gid,
                    base + timedelta(days=20 + g),
                    [m for m in members if m["group_id"] == gid],
                    1.0,
                    "collective",
                )
            )
        if month % 3 == 0:
            plan.append(
                (
                    MeetingKind.BRANCH_GENERAL,
                    branch_id,
                    base + timedelta(days=9),
                    members,
                    1.0,
                    "collective",
                )
            )
            plan.append(
                (
                    MeetingKind.LECTURE,
                    branch_id,
                    base + timedelta(days=24),
                    members,
                    1.5,
                    "lecture",
                )
            )
        if month == 12:
            plan.append(
                (
                    MeetingKind.ORG_LIFE,
                    branch_id,
                    base + timedelta(days=17),
                    members,
                    3.0,
                    "org_life",
                )
            )
            plan.append(
                (
                    MeetingKind.APPRAISAL,
                    branch_id,
                    base + timedelta(days=18),
                    members,
                    2.0,
                    "org_life",
                )
            )
    for kind, org_id, day, due, hours, form in plan:
        if day > today or rng.random() < 0.03:  # a few missing meetings for the compliance view
            continue
        mid = uuid7()
        present_members = []
        for m in due:
            if m["join_date"] > day.isoformat() or (m.get("left") and m["left"] <= day.isoformat()):
                continue
            present = rng.random() < 0.9
            attendance.append(
                (
                    mid,
                    m["id"],
                    "present" if present else "absent",
                    None if present else rng.choice(ABSENCE),
                    *_snapshot_of(m, day),
                )
            )
            if present:
                present_members.append(m)
        title = {
            MeetingKind.BRANCH_COMMITTEE: "支部委员会会议",
            MeetingKind.THEME_DAY: "主题党日",
            MeetingKind.GROUP: "党小组会",
            MeetingKind.BRANCH_GENERAL: "支部党员大会",
            MeetingKind.LECTURE: "党课",
            MeetingKind.ORG_LIFE: "组织生活会",
            MeetingKind.APPRAISAL: "民主评议党员",
        }[kind]
        starts = f"{day.isoformat()}T{rng.choice(['09:00', '14:30', '15:00'])}"
        meetings.append(
            (
                mid,
                org_id,
                kind.value,
                day.month,
                f"{year}年{day.month}月{title}",
                starts,
                starts[:11] + "17:00",
                "党员活动室",
                '["学习传达上级精神","研究本月工作"]',
                "会议由书记主持。",
                created := f"{day.isoformat()}T12:00:00Z",
                created,
            )
        )
        if kind == MeetingKind.BRANCH_GENERAL:  # every voter present votes for
            n = sum(1 for m in present_members if _snapshot_of(m, day)[-1])
            resolutions.append((uuid7(), mid, 1, "审议通过本季度工作安排", "ordinary", n, 0, 0, 0))
        if hours:
            for m in present_members:
                logs.append((uuid7(), m["id"], day.isoformat(), hours, form, title, mid, created))
    # self-study: a varying amount, so some members fall short of their target
    for m in members:
        if m["join_date"] > f"{year}-12-31" or (m.get("left") and m["left"] < f"{year}-01-01"):
            continue
        for _ in range(rng.randint(4, 44)):
            day = date(year, rng.randint(1, 12), rng.randint(1, 28))
            if day <= today and day.isoformat() >= m["join_date"]:
                logs.append(
                    (
                        uuid7(),
                        m["id"],
                        day.isoformat(),
                        1.0,
                        "self",
                        "个人自学",
                        None,
                        f"{day.isoformat()}T20:00:00Z",
                    )
                )
    tx.executemany(
        "INSERT INTO meetings (id, org_id, kind, seq_no, title, starts_at, ends_at, place, agenda, minutes, "
        "version, created_at, updated_at, snapshot_on, snapshot_basis) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,substr(?, 1, 10),'saved')",
        [(*row, row[-1]) for row in meetings],
    )
    tx.executemany(
        "INSERT INTO meeting_attendance (meeting_id, member_id, status, reason, name, org_id, "
        "group_id, category, member_status, voting_suspended, posts, due, voting) "
        "VALUES (?,?,?,?,?,?,?,?,?,0,?,1,?)",
        attendance,
    )
    tx.executemany(
        "INSERT INTO resolutions (id, meeting_id, position, title, kind, votes_for, votes_against, "
        "votes_abstain, written_opinions) VALUES (?,?,?,?,?,?,?,?,?)",
        resolutions,
    )
    tx.executemany(
        "INSERT INTO study_logs (id, member_id, date, hours, form, topic, meeting_id, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        logs,
    )
    counts["meetings"] += len(meetings)
    counts["attendance"] += len(attendance)
    counts["study_logs"] += len(logs)


def _snapshot_of(m: dict[str, Any], day: date) -> tuple:
    """The demo member on a meeting's day, as a snapshot row's columns (name … voting): the
    seeded baseline is written directly, so it writes what MeetingService.add would store."""
    iso = day.isoformat()
    full = bool(m["full_member_date"]) and m["full_member_date"] <= iso
    post = m.get("post", "") if m.get("post_since", "9999") <= iso else ""
    return (m["name"], m["org_id"], m["group_id"], "full" if full else "probationary",
            "mobile" if m.get("mobile_since", "9999") <= iso else "normal", post, int(full))  # fmt: skip
