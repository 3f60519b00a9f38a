"""One person per ID number, one unit root per code: records of one unit entered twice.

Two devices of one unit (an office PC and a laptop) may each enter the same person: two member
records with two ids and one 公民身份号码. At the centre they are one person. The first record
is the canonical one; a later create with the same identity value (``IDENTITY``) becomes an
**alias** of it: the create is applied as an edit of the canonical record made from version 0,
so every field that differs is a true conflict — both values kept, flagged for review — and
nothing of either entry is lost. The device that made the alias is told (a ``merge`` downlink
item) and folds its record into the canonical one; every later op that names the alias (an
update, an event, attendance, a study log …) is read as naming the canonical record.

The same holds for the unit's own root organisation, which every device creates at its first
run with the unit's code: one root per code.
"""

from __future__ import annotations

import uuid
from typing import Any

from ztcentral.db import Tx
from ztcentral.storage import event, now_iso
from ztprotocol.canonical import canonical

#: entity → the field that names the same real thing whatever its record id
IDENTITY = {"member": "id_number", "org": "code"}
#: fields of any op that refer to a record of these entities
REFERENCES = {
    "member": ("member_id", "chair_id", "recorder_id", "subject_member_id", "lecturer_id"),
    "org": ("org_id", "group_id", "parent_id", "to_org_id"),
}


def canonical_id(tx: Tx, unit: str, entity: str, rid: Any) -> Any:
    if not isinstance(rid, str):
        return rid
    row = tx.one(
        "SELECT canonical_id FROM aliases WHERE unit = $1 AND entity = $2 AND alias_id = $3",
        (unit, entity, rid),
    )
    return row["canonical_id"] if row else rid


def _translate_fields(tx: Tx, unit: str, fields: Any) -> Any:
    if isinstance(fields, list):
        return [_translate_fields(tx, unit, f) for f in fields]
    if not isinstance(fields, dict):
        return fields
    out = {}
    for key, value in fields.items():
        target = next((e for e, keys in REFERENCES.items() if key in keys), None)
        if target is not None:
            out[key] = canonical_id(tx, unit, target, value)
        else:
            out[key] = _translate_fields(tx, unit, value)
    return out


def translate(tx: Tx, unit: str, op: dict[str, Any]) -> dict[str, Any]:
    """The op as naming canonical records (record id and every reference in its fields)."""
    if not tx.one("SELECT 1 AS x FROM aliases WHERE unit = $1", (unit,)):
        return op  # the usual case: no alias in this unit, nothing to read twice
    return {
        **op,
        "record_id": canonical_id(tx, unit, op["entity"], op["record_id"]),
        "fields": _translate_fields(tx, unit, op["fields"]),
    }


def claim(tx: Tx, unit: str, device_id: str, op: dict[str, Any]) -> dict[str, Any]:
    """A create whose identity value another record of the unit already has becomes an edit of
    that record from version 0 (and the alias is recorded, and the device told)."""
    entity, key = op["entity"], IDENTITY.get(op["entity"])
    value = op["fields"].get(key) if key and isinstance(op["fields"], dict) else None
    if op["op"] != "create" or not isinstance(value, str) or not value:
        return op
    if tx.one(
        "SELECT 1 AS x FROM records WHERE unit = $1 AND entity = $2 AND id = $3",
        (unit, entity, op["record_id"]),
    ):
        return op
    # '"id_number":"…"' exactly as the canonical JSON of a record holds it (LIKE: both
    # databases; identity values are letters and digits, nothing LIKE would read as a pattern)
    probe = canonical({key: value}).decode("utf-8")[1:-1]
    if "%" in probe or "_" in value:
        return op
    other = tx.one(
        "SELECT id FROM records WHERE unit = $1 AND entity = $2 AND id != $3 AND voided = 0 "
        "AND data LIKE $4 ORDER BY updated_at, id LIMIT 1",
        (unit, entity, op["record_id"], f"%{probe}%"),
    )
    if other is None:
        return op
    tx.run(
        "INSERT INTO aliases (unit, entity, alias_id, canonical_id, device_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit, entity, alias_id) DO NOTHING",
        (unit, entity, op["record_id"], other["id"], device_id, now_iso()),
    )
    body = {"entity": entity, "from": op["record_id"], "into": other["id"], "key": key}
    tx.run(
        "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
        "VALUES ($1, $2, $3, 'merge', $4, $5)",
        (str(uuid.uuid4()), unit, device_id, canonical(body).decode("utf-8"), now_iso()),
    )
    event(tx, "identity.alias", device_id=device_id, ref=op["record_id"], into=other["id"])
    return {**op, "op": "update", "record_id": other["id"], "base_version": 0}
