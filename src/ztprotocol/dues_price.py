"""What a month of 党费 costs by the bases of its year: one rule for the client (its ledger, the
按月收缴 sheet, the payment check, the 少交 check) and the centre (its report's 党费 sheet, its
少交 check for 审核).

A base holds from a month of its year until the next base of the year or December (a pay rise
from July leaves January to June at the base before: docs/dues.md, 年中调整基数). Months are
indexes ``year * 12 + month - 1``; money is integer fen. Standard library only
(``ztclient.domain`` imports it).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any


def month_index(text: Any) -> int | None:
    """The month index of ``YYYY-MM`` (or a date ``YYYY-MM-DD``); None for anything else."""
    try:
        y, m = str(text)[:7].split("-")
        return int(y) * 12 + int(m) - 1
    except (ValueError, TypeError):
        return None


def last_fallen_due(as_of: date, today: date | None = None) -> int:
    """The month index of the last month whose dues have fallen due by the end of ``as_of``.
    Dues are paid by the month (党费收缴、使用和管理的规定, art. 12): a month is payable within
    it and falls due at the end of its last day, so before then an unpaid current month is
    still to pay (待交), not owed (欠交). ``today``, when given, is the day in progress: a
    figure as of today (or later) is as of now, and a month whose last day is today has not
    fallen due while that day lasts. Both programs count 欠交 by this one rule."""
    month = as_of.year * 12 + as_of.month - 1
    last_day = as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]
    return month if last_day and (today is None or as_of < today) else month - 1


def monthly_in_force(bases: Mapping[int, int], month: int) -> int | None:
    """What month index ``month`` costs by the bases of its year (``bases`` maps the month
    index each base holds from → its monthly amount): the base with the latest first month
    not after ``month``, in the same year. None before the year's first base or in a year
    without one."""
    year, best, fen = month // 12, -1, None
    for first, monthly in bases.items():
        if first // 12 == year and best < first <= month:
            best, fen = first, monthly
    return fen


def bases_by_month(bases: Iterable[Mapping[str, Any]]) -> dict[int, int]:
    """A member's bases as both programs keep them (``year``, ``from_month`` — 1 when a base
    came from a device before bases had a month —, ``monthly_fen``, ``voided``) → the month
    index each live base holds from → its monthly fen. Voided bases, and any without a year or
    an amount, price nothing."""
    out: dict[int, int] = {}
    for b in bases:
        year, fen = b.get("year"), b.get("monthly_fen")
        if b.get("voided") or fen is None or isinstance(year, bool) or not isinstance(year, int):
            continue
        out[year * 12 + int(b.get("from_month") or 1) - 1] = int(fen)
    return out


def reduction_over(
    reductions: Iterable[Mapping[str, Any]],
    bases: Mapping[int, int],
    first: int | None = None,
    last: int | None = None,
) -> tuple[int, int, int] | None:
    """An approved 少交 must stay below the standard amount its months cost by the bases
    (docs/domain-rules.md, 党费): ``(amount, month, standard)`` of the earliest month — within
    ``first``..``last`` when given — where a live 少交 (``kind`` "reduce", not ``voided``; its
    ``first_month``..``last_month`` as ``YYYY-MM``, ``monthly_fen``) is not below
    ``monthly_in_force(bases, month)``; None when every one is below, or a month has no base.
    The client refuses such a base or approval when it is entered and flags it when it
    arrives by sync; the centre flags it for 审核 — both by this rule."""
    found: tuple[int, int, int] | None = None
    for a in reductions:
        if a.get("kind") != "reduce" or a.get("voided"):
            continue
        lo, hi = month_index(a.get("first_month")), month_index(a.get("last_month"))
        if lo is None or hi is None:
            continue
        if first is not None:
            lo = max(lo, first)
        if last is not None:
            hi = min(hi, last)
        amount = int(a.get("monthly_fen") or 0)
        for month in range(lo, hi + 1):
            if found is not None and month >= found[1]:
                break
            standard = monthly_in_force(bases, month)
            if standard is not None and amount >= standard:
                found = (amount, month, standard)
                break
    return found
