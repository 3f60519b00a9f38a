"""What the sync service needs from infra, as Protocols (infra/sync/engine.py provides them).

:class:`SyncCrypto` is the protocol adapter: keys, sealing, receipts, trust files, downlink
bundles and files. :class:`Transport` is one connection to ztcentral. Every method raises
``DomainError`` with a code (``E_NETWORK`` when the link fails); none of them decides anything:
which ops to send and what a receipt means is the service's business.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

#: called with (bytes sent so far in this request, bytes of the request); may raise
#: DomainError("E_CANCELLED") to stop before the next request
BytesProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Sealed:
    bundle_id: str
    hash: str
    data: bytes


@dataclass(frozen=True)
class TrustInfo:
    version: int
    text: str
    root: dict[str, str]
    server_url: str


@dataclass(frozen=True)
class ReceiptInfo:
    """A receipt that passed verification (signature, bundle id and hash, watermark)."""

    bundle_id: str
    status: str
    code: str | None
    watermark: int
    missing: list[int] | None
    ops: list[dict[str, Any]]
    counts: dict[str, int]
    raw: bytes
    audit_head: str = ""  # the bundle's audit head, now anchored at the centre


@dataclass(frozen=True)
class ReceiptPartInfo:
    """A verified part of a compact receipt (DZR2): clean ranges and the exceptions, with
    outcomes and codes only."""

    bundle_hash: str
    status: str
    code: str | None
    watermark: int
    missing: list[int] | None
    part: int
    parts: int
    ok: tuple[tuple[int, int], ...]
    exceptions: tuple[tuple[int, str, str | None, dict[str, Any]], ...]
    raw: bytes
    audit_head: str = ""  # the bundle's audit head, now anchored at the centre


@dataclass(frozen=True)
class DownBundle:
    seq: int
    hash: str
    items: list[dict[str, Any]]


@dataclass
class UploadOutcome:
    status: str
    code: str | None
    receipt: bytes | None
    also_applied: list[bytes] = field(default_factory=list)


@dataclass
class ExchangeRound:
    """One answer of the lean exchange, framed but not yet verified: every frame is checked by
    its own reader (receipt parts, trust file, downlink bundles) when it is taken in."""

    state: dict[str, Any]
    receipts: list[bytes] = field(default_factory=list)
    trust: bytes | None = None
    down: list[bytes] = field(default_factory=list)
    request_bytes: int = 0
    response_bytes: int = 0
    cut_at: int | None = None  # the fewest request bytes a cut connection carried, if any


@dataclass(frozen=True)
class LinkPolicy:
    """How hard one connection tries: network failures are retried ``retries`` times with a
    backoff doubling from ``backoff`` seconds up to ``backoff_cap``; ``check`` is called
    between attempts and while waiting (it raises to cancel)."""

    retries: int
    backoff: float
    backoff_cap: float
    timeout: float
    check: Callable[[], None] | None = None


class Transport(Protocol):
    """HTTP to ztcentral. Every method raises DomainError (E_NETWORK when the link fails)."""

    def handshake(self, device_id: str) -> dict[str, Any]: ...
    def trust(self) -> bytes: ...
    def enrol(self, request: bytes) -> bytes: ...
    def upload(self, bundle: bytes, progress: BytesProgress | None = None) -> UploadOutcome: ...
    def receipt(self, bundle_id: str) -> bytes | None: ...
    def download(self, device_id: str, after: int) -> bytes | None: ...
    def exchange(
        self, hello: dict[str, Any], bundles: list[bytes], progress: BytesProgress | None = None
    ) -> ExchangeRound:
        """One round of the lean exchange (E_PROTOCOL_OLD: the server speaks only protocol 1;
        E_NETWORK with ``what="answer"``: the request arrived whole, its answer did not;
        ``cut_at``: how many request bytes went before the link broke)."""
        ...


class SyncCrypto(Protocol):
    """Keys, bundles, receipts, trust files and USB files (infra/sync/engine.py)."""

    def new_keys(self) -> tuple[str, str]: ...  # (private keys text, signing kid)
    def enrol_request(self, keys: str, *, code: str, unit: str, device_id: str) -> bytes: ...
    def read_enrolment_file(self, data: bytes) -> dict[str, Any]: ...
    def check_enrol_response(self, data: bytes, *, code: str) -> bytes: ...
    def accept_trust(
        self, data: bytes, *, current: str | None, pinned_root: dict[str, str] | None, now: str
    ) -> TrustInfo: ...
    def own_root(self, trust: bytes) -> dict[str, str]: ...
    def seal(
        self,
        ops: list[dict[str, Any]],
        *,
        keys: str,
        trust: str,
        unit: str,
        device_id: str,
        seq_from: int,
        seq_to: int,
        prev: str,
        audit_head: str,
        audit: dict[str, Any] | None = None,  # the audit section (audit_anchor.py)
    ) -> Sealed: ...
    def receipt_bundle_id(self, data: bytes) -> str | None: ...
    def receipt_part_bundle(self, data: bytes) -> str | None: ...
    def verify_receipt_part(
        self,
        data: bytes,
        *,
        trust: str,
        bundle_hash: str,
        device: str,
        seq_from: int,
        seq_to: int,
        min_watermark: int,
    ) -> ReceiptPartInfo: ...
    def verify_receipt(
        self, data: bytes, *, trust: str, bundle_id: str, bundle_hash: str, min_watermark: int
    ) -> ReceiptInfo: ...
    def open_down(
        self, data: bytes, *, trust: str, keys: str, unit: str, down_seq: int, down_prev: str
    ) -> DownBundle: ...
    def connect(
        self, server_url: str, link: LinkPolicy, keys: str | None = None
    ) -> AbstractContextManager[Transport]: ...  # keys: sign device requests (§7.7)
    def read_file(self, path: str) -> bytes: ...
    def write_file(self, path: str, data: bytes) -> str: ...
    def bundle_file_name(self, unit: str, seq_from: int, seq_to: int, bundle_hash: str) -> str: ...
    def split_bundles(self, data: bytes) -> list[bytes]: ...
