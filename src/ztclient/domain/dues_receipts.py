"""收据号 the program gives a 党费 payment recorded without one: ``YYYY-XXX-NNNNN``.

``XXX`` is this copy of the unit's data's own series mark (three letters and digits, no 0/O/1/I
to misread on paper), so two devices of one unit, or a device restored from an older backup
(which gets a new mark: its counter would start again below numbers already given), never give
the same number; ``NNNNN`` counts up within the year and the series. A number the clerk types
is kept as typed. Why a mark of its own and not the device id: docs/domain-rules.md, 党费.
"""

from __future__ import annotations

import re
import secrets

#: the ``meta`` key the series mark is kept under
META_KEY = "receipt_series"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MARK_LEN = 3
#: a number the program gave: year, series, count
GIVEN = re.compile(r"^(\d{4})-([A-Z2-9]{3})-(\d{5})$")


def new_mark() -> str:
    """A fresh series mark (32³ = 32,768 of them: a unit has a handful of devices; two that
    drew the same one are caught by the centre, which lists the same number twice in 审核)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(MARK_LEN))


def receipt_no(year: int, mark: str, n: int) -> str:
    return f"{year}-{mark}-{n:05d}"


def prefix(year: int, mark: str) -> str:
    """What every number of the year's series starts with."""
    return f"{year}-{mark}-"
