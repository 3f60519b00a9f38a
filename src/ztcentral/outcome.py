"""What happened to one bundle, and how that maps onto HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

QUARANTINE_CODES = {
    "E_DEVICE_UNKNOWN",
    "E_DEVICE_REVOKED",
    "E_DEVICE_KEY_MISMATCH",
    "E_BUNDLE_FORK",
    "E_AUDIT_FORK",
}
#: HTTP status per bundle outcome code
HTTP_STATUS = {
    None: 200,
    "E_BUNDLE_GAP": 202,
    "E_DEVICE_UNKNOWN": 403,
    "E_DEVICE_REVOKED": 403,
    "E_DEVICE_KEY_MISMATCH": 403,
    "E_BUNDLE_REPLAY": 409,
    "E_BUNDLE_FORK": 409,
    "E_AUDIT_FORK": 409,
    "E_BUNDLE_REORDER": 409,
    "E_BUNDLE_ID_REUSED": 409,
    "E_BUNDLE_TOO_LARGE": 413,
}


@dataclass
class Outcome:
    """What happened to one bundle: ``status`` is applied/held/quarantined/rejected."""

    status: str
    code: str | None = None
    receipt: bytes | None = None
    duplicate: bool = False
    device_id: str | None = None
    bundle_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    also_applied: list[bytes] = field(default_factory=list)  # receipts of backlog bundles

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.code, 422)
