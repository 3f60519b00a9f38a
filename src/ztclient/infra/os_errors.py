"""Turn OSErrors into coded errors at infra's writers (the mapping: domain/disk_errors.py)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from ztclient.domain.disk_errors import coded

__all__ = ["coded", "os_errors"]


@contextlib.contextmanager
def os_errors(path: str | os.PathLike | None = None) -> Iterator[None]:
    """Turn an OSError raised inside the block into its coded error (E_DISK_FULL, …)."""
    try:
        yield
    except OSError as exc:
        raise coded(exc, path) from exc
