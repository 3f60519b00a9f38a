"""Write a document under a temporary name beside the target, then rename it into place.

reportlab and xlsxwriter want a path to write to; this gives them one, and only a complete file
ever appears under the real name (the recipe of ``infra.crypto.atomic``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ztclient.infra.os_errors import coded
from ztprotocol.atomic import fsync_dir


@contextmanager
def atomic_path(out_path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``out_path``; on success fsync it and rename it over the
    target; on failure remove it and leave the target untouched.

    The temporary file is made 0600 (``mkstemp``) and keeps that mode: a document holds
    personal data. An OSError (a full disk, a read-only stick) becomes its coded error.
    """
    target = Path(out_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise coded(exc, target) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise coded(exc, target) from exc
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
