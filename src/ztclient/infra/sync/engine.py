"""The sync adapter: implements ``services.sync.SyncCrypto`` and ``Transport`` with the
protocol package (``ztprotocol``: bundle, receipt, trust, enrol, downlink, usb) and the HTTP
client beside it (http_transport).

No rules live here: which ops to send, when to mark them synced and what to do with downlink
items is decided by ``services/sync.py``. This module only turns those decisions into bytes,
signatures and HTTP requests. It is also the boundary where the protocol's refusals
(``ztprotocol.codes.ProtocolError``) become the client's coded errors (``DomainError``, same
code and params): every public method below is wrapped by :func:`_coded`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx2

from ztclient.domain.errors import DomainError
from ztclient.infra.sync.http_transport import CentralClient, check_address
from ztclient.services.sync import (
    DownBundle,
    ExchangeRound,
    LinkPolicy,
    ReceiptInfo,
    ReceiptPartInfo,
    Sealed,
    TrustInfo,
    UploadOutcome,
)
from ztclient.services.sync.ports import BytesProgress
from ztprotocol import enrol, receipt2, usb
from ztprotocol import exchange as xchg
from ztprotocol.bundle import bundle_hash, seal_bundle
from ztprotocol.codes import ProtocolError
from ztprotocol.downlink import open_downlink
from ztprotocol.keys import DeviceKeys
from ztprotocol.receipt import peek_bundle_id, verify_receipt
from ztprotocol.request_sig import RequestSigner
from ztprotocol.trust import TrustFile, parse_trust, verify_trust

F = TypeVar("F", bound=Callable[..., Any])


def _coded(fn: F) -> F:
    """Raise the protocol's refusals as the client's coded errors (same code, same params)."""

    @functools.wraps(fn)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ProtocolError as exc:
            raise DomainError(exc.code, None, **exc.params) from exc

    return wrapped  # type: ignore[return-value]


def _when(iso: str) -> datetime:
    return datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)


def _trust(text: str) -> TrustFile:
    return parse_trust(text.encode("utf-8"))[0]


class HttpTransport:
    """``services.sync.Transport`` over :class:`CentralClient` (resumable upload, retries)."""

    def __init__(self, client: CentralClient) -> None:
        self.client = client

    @_coded
    def exchange(
        self, hello: dict[str, Any], bundles: list[bytes], progress: BytesProgress | None = None
    ) -> ExchangeRound:
        """One round of the lean exchange: frame the request, send it (resumable), unframe
        the answer. Each frame is verified later, by its own reader, in the service."""
        greeting = xchg.Hello(
            device=hello["device"],
            down=hello["down"],
            trust=hello["trust"],
            unacked=tuple(tuple(u) for u in hello["unacked"]),
            budget=hello["budget"],
            next=hello["next"],
            have=hello["have"],
            wm=hello["wm"],
            resync=hello["resync"],
        )
        body = xchg.encode_request(greeting, bundles)
        data, sent, cut_at = self.client.exchange(body, progress)
        answer = xchg.decode_response(data)
        return ExchangeRound(
            answer.state, answer.receipts, answer.trust, answer.down, sent, len(data), cut_at
        )

    @_coded
    def handshake(self, device_id: str) -> dict[str, Any]:
        return self.client._retrying(lambda: self.client.handshake(device_id))

    @_coded
    def trust(self) -> bytes:
        return self.client._retrying(self.client.trust)

    @_coded
    def enrol(self, request: bytes) -> bytes:
        return self.client._retrying(lambda: self.client.enrol(request))

    @_coded
    def upload(self, bundle: bytes, progress: BytesProgress | None = None) -> UploadOutcome:
        res = self.client.upload(bundle, resume=True, progress=progress)
        return UploadOutcome(res.status, res.code, res.receipt, list(res.also_applied))

    @_coded
    def receipt(self, bundle_id: str) -> bytes | None:
        return self.client._retrying(lambda: self.client.receipt(bundle_id))

    @_coded
    def download(self, device_id: str, after: int) -> bytes | None:
        return self.client._retrying(lambda: self.client.download(device_id, after))


class SyncEngine:
    """The real ``SyncCrypto`` for :class:`ztclient.services.sync.SyncService`."""

    def __init__(self, *, transport: httpx2.BaseTransport | None = None) -> None:
        """``transport``: tests route HTTP through a fake or a proxy. How hard to try is the
        service's policy (services/sync/policy.py), handed to :meth:`connect`."""
        self.transport = transport

    # -- keys and enrolment ----------------------------------------------------------------------
    @_coded
    def new_keys(self) -> tuple[str, str]:
        keys = DeviceKeys.generate()
        return keys.to_bytes().decode("ascii"), keys.sign_kid

    @_coded
    def enrol_request(self, keys: str, *, code: str, unit: str, device_id: str) -> bytes:
        return enrol.make_request(
            code=code, unit=unit, device_id=device_id, keys=DeviceKeys.from_bytes(keys.encode())
        )

    @_coded
    def read_enrolment_file(self, data: bytes) -> dict[str, Any]:
        return enrol.read_enrolment_file(data)

    @_coded
    def check_enrol_response(self, data: bytes, *, code: str) -> bytes:
        return enrol.check_response(data, code=code)

    @_coded
    def own_root(self, trust: bytes) -> dict[str, str]:
        return dict(parse_trust(trust)[0].signed["root"]["keys"])

    @_coded
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
    @_coded
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
        audit: dict[str, Any] | None = None,
    ) -> Sealed:
        import uuid

        from ztprotocol.audit_section import AuditSection

        bundle_id = str(uuid.uuid4())
        section = None
        if audit is not None:  # the stretch of the audit chain since the last bundle (audit1)
            section = AuditSection(
                audit["from_seq"], audit["n"], audit["prev"], bool(audit.get("branch"))
            )
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
            audit=section,
        )
        return Sealed(bundle_id, bundle_hash(data), data)

    @_coded
    def receipt_bundle_id(self, data: bytes) -> str | None:
        """The bundle a receipt claims to answer (unverified: only used to find our bundle,
        whose id and hash the verification then insists on)."""
        return peek_bundle_id(data)

    @_coded
    def receipt_part_bundle(self, data: bytes) -> str | None:
        return receipt2.peek_bundle(data)

    @_coded
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
    ) -> ReceiptPartInfo:
        p = receipt2.verify_part(
            data,
            trusted_keys=_trust(trust).central_sign_keys().values(),
            bundle_hash=bundle_hash,
            device=device,
            seq_from=seq_from,
            seq_to=seq_to,
            min_watermark=min_watermark,
        )
        return ReceiptPartInfo(
            p.bundle_hash,
            p.status,
            p.code,
            p.watermark,
            p.missing,
            p.part,
            p.parts,
            p.ok,
            p.exceptions,
            p.raw,
            p.audit_head,
        )

    @_coded
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
            rec.audit_head,
        )

    @_coded
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
    def connect(
        self, server_url: str, link: LinkPolicy, keys: str | None = None
    ) -> Iterator[HttpTransport]:
        """A transport to ``server_url`` trying as hard as ``link`` says; with the device's
        ``keys``, device requests are signed (docs/sync-protocol.md §7.7)."""
        check_address(server_url)  # E_SERVER_ADDRESS before anything is sent
        signer = None
        if keys is not None:
            dk = DeviceKeys.from_bytes(keys.encode())
            signer = RequestSigner(dk.sign, dk.sign_kid)
        client = CentralClient(
            server_url,
            timeout=link.timeout,
            retries=link.retries,
            backoff=link.backoff,
            backoff_cap=link.backoff_cap,
            check=link.check,
            transport=self.transport,
            signer=signer,
        )
        try:
            yield HttpTransport(client)
        finally:
            client.close()

    @_coded
    def read_file(self, path: str) -> bytes:
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise DomainError("E_FILE_NOT_FOUND", path=str(path)) from exc

    @_coded
    def write_file(self, path: str, data: bytes) -> str:
        return str(usb.atomic_write(Path(path), data))

    @_coded
    def bundle_file_name(self, unit: str, seq_from: int, seq_to: int, bundle_hash: str) -> str:
        return usb.bundle_file_name(unit, seq_from, seq_to, bundle_hash)

    @_coded
    def split_bundles(self, data: bytes) -> list[bytes]:
        return usb.split_bundles(data)
