"""已核对 made on a device, going up: the ``conflict_review`` op (docs/sync-protocol.md §4.2).

A device whose clerk marks a conflict 已核对 tells the centre, so its 审核 does not show the
conflict open for ever. The op names the conflict as the centre keys it — the op it was about
(``record_id``: that op's ``op_id``, sent by this same device) and the field — with who marked
it and when (UTC, to the second). One shape, checked the same way on both sides.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

ENTITY = "conflict_review"
OP = "reviewed"
KEYS = frozenset({"field", "reviewed_by", "reviewed_at"})
#: a person's name as a device's journal names its operator; longer is not a name
NAME_MAX = 100


def review_fields(field: str, reviewed_by: str, reviewed_at: str) -> dict[str, Any]:
    """The op's ``fields``."""
    return {"field": field, "reviewed_by": reviewed_by, "reviewed_at": reviewed_at}


def parse_review(fields: Any) -> tuple[str, str, str]:
    """(field, reviewed_by, reviewed_at) of a ``conflict_review`` op; ValueError names what is
    wrong (the centre refuses the op with it)."""
    if not isinstance(fields, dict) or set(fields) != KEYS:
        raise ValueError("keys")
    field, by, at = fields["field"], fields["reviewed_by"], fields["reviewed_at"]
    if not isinstance(field, str) or not field or len(field) > 64:
        raise ValueError("field")
    if not isinstance(by, str) or not by.strip() or len(by) > NAME_MAX:
        raise ValueError("reviewed_by")
    if not isinstance(at, str) or not at.endswith("Z"):
        raise ValueError("reviewed_at")
    try:
        datetime.fromisoformat(at)
    except ValueError:
        raise ValueError("reviewed_at") from None
    return field, by, at
