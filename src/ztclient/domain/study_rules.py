"""党员教育培训学时 (study hours): yearly totals against the 32 / 56 hour targets (domain facts §5).

Members attend at least 32 学时 a year; 基层党组织书记和班子成员 (secretaries and committee
members) at least 56. Both are configurable. Hours count in the calendar year of the log's date.

What counts towards the target is a unit setting: the plan's target is for 集中培训和集体学习,
so by default only the collective forms count (code table study_form, ``collective: true``);
个人自学 is recorded and shown but does not count unless the unit says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date

DEFAULT_TARGETS: dict[str, float] = {"member": 32, "leader": 56}


def is_leader_post(post: str) -> bool:
    """True for posts flagged as 班子成员 in the party_post table (书记, 委员…, not 党小组组长).

    An unknown post code counts as not leading: targets must not fail on a stray code.
    """
    t = table("party_post")
    return post in t and bool(t.entry(post).get("leader"))


def _held_in(post: Any, year: int) -> str | None:
    """The post code if held at some time in ``year``; accepts a code or a mapping with
    post, start_date and end_date."""
    if isinstance(post, str):
        return post
    start = post.get("start_date")
    end = post.get("end_date")
    if start and parse_date(start) > date(year, 12, 31):
        return None
    if end and parse_date(end) < date(year, 1, 1):
        return None
    return post.get("post")


def target_for(
    posts: Iterable[Any], year: int, targets: Mapping[str, float] = DEFAULT_TARGETS
) -> float:
    """The member's study target for ``year``: the leader target if they held any leading post
    that year (posts as codes already filtered to the year, or dicts with dates)."""
    for post in posts:
        code = _held_in(post, year)
        if code and is_leader_post(code):
            return float(targets["leader"])
    return float(targets["member"])


def default_counted_forms() -> tuple[str, ...]:
    """The study forms that count towards the target unless the unit sets otherwise."""
    return tuple(e.code for e in table("study_form").entries if e.get("collective"))


def check_counted_forms(forms: Iterable[Any]) -> tuple[str, ...]:
    """A unit's setting of counted forms: known codes (or labels), at least one, table order."""
    from ztclient.domain.errors import DomainError

    t = table("study_form")
    chosen = {t.code_for(f, "forms") for f in forms}
    if not chosen:
        raise DomainError("E_FIELD_REQUIRED", "forms")
    return tuple(c for c in t.codes if c in chosen)


def counted_hours(hours_by_form: Mapping[str, float], counted: Iterable[str]) -> float:
    """The hours of the forms that count, rounded to 0.01."""
    keep = set(counted)
    return round(sum(h for f, h in hours_by_form.items() if f in keep), 2)


def yearly_totals(logs: Iterable[tuple[str, Any, float, Any]]) -> dict[str, dict[int, float]]:
    """Sum ``(member_id, date, hours, voided)`` rows into ``{member_id: {year: hours}}``,
    skipping voided logs."""
    totals: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for member_id, day, hours, voided in logs:
        if voided:
            continue
        totals[member_id][parse_date(day).year] += float(hours)
    return {m: {y: round(h, 2) for y, h in years.items()} for m, years in totals.items()}


@dataclass(frozen=True)
class Shortfall:
    member_id: str
    hours: float
    target: float

    @property
    def short(self) -> float:
        return round(max(0.0, self.target - self.hours), 2)


def short_of_target(
    member_ids: Iterable[str],
    logs: Iterable[tuple[str, Any, float, Any]],
    posts: Mapping[str, Iterable[Any]],
    year: int,
    targets: Mapping[str, float] = DEFAULT_TARGETS,
) -> list[Shortfall]:
    """Members below their target in ``year`` (members without any log included)."""
    totals = yearly_totals(logs)
    out = []
    for member_id in member_ids:
        hours = totals.get(member_id, {}).get(year, 0.0)
        target = target_for(posts.get(member_id, ()), year, targets)
        if hours < target:
            out.append(Shortfall(member_id, hours, target))
    return out


def convert_hours(form: str, *, days: float = 0, half_days: float = 0, hours: float = 0) -> float:
    """学时 for a study session from the form's conversion hints (8 a day, 4 a half day, 1 an
    hour by default; see resources/codes/study_form.json)."""
    entry = table("study_form").entry(form, "form")
    total = (
        days * entry.get("per_day", 8)
        + half_days * entry.get("per_half_day", 4)
        + hours * entry.get("per_hour", 1)
    )
    return round(float(total), 2)
