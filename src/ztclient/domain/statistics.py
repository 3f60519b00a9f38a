"""党员队伍构成统计 (membership composition): the bands of the 党内统计年报 (domain facts §7).

Counts follow the statistics rule of counting members where their formal membership sits:
only 在册 members (normal, mobile, lost contact) who are probationary or full count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import idnumber
from ztclient.domain.codes import table
from ztclient.domain.dates import age_on, parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.model import Category, Status

UNKNOWN = "未填写"

#: (upper age inclusive, label); the last band is open (党员基本情况 table).
AGE_BANDS: tuple[tuple[int | None, str], ...] = (
    (30, "30岁及以下"), (35, "31-35岁"), (40, "36-40岁"), (45, "41-45岁"), (50, "46-50岁"),
    (55, "51-55岁"), (60, "56-60岁"), (65, "61-65岁"), (70, "66-70岁"), (None, "71岁及以上"),
)  # fmt: skip

#: (first day, label) of each 入党时间 period in the 2023 bulletin; a new congress adds a row.
JOIN_PERIODS: tuple[tuple[date, str], ...] = (
    (date.min, "新中国成立前"),
    (date(1949, 10, 1), "新中国成立后至党的十一届三中全会前"),
    (date(1979, 1, 1), "党的十一届三中全会后至党的十八大前"),
    (date(2012, 11, 1), "党的十八大以来"),
)

#: (upper 党龄 in completed years inclusive, label), as in the 失去联系党员 table.
STANDING_BANDS: tuple[tuple[int | None, str], ...] = (
    (0, "不满1年"), (5, "1-5年"), (10, "6-10年"), (20, "11-20年"), (None, "21年及以上"),
)  # fmt: skip
NOT_YET_FULL = "预备党员（未计党龄）"

#: GB 3304 codes 02–56 count as 少数民族; 97 其他 and 98 外国血统 do not (judgment).
MINORITY_CODES = frozenset(f"{i:02d}" for i in range(2, 57))
COLLEGE_OR_ABOVE_BANDS = frozenset({"1", "2", "3"})  # 大专及以上 in the bulletins


def _band(value: int, bands: Sequence[tuple[int | None, str]]) -> str:
    for upper, label in bands:
        if upper is None or value <= upper:
            return label
    return bands[-1][1]


def age_band(birth: date | str, as_of: date) -> str:
    """年龄 band on ``as_of`` (年报: 12月31日; 半年报: 6月30日)."""
    return _band(age_on(parse_date(birth), as_of), AGE_BANDS)


def education_band(code: str | None) -> str:
    """学历 band: 研究生 / 大学本科 / 大学专科 / 中专 / 高中、中技 / 初中及以下."""
    if not code:
        return UNKNOWN
    return table("education").band(code)


def job_group(code: str | None, level: int = 1) -> str:
    """工作岗位 statistics group, to ``level`` levels ("在岗职工", "在岗职工/公有制单位" …)."""
    if not code:
        return UNKNOWN
    path = table("job").entry(code, "job").get("group")
    return "/".join(path[:level])


def job_bucket(code: str | None) -> str:
    """The bulletin's occupation bucket (工人, 农牧渔民, … 离退休人员)."""
    if not code:
        return UNKNOWN
    return table("job").band(code)


def join_period(
    join_date: date | str | None, periods: Sequence[tuple[date, str]] = JOIN_PERIODS
) -> str:
    """入党时间 period; ``periods`` are (first day, label) in order."""
    if not join_date:
        return UNKNOWN
    day = parse_date(join_date)
    label = periods[0][1]
    for first, name in periods:
        if day >= first:
            label = name
    return label


def standing_band(full_member_date: date | str | None, as_of: date) -> str:
    """党龄 band: 党龄 counts from the day a member became full (§1.6)."""
    if not full_member_date:
        return NOT_YET_FULL
    start = parse_date(full_member_date)
    if start > as_of:
        return NOT_YET_FULL
    return _band(age_on(start, as_of), STANDING_BANDS)


def _counted(m: Mapping[str, Any]) -> bool:
    try:
        return (
            Status(m.get("status") or "").is_current and Category(m.get("category") or "").is_member
        )
    except ValueError:
        return False


def _birth(m: Mapping[str, Any]) -> date | None:
    try:
        if m.get("birth_date"):
            return parse_date(m["birth_date"])
        if m.get("id_number"):
            return idnumber.birth_date(idnumber.normalize(m["id_number"]))
    except DomainError:
        return None
    return None


def _safe(fn: Any, *args: Any) -> str:
    try:
        return fn(*args)
    except DomainError:
        return UNKNOWN


def _tally(labels: Iterable[str], order: Sequence[str]) -> list[tuple[str, int]]:
    counts = dict.fromkeys(order, 0)
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    # Keep every official row (zeros included); add 未填写 only when something is missing.
    return [(k, v) for k, v in counts.items() if k in order or v]


def composition(
    members: Iterable[Mapping[str, Any]],
    as_of: date,
    periods: Sequence[tuple[date, str]] = JOIN_PERIODS,
) -> dict[str, list[tuple[str, int]]]:
    """Counts by dimension for the members counted on ``as_of``.

    Keys: summary (党员总数, 女, 少数民族, 预备党员, 大专及以上, 35岁及以下), age, education,
    job (bulletin buckets), job_group (top level), join_period, standing.
    """
    rows = [m for m in members if _counted(m)]
    births = [_birth(m) for m in rows]
    ages = [age_band(b, as_of) if b else UNKNOWN for b in births]
    edu = table("education")
    college = sum(
        1 for m in rows if m.get("education") in edu and
        edu.band_code(m["education"]) in COLLEGE_OR_ABOVE_BANDS
    )  # fmt: skip
    summary = [
        ("党员总数", len(rows)),
        ("女", sum(1 for m in rows if m.get("gender") == "2")),
        ("少数民族", sum(1 for m in rows if m.get("ethnicity") in MINORITY_CODES)),
        ("预备党员", sum(1 for m in rows if m.get("category") == Category.PROBATIONARY)),
        ("大专及以上", college),
        ("35岁及以下", sum(1 for b in births if b and age_on(b, as_of) <= 35)),
    ]
    job = table("job")
    groups = list(dict.fromkeys(e.get("group")[0] for e in job.entries))
    return {
        "summary": summary,
        "age": _tally(ages, [label for _, label in AGE_BANDS]),
        "education": _tally(
            (_safe(education_band, m.get("education")) for m in rows),
            [b.zh for b in edu.bands.values()],
        ),
        "job": _tally(
            (_safe(job_bucket, m.get("job")) for m in rows), [b.zh for b in job.bands.values()]
        ),
        "job_group": _tally((_safe(job_group, m.get("job")) for m in rows), groups),
        "join_period": _tally(
            (_safe(join_period, m.get("join_date"), periods) for m in rows),
            [label for _, label in periods],
        ),
        "standing": _tally(
            (_safe(standing_band, m.get("full_member_date"), as_of) for m in rows),
            [label for _, label in STANDING_BANDS] + [NOT_YET_FULL],
        ),
    }
