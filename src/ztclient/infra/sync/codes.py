"""Sync error codes; their Chinese and English text comes from domain/messages.py.

A code is a stable string; the UI and CLI render it; nobody parses messages. The same table
is printed in docs/sync-protocol.md §9, and a test keeps the two in step.
"""

from __future__ import annotations

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import MESSAGES as _MESSAGES

#: The sync codes, in the order of docs/sync-protocol.md §10. Their text lives in
#: domain/messages.py (one catalogue for the UI and the CLI); this is a view of it.
SYNC_CODES: tuple[str, ...] = (
    "E_BUNDLE_TRUNCATED",
    "E_BUNDLE_TOO_LARGE",
    "E_BUNDLE_FORMAT",
    "E_BUNDLE_HEADER",
    "E_BUNDLE_CAPABILITY",
    "E_BUNDLE_VERSION",
    "E_SUITE_UNKNOWN",
    "E_SUITE_UNSUPPORTED",
    "E_SUITE_NOT_ALLOWED",
    "E_DEVICE_UNKNOWN",
    "E_DEVICE_REVOKED",
    "E_DEVICE_KEY_MISMATCH",
    "E_BUNDLE_SIGNATURE",
    "E_BUNDLE_RECIPIENT",
    "E_BUNDLE_DECRYPT",
    "E_BUNDLE_PAYLOAD",
    "E_BUNDLE_REPLAY",
    "E_BUNDLE_FORK",
    "E_BUNDLE_GAP",
    "E_BUNDLE_REORDER",
    "E_BUNDLE_ID_REUSED",
    "E_RECEIPT_SIGNATURE",
    "E_RECEIPT_FORMAT",
    "E_RECEIPT_STALE",
    "E_TRUST_SIGNATURE",
    "E_TRUST_ROLLBACK",
    "E_TRUST_EXPIRED",
    "E_TRUST_FORMAT",
    "E_ENROL_CODE",
    "E_ENROL_FORMAT",
    "E_ROTATION_SIGNATURE",
    "E_UPLOAD_OFFSET",
    "E_UPLOAD_UNKNOWN",
    "E_UPLOAD_HASH",
    "E_UNIT_UNKNOWN",
    "E_AUTH",
    "E_NETWORK",
    "E_SERVER",
    "E_IMPORT_KIND",
    "E_MERGE_CONFLICT",
    "E_OP_INVALID",
    "E_OP_DUPLICATE",
    "E_RECORD_UNKNOWN",
)

#: code -> (中文, English)
MESSAGES: dict[str, tuple[str, str]] = {code: _MESSAGES[code] for code in SYNC_CODES}


class SyncRejected(DomainError):
    """A sync artefact (bundle, receipt, trust file, enrolment file) was refused."""

    def __init__(self, code: str, **params: object) -> None:
        assert code in MESSAGES, code
        super().__init__(code, None, **params)


class BundleRejected(SyncRejected):
    """:func:`ztclient.infra.sync.bundle.open_bundle` refused the bytes."""


class ReceiptRejected(SyncRejected):
    """A receipt failed verification."""


class TrustRejected(SyncRejected):
    """A trust file failed verification."""
