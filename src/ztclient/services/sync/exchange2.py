"""The lean exchange (protocol 2, docs/sync-protocol.md §7.8): one request and one response.

A round sends a hello (what this device has: downlink sequence, trust version, the bundles it
awaits answers for) and the bundles it has not sent yet, in one binary request; the answer
brings receipt parts, the trust file only when its version changed, and the downlink bundles,
in one binary response. A typical week is one round. More rounds follow only when there is
more: bundles sealed meanwhile, an answer the link could not carry at once, a bundle the
server never received.

What the link can carry is remembered (link.py): bundles are sealed to fit it, and the
response is asked to fit it. The request body is resumable (the transport continues a cut
request at the server's offset). When the request went through but its answer was lost, the
bundles are known to have arrived: they are asked for by hash in the next round, never sent
again — and if the answer never comes, the clerk reads "sent, the confirmation is still to
come" (E_ANSWER_LOST), not "server unreachable".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.sync import resync
from ztclient.services.sync.context import SyncContext
from ztclient.services.sync.downlink import Downlink
from ztclient.services.sync.enrolment import Enrolment
from ztclient.services.sync.link import LinkMemory
from ztclient.services.sync.outbox import Outbox
from ztclient.services.sync.ports import ExchangeRound, Transport
from ztclient.services.sync.receipts2 import CompactReceipts
from ztclient.services.sync.report import BundleSent, SyncReport

Progress = Callable[[int, int], None]
MAX_ROUNDS = 16


class Exchange2:
    def __init__(
        self,
        ctx: SyncContext,
        *,
        enrolment: Enrolment,
        outbox: Outbox,
        receipts: CompactReceipts,
        downlink: Downlink,
    ) -> None:
        self.ctx = ctx
        self.enrolment = enrolment
        self.outbox = outbox
        self.receipts = receipts
        self.downlink = downlink

    def rounds(
        self,
        t: Transport,
        report: SyncReport,
        check: Callable[[], None],
        between: Callable[[], None] | None,
    ) -> None:
        c = self.ctx
        link = LinkMemory.load(c.store)
        first = True
        for _ in range(MAX_ROUNDS):
            self.outbox.max_bytes = link.bundle_target()
            if not self.outbox.blocked():
                self.outbox.prepare_all()
            if first and between is not None:
                between()
            first = False
            send, waiting = self._plan(link)
            enr = c.enrolment()
            body_bundles = [bytes(b["bytes"]) for b in send]
            hello = {
                "device": c.device_id(),
                "down": int(enr["down_seq"]),
                "trust": int(enr["trust_version"]),
                "unacked": [self.receipts.wanted(b) for b in waiting],
                "budget": link.response_budget(),
                # where this device stands, so the centre can tell a restored one (resync.py)
                "next": send[0]["seq_from"] if send else self.outbox.next_wire(),
                "have": self.outbox.have(),
                "wm": int(enr["high_watermark"]),
                "resync": resync.wanted(c),
            }
            for b in send:
                self.outbox.mark_sent(b["bundle_id"])
            base = report.bytes_sent
            sent_total = sum(len(x) for x in body_bundles)
            report.bytes_total += sent_total

            def moved(n: int, total: int, base: int = base, sent_total: int = sent_total) -> None:
                report.bytes_sent = base + min(n, sent_total)
                check()

            check()
            try:
                answer = t.exchange(hello, body_bundles, moved)
            except DomainError as exc:
                if exc.code == "E_NETWORK":
                    if exc.params.get("cut_at"):
                        link.saw_cut(int(exc.params["cut_at"]))
                    if exc.params.get("what") == "interrupted":
                        link.saw_stall(int(exc.params.get("moved") or 0))
                    link.save(c.store)
                if exc.code == "E_NETWORK" and exc.params.get("what") == "answer":
                    # the request was taken whole, its answer never came: say so, never
                    # "server unreachable"; the next sync asks for it by hash
                    raise DomainError("E_ANSWER_LOST", bundles=len(send)) from exc
                raise
            report.bytes_sent = base + sent_total
            if answer.cut_at:
                link.saw_cut(answer.cut_at)
            link.saw_through(answer.request_bytes, cut=answer.cut_at is not None)
            link.save(c.store)
            more = self._take(answer, send, report)
            if not more:
                return
        # a round limit, not a failure: what is left goes next time
        return

    def _plan(self, link: LinkMemory) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(bundles to send in this request, bundles already sent awaiting an answer)."""
        unacked = self.outbox.unacked()
        fresh = [b for b in unacked if b["state"] == "sealed"]
        waiting = [b for b in unacked if b["state"] in ("sent", "held")]
        # a refused bundle is asked about too: released at the centre (quarantine reviewed,
        # its device enrolled meanwhile), its receipt unblocks this device by itself
        waiting += self.outbox.refused() + self.outbox.superseded_unanswered()
        room = max(link.bundle_target() * 2, 1)
        send: list[dict[str, Any]] = []
        total = 0
        for b in fresh:  # in sequence order; at least one, however large (it is resumable)
            if send and total + len(b["bytes"]) > room:
                break
            send.append(b)
            total += len(b["bytes"])
        return send, waiting

    def _take(self, answer: ExchangeRound, send: list[dict[str, Any]], report: SyncReport) -> bool:
        """Take one answer in: trust file first, then receipts, then the downlink. Returns
        whether another round is needed."""
        state = answer.state
        c = self.ctx
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_server_time = ? WHERE id = 1",
                (state.get("server_time"),),
            )
        if answer.trust is not None:
            self.enrolment.accept_trust(answer.trust)
        if isinstance(state.get("resync"), dict):  # out of step: the centre's record first
            resync.apply(c, state["resync"])
            for down in answer.down:
                report.take(self.downlink.take(down))
            return True
        results = state.get("results") or []
        for b, res in zip(send, results, strict=False):
            report.sent.append(
                BundleSent(
                    b["bundle_id"],
                    b["seq_from"],
                    b["seq_to"],
                    len(b["bytes"]),
                    str(res.get("status")),
                    res.get("code"),
                )
            )
            if res.get("status") in ("quarantined", "rejected"):
                self.receipts.refused(b, res.get("code"))
        for part in answer.receipts:
            r = self.receipts.take_part(part)
            if r is not None:
                report.receipts.append(r)
        for down in answer.down:
            report.take(self.downlink.take(down))
        unknown = [h for h, st in (state.get("known") or {}).items() if st == "unknown"]
        again = self.outbox.resend_unknown(unknown)
        return bool(state.get("more")) or bool(again) or self.outbox.has_work()
