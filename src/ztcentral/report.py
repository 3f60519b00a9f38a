"""``ztcentral report``: the units' figures side by side in one XLSX sheet (and 党费 in a second:
ztcentral/dues_report.py).

Per unit, for one calendar year: members on the roll (正式 + 预备, status still current),
meetings held against required (支部党员大会 4, 支委会 12, 党课 4 a year per branch, 党小组会 12
a year per 党小组 — each group meets on its own; domain facts §3), counted period by period as
the clerk's 会议缺项 counts them: from the period its 成立日期 falls in (ztprotocol/obligations.py),
until its 撤销, and 支委会 only in months the branch had a 支部委员会 (``_required``); attendance
(应到 and 实到 summed over the year's meetings), study hours (total, per member, members under 32).

The attendance figures are the ones the client computed from each meeting's snapshot when it was
saved (the meeting op's ``figures``: ztclient domain/quorum.py); the centre never recounts them
from today's roster, so its report states what the unit's minutes state. A meeting sent by an
older client without ``figures`` is left out of the attendance columns (and counted in
``无快照会议``). Study hours towards the target count the collective forms (集中培训, 集体学习,
专题讲座, 组织生活), the default of the client's unit setting; a log without a form counts.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from ztcentral import localtime
from ztcentral.db import Database, Tx
from ztcentral.errors import CentralError
from ztcentral.meetings_held import branch_posts, held_meetings
from ztcentral.unit_names import unit_names
from ztprotocol.obligations import committee_needed, founding_day, owed
from ztprotocol.roll import on_roll

REQUIRED_PER_YEAR = {"branch_general": 4, "branch_committee": 12, "group": 12, "lecture": 4}
LABELS = {
    "branch_general": "支部党员大会",
    "branch_committee": "支委会",
    "group": "党小组会",
    "lecture": "党课",
}
STUDY_TARGET = 32.0
COUNTED_FORMS = {"intensive", "collective", "lecture", "org_life", None}


def study_hours(
    tx: Tx, unit: str, year: int, members: list[dict]
) -> tuple[dict[str, float], dict[str, float]]:
    """(all hours, hours that count) of each member in ``year``; a 党员's study counts from the
    入党日期 (domain facts §5), as on the client. The report and the console's figures read it."""
    joined = {m["id"]: str(m.get("join_date") or "") for m in members}
    hours: dict[str, float] = defaultdict(float)
    counted: dict[str, float] = defaultdict(float)
    for r in tx.all(
        "SELECT member_id, hours, form, date FROM study_logs WHERE unit = $1 "
        "AND voided = 0 AND date LIKE $2",
        (unit, f"{year}%"),
    ):
        if str(r["date"])[:10] < joined.get(r["member_id"], ""):
            continue
        hours[r["member_id"]] += float(r["hours"] or 0)
        if r["form"] in COUNTED_FORMS:
            counted[r["member_id"]] += float(r["hours"] or 0)
    return hours, counted


PER_GROUP = {"group"}  # required of each 党小组, not of each branch


def figures(db: Database, year: int, today: date | None = None) -> list[dict]:
    """Per unit; a meeting counts as held (已开) by ``today`` (ztcentral.meetings_held)."""
    today = today or localtime.today()
    out = []
    with db.tx() as tx:
        names = unit_names(tx)
        for unit in names:
            members = [
                {**json.loads(r["data"]), "id": r["id"]}
                for r in tx.all(
                    "SELECT id, data FROM records WHERE unit = $1 AND entity = 'member'", (unit,)
                )
            ]
            roll = [m for m in members if on_roll(m)]
            held: dict[str, int] = defaultdict(int)
            attendance = {"due": 0, "present": 0, "without": 0}
            for m in held_meetings(tx, unit, year, today):
                held[m.get("kind", "")] += 1
                _add_figures(attendance, m.get("figures"))
            hours, counted = study_hours(tx, unit, year, members)
            orgs = {
                r["id"]: json.loads(r["data"])
                for r in tx.all(
                    "SELECT id, data FROM records WHERE unit = $1 AND entity = 'org'", (unit,)
                )
            }
            posts = branch_posts(tx, unit)
            total = sum(hours.values())
            out.append(
                {
                    "unit": unit,
                    "name": names[unit].name,
                    "members": len(roll),
                    "meetings": {
                        k: (held.get(k, 0), _required(orgs, k, v, year, posts))
                        for k, v in REQUIRED_PER_YEAR.items()
                    },
                    "attendance": attendance,
                    "study_total": round(total, 1),
                    "study_per_member": round(total / len(roll), 1) if roll else 0.0,
                    "under_target": sum(
                        1 for m in roll if counted.get(m.get("id", ""), 0) < STUDY_TARGET
                    ),
                }
            )
    return out


def _required(
    orgs: dict[str, dict],
    kind: str,
    per_year: int,
    year: int,
    posts: dict[str, list[tuple[str, str, str]]] | None = None,
) -> int:
    """How many meetings of ``kind`` the unit's branches (or, for 党小组会, its groups) owe in
    ``year``, period by period, as the clerk's 会议缺项 and 三会一课台账 count them:
    - from the period its 成立日期 (a group: its own or its branch's, whichever is later) falls in
      (ztprotocol/obligations.py);
    - up to the last period that ended on or before its 撤销 (``dissolved_on``): a branch
      dissolved on 06-30 owed January to June, and nothing after;
    - 支委会 only in the months the branch had a 支部委员会 (``committee_needed``: a branch of a
      书记 and 副书记 alone owes none; with no post recorded it is owed).
    A unit that sent no branch counts as one branch without a founding date."""
    want = "group" if kind in PER_GROUP else "branch"
    step = 12 // per_year
    periods = [
        (date(year, m - step + 1, 1), date(year, m, calendar.monthrange(year, m)[1]))
        for m in range(step, 13, step)
    ]
    chosen = [(i, o) for i, o in orgs.items() if o.get("kind") == want]
    if want == "branch" and not chosen:
        chosen = [("", {})]
    total = 0
    for org_id, o in chosen:
        days = [founding_day(o.get("founded_on"))]
        if want == "group":
            days.append(founding_day(orgs.get(str(o.get("parent_id")), {}).get("founded_on")))
        known = [d for d in days if d]
        founded = max(known) if known else None
        ended = founding_day(o.get("dissolved_on"))
        for first, last in periods:
            if not owed(last, founded, ended):
                continue
            if kind == "branch_committee" and not committee_needed(
                (posts or {}).get(org_id, []), first.isoformat(), last.isoformat()
            ):
                continue
            total += 1
    return total


def _add_figures(totals: dict[str, int], figures: object) -> None:
    """Sum one meeting's 应到/实到 as its client stated them (never recounted here)."""
    if not isinstance(figures, dict):
        totals["without"] += 1
        return
    due, present = figures.get("due"), figures.get("present")
    if type(due) is not int or type(present) is not int or not 0 <= present <= due:
        totals["without"] += 1
        return
    totals["due"] += due
    totals["present"] += present


def check_year(year: int) -> None:
    """A year after the committee's current local year has not begun: no report (E_REPORT_YEAR)
    — its sheets would read as a year in which nothing was done."""
    today = localtime.today()
    if year > today.year:
        raise CentralError("E_REPORT_YEAR", year=year, today=today.isoformat())


def write_report(db: Database, out: Path, year: int | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    year = year or localtime.today().year
    check_year(year)
    rows = figures(db, year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年各单位对比"
    head = ["单位", "单位名称", "党员数"]
    for k in REQUIRED_PER_YEAR:
        head += [f"{LABELS[k]}已开", f"{LABELS[k]}应开"]
    head += ["会议应到人次", "会议实到人次", "到会率", "无快照会议"]
    head += ["学习总学时", "人均学时", f"不足{int(STUDY_TARGET)}学时人数"]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        line = [r["unit"], r["name"], r["members"]]
        for k in REQUIRED_PER_YEAR:
            line += list(r["meetings"][k])
        a = r["attendance"]
        rate = round(a["present"] / a["due"], 3) if a["due"] else None
        line += [a["due"], a["present"], rate, a["without"]]
        line += [r["study_total"], r["study_per_member"], r["under_target"]]
        ws.append(line)
    ws.freeze_panes = "C2"
    _dues_sheet(db, wb, year)
    from ztcentral.report_org_life import add_sheet as add_org_life_sheet

    add_org_life_sheet(wb, db, year, localtime.today())
    info = wb.create_sheet("说明")
    info.append(["生成时间", f"{localtime.now():%Y-%m-%d %H:%M} ({localtime.zone()})"])
    info.append(["数据来源", "中心已确认入库的数据 (server-confirmed)"])
    info.append(["年度", year])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _dues_sheet(db: Database, wb, year: int) -> None:
    """党费: due and collected per unit and month, as of today or the year's end."""
    from ztcentral.dues_report import write_dues_sheet

    today = localtime.today()
    as_of = min(today, date(year, 12, 31))
    with db.tx() as tx:
        names = {code: n.name for code, n in unit_names(tx).items()}
        write_dues_sheet(wb, tx, names, year, as_of, today)
