"""Test helpers: a simulated clerk's device that enrols, seals ops and keeps its chain."""

from __future__ import annotations

import uuid
from typing import Any

from ztcentral.enrolment import enrol_device, issue_code
from ztcentral.service import Central
from ztprotocol import enrol
from ztprotocol.bundle import GENESIS, bundle_hash, seal_bundle
from ztprotocol.downlink import open_downlink
from ztprotocol.keys import DeviceKeys
from ztprotocol.receipt import Receipt, verify_receipt
from ztprotocol.trust import TrustFile, parse_trust, verify_trust


def op(
    seq: int,
    entity: str,
    record_id: str,
    kind: str,
    fields: dict[str, Any],
    base_version: int | None = None,
    op_id: str | None = None,
) -> dict[str, Any]:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "seq": seq,
        "entity": entity,
        "record_id": record_id,
        "op": kind,
        "base_version": base_version,
        "fields": fields,
        "at": "2026-11-23T08:00:00Z",
    }


class Device:
    """A clerk's device: its keys, its outbox sequence, its chain, its pinned trust file."""

    def __init__(self, unit: str, device_id: str | None = None) -> None:
        self.unit = unit
        self.device_id = device_id or str(uuid.uuid4())
        self.keys = DeviceKeys.generate()
        self.seq = 0
        self.prev = GENESIS
        self.trust: TrustFile | None = None
        self.down_seq = 0
        self.down_prev = GENESIS
        self.sent: dict[str, str] = {}

    # enrolment ---------------------------------------------------------------------------
    def enrol_request(self, code: str) -> bytes:
        return enrol.make_request(
            code=code, unit=self.unit, device_id=self.device_id, keys=self.keys
        )

    def accept_response(self, response: bytes, code: str) -> None:
        trust = enrol.check_response(response, code=code)
        pin = parse_trust(trust)[0].signed["root"]["keys"]
        self.trust = verify_trust(trust, pinned_root=pin)

    def enrol_direct(self, central: Central) -> None:
        code, _ = issue_code(central, self.unit)
        self.accept_response(enrol_device(central, self.enrol_request(code)), code)

    def signer(self):
        """What signs this device's HTTP requests (docs/sync-protocol.md §7.7)."""
        from ztprotocol.request_sig import RequestSigner

        return RequestSigner(self.keys.sign, self.keys.sign_kid)

    # bundles -----------------------------------------------------------------------------
    def next_ops(self, specs: list[tuple]) -> list[dict[str, Any]]:
        """specs: (entity, record_id, kind, fields[, base_version]) → ops with fresh seqs."""
        out = []
        for spec in specs:
            self.seq += 1
            out.append(op(self.seq, *spec))
        return out

    def seal(self, ops: list[dict[str, Any]], **kw: Any) -> bytes:
        """Seal ops as the next bundle of the chain (``prev_hash=`` overrides, not chaining)."""
        assert self.trust is not None
        args = dict(
            device_id=self.device_id,
            unit_code=self.unit,
            seq_from=ops[0]["seq"],
            seq_to=ops[-1]["seq"],
            prev_hash=self.prev,
            audit_head="cd" * 32,
            device_signing_key=self.keys.sign,
            bundle_id=str(uuid.uuid4()),
            central_public_key=self.trust.current_enc_key(),
        )
        args.update(kw)
        data = seal_bundle(ops, **args)
        self.sent[bundle_hash(data)] = args["bundle_id"]
        if "prev_hash" not in kw:
            self.prev = bundle_hash(data)
        return data

    def verify(self, receipt: bytes, bundle: bytes, min_watermark: int = 0) -> Receipt:
        """The client's receipt check for a bundle it sent."""
        assert self.trust is not None
        sha = bundle_hash(bundle)
        return verify_receipt(
            receipt,
            trusted_keys=self.trust.central_sign_keys().values(),
            bundle_id=self.sent[sha],
            bundle_hash=sha,
            min_watermark=min_watermark,
        )

    def open_down(self, data: bytes):
        """Open a downlink bundle as the client will: trust-file keys, chain check."""
        assert self.trust is not None
        header, items = open_downlink(
            data,
            trust=self.trust,
            device_keys=self.keys,
            unit=self.unit,
            down_seq=self.down_seq,
            down_prev=self.down_prev,
        )
        self.down_seq, self.down_prev = header.seq_to, header.bundle_hash
        return header, items
