"""Down the line: open a downlink bundle (HTTP, or a USB acknowledgement), keep its items, then
act on them through the item registry (down_items.py).

Downlink bundles are chain-checked (``down_seq + 1``, ``prev``) by the adapter. Their items are
stored in one transaction together with the new ``down_seq``, then acted on, each step
idempotent, so a crash between the two is repaired by the next run of :meth:`process`.
"""

from __future__ import annotations

from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.sync import facts_in, records_in
from ztclient.services.sync.context import SyncContext, dumps, loads
from ztclient.services.sync.down_items import REVIEW, STORED, Handler
from ztclient.services.sync.problem_names import DOWN  # a failed item's row: op_id DOWN + id
from ztclient.services.sync.report import DownSummary

#: a record item acted on late whose record is here at its version or newer: passed over
NEWER_HERE = "W_RECORD_NEWER"


class Downlink:
    def __init__(self, ctx: SyncContext, handlers: dict[str, Handler]) -> None:
        self.ctx = ctx
        self.handlers = handlers  # in processing order

    def take(self, data: bytes) -> DownSummary:
        """Open a downlink bundle (chain-checked), keep its items, then act on them."""
        c = self.ctx
        enr = c.enrolment()
        down = c.crypto.open_down(
            data,
            trust=enr["trust"],
            keys=c.keys(),
            unit=enr["unit"],
            down_seq=int(enr["down_seq"]),
            down_prev=enr["down_prev"],
        )
        now = c.now()
        summary = DownSummary(items=len(down.items))
        with c.store.transaction() as tx:
            for item in down.items:
                kind = str(item.get("type"))
                if kind in STORED:
                    state = "stored"
                    summary.changes = summary.changes | STORED[kind]
                elif kind in REVIEW:
                    state = "review"
                elif kind in self.handlers:
                    state = "pending"
                else:
                    state = "stored"  # unknown types are data: kept, not acted on
                tx.execute(
                    "INSERT OR IGNORE INTO sync_down_items (item_id, type, body, down_seq, "
                    "received_at, state) VALUES (?, ?, ?, ?, ?, ?)",
                    (str(item["item_id"]), kind, dumps(item.get("body")), down.seq, now, state),
                )
            tx.execute(
                "UPDATE sync_enrolment SET down_seq = ?, down_prev = ? WHERE id = 1",
                (down.seq, down.hash),
            )
            c.log(tx, "down", None, seq=down.seq, items=len(down.items))
        done = self.process()
        summary.receipts = done.receipts
        summary.changes = summary.changes | done.changes
        return summary

    def process(self) -> DownSummary:
        """Act on kept items not yet acted on, in registry order (trust files first, then
        receipts, code tables, transfer-ins), each type in the order the items came. Each step
        is idempotent.

        An item of an entity this client does not know (records_in.NOT_KNOWN) is kept as data:
        ``stored`` with that code, not listed for review; every run offers it again, so a
        newer program takes it in the first time it runs. An item that failed (a record it
        names is not here yet, a grade or a month this device holds another of) is a 待核对
        row (:func:`flag_failed`) and is offered again at every run after the rest of its type,
        so it goes in once what stood in its way is gone (the record arrived, the clerk voided
        the wrong one here); its row then leaves the list. An item acted on late (kept, or
        tried before) is a ``record`` item passed over when its record is here at its version
        or newer (``applied``, W_RECORD_NEWER)."""
        c = self.ctx
        order = {kind: i for i, kind in enumerate(self.handlers)}
        rows = c.store.read(
            "SELECT * FROM sync_down_items WHERE state IN ('pending', 'failed') "
            "OR (state = 'stored' AND code = ?) ORDER BY down_seq, received_at, rowid",
            (records_in.NOT_KNOWN,),
        )
        # an item tried before (failed, or put back by an upgrade with its earlier code) after
        # the rest of its type: what it names may come in this run
        rows.sort(
            key=lambda r: (
                order.get(r["type"], len(order)),
                r["state"] != "stored" and r["code"] is not None,
                r["down_seq"],
            )
        )
        out = DownSummary()
        for r in rows:
            handler = self.handlers.get(r["type"])
            if handler is None:
                continue
            late = r["code"] is not None
            state, code, ref, params = "applied", None, None, {}
            about: str | None = None  # the one record of a fact of several that failed
            body: Any = {}
            try:
                body = loads(r["body"]) or {}
                if late and r["type"] == "record" and records_in.newer_here(c.store, body):
                    code = NEWER_HERE
                else:
                    res = handler(body, r["item_id"])
                    ref = res.ref
                    out.changes = out.changes | res.changes
                    if res.receipt is not None:
                        out.receipts.append(res.receipt)
            except DomainError as exc:
                state = "stored" if exc.code == records_in.NOT_KNOWN else "failed"
                code, params = exc.code, dict(exc.params)
                if isinstance(exc, records_in.RecordClash):
                    about = exc.record_id
                if isinstance(exc, facts_in.PartlyIn):
                    out.changes = out.changes | exc.changes
            except (ValueError, TypeError, KeyError, AttributeError):
                state, code = "failed", "E_BUNDLE_PAYLOAD"
            if (state, code) == (r["state"], r["code"]) and (
                state != "failed" or _listed(c.store, r["item_id"], about)
            ):
                continue  # still not known, or failing as before and listed: nothing to write
            with c.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_down_items SET state = ?, code = ?, ref = ? WHERE item_id = ?",
                    (state, code, ref, r["item_id"]),
                )
                if state == "failed":
                    flag_failed(tx, r, body, str(code), params, c.now(), about)
                elif r["state"] == "failed":  # in at last: nothing left to review
                    tx.execute(
                        "DELETE FROM sync_problems WHERE op_id = ? AND reviewed = 0",
                        (DOWN + str(r["item_id"]),),
                    )
        return out


#: what a failed item's code says on the 待核对 list, where the code alone would mislead (a
#: record it names not here yet is not the centre refusing an op, as E_RECORD_UNKNOWN says)
LISTED_AS = {"E_RECORD_UNKNOWN": "E_SYNC_IN_REFERENCE"}


def _listed(store: Any, item_id: str, about: str | None = None) -> bool:
    """The item has its row (about ``about``, when it names one record of the item)."""
    return bool(
        store.read_one(
            "SELECT 1 AS x FROM sync_problems WHERE op_id = ? AND (? IS NULL OR record_id = ?)",
            (DOWN + item_id, about, about),
        )
    )


def flag_failed(
    tx: Any,
    item: dict[str, Any],
    body: Any,
    code: str,
    params: dict[str, Any],
    now: str,
    about: str | None = None,
) -> None:
    """A downlink item that could not go in, on the 待核对 list (once per item): the record it
    is about (a record, a fact's or a fold's), what stood in its way (the code and its params).
    Before, a failed item was kept with its code and shown nowhere. A row the clerk marked
    已核对 stays so. ``about`` names the one record of a fact of several that failed (a payment of
    a collection whose others went in), else the row is about the item's record."""
    body = body if isinstance(body, dict) else {}
    kind = str(item["type"])
    if kind in ("record", "fact", "merge"):
        entity = body.get("entity")
        rid = about or body.get({"record": "id", "fact": "record_id", "merge": "from"}[kind])
    else:
        entity, rid = kind, None
    # failing now for another reason than before: the open row says the new one
    tx.execute(
        "DELETE FROM sync_problems WHERE op_id = ? AND reviewed = 0",
        (DOWN + str(item["item_id"]),),
    )
    tx.execute(
        "INSERT OR IGNORE INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
        "record_id, field, params, created_at) VALUES (?, NULL, '', 'review', ?, ?, ?, '', ?, ?)",
        (
            DOWN + str(item["item_id"]),
            LISTED_AS.get(code, code),
            None if entity is None else str(entity),
            None if rid is None else str(rid),
            dumps({k: str(v) for k, v in params.items()}),
            now,
        ),
    )
