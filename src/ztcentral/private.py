"""The data folder is the server's secrets and every unit's records: only its owner may read it.

Folders are 0700 and files 0600 (database and its -wal/-shm, keys, admin token, config — which
may hold a PostgreSQL password — and blobs). Three layers, so no path depends on remembering:

* ``ztcentral`` sets the process umask to 077 before anything is created (cli.main);
* files with secrets are created with mode 0600 from the start (``os.open``), never written
  first and narrowed after;
* opening a data folder narrows what is too wide (a folder copied or restored with other
  modes), and ``status`` names anything it could not narrow (another owner, a read-only disk).

Windows has no such modes (its ACLs follow the folder); there these calls change nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ztprotocol.atomic import atomic_write

DIR_MODE, FILE_MODE = 0o700, 0o600


def restrict_umask() -> None:
    os.umask(0o077)


def write_private(path: Path, data: bytes) -> None:
    """Create or replace ``path`` with mode 0600 from its first byte, in a 0700 folder (the one
    atomic writer: temp file made 0600, fsync, rename, fsync the folder)."""
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    atomic_write(path, data, mode=FILE_MODE)


def touch_private(path: Path) -> None:
    """Make an empty 0600 file if none exists (SQLite then keeps its mode for -wal/-shm)."""
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))


def _targets(data_dir: Path) -> list[tuple[Path, int]]:
    out = [(data_dir, DIR_MODE)]
    for name in ("keys", "blobs"):
        if (data_dir / name).is_dir():
            out.append((data_dir / name, DIR_MODE))
    if (data_dir / "keys").is_dir():
        out += [(p, FILE_MODE) for p in (data_dir / "keys").iterdir() if p.is_file()]
    for p in data_dir.iterdir():
        if p.is_file():
            out.append((p, FILE_MODE))
    return out


def narrow(data_dir: Path) -> list[str]:
    """Bring the folder, its files, keys/ and blobs/ to 0700/0600; returns what stays too wide.

    Blob files are made 0600 when written; their two-letter folders are not walked here (a
    server with a million blobs would pay for it at every start): ``status`` checks them."""
    if os.name == "nt":
        return []
    left = []
    for path, mode in _targets(data_dir):
        have = stat.S_IMODE(path.lstat().st_mode)
        if have & ~mode:
            try:
                os.chmod(path, mode)
            except OSError:
                left.append(f"{path} {oct(have)}")
    return left


def too_wide(data_dir: Path, *, sample_blobs: int = 200) -> list[str]:
    """What anyone but the owner could read or enter (for ``status``): the folder, its files,
    keys, and a sample of the blob folders."""
    if os.name == "nt":
        return []
    paths = [p for p, _ in _targets(data_dir)]
    blobs = data_dir / "blobs"
    if blobs.is_dir():
        for i, sub in enumerate(sorted(blobs.iterdir())):
            if i >= sample_blobs:
                break
            paths.append(sub)
            paths += [p for p in list(sub.iterdir())[:5]]
    out = []
    for p in paths:
        have = stat.S_IMODE(p.lstat().st_mode)
        if have & 0o077:
            out.append(f"{p} {oct(have)}")
    return out
