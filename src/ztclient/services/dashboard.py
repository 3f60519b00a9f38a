"""工作台: read-only aggregates for the dashboard's charts and its due list. No Qt, no writes.

Everything here is plain data with codes; the UI turns codes into labels. Queries stay cheap at
committee scale (3,000 members, 60 branches): one pass per chart, compliance per branch.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from ztclient.services.due import DueItem, due_items
from ztprotocol.roll import CURRENT_SQL, MEMBER_SQL, is_member

AGE_BANDS = ((30, "le30"), (40, "31_40"), (50, "41_50"), (60, "51_60"), (200, "61up"))


def _age(birth: str | None, today: date) -> int | None:
    if not birth:
        return None
    try:
        b = date.fromisoformat(birth[:10])
    except ValueError:
        return None
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def month_range(day: date) -> tuple[date, date]:
    start = day.replace(day=1)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return start, nxt - timedelta(days=1)


def quarter_range(day: date) -> tuple[date, date]:
    start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    end_month = start.month + 2
    nxt = (start.replace(month=end_month) + timedelta(days=32)).replace(day=1)
    return start, nxt - timedelta(days=1)


class Dashboard:
    def __init__(self, session: Any) -> None:
        self.session = session
        self.store = session.store

    # -- charts ----------------------------------------------------------------------------------
    def composition(self, today: date | None = None) -> dict[str, list[tuple[str, int]]]:
        """Counts of current members (and people in development) by category, gender, age band
        and education code."""
        today = today or self.session.clock.today()
        rows = self.store.read(
            f"SELECT category, gender, birth_date, education FROM members WHERE status IN {CURRENT_SQL}"
        )
        category = Counter(r["category"] for r in rows)
        members = [r for r in rows if is_member(r["category"])]
        gender = Counter(r["gender"] for r in members)
        education = Counter(r["education"] or "" for r in members)
        ages: Counter[str] = Counter()
        for r in members:
            age = _age(r["birth_date"], today)
            if age is not None:
                ages[next(band for limit, band in AGE_BANDS if age <= limit)] += 1
        return {
            "category": sorted(category.items()),
            "gender": sorted(gender.items()),
            "age": [(band, ages.get(band, 0)) for _limit, band in AGE_BANDS],
            "education": sorted(education.items()),
        }

    def compliance(self, today: date | None = None) -> list[dict[str, Any]]:
        """Per branch: required meetings of this month and this quarter not held (yet).

        The periods run to their last day, so the current month counts as required: the clerk
        sees what is still to be held, not only what was missed once the month is over."""
        today = today or self.session.clock.today()
        out = []
        for b in self.session.orgs.branches():
            month, month_end = month_range(today)
            quarter, quarter_end = quarter_range(today)
            in_quarter = self.session.meetings.compliance(b["id"], quarter, quarter_end)
            out.append(
                {
                    "org_id": b["id"],
                    "org_name": b["name"],
                    "missing_month": list(
                        self.session.meetings.compliance(b["id"], month, month_end)
                    ),
                    # Quarterly (and longer) meetings of the whole quarter, monthly ones only up to
                    # this month: next month's 支委会 is not "missing" yet.
                    "missing_quarter": [
                        m for m in in_quarter if m.end <= month_end or m.start <= quarter
                    ],
                }
            )
        return out

    def study_progress(self, year: int | None = None) -> dict[str, Any]:
        """Members grouped by share of their yearly target reached, and how many are short."""
        year = year or self.session.clock.today().year
        rows = self.session.study.summary(year)
        buckets = {"met": 0, "over_half": 0, "under_half": 0, "none": 0}
        for r in rows:
            share = r["hours"] / r["target"] if r["target"] else 1
            key = (
                "met"
                if share >= 1
                else "over_half"
                if share >= 0.5
                else "under_half"
                if r["hours"]
                else "none"
            )
            buckets[key] += 1
        return {
            "year": year,
            "buckets": buckets,
            "total": len(rows),
            "short": [r for r in rows if r["short"] > 0],
        }

    # -- the due list ------------------------------------------------------------------------------
    def due_items(
        self, today: date | None = None, *, cache: dict[str, Any] | None = None
    ) -> list[DueItem]:
        """The due list (services/due: one source module per area)."""
        return due_items(self.session, today or self.session.clock.today(), cache)

    def counts(self) -> dict[str, int]:
        """Current people on the roll (``members``: 党员 and people in development alike),
        of them 党员 (``party``), organisations and meetings (not study logs: counting 1.3 million
        rows through SQLCipher costs a second and the dashboard does not show it)."""
        q = self.store.scalar
        return {
            "members": int(q(f"SELECT count(*) FROM members WHERE status IN {CURRENT_SQL}")),
            "party": int(
                q(
                    f"SELECT count(*) FROM members WHERE status IN {CURRENT_SQL} "
                    f"AND category IN {MEMBER_SQL}"
                )
            ),
            "orgs": int(q("SELECT count(*) FROM orgs WHERE dissolved_on IS NULL")),
            "meetings": int(q("SELECT count(*) FROM meetings WHERE voided = 0")),
        }

    def overview(self, today: date | None = None) -> dict[str, Any]:
        """Everything the dashboard shows, in one job (one trip through the worker)."""
        today = today or self.session.clock.today()
        compliance = self.compliance(today)
        study = self.study_progress(today.year)
        return {
            "today": today.isoformat(),
            "counts": self.counts(),
            "composition": self.composition(today),
            "compliance": compliance,
            "study": {k: v for k, v in study.items() if k != "short"}
            | {"short_count": len(study["short"])},
            "due": self.due_items(today, cache={"compliance": compliance, "study": study}),
        }
