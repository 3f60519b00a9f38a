"""Down the line: open a downlink bundle (HTTP, or a USB acknowledgement), keep its items, then
act on them through the item registry (down_items.py).

Downlink bundles are chain-checked (``down_seq + 1``, ``prev``) by the adapter. Their items are
stored in one transaction together with the new ``down_seq``, then acted on, each step
idempotent, so a crash between the two is repaired by the next run of :meth:`process`.
"""

from __future__ import annotations

from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.sync import records_in
from ztclient.services.sync.context import SyncContext, dumps, loads
from ztclient.services.sync.down_items import REVIEW, STORED, Handler
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
        newer program takes it in the first time it runs. Such an item, or one an upgrade put
        back with its earlier code (migration 024: tried after the rest of its type), is acted
        on late: a ``record`` item whose record is here at its version or newer is passed over
        (``applied``, W_RECORD_NEWER)."""
        c = self.ctx
        order = {kind: i for i, kind in enumerate(self.handlers)}
        rows = c.store.read(
            "SELECT * FROM sync_down_items WHERE state = 'pending' "
            "OR (state = 'stored' AND code = ?) ORDER BY down_seq, received_at, rowid",
            (records_in.NOT_KNOWN,),
        )
        # an item put back for another try (pending with its earlier code: it named a record
        # that was not here) after the rest of its type: what it names may come in this run
        rows.sort(
            key=lambda r: (
                order.get(r["type"], len(order)),
                r["state"] == "pending" and r["code"] is not None,
                r["down_seq"],
            )
        )
        out = DownSummary()
        for r in rows:
            handler = self.handlers.get(r["type"])
            if handler is None:
                continue
            late = r["state"] == "stored" or r["code"] is not None
            state, code, ref = "applied", None, None
            try:
                body: Any = loads(r["body"]) or {}
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
                code = exc.code
            except (ValueError, TypeError, KeyError, AttributeError):
                state, code = "failed", "E_BUNDLE_PAYLOAD"
            if (state, code) == (r["state"], r["code"]):
                continue  # still not known: nothing to write
            with c.store.transaction() as tx:
                tx.execute(
                    "UPDATE sync_down_items SET state = ?, code = ?, ref = ? WHERE item_id = ?",
                    (state, code, ref, r["item_id"]),
                )
        return out
