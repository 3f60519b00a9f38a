"""USB folder helpers: write outgoing bundles, find acknowledgement bundles.

Files are named ``{unit}-{seq_from:08d}-{seq_to:08d}-{bundle_id}.dzb`` so a folder listing sorts
in sequence order and a clerk can tell them apart; the name is a convenience only (the header
inside is what counts). Writes are atomic: temp file, fsync, rename, fsync the folder.
"""

from __future__ import annotations

from pathlib import Path

from ztprotocol.atomic import atomic_write as _atomic_write
from ztprotocol.bundle import MAGIC

BUNDLE_SUFFIX = ".dzb"
ACK_SUFFIX = ".ack.dzb"


def atomic_write(path: Path, data: bytes) -> Path:
    """Write a file on the stick atomically (atomic.py beside this module does the fsync dance)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, data, mode=0o644)
    return path


def bundle_file_name(unit: str, seq_from: int, seq_to: int, bundle_id: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in unit)
    return f"{safe}-{seq_from:08d}-{seq_to:08d}-{bundle_id}{BUNDLE_SUFFIX}"


def export_bundle(
    folder: Path, data: bytes, *, unit: str, seq_from: int, seq_to: int, bundle_id: str
) -> Path:
    """Write one outgoing bundle to the USB folder; rewriting the same bundle is harmless."""
    return atomic_write(Path(folder) / bundle_file_name(unit, seq_from, seq_to, bundle_id), data)


def scan_folder(folder: Path, *, max_bytes: int = 8 * 1024 * 1024) -> list[tuple[Path, bytes]]:
    """Every DZB1 file in the folder (acks and downlink bundles), oldest name first.

    Only the magic is checked here; the caller opens each with ``open_bundle``, which is where
    trust is decided.
    """
    found = []
    for path in sorted(Path(folder).glob(f"*{BUNDLE_SUFFIX}")):
        if path.stat().st_size > max_bytes:
            continue
        data = path.read_bytes()
        if data.startswith(MAGIC):
            found.append((path, data))
    return found
