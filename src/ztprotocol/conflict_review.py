"""已核对 made on a device, going up: the ``conflict_review`` op (docs/sync-protocol.md §4.2).

A device whose clerk marks a conflict 已核对 tells the centre, so its 审核 does not show the
conflict open for ever. The op names the conflict as the centre keys it — the op it was about
(``record_id``: that op's ``op_id``, sent by this same device) and the field — with who marked
it and when (UTC, to the second). One op may have conflicts on several records under one field
(a meeting's attendance of several members): the device keeps one 待核对 row for each, so the
op also names the record (``entity`` and ``record``) and the centre closes that one alone; a
review without them closes every conflict of the op on the field. One shape, checked the same
way on both sides.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

ENTITY = "conflict_review"
OP = "reviewed"
KEYS = frozenset({"field", "reviewed_by", "reviewed_at"})
RECORD_KEYS = frozenset({"entity", "record"})  # both or neither
#: a person's name as a device's journal names its operator; longer is not a name
NAME_MAX = 100


def review_fields(
    field: str,
    reviewed_by: str,
    reviewed_at: str,
    entity: str | None = None,
    record: str | None = None,
) -> dict[str, Any]:
    """The op's ``fields`` (the record named when the device's row names one)."""
    fields = {"field": field, "reviewed_by": reviewed_by, "reviewed_at": reviewed_at}
    if entity and record:
        fields |= {"entity": entity, "record": record}
    return fields


def parse_review(fields: Any) -> tuple[str, str, str, tuple[str, str] | None]:
    """(field, reviewed_by, reviewed_at, (entity, record) or None) of a ``conflict_review`` op;
    ValueError names what is wrong (the centre refuses the op with it)."""
    if not isinstance(fields, dict) or set(fields) not in (KEYS, KEYS | RECORD_KEYS):
        raise ValueError("keys")
    record = None
    if "entity" in fields:
        entity, rid = fields["entity"], fields["record"]
        for what, value in (("entity", entity), ("record", rid)):
            if not isinstance(value, str) or not value or len(value) > 200:
                raise ValueError(what)
        record = (entity, rid)
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
    return field, by, at, record
