"""Content-addressed blob store: bundles, quarantined files, downlink and ack bundles.

A blob's name is its SHA-256, so storing twice is a no-op and a blob can be checked against its
name on read. The filesystem store writes atomically (temp file, fsync, rename, fsync the folder).
Beyond one machine the same interface is backed by an S3-compatible bucket (key = the hash;
see docs/central-deployment.md); app nodes then share nothing on local disk.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

from ztprotocol.atomic import atomic_write


class BlobStore(Protocol):
    def put(self, data: bytes) -> str: ...
    def get(self, sha256: str) -> bytes: ...
    def has(self, sha256: str) -> bool: ...
    def size(self, sha256: str) -> int: ...
    def delete(self, sha256: str) -> None: ...


class FileBlobStore:
    """``root/ab/cdef…`` by SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _path(self, sha: str) -> Path:
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha[:2] / sha[2:]

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self._path(sha)
        if path.exists():
            return sha
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, data, mode=0o600)  # temp file, fsync, rename, fsync the folder
        return sha

    def get(self, sha256: str) -> bytes:
        data = self._path(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise OSError(f"blob {sha256} is damaged")
        return data

    def has(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def size(self, sha256: str) -> int:
        """Bytes on disk (0 when absent: a held bundle whose blob was lost counts nothing)."""
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def delete(self, sha256: str) -> None:
        """Remove a blob (quarantine eviction only; bundles that were applied are never
        deleted)."""
        self._path(sha256).unlink(missing_ok=True)
