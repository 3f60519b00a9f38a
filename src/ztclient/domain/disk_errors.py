"""Operating-system errors as coded errors: what a clerk can act on, never a traceback.

* ENOSPC, EDQUOT, EFBIG -> ``E_DISK_FULL`` (exit 4): free space, then try again;
* EACCES, EPERM, EROFS  -> ``E_NO_ACCESS`` (exit 4): choose another folder or medium;
* anything else (EIO …) -> ``E_IO`` (exit 5): the disk or the file system is failing.

Every writer in infra is atomic (temp file, fsync, rename), so in all three cases the target
is as it was: nothing is half-written. The params carry the path and the errno's name (for
the log and support), never file contents. Stdlib only: infra (infra/os_errors.py) and the
CLI's last resort use the same mapping.
"""

from __future__ import annotations

import errno
import os

from ztclient.domain.errors import DomainError

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
ACCESS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def coded(exc: OSError, path: str | os.PathLike | None = None) -> DomainError:
    """The coded error for ``exc``; ``path`` is the file the caller was writing, if known."""
    where = str(path) if path is not None else str(exc.filename or "")
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    if exc.errno in FULL:
        return DomainError("E_DISK_FULL", path=where, errno=name)
    if exc.errno in ACCESS:
        return DomainError("E_NO_ACCESS", path=where, errno=name)
    return DomainError("E_IO", path=where, errno=name)
