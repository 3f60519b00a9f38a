"""Importing a file carried up by USB: a bundle, an enrolment request or a key rotation.

Importing is idempotent: a bundle goes through the same path as an HTTP upload (a resend of
identical bytes is recognised by hash). Its acknowledgement is made fresh on every import
(usb_acks.py), so importing a file again after its bundle was released from the backlog
brings back the receipt that now applies, not the old "held" one. Files may come in any order:
a bundle before its device's enrolment request is kept (quarantined, its key unknown yet) and
goes through when the request is imported, which answers with an acknowledgement for it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ztcentral.enrolment import enrol_device, rotate_device_key
from ztcentral.service import Central
from ztcentral.usb_acks import acknowledgement, answered, release_for_device
from ztprotocol import enrol
from ztprotocol.bundle import MAGIC
from ztprotocol.codes import SyncRejected


@dataclass
class ImportResult:
    kind: str  # bundle / enrol-request / key-rotation
    status: str
    code: str | None = None
    ack: bytes | None = None  # the acknowledgement (or the enrolment response)
    device_id: str | None = None
    duplicate: bool = False
    released: bytes | None = None  # an enrolment request: the ack of bundles it released


def import_bytes(central: Central, data: bytes) -> ImportResult:
    if data.startswith(MAGIC):
        out = central.process(data)
        ack = None
        if out.device_id is not None and out.status in ("applied", "held"):
            ack = acknowledgement(central, out.device_id, answered(data, out))
        return ImportResult("bundle", out.status, out.code, ack, out.device_id, out.duplicate)
    head = data[:200]
    if b'"type":"enrol-request"' in data and head.startswith(b"{"):
        resp = enrol_device(central, data)
        device = enrol.parse_request(data).device
        released = release_for_device(central, device)
        extra = acknowledgement(central, device, released) if released else None
        return ImportResult("enrol-request", "enrolled", None, resp, device, released=extra)
    if b'"type":"key-rotation"' in data and head.startswith(b"{"):
        device = rotate_device_key(central, data)
        return ImportResult("key-rotation", "rotated", None, None, device)
    raise SyncRejected("E_IMPORT_KIND")
