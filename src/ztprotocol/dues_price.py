"""What a month of 党费 costs by the bases of its year: one rule for the client (its ledger, the
按月收缴 sheet, the payment check, the 少交 check) and the centre (its report's 党费 sheet).

A base holds from a month of its year until the next base of the year or December (a pay rise
from July leaves January to June at the base before: docs/dues.md, 年中调整基数). Months are
indexes ``year * 12 + month - 1``; money is integer fen. Standard library only
(``ztclient.domain`` imports it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def month_index(text: Any) -> int | None:
    """The month index of ``YYYY-MM`` (or a date ``YYYY-MM-DD``); None for anything else."""
    try:
        y, m = str(text)[:7].split("-")
        return int(y) * 12 + int(m) - 1
    except (ValueError, TypeError):
        return None


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
