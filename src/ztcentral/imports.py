"""Importing a file carried up by USB: a bundle, an enrolment request or a key rotation.

Importing is idempotent: a bundle goes through the same path as an HTTP upload (a resend of
identical bytes is recognised by hash), and the acknowledgement bundle for a given file is
built once and returned again on every later import.
"""

from __future__ import annotations

from dataclasses import dataclass

from ztcentral.downlink import ack_for_import
from ztcentral.enrolment import enrol_device, rotate_device_key
from ztcentral.service import Central
from ztprotocol.bundle import MAGIC
from ztprotocol.codes import SyncRejected


@dataclass
class ImportResult:
    kind: str  # bundle / enrol-request / key-rotation
    status: str
    code: str | None = None
    ack: bytes | None = None  # the acknowledgement bundle (or the enrolment response)
    device_id: str | None = None
    duplicate: bool = False


def import_bytes(central: Central, data: bytes) -> ImportResult:
    if data.startswith(MAGIC):
        out = central.process(data)
        ack = ack_for_import(central, data, out)
        return ImportResult("bundle", out.status, out.code, ack, out.device_id, out.duplicate)
    head = data[:200]
    if b'"type":"enrol-request"' in data and head.startswith(b"{"):
        resp = enrol_device(central, data)
        return ImportResult("enrol-request", "enrolled", None, resp)
    if b'"type":"key-rotation"' in data and head.startswith(b"{"):
        device = rotate_device_key(central, data)
        return ImportResult("key-rotation", "rotated", None, None, device)
    raise SyncRejected("E_IMPORT_KIND")
