"""Write a document under a temporary name beside the target, then rename it into place.

reportlab and xlsxwriter want a path to write to; ``ztprotocol.atomic.atomic_path`` (the one
atomic writer's recipe) gives them one, and only a complete file ever appears under the real
name. This adds what a document needs on top: the folder made if missing, and an OSError (a
full disk, a read-only stick) turned into its coded error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ztclient.infra.os_errors import coded
from ztprotocol.atomic import atomic_path as _atomic_path


@contextmanager
def atomic_path(out_path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path (0600: a document holds personal data) beside ``out_path``; on
    success it replaces the target, on failure it is removed and the target left untouched."""
    target = Path(out_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _atomic_path(target) as tmp:
            yield tmp
    except OSError as exc:
        raise coded(exc, target) from exc
