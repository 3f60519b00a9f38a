"""The report's 组织生活 sheet: per unit, 换届 due or overdue, 谈心谈话 held, 民主评议 results and
their open follow-ups, open 整改 items — from what the units sent up (server-confirmed records).

换届 is counted as of the report's day (the term ends at ``elected_on`` + ``term_years``: due
from six months before, overdue after); the other figures are those of the report's year.
"""

from __future__ import annotations

import calendar
import json
from collections import Counter
from datetime import date
from typing import Any

from ztcentral.db import Database
from ztcentral.unit_names import unit_names

GRADES = (
    ("excellent", "优秀"),
    ("qualified", "合格"),
    ("basically_qualified", "基本合格"),
    ("unqualified", "不合格"),
)
HEAD = [
    "单位",
    "单位名称",
    "应换届组织数",
    "其中已超期",
    "谈心谈话次数",
    "评议人数",
    *[label for _c, label in GRADES],
    "评议处置未完成",
    "整改未完成",
]


def add_months(d: date, months: int) -> date:
    """``d`` plus whole months; a day the month lacks becomes its last day (as the client)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


WARN_MONTHS = 6  # 换届 is due six months before the term ends (the client's terms.WARN_MONTHS)


def term_state(org: dict[str, Any], today: date) -> tuple[bool, bool]:
    """(due, overdue) of an organisation's term on ``today``, as the clerk's 工作台 says it:
    due from six calendar months before its end, overdue once it has ended; (False, False)
    for a 党小组, a dissolved one or one without a term."""
    if org.get("kind") == "group" or org.get("dissolved_on"):
        return False, False
    try:
        elected = date.fromisoformat(str(org["elected_on"]))
        end = add_months(elected, 12 * int(org["term_years"]))
    except (KeyError, TypeError, ValueError):
        return False, False
    return today >= add_months(end, -WARN_MONTHS), today >= end


def _records(tx: Any, unit: str, entity: str) -> list[dict[str, Any]]:
    return [
        json.loads(r["data"])
        for r in tx.all(
            "SELECT data FROM records WHERE unit = $1 AND entity = $2 AND voided = 0",
            (unit, entity),
        )
    ]


def figures(db: Database, year: int, today: date) -> list[dict[str, Any]]:
    out = []
    with db.tx() as tx:
        for unit, known in unit_names(tx).items():
            due = overdue = 0
            for org in _records(tx, unit, "org"):
                is_due, is_over = term_state(org, today)
                due, overdue = due + is_due, overdue + is_over
            talks = sum(
                1
                for t in _records(tx, unit, "talk")
                if str(t.get("date", "")).startswith(str(year))
            )
            graded = [a for a in _records(tx, unit, "appraisal") if a.get("year") == year]
            grades = Counter(a.get("grade") for a in graded)
            follow = sum(
                1
                for a in _records(tx, unit, "appraisal")
                if a.get("grade") in ("basically_qualified", "unqualified") and not a.get("done_on")
            )
            open_items = sum(1 for r in _records(tx, unit, "rectification") if not r.get("done_on"))
            out.append(
                {
                    "unit": unit,
                    "name": known.name,
                    "terms_due": due,
                    "terms_overdue": overdue,
                    "talks": talks,
                    "graded": len(graded),
                    "grades": {c: grades.get(c, 0) for c, _ in GRADES},
                    "follow_ups_open": follow,
                    "rectifications_open": open_items,
                }
            )
    return out


def add_sheet(wb: Any, db: Database, year: int, today: date) -> None:
    """Append the sheet to an openpyxl workbook."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(f"{year}年组织生活")
    ws.append(HEAD)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in figures(db, year, today):
        ws.append(
            [
                r["unit"],
                r["name"],
                r["terms_due"],
                r["terms_overdue"],
                r["talks"],
                r["graded"],
                *[r["grades"][c] for c, _ in GRADES],
                r["follow_ups_open"],
                r["rectifications_open"],
            ]
        )
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 24
