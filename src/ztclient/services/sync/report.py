"""What a sync did, as typed values: the UI and the CLI read these, never guess.

``SyncReport.changes`` says which kinds of records the exchange touched (a transfer-in adds a
member, a notice arrives …), so views refresh exactly what changed (services report what
changed: docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ztclient.services.changes import Changes


@dataclass(frozen=True)
class BundleSent:
    bundle_id: str
    seq_from: int
    seq_to: int
    bytes: int
    status: str  # applied / held / quarantined / rejected
    code: str | None = None

    @property
    def ops(self) -> int:
        return self.seq_to - self.seq_from + 1


@dataclass(frozen=True)
class ReceiptSummary:
    """One verified receipt taken in: how many ops it confirmed, flagged or refused."""

    bundle_id: str
    status: str
    code: str | None = None
    synced: int = 0
    conflicts: int = 0
    rejected: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class DownSummary:
    """What came down the line: items kept, receipts among them, what they changed."""

    items: int = 0
    receipts: list[ReceiptSummary] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


@dataclass
class SyncReport:
    how: str  # "http" or "usb"
    server: str | None = None
    sent: list[BundleSent] = field(default_factory=list)
    receipts: list[ReceiptSummary] = field(default_factory=list)
    down_items: int = 0
    bytes_total: int = 0  # bundle bytes this exchange had to send
    bytes_sent: int = 0
    changes: Changes = field(default_factory=lambda: Changes(sync=True))

    def take(self, down: DownSummary) -> None:
        self.down_items += down.items
        self.receipts.extend(down.receipts)
        self.changes = self.changes | down.changes

    @property
    def ops_sent(self) -> int:
        return sum(b.ops for b in self.sent)

    @property
    def synced(self) -> int:
        return sum(r.synced for r in self.receipts)

    @property
    def conflicts(self) -> int:
        return sum(r.conflicts for r in self.receipts)

    @property
    def rejected(self) -> int:
        return sum(r.rejected for r in self.receipts)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["changes"] = [k for k, v in asdict(self.changes).items() if v]
        return out


@dataclass(frozen=True)
class FileImport:
    """One USB file taken in (``imported`` False: the same file was imported before)."""

    file: str
    imported: bool
    items: int = 0
    receipts: tuple[ReceiptSummary, ...] = ()
    code: str | None = None  # the file's own refusal, when it was not imported
    params: dict[str, Any] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)

    @property
    def synced(self) -> int:
        return sum(r.synced for r in self.receipts)


@dataclass
class ImportReport:
    files: list[FileImport] = field(default_factory=list)
    changes: Changes = field(default_factory=lambda: Changes(sync=True))

    @property
    def failed(self) -> list[FileImport]:
        return [f for f in self.files if f.code is not None]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["changes"] = [k for k, v in asdict(self.changes).items() if v]
        return out
