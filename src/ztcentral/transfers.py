"""组织关系转接 between the units of this centre, as proposals (issue 11 item 3).

* A unit's ``transfer_out`` event naming another enrolled unit (``details.to_unit``) becomes a
  ``transfer_proposal`` down item for that unit only: the 介绍信 data and the member's record as
  the sending unit keeps it. Its item id is ``transfer:<event id>``; nothing is written into the
  receiving unit's records here.
* The receiving clerk's answer comes up as a ``transfer`` op (accept / refuse, record id = the
  proposal id). It is taken only from the unit the proposal was addressed to, only once, and it
  goes down to the sending unit as a ``transfer_reply`` (decision, date, reason; no personal
  values).
"""

from __future__ import annotations

import json
from typing import Any

from ztcentral.db import Tx
from ztcentral.storage import now_iso
from ztcentral.unit_names import unit_names

PROPOSAL, REPLY = "transfer_proposal", "transfer_reply"


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _details(f: dict[str, Any]) -> dict[str, Any] | None:
    details = f.get("details")
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return None
    return details if isinstance(details, dict) else None


def propose(tx: Tx, unit: str, event_id: str, f: dict[str, Any]) -> None:
    """A transfer out of ``unit`` to another unit of this centre: a proposal for that unit."""
    details = _details(f)
    to_unit = details.get("to_unit") if details else None
    if not isinstance(to_unit, str) or not to_unit or to_unit == unit:
        return
    if tx.one("SELECT 1 AS x FROM units WHERE code = $1", (to_unit,)) is None:
        return  # outside the system: the paper letter (介绍信) route
    member = tx.one(
        "SELECT data FROM records WHERE unit = $1 AND entity = 'member' AND id = $2",
        (unit, f["member_id"]),
    )
    known = unit_names(tx, unit).get(unit)  # the committee's entry, else the clerk's own name
    name = (known.name if known else "") or unit
    body = {
        "proposal_id": event_id,
        "from_unit": unit,
        "from_unit_name": name,
        "date": f["date"],
        "letter": {**details, "from_org": details.get("from_org") or name},
        "member": json.loads(member["data"]) if member else {},
    }
    item_id = f"transfer:{event_id}"
    if tx.one("SELECT 1 AS x FROM down_items WHERE item_id = $1", (item_id,)) is None:
        tx.run(
            "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
            "VALUES ($1, $2, NULL, $3, $4, $5)",
            (item_id, to_unit, PROPOSAL, _dumps(body), now_iso()),
        )


class ReplyInvalid(Exception):
    """Not an answer this unit may give (no such proposal to it, or already answered)."""


def reply(tx: Tx, unit: str, op: dict[str, Any]) -> None:
    """The receiving unit's accept/refuse: checked, then sent down to the sending unit."""
    proposal_id, f = op["record_id"], op["fields"]
    row = tx.one(
        "SELECT unit, body FROM down_items WHERE item_id = $1 AND type = $2",
        (f"transfer:{proposal_id}", PROPOSAL),
    )
    if row is None or row["unit"] != unit:
        raise ReplyInvalid("transfer")
    decision = "accepted" if op["op"] == "accept" else "refused"
    day = f.get("date")
    if not isinstance(day, str) or (decision == "refused" and not f.get("reason")):
        raise ReplyInvalid("transfer fields")
    from_unit = json.loads(row["body"])["from_unit"]
    item_id = f"transfer-reply:{proposal_id}"
    if tx.one("SELECT 1 AS x FROM down_items WHERE item_id = $1", (item_id,)) is not None:
        raise ReplyInvalid("transfer answered")
    body = {
        "proposal_id": proposal_id,
        "to_unit": unit,
        "decision": decision,
        "date": day[:10],
        "reason": str(f.get("reason") or "")[:500],
    }
    tx.run(
        "INSERT INTO down_items (item_id, unit, device_id, type, body, created_at) "
        "VALUES ($1, $2, NULL, $3, $4, $5)",
        (item_id, from_unit, REPLY, _dumps(body), now_iso()),
    )
