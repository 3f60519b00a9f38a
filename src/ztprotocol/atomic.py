"""Atomic file replacement: after a crash the target holds the old bytes or the new, never a mix.

The recipe (Electrum's ``storage.write``, KeePassXC's QSaveFile): write a temp file in the
*same* folder (``os.replace`` is only atomic within one file system), flush, ``fsync`` it so the
data is on disk before the name points at it, ``os.replace`` onto the target, then ``fsync``
the folder so the rename itself survives a power cut (POSIX; Windows has no directory handle to
sync, and NTFS journals the rename).

The one atomic writer of the house, used by both programs: the client's key file, backups and
USB exports, ztcentral's blobs, key files and acknowledgements. It lives in the protocol package
because that is the one package both programs may import (ztcentral never imports ztclient),
and because the exchange itself depends on it: a bundle or acknowledgement half-written to a USB
stick must never be mistaken for a whole one. It needs only the standard library.

The temp name starts with a dot and ends in ``.tmp`` so that a temp file left by a killed process is recognisable and never mistaken for
the target; :func:`remove_stale_temps` clears them.

``_step`` is called between the steps with the step's name. Production never sets it; the
crash tests replace it to kill the process or raise at each point.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

STEPS = ("created", "written", "synced", "replaced", "dir_synced")


def _no_hook(step: str) -> None:
    """Default hook: nothing. Tests monkeypatch ``_step`` to inject crashes."""


_step: Callable[[str], None] = _no_hook


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def _replace(src: str, dst: Path) -> None:
    """``os.replace``, retried briefly on Windows where a virus scanner may hold the target."""
    if os.name != "nt":
        os.replace(src, dst)
        return
    for attempt in range(5):  # pragma: no cover - Windows only
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX). A no-op on Windows."""
    if os.name == "nt":  # pragma: no cover - no directory fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some network and FUSE file systems refuse fsync on a directory. The rename has
        # happened; there is nothing more we can do, so do not report a failed write.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    The new file gets ``mode`` (default 0600: the key file and settings are nobody else's
    business on a shared machine). On any failure before the rename the temp file is removed
    and the target is untouched; the exception propagates.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("atomic_write takes bytes")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=folder)
    try:
        try:
            _step("created")
            if os.name != "nt":
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:  # os.write may write less than asked (signals, pipes, quotas)
                written = os.write(fd, view)
                view = view[written:]
            _step("written")
            os.fsync(fd)
            _step("synced")
        finally:
            os.close(fd)
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _step("replaced")
    fsync_dir(folder)
    _step("dir_synced")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, mode: int = 0o600) -> Iterator[Path]:
    """The same recipe for writers that want a path of their own (reportlab, xlsxwriter, a zip):
    yield a temp path beside ``path`` (made ``mode``); when the block ends normally, fsync it,
    rename it over the target and fsync the folder; on any failure remove it and leave the
    target untouched."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=folder)
    try:
        if os.name != "nt":
            os.fchmod(fd, mode)
    finally:
        os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def atomic_write_json(path: str | os.PathLike[str], obj: Any, *, mode: int = 0o600) -> None:
    """Write ``obj`` as UTF-8 JSON (sorted keys, 2-space indent, final newline) atomically."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    atomic_write(path, text.encode("utf-8"), mode=mode)


def remove_stale_temps(path: str | os.PathLike[str], *, older_than_s: float = 3600.0) -> int:
    """Delete temp files a killed writer left beside ``path``; return how many were removed.

    Only files older than ``older_than_s`` are touched, so a concurrent writer's live temp
    file is left alone.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    prefix = _temp_prefix(target)
    now = time.time()
    removed = 0
    for entry in folder.iterdir():
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        with contextlib.suppress(FileNotFoundError):
            if now - entry.stat().st_mtime >= older_than_s:
                entry.unlink()
                removed += 1
    return removed
