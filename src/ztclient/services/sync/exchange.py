"""One exchange with ztcentral over HTTP: trust, answers for bundles already sent, new bundles,
what comes down the line.

Progress is bytes of bundles sent of the bytes this exchange has to send; the caller's
``progress(done, total)`` may raise ``DomainError("E_CANCELLED")``, which stops the exchange
before the next request (nothing is lost: sealed bundles stay sealed and go again, as the same
bytes, next time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import error_params
from ztclient.services.sync.context import SyncContext
from ztclient.services.sync.downlink import Downlink
from ztclient.services.sync.enrolment import Enrolment
from ztclient.services.sync.exchange2 import Exchange2
from ztclient.services.sync.outbox import Outbox
from ztclient.services.sync.ports import Transport
from ztclient.services.sync.receipts import Receipts
from ztclient.services.sync.receipts2 import CompactReceipts
from ztclient.services.sync.report import SyncReport

Progress = Callable[[int, int], None]


class Exchange:
    def __init__(
        self,
        ctx: SyncContext,
        *,
        enrolment: Enrolment,
        outbox: Outbox,
        receipts: Receipts,
        compact: CompactReceipts,
        downlink: Downlink,
    ) -> None:
        self.ctx = ctx
        self.enrolment = enrolment
        self.outbox = outbox
        self.receipts = receipts
        self.downlink = downlink
        self.lean = Exchange2(
            ctx, enrolment=enrolment, outbox=outbox, receipts=compact, downlink=downlink
        )

    def run(
        self,
        server_url: str | None = None,
        *,
        background: bool = False,
        progress: Progress | None = None,
        between: Callable[[], None] | None = None,
    ) -> SyncReport:
        """One exchange. A network failure raises E_NETWORK after recording it; nothing is lost.
        ``between`` (tests) runs after the first sealing and before anything is sent."""
        c = self.ctx
        # items kept and not yet acted on (an upgrade made them pending, a crash cut their
        # handler short): acted on now, not only when the next downlink bundle comes
        kept = self.downlink.process()
        enr = c.enrolment()
        url = server_url or enr["server_url"]
        if not url:
            raise DomainError("E_NETWORK", what="no server address")
        report = SyncReport(how="http", server=url)
        report.take(kept)

        def check() -> None:
            if progress is not None:
                progress(report.bytes_sent, report.bytes_total)

        try:
            check()
            link = c.policy.link(background=background, check=check)
            with c.crypto.connect(url, link, keys=c.keys()) as t:
                self._either(t, report, check, between)
        except DomainError as exc:
            with c.store.transaction() as tx:
                kind = "cancelled" if exc.code == "E_CANCELLED" else "error"
                c.log(tx, kind, exc.code, **{k: str(v) for k, v in error_params(exc).items()})
            raise
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_sync_at = ?, last_sync_how = 'http' WHERE id = 1",
                (c.now(),),
            )
            c.log(tx, "sync", None, sent=len(report.sent), down=report.down_items)
        return report

    def _either(
        self,
        t: Transport,
        report: SyncReport,
        check: Callable[[], None],
        between: Callable[[], None] | None,
    ) -> None:
        """Protocol 2 (the lean exchange) unless the policy says 1 or the server has no 2."""
        if self.ctx.policy.protocol >= 2:
            try:
                self.lean.rounds(t, report, check, between)
                return
            except DomainError as exc:
                if exc.code != "E_PROTOCOL_OLD":
                    raise
                between = None  # it ran already
        self._exchange(t, report, check, between)

    def _exchange(
        self,
        t: Transport,
        report: SyncReport,
        check: Callable[[], None],
        between: Callable[[], None] | None,
    ) -> None:
        c = self.ctx
        device = c.device_id()
        hs = t.handshake(device)
        with c.store.transaction() as tx:
            tx.execute(
                "UPDATE sync_enrolment SET last_server_time = ? WHERE id = 1",
                (hs.get("server_time"),),
            )
        dev = hs.get("device")
        if dev is None:
            raise DomainError("E_DEVICE_UNKNOWN", device=device)
        if int(hs.get("trust_version") or 0) > int(c.enrolment()["trust_version"]):
            self.enrolment.accept_trust(t.trust())
        watermark = int(dev["watermark"])
        # 1. bundles sealed earlier and not yet answered: the server's record decides
        for b in self.outbox.unacked():
            if b["seq_to"] <= watermark:
                check()
                rec = t.receipt(b["bundle_id"])
                if rec is not None and (r := self.receipts.take(rec)):
                    report.receipts.append(r)
        # 2. everything still unanswered, then new work (not while a refused bundle blocks
        #    the chain), sealed and sent bundle by bundle
        done: set[str] = set()
        first = True
        while True:
            if not self.outbox.blocked():
                self.outbox.prepare_all()
            if first and between is not None:
                between()
            first = False
            todo = [b for b in self.outbox.unacked() if b["bundle_id"] not in done]
            if not todo:
                break
            report.bytes_total += sum(len(b["bytes"]) for b in todo)
            for b in todo:
                check()
                self._send(t, b, report)
                done.add(b["bundle_id"])
        # 3. down the line
        while True:
            check()
            data = t.download(device, int(c.enrolment()["down_seq"]))
            if data is None:
                break
            report.take(self.downlink.take(data))

    def _send(self, t: Transport, b: dict[str, Any], report: SyncReport) -> None:
        self.outbox.mark_sent(b["bundle_id"])
        base = report.bytes_sent

        def sent(n: int, _total: int) -> None:
            report.bytes_sent = base + n

        out = t.upload(bytes(b["bytes"]), sent)
        report.bytes_sent = base + len(b["bytes"])
        bundle, receipts = self.receipts.take_outcome(b, out)
        report.sent.append(bundle)
        report.receipts.extend(receipts)
