"""同步: the client's sync service (docs/sync-client.md). Import from here."""

from ztclient.services.sync.policy import SyncPolicy
from ztclient.services.sync.ports import (
    DownBundle,
    ExchangeRound,
    LinkPolicy,
    ReceiptInfo,
    ReceiptPartInfo,
    Sealed,
    SyncCrypto,
    Transport,
    TrustInfo,
    UploadOutcome,
)
from ztclient.services.sync.report import (
    BundleSent,
    FileImport,
    ImportReport,
    ReceiptSummary,
    SyncReport,
)
from ztclient.services.sync.service import SyncService

__all__ = [
    "BundleSent",
    "DownBundle",
    "ExchangeRound",
    "FileImport",
    "ImportReport",
    "LinkPolicy",
    "ReceiptInfo",
    "ReceiptPartInfo",
    "ReceiptSummary",
    "Sealed",
    "SyncCrypto",
    "SyncPolicy",
    "SyncReport",
    "SyncService",
    "Transport",
    "TrustInfo",
    "UploadOutcome",
]
