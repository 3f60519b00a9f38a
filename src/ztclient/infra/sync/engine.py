"""The sync adapter: implements ``services.sync.SyncCrypto`` and ``Transport`` with the
protocol modules beside it (bundle, receipt, trust, enrol, downlink, http_transport, usb).

No rules live here: which ops to send, when to mark them synced and what to do with downlink
items is decided by ``services/sync.py``. This module only turns those decisions into bytes,
signatures and HTTP requests, and turns refusals into coded errors (``SyncRejected`` is a
``DomainError``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from ztclient.domain.errors import DomainError
from ztclient.infra.sync import enrol, usb
from ztclient.infra.sync.bundle import bundle_hash, seal_bundle
from ztclient.infra.sync.canonical import NotCanonical, parse_strict
from ztclient.infra.sync.downlink import open_downlink
from ztclient.infra.sync.http_transport import CentralClient
from ztclient.infra.sync.keys import DeviceKeys
from ztclient.infra.sync.receipt import _PREFIX as _RECEIPT_PREFIX
from ztclient.infra.sync.receipt import MAGIC as RECEIPT_MAGIC
from ztclient.infra.sync.receipt import verify_receipt
from ztclient.infra.sync.trust import TrustFile, parse_trust, verify_trust
from ztclient.services.sync import DownBundle, ReceiptInfo, Sealed, TrustInfo, UploadOutcome


def _when(iso: str) -> datetime:
    return datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)


def _trust(text: str) -> TrustFile:
    return parse_trust(text.encode("utf-8"))[0]


class HttpTransport:
    """``services.sync.Transport`` over :class:`CentralClient` (resumable upload, retries)."""

    def __init__(self, client: CentralClient) -> None:
        self.client = client

    def handshake(self, device_id: str) -> dict[str, Any]:
        return self.client._retrying(lambda: self.client.handshake(device_id))

    def trust(self) -> bytes:
        return self.client._retrying(self.client.trust)

    def enrol(self, request: bytes) -> bytes:
        return self.client._retrying(lambda: self.client.enrol(request))

    def upload(self, bundle: bytes) -> UploadOutcome:
        res = self.client.upload(bundle, resume=True)
        return UploadOutcome(res.status, res.code, res.receipt, list(res.also_applied))

    def receipt(self, bundle_id: str) -> bytes | None:
        return self.client._retrying(lambda: self.client.receipt(bundle_id))

    def download(self, device_id: str, after: int) -> bytes | None:
        return self.client._retrying(lambda: self.client.download(device_id, after))


class SyncEngine:
    """The real ``SyncCrypto`` for :class:`ztclient.services.sync.SyncService`."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 8,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.transport = transport

    # -- keys and enrolment ----------------------------------------------------------------------
    def new_keys(self) -> tuple[str, str]:
        keys = DeviceKeys.generate()
        return keys.to_bytes().decode("ascii"), keys.sign_kid

    def enrol_request(self, keys: str, *, code: str, unit: str, device_id: str) -> bytes:
        return enrol.make_request(
            code=code, unit=unit, device_id=device_id, keys=DeviceKeys.from_bytes(keys.encode())
        )

    def read_enrolment_file(self, data: bytes) -> dict[str, Any]:
        return enrol.read_enrolment_file(data)

    def check_enrol_response(self, data: bytes, *, code: str) -> bytes:
        return enrol.check_response(data, code=code)

    def own_root(self, trust: bytes) -> dict[str, str]:
        return dict(parse_trust(trust)[0].signed["root"]["keys"])

    def accept_trust(
        self, data: bytes, *, current: str | None, pinned_root: dict[str, str] | None, now: str
    ) -> TrustInfo:
        new = verify_trust(
            data,
            current=_trust(current) if current else None,
            pinned_root=pinned_root,
            now=_when(now),
        )
        return TrustInfo(
            new.version,
            data.decode("utf-8"),
            dict(new.signed["root"]["keys"]),
            str(new.signed["server_url"]),
        )

    # -- bundles and receipts --------------------------------------------------------------------
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
    ) -> Sealed:
        import uuid

        bundle_id = str(uuid.uuid4())
        data = seal_bundle(
            ops,
            device_id=device_id,
            unit_code=unit,
            seq_from=seq_from,
            seq_to=seq_to,
            prev_hash=prev,
            audit_head=audit_head,
            device_signing_key=DeviceKeys.from_bytes(keys.encode()).sign,
            central_public_key=_trust(trust).current_enc_key(),
            bundle_id=bundle_id,
        )
        return Sealed(bundle_id, bundle_hash(data), data)

    def receipt_bundle_id(self, data: bytes) -> str | None:
        """The bundle a receipt claims to answer (unverified: only used to find our bundle,
        whose id and hash the verification then insists on)."""
        try:
            if not data.startswith(RECEIPT_MAGIC) or len(data) < _RECEIPT_PREFIX.size + 64:
                return None
            body = parse_strict(data[_RECEIPT_PREFIX.size : -64])
            value = body.get("bundle_id") if isinstance(body, dict) else None
            return value if isinstance(value, str) else None
        except (NotCanonical, ValueError):
            return None

    def verify_receipt(
        self, data: bytes, *, trust: str, bundle_id: str, bundle_hash: str, min_watermark: int
    ) -> ReceiptInfo:
        rec = verify_receipt(
            data,
            trusted_keys=_trust(trust).central_sign_keys().values(),
            bundle_id=bundle_id,
            bundle_hash=bundle_hash,
            min_watermark=min_watermark,
        )
        return ReceiptInfo(
            rec.bundle_id,
            rec.status,
            rec.code,
            rec.watermark,
            rec.missing,
            rec.ops,
            rec.counts,
            rec.raw,
        )

    def open_down(
        self, data: bytes, *, trust: str, keys: str, unit: str, down_seq: int, down_prev: str
    ) -> DownBundle:
        header, items = open_downlink(
            data,
            trust=_trust(trust),
            device_keys=DeviceKeys.from_bytes(keys.encode()),
            unit=unit,
            down_seq=down_seq,
            down_prev=down_prev,
        )
        return DownBundle(header.seq_to, header.bundle_hash, items)

    # -- transport and files ---------------------------------------------------------------------
    @contextlib.contextmanager
    def connect(self, server_url: str) -> Iterator[HttpTransport]:
        client = CentralClient(
            server_url,
            timeout=self.timeout,
            retries=self.retries,
            backoff=self.backoff,
            transport=self.transport,
        )
        try:
            yield HttpTransport(client)
        finally:
            client.close()

    def read_file(self, path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise DomainError("E_NOT_FOUND", what="file", id=str(path)) from exc

    def write_file(self, path: str, data: bytes) -> str:
        return str(usb.atomic_write(Path(path), data))

    def bundle_file_name(self, unit: str, seq_from: int, seq_to: int, bundle_id: str) -> str:
        return usb.bundle_file_name(unit, seq_from, seq_to, bundle_id)
