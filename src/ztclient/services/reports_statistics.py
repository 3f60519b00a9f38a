"""Statistics and ledgers as of a date: the 党员队伍构成统计, the 学习学时统计 and the 三会一课台账.

Each is computed as of a day (``as_of``; the CLI and the 报表 screen default to 31 December of
the year, 年报 practice, domain facts §7): who was on the roll, their category and status, come
from domain/member_state.py (the dated events and development dates), not from today's record.
Meetings are counted from their own snapshots (the figures domain/quorum.py computes), and each
党小组's meetings are its own line of the ledger. No count is negative and no share exceeds the
whole: a dimension's rows add up to the total, 未填写 included.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date
from typing import Any, Literal

from ztclient.domain import codes, compliance, quorum, statistics, study_rules
from ztclient.domain.meeting_snapshot import Attendee
from ztclient.domain.member_state import MemberState, state_on
from ztclient.services import meeting_people
from ztclient.services import report_models as rm
from ztclient.services.meeting_compliance import branch_posts
from ztclient.services.ports import Store

DIMENSION_LABELS = {
    "summary": "总体情况", "gender": "性别", "ethnicity": "民族", "age": "年龄",
    "education": "学历", "job": "职业（公报口径）", "job_group": "工作岗位分类",
    "join_period": "入党时间", "standing": "党龄",
}  # fmt: skip
OF_WHICH = ("总体情况",)  # rows that are "of which" figures, not a division of the total
NOTE = "统计口径：按正式组织关系统计，含预备党员；人员类别、党籍状态按统计截止日的记录确定；年龄、党龄按统计截止日计算。"


def default_as_of(year: int, today: date) -> date:
    """31 December of ``year``, or today while that year is still running."""
    return min(date(year, 12, 31), today)


def on_roll(store: Store, as_of: date) -> list[tuple[dict[str, Any], MemberState]]:
    """Every member on the roll (在册 正式/预备党员) on ``as_of``, with their state that day."""
    members = store.read("SELECT * FROM members")
    events = meeting_people.events_of(store.read, [m["id"] for m in members])
    out = []
    for m in members:
        state = state_on(m, events.get(m["id"], ()), as_of)
        if state.on_roll:
            out.append((m, state))
    return out


def _label(table: str, code: str | None) -> str:
    t = codes.table(table)
    return t.label(code) if code and code in t else statistics.UNKNOWN


def _partition(rows: list[dict[str, Any]], key: str, table: str) -> list[tuple[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[_label(table, r.get(key))] += 1
    return sorted(counts.items(), key=lambda x: (x[0] == statistics.UNKNOWN, -x[1], x[0]))


def composition_doc(store: Store, prov: rm.ReportProvenance, as_of: date) -> rm.CompositionDoc:
    """党员队伍构成统计 as of a day: each member with the category and status of that day."""
    counted = [
        {**m, "category": s.category, "status": s.status, "org_id": s.org_id}
        for m, s in on_roll(store, as_of)
    ]
    dims = statistics.composition(counted, as_of)
    ordered = [
        ("summary", dims["summary"]),
        ("gender", _partition(counted, "gender", "gender")),
        ("ethnicity", _partition(counted, "ethnicity", "ethnicity")),
        *[(k, v) for k, v in dims.items() if k != "summary"],
    ]
    return rm.CompositionDoc(
        provenance=prov,
        as_of=as_of,
        scope=store.get_meta("unit_name") or "",
        total=len(counted),
        dimensions=tuple((DIMENSION_LABELS.get(k, k), tuple(v)) for k, v in ordered),
        notes=(NOTE,),
        of_which=OF_WHICH,
    )


def study_doc(store: Store, study: Any, prov: rm.ReportProvenance, year: int,
              as_of: date) -> rm.StudyHoursDoc:  # fmt: skip
    """学习学时统计: the members on the roll on ``as_of`` and their hours of the year up to
    that day, by form; the target is reached by the forms that count in this unit."""
    forms = codes.table("study_form")
    counted = study.counted_forms()
    end = min(as_of, date(year, 12, 31)).isoformat()
    hours: dict[str, dict[str, float]] = defaultdict(dict)
    for r in store.read(
        # a log before the 入党日期 is not a 党员's study (domain facts §5): it does not count
        "SELECT l.member_id, l.form, sum(l.hours) AS h FROM study_logs l "
        "JOIN members m ON m.id = l.member_id WHERE l.voided = 0 AND "
        "l.date BETWEEN ? AND ? AND (m.join_date IS NULL OR l.date >= m.join_date) "
        "GROUP BY l.member_id, l.form",
        (f"{year}-01-01", end),
    ):
        hours[r["member_id"]][r["form"]] = round(float(r["h"]), 2)
    orgs = {r["id"]: r["name"] for r in store.read("SELECT id, name FROM orgs")}
    posts = study._posts_in_year(year, until=as_of)
    roll = on_roll(store, as_of)
    keys = meeting_people.sort_keys(store.read, [m["id"] for m, _ in roll])
    roll.sort(key=lambda x: (orgs.get(x[1].org_id or "", ""), keys.get(x[0]["id"], "")))
    rows = []
    for m, s in roll:
        target = study_rules.target_for(posts.get(m["id"], []), year, study.targets)
        mine = hours.get(m["id"], {})
        rows.append(rm.StudyRow(
            org_name=orgs.get(s.org_id or "", ""), name=m["name"],
            role="班子成员" if target > study.targets["member"] else "党员", target=target,
            hours_by_form=tuple((e.label(), mine.get(e.code, 0.0)) for e in forms.entries),
            counted=study_rules.counted_hours(mine, counted),
        ))  # fmt: skip
    return rm.StudyHoursDoc(
        provenance=prov, year=year, forms=tuple(e.label() for e in forms.entries),
        rows=tuple(rows), counted_forms=tuple(forms.label(c) for c in counted), as_of=as_of,
    )  # fmt: skip


def _figures(store: Store, meetings: list[dict[str, Any]]) -> dict[str, quorum.QuorumResult]:
    """meeting id -> the figures of its stored snapshot, read in one pass for a whole year."""
    people: dict[str, list[Attendee]] = defaultdict(list)
    ids = [m["id"] for m in meetings]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for r in store.read(
            "SELECT meeting_id, member_id, status, due, voting FROM meeting_attendance "
            f"WHERE meeting_id IN ({','.join('?' for _ in part)})",
            part,
        ):
            people[r["meeting_id"]].append(Attendee.from_row(r))
    return {m["id"]: quorum.compute(m["kind"], people[m["id"]]) for m in meetings}


def _ledger_row(r: dict[str, Any], names: dict[str, str], group_of: dict[str, tuple[str, str]],
                q: quorum.QuorumResult, kinds: Any) -> rm.LedgerMeeting:  # fmt: skip
    branch, group = (names[r["org_id"]], "") if r["org_id"] in names else group_of[r["org_id"]]
    return rm.LedgerMeeting(
        org_name=branch,
        group_name=group,
        kind=r["kind"],
        kind_label=kinds.label(r["kind"]),
        held_on=date.fromisoformat(r["starts_at"][:10]),
        title=r["title"],
        seq_no=r["seq_no"],
        due=q.due_total,
        present=q.present_total,
        chair=r["chair"] or "",
        recorder=r["recorder"] or "",
    )


def ledger_doc(store: Store, prov: rm.ReportProvenance, year: int,
               as_of: date) -> rm.MeetingLedgerDoc:  # fmt: skip
    """三会一课台账 of ``year`` up to ``as_of``: branches, and each 党小组 on its own line for
    its own meetings; 应到/实到 from each meeting's snapshot."""
    t = codes.table("meeting_kind")
    day = as_of.isoformat()
    branches = store.read(
        "SELECT id, name, dissolved_on, founded_on FROM orgs WHERE kind = 'branch' AND (dissolved_on IS NULL OR "
        "dissolved_on >= ?) ORDER BY code, name",
        (f"{year}-01-01",),
    )
    names = {b["id"]: b["name"] for b in branches}
    groups = store.read(
        "SELECT id, name, parent_id, dissolved_on, founded_on FROM orgs WHERE kind = 'group' AND (dissolved_on IS NULL OR "
        "dissolved_on >= ?) ORDER BY code, name",
        (f"{year}-01-01",),
    )
    group_of = {
        g["id"]: (names[g["parent_id"]], g["name"]) for g in groups if g["parent_id"] in names
    }
    rows = store.read(
        "SELECT mt.id, mt.org_id, mt.kind, mt.title, mt.seq_no, mt.starts_at, "
        "c.name AS chair, r.name AS recorder FROM meetings mt "
        "LEFT JOIN members c ON c.id = mt.chair_id LEFT JOIN members r ON r.id = mt.recorder_id "
        "WHERE mt.voided = 0 AND mt.starts_at BETWEEN ? AND ? ORDER BY mt.starts_at",
        (f"{year}-01-01", f"{min(day, f'{year}-12-31')}T99"),
    )
    rows = [r for r in rows if r["org_id"] in names or r["org_id"] in group_of]
    figures = _figures(store, rows)
    meetings = tuple(_ledger_row(r, names, group_of, figures[r["id"]], t) for r in rows)
    per: dict[str, Literal["month", "quarter", "year"]] = {
        compliance.MONTHLY: "month",
        compliance.QUARTERLY: "quarter",
        compliance.YEARLY: "year",
    }
    reqs = tuple(
        rm.LedgerRequirement(kind=k, kind_label=t.label(k), per=per[f])
        for k, f in compliance.DEFAULT_RULES.items()
    )
    ended = [(names[b["id"]], "", b["dissolved_on"]) for b in branches if b["dissolved_on"]]
    ended += [(*group_of[g["id"]], g["dissolved_on"]) for g in groups
              if g["id"] in group_of and g["dissolved_on"]]  # fmt: skip
    opened = [(names[b["id"]], "", b["founded_on"]) for b in branches if b["founded_on"]]
    opened += [(*group_of[g["id"]], g["founded_on"]) for g in groups
               if g["id"] in group_of and g["founded_on"]]  # fmt: skip
    no_committee = tuple(
        (b["name"], m)
        for b in branches
        for posts in [branch_posts(store, b["id"])]
        for m in range(1, 13)
        if not compliance.committee_needed(posts, date(year, m, 1), _month_end(year, m))
    )
    return rm.MeetingLedgerDoc(
        provenance=prov, year=year, branches=tuple(b["name"] for b in branches),
        meetings=meetings, requirements=reqs, as_of=as_of,
        groups=tuple(group_of[g["id"]] for g in groups if g["id"] in group_of),
        dissolved=tuple((b, g, date.fromisoformat(d[:10])) for b, g, d in ended),
        no_committee=no_committee,
        founded=tuple((b, g, date.fromisoformat(d[:10])) for b, g, d in opened),
    )  # fmt: skip


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
