"""民主评议党员 (democratic appraisal of members): grades, the 优秀 share, and what follows a
基本合格 or 不合格 grade (domain facts §3.1).

- Grades 优秀 / 合格 / 基本合格 / 不合格 (code table appraisal_grade), one per member and year.
- 优秀 at most one third of the organisation's members: more is a warning (the branch may have
  its reasons; the higher committee sees the figure), not a refusal.
- 基本合格 and 不合格 call for 组织处置 (code table appraisal_measure): a follow-up with a
  deadline, which stays on the due list until it is marked done. A measure is only recorded for
  those two grades, and only the measures the table allows for the grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError

FOLLOW_UP_GRADES = ("basically_qualified", "unqualified")
EXCELLENT = "excellent"


def needs_follow_up(grade: str) -> bool:
    return grade in FOLLOW_UP_GRADES


def check_grade(row: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise one grade row (codes from labels, dates checked); E_CODE_UNKNOWN,
    E_APPRAISAL_MEASURE, E_DATE_FORMAT, E_DATE_ORDER on bad input."""
    grade = table("appraisal_grade").code_for(row.get("grade") or "", "grade")
    out: dict[str, Any] = {"grade": grade, "measure": None, "deadline": None}
    measure = row.get("measure")
    if measure not in (None, ""):
        measures = table("appraisal_measure")
        entry = measures.entry(measures.code_for(measure, "measure"))
        if grade not in entry.get("grades", ()):
            raise DomainError("E_APPRAISAL_MEASURE", "measure", measure=entry.code, grade=grade)
        out["measure"] = entry.code
    for key in ("deadline", "done_on"):
        value = row.get(key)
        if value not in (None, ""):
            out[key] = parse_date(str(value), key).isoformat()
    if out.get("done_on") and not needs_follow_up(grade):
        raise DomainError("E_APPRAISAL_MEASURE", "done_on", measure="—", grade=grade)
    return out


def excellent_share_warning(excellent: int, members: int, org: str = "") -> DomainError | None:
    """W_APPRAISAL_EXCELLENT when 优秀 is more than a third of ``members`` of ``org``."""
    if excellent and excellent * 3 > members:
        return DomainError(
            "W_APPRAISAL_EXCELLENT",
            "grade",
            excellent=excellent,
            members=members,
            limit=members // 3,
            org=org,
        )
    return None


@dataclass(frozen=True)
class FollowUp:
    """Where a 基本合格/不合格 member's follow-up stands on a day."""

    state: str  # "undecided" (no measure yet), "open", "overdue", "done"
    deadline: str | None


def follow_up_state(row: Mapping[str, Any], today: date) -> FollowUp | None:
    """None for grades without a follow-up; otherwise its state on ``today``."""
    if not needs_follow_up(str(row.get("grade"))):
        return None
    deadline = row.get("deadline") or None
    if row.get("done_on"):
        return FollowUp("done", deadline)
    if not row.get("measure"):
        return FollowUp("undecided", deadline)
    if deadline and deadline < today.isoformat():
        return FollowUp("overdue", deadline)
    return FollowUp("open", deadline)
