"""组织关系转接 between units of the system, as proposals (issue 11 item 3, domain facts §1.12).

A ``transfer_out`` naming another unit (``details.to_unit``) goes up with the sending unit's
next sync; the centre turns it into a ``transfer_proposal`` for the receiving unit: the 介绍信
data and the member's record as the sending unit keeps it. Here, on the receiving side, it waits
in ``transfers`` (direction ``in``, state ``pending``): nothing enters the roster by itself and
nobody is matched by ID number. The clerk reads the letter and

* accepts: the person is created in the branch the clerk chooses (through the member rules, so
  a record from elsewhere meets the same checks as one typed in), with a ``transfer_in`` event;
  or, when the clerk says so explicitly, an existing former member is taken back;
* refuses, with a reason.

Either answer is an outbox op (``transfer`` accept/refuse) that goes up and comes down to the
sending unit as a ``transfer_reply``: an acceptance records the 回执 there (``transfer_receipt``
event), a refusal is kept and shown as a due item, and the sending clerk decides what next.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.model import Category
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.members import EDITABLE
from ztclient.services.ports import Clock, Store
from ztclient.services.versioned import update_versioned

#: Downlink item types this service takes (``transfer_in`` is the centre's older name).
ITEM_TYPES = ("transfer_proposal", "transfer_in", "transfer_reply")
#: Member fields a letter may bring; branch, group, status and posts are the receiver's to set.
_RECEIVERS = (
    "org_id",
    "group_id",
    "status",
    "status_since",
    "exit_kind",
    "voting_suspended",
    "note",
)
CARRIED = tuple(k for k in EDITABLE if k not in _RECEIVERS)


def _loads(text: str | None) -> dict[str, Any]:
    value = json.loads(text) if text else {}
    return value if isinstance(value, dict) else {}


class TransferService:
    def __init__(
        self, store: Store, journal: Journal, clock: Clock, members: Any, events: Any
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.members = members  # MemberService (the member rules on creation)
        self.events = events  # EventService (transfer_in / transfer_receipt)

    # -- what comes down the line -------------------------------------------------------------------
    def receive(self, item_id: str, kind: str, body: Mapping[str, Any]) -> str | None:
        """Keep a proposal or take a reply (idempotent: the same item twice changes nothing).
        Returns the transfer id."""
        if kind not in ITEM_TYPES or not isinstance(body, Mapping):
            raise DomainError("E_BUNDLE_PAYLOAD", what=kind)
        if kind == "transfer_reply":
            return self._reply(item_id, body)
        transfer_id = str(body.get("proposal_id") or body.get("member_id") or item_id)
        from_unit = str(body.get("from_unit") or "")
        if not from_unit:
            raise DomainError("E_BUNDLE_PAYLOAD", what=kind)
        letter = {**dict(body.get("details") or {}), **dict(body.get("letter") or {})}
        letter["member"] = dict(body.get("member") or {})
        letter.setdefault("date", body.get("date"))
        letter.setdefault("name", letter["member"].get("name", ""))
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT OR IGNORE INTO transfers (id, direction, from_unit, to_unit, letter, "
                "state, item_id, received_at) VALUES (?, 'in', ?, ?, ?, 'pending', ?, ?)",
                (
                    transfer_id,
                    from_unit,
                    self.store.get_meta("unit_code") or "",
                    json.dumps(letter, ensure_ascii=False, sort_keys=True),
                    item_id,
                    self.journal.timestamp(),
                ),
            )
        return transfer_id

    def _reply(self, item_id: str, body: Mapping[str, Any]) -> str:
        """The receiving unit answered one of our transfer_out letters."""
        transfer_id = str(body.get("proposal_id") or "")
        decision = body.get("decision")
        event = self.store.read_one(
            "SELECT member_id, date FROM member_events WHERE id = ? AND kind = 'transfer_out'",
            (transfer_id,),
        )
        if event is None or decision not in ("accepted", "refused"):
            raise DomainError("E_BUNDLE_PAYLOAD", what="transfer_reply")
        if self.store.scalar("SELECT 1 FROM transfers WHERE id = ?", (transfer_id,)):
            return transfer_id
        day = str(body.get("date") or self.clock.today().isoformat())[:10]
        with self.store.transaction() as tx:
            tx.insert(
                "transfers",
                {
                    "id": transfer_id,
                    "direction": "out",
                    "from_unit": self.store.get_meta("unit_code") or "",
                    "to_unit": str(body.get("to_unit") or ""),
                    "member_id": event["member_id"],
                    "letter": "{}",
                    "state": decision,
                    "answered_on": day,
                    "reason": str(body.get("reason") or "") or None,
                    "item_id": item_id,
                    "received_at": self.journal.timestamp(),
                    "version": 1,
                },
            )
            if decision == "accepted":  # the electronic 回执: the member arrived there
                self.events.write(
                    tx,
                    event["member_id"],
                    "transfer_receipt",
                    max(day, event["date"]),
                    {"to_unit": body.get("to_unit"), "via": "sync"},
                )
        return transfer_id

    # -- the receiving clerk ------------------------------------------------------------------------
    def list(self, direction: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM transfers", []
        if direction:
            sql += " WHERE direction = ?"
            params.append(direction)
        rows = self.store.read(sql + " ORDER BY state = 'pending' DESC, received_at DESC", params)
        for r in rows:
            r["letter"] = _loads(r["letter"])
        return rows

    def get(self, transfer_id: str) -> dict[str, Any]:
        row = self.store.read_one("SELECT * FROM transfers WHERE id = ?", (transfer_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", "transfer", what="transfer", id=transfer_id)
        row["letter"] = _loads(row["letter"])
        return row

    def _pending(self, transfer_id: str) -> dict[str, Any]:
        row = self.get(transfer_id)
        if row["direction"] != "in" or row["state"] != "pending":
            raise DomainError("E_TRANSFER_ANSWERED", "transfer", state=row["state"])
        return row

    def accept(
        self,
        transfer_id: str,
        org_id: str,
        *,
        group_id: str | None = None,
        date: str | None = None,
        link_member_id: str | None = None,
    ) -> tuple[str, Changes]:
        """Take the person in: a new record in ``org_id`` (or, when the clerk names one, a
        former member of this unit with the same ID number), a ``transfer_in`` event, and the
        answer for the sending unit, all in one transaction. Returns the member id."""
        row = self._pending(transfer_id)
        letter = row["letter"]
        day = date or self.clock.today().isoformat()
        details = {
            "from_org": letter.get("from_org") or row["from_unit"],
            "from_unit": row["from_unit"],
            "letter_no": letter.get("letter_no"),
            "dues_paid_to": letter.get("dues_paid_to"),
        }
        with self.store.transaction() as tx:
            if link_member_id:
                member_id = self._link(tx, link_member_id, letter)
            else:
                fields = {k: v for k, v in (letter.get("member") or {}).items() if k in CARRIED}
                # an 入党积极分子 or 发展对象 whose file moved stays one: only a letter without a
                # category the program knows is taken as a 正式党员's
                if fields.get("category") not in tuple(Category):
                    fields["category"] = letter.get("category") or Category.FULL.value
                fields.update(org_id=org_id, group_id=group_id)
                member_id = self.members.add_in(tx, fields, action="transfer.accept")
            self.events.write(tx, member_id, "transfer_in", day, details)
            update_versioned(
                tx,
                "transfers",
                {"id": transfer_id},
                row["version"],
                {"state": "accepted", "answered_on": day, "member_id": member_id},
            )
            self._answer(tx, row, "accepted", day)
        return member_id, Changes(members=True, development=True, sync=True)

    def _link(self, tx: Store, member_id: str, letter: Mapping[str, Any]) -> str:
        """Only on the clerk's word, and only a former member whose ID number is the letter's."""
        m = tx.read_one("SELECT id, id_number, status FROM members WHERE id = ?", (member_id,))
        theirs = (letter.get("member") or {}).get("id_number") or letter.get("id_number")
        if m is None:
            raise DomainError("E_NOT_FOUND", "member", what="member", id=member_id)
        if not theirs or m["id_number"] != theirs or m["status"] != "transferred_out":
            raise DomainError("E_TRANSFER_LINK", "member")
        return member_id

    def refuse(self, transfer_id: str, reason: str, date: str | None = None) -> Changes:
        """Say no, with a reason the sending clerk will read."""
        if not (reason or "").strip():
            raise DomainError("E_FIELD_REQUIRED", "reason")
        row = self._pending(transfer_id)
        day = date or self.clock.today().isoformat()
        with self.store.transaction() as tx:
            update_versioned(
                tx,
                "transfers",
                {"id": transfer_id},
                row["version"],
                {"state": "refused", "answered_on": day, "reason": reason.strip()},
            )
            self._answer(tx, row, "refused", day, reason.strip())
        return Changes(sync=True)

    def _answer(
        self, tx: Store, row: dict[str, Any], decision: str, day: str, reason: str | None = None
    ) -> None:
        """The answer goes up like any edit: one ``transfer`` op, no personal values in it."""
        fields = {"from_unit": row["from_unit"], "decision": decision, "date": day}
        if reason:
            fields["reason"] = reason
        self.journal.record(
            tx,
            entity="transfer",
            record_id=row["id"],
            op="accept" if decision == "accepted" else "refuse",
            fields=fields,
            action=f"transfer.{decision}",
        )
