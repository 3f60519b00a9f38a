"""USB folder helpers: write outgoing bundles, find acknowledgement bundles.

Files are named ``{unit}-{seq_from:08d}-{seq_to:08d}-{hash8}.dzb`` so a folder listing sorts in
sequence order and a clerk can tell them apart; the name is a convenience only (the header
inside is what counts). The bundle id is not in the name (issue 11): ``hash8`` is the first 8
hex digits of the bundle's SHA-256, enough to tell two bundles of one range apart. Writes are
atomic: temp file, fsync, rename, fsync the folder.

An acknowledgement file may hold several downlink bundles one after the other (the device's
latest ones, so a file that replaced an earlier acknowledgement on the stick still carries what
the earlier one did): :func:`split_bundles` cuts them apart by their own framing.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ztprotocol.atomic import atomic_write as _atomic_write
from ztprotocol.bundle import _PREFIX, MAGIC

SIG_LEN = 64  # suite 1 (Ed25519); the only suite implemented

BUNDLE_SUFFIX = ".dzb"
ACK_SUFFIX = ".ack.dzb"


def atomic_write(path: Path, data: bytes) -> Path:
    """Write a file on the stick atomically (atomic.py beside this module does the fsync dance)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, data, mode=0o644)
    return path


def bundle_file_name(unit: str, seq_from: int, seq_to: int, bundle_hash: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in unit)
    return f"{safe}-{seq_from:08d}-{seq_to:08d}-{bundle_hash[:8]}{BUNDLE_SUFFIX}"


def export_bundle(
    folder: Path, data: bytes, *, unit: str, seq_from: int, seq_to: int, bundle_hash: str
) -> Path:
    """Write one outgoing bundle to the USB folder; rewriting the same bundle is harmless."""
    name = bundle_file_name(unit, seq_from, seq_to, bundle_hash)
    return atomic_write(Path(folder) / name, data)


def split_bundles(data: bytes) -> list[bytes]:
    """The DZB1 bundles of a file, cut apart by their own framing (one or more, back to back).
    A file that does not frame exactly is returned whole: ``open_bundle`` then says why."""
    out, at = [], 0
    while at < len(data):
        if data[at : at + len(MAGIC)] != MAGIC or at + _PREFIX.size > len(data):
            return [data]
        _, _suite, _, hlen = _PREFIX.unpack_from(data, at)
        ct_at = at + _PREFIX.size + hlen
        if ct_at + 4 > len(data):
            return [data]
        (clen,) = struct.unpack_from(">I", data, ct_at)
        end = ct_at + 4 + clen + SIG_LEN
        if end > len(data):
            return [data]
        out.append(data[at:end])
        at = end
    return out or [data]


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
