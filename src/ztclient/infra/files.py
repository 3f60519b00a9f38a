"""Permissions of the data folder: the folder 0700, every file in it 0600.

The data folder holds the encrypted database, the key file (wrapped keys), backups, moved-aside
copies and the log. Encrypted or not, none of it is anybody else's business on a shared PC, and
a copy made by another account is a copy an attacker can work on offline. On Windows the user
profile's ACLs already keep other accounts out of ``%APPDATA%``; ``chmod`` there only toggles
the read-only bit, so these helpers do nothing on Windows.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = sys.platform != "win32"


def secure_folder(path: Path) -> Path:
    """Make (if needed) a folder that only the owner can enter."""
    path = Path(path)
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(path, FOLDER_MODE)
    return path


def aside_name(folder: Path, prefix: str) -> str:
    """A new ``{prefix}-YYYYmmdd-HHMMSS`` name in ``folder`` for files moved aside, with ``-2``,
    ``-3`` … when that second's name is taken: two restores or rekeys within one second must
    each keep what they replace (the second once failed with EEXIST, or put nothing aside)."""
    stamp = f"{prefix}-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}"
    name, n = stamp, 1
    while (Path(folder) / name).exists():
        n += 1
        name = f"{stamp}-{n}"
    return name


def secure_file(path: Path) -> None:
    """Owner read/write only (a file that vanished meanwhile is not an error)."""
    if _POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, FILE_MODE)


def tighten(data_dir: Path) -> list[str]:
    """Bring a data folder made by an older version (or copied in) to 0700/0600.

    Walks the folder without following links; returns what it changed (relative paths), so the
    log can say so. Nothing is read or moved.
    """
    changed: list[str] = []
    root = Path(data_dir)
    if not _POSIX or not root.is_dir():
        return changed
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        if _fix(here, FOLDER_MODE):
            changed.append(str(here.relative_to(root)) or ".")
        for name in files:
            if _fix(here / name, FILE_MODE):
                changed.append(str((here / name).relative_to(root)))
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return changed


def _fix(path: Path, mode: int) -> bool:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == mode:
        return False
    os.chmod(path, mode)
    return True
