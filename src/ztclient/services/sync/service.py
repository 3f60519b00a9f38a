"""同步 (sync): the one object the UI and the CLI hold. It wires the parts of this package
together and keeps their public calls in one place; the rules live in the parts:

    enrolment.py  登记本机 and trust files     outbox.py    sealing, exactly once
    receipts.py   回执: what marks ops synced    downlink.py  down the line (+ down_items.py)
    exchange.py   one HTTP exchange             usb.py       U盘 export and import
    status.py     what the 同步 page shows      policy.py    retries, backoff, background

docs/sync-client.md explains the rules; docs/sync-protocol.md is the wire contract.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ztclient.services.ports import Clock, Store
from ztclient.services.sync.context import SyncContext
from ztclient.services.sync.down_items import handlers
from ztclient.services.sync.downlink import Downlink
from ztclient.services.sync.enrolment import Enrolment
from ztclient.services.sync.exchange import Exchange, Progress
from ztclient.services.sync.outbox import MAX_OPS_PER_BUNDLE, Outbox
from ztclient.services.sync.policy import SyncPolicy
from ztclient.services.sync.ports import SyncCrypto
from ztclient.services.sync.receipts import Receipts
from ztclient.services.sync.receipts2 import CompactReceipts
from ztclient.services.sync.report import (
    DownSummary,
    FileImport,
    ImportReport,
    ReceiptSummary,
    SyncReport,
)
from ztclient.services.sync.status import SyncStatus
from ztclient.services.sync.usb import UsbExchange


class SyncService:
    """The 同步 use cases: enrol, sync over HTTP, export/import by USB, status for the UI."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        crypto: SyncCrypto,
        *,
        members: Any = None,
        transfers: Any = None,
        audit: Callable[..., None] | None = None,
        record: Callable[..., int] | None = None,
        operator: Callable[[], str] = lambda: "clerk",
        policy: SyncPolicy | None = None,
        device_id: Callable[[], str] | None = None,
        unit_code: Callable[[], str] | None = None,
        root_org_id: Callable[[], str | None] | None = None,
        max_ops: int = MAX_OPS_PER_BUNDLE,
    ) -> None:
        self.ctx = SyncContext(
            store=store,
            clock=clock,
            crypto=crypto,
            policy=policy or SyncPolicy(),
            device_id=device_id or (lambda: store.get_meta("device_id") or ""),
            unit=unit_code or (lambda: store.get_meta("unit_code") or ""),
            root_org=root_org_id or (lambda: store.get_meta("root_org_id")),
        )
        self.enrolment = Enrolment(self.ctx)
        self.outbox = Outbox(self.ctx, max_ops)
        self.receipts = Receipts(self.ctx)
        self.compact = CompactReceipts(self.ctx)
        self.downlink = Downlink(
            self.ctx,
            handlers(
                self.ctx,
                accept_trust=self.enrolment.accept_trust,
                take_receipt=self.receipts.take,
                take_part=self.compact.take_part,
                transfers=transfers,
                audit=audit,
            ),
        )
        enrolment, outbox, downlink = self.enrolment, self.outbox, self.downlink
        self.exchange = Exchange(
            self.ctx,
            enrolment=enrolment,
            outbox=outbox,
            downlink=downlink,
            receipts=self.receipts,
            compact=self.compact,
        )
        self.usb = UsbExchange(self.ctx, enrolment=enrolment, outbox=outbox, downlink=downlink)
        self.view = SyncStatus(self.ctx, audit=audit, record=record, operator=operator)

    # -- settings ------------------------------------------------------------------------------
    @property
    def policy(self) -> SyncPolicy:
        return self.ctx.policy

    @property
    def crypto(self) -> SyncCrypto:
        return self.ctx.crypto

    @property
    def max_ops(self) -> int:
        return self.outbox.max_ops

    @max_ops.setter
    def max_ops(self, value: int) -> None:
        self.outbox.max_ops = max(1, int(value))

    def enrolled(self) -> bool:
        return self.ctx.enrolled()

    # -- enrolment -------------------------------------------------------------------------------
    def enroll_online(self, server_url: str, code: str) -> dict[str, Any]:
        return self.enrolment.online(server_url, code)

    def enroll_file(self, path: str, request_out: str | None = None) -> dict[str, Any]:
        return self.enrolment.by_file(path, request_out)

    # -- exchanges -------------------------------------------------------------------------------
    def sync(
        self,
        server_url: str | None = None,
        *,
        background: bool = False,
        progress: Progress | None = None,
        between: Callable[[], None] | None = None,
    ) -> SyncReport:
        """One exchange with ztcentral (blocking: the UI runs it on its network worker)."""
        return self.exchange.run(
            server_url, background=background, progress=progress, between=between
        )

    def export(self, folder: str) -> list[dict[str, Any]]:
        return self.usb.export(folder)

    def import_files(self, paths: list[str], trust_file: str | None = None) -> ImportReport:
        return self.usb.import_files(paths, trust_file)

    def import_file(self, path: str, trust_file: str | None = None) -> FileImport:
        """One file; raises its code when refused (``import_files`` is the rule for several)."""
        return self.usb.import_one(path, trust_file)

    # -- lower level (tests, support) ------------------------------------------------------------
    def prepare(self) -> dict[str, Any] | None:
        return self.outbox.prepare()

    def take_receipt(self, data: bytes) -> ReceiptSummary | None:
        return self.receipts.take(data)

    def take_down(self, data: bytes) -> DownSummary:
        return self.downlink.take(data)

    # -- for the 同步 page and the CLI -----------------------------------------------------------
    def status(self) -> dict[str, Any]:
        return self.view.status()

    def problems(self, include_reviewed: bool = False) -> list[dict[str, Any]]:
        return self.view.problems(include_reviewed)

    def conflicts(self) -> list[dict[str, Any]]:
        return self.view.conflicts()

    def problem(self, problem_id: int) -> dict[str, Any] | None:
        return self.view.problem(problem_id)

    def mark_reviewed(self, problem_id: int) -> bool:
        return self.view.mark_reviewed(problem_id)

    def items(self, kind: str) -> list[dict[str, Any]]:
        return self.view.items(kind)

    def mark_read(self, item_id: str) -> None:
        self.view.mark_read(item_id)

    def log(self, limit: int = 50) -> Iterator[dict[str, Any]]:
        return self.view.log(limit)
