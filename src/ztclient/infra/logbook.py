"""The program's log: a rotating file in the data folder that a clerk can send to support.

``DATA_DIR/logs/ztclient.log`` (1 MiB × 4 files, 0600 in a 0700 folder) records what ran,
error codes, record ids and tracebacks of unexpected errors — never personal data. Code logs
codes and ids by convention; as a safety net every line (tracebacks included) passes
:func:`redact`, which removes Chinese text (names, addresses, messages) and runs of six or
more digits (ID numbers, phone numbers) while keeping UUIDs and hex digests, which are ids.
``faulthandler`` writes hard crashes (a segfault in a C library) to ``crash.log`` beside it.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import re
from collections import deque
from pathlib import Path
from typing import IO

from ztclient.infra.files import FILE_MODE, secure_file, secure_folder

LOG_DIR = "logs"
LOG_FILE = "ztclient.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d/%(threadName)s] %(message)s"

# One pass, leftmost alternative first: ids are kept, digits and CJK text are not. A hex run
# must hold a letter to count as a digest (18 digits are an ID number, not an id).
_TOKENS = re.compile(
    r"(?P<uuid>\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)"
    r"|(?P<hex>\b(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{16,}\b)"
    r"|(?P<digits>\d{6,}[0-9Xx]?)"
    r"|(?P<cjk>[\u2e80-\u2fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    r"\uf900-\ufaff\uff01-\uffef\U00020000-\U0003ffff]+)"
)


def _replace(m: re.Match[str]) -> str:
    if m.group("digits"):
        return f"#{len(m.group('digits'))}"
    if m.group("cjk"):
        return "…"
    return m.group(0)


def redact(text: str) -> str:
    """``text`` without Chinese text and without runs of six or more digits."""
    return _TOKENS.sub(_replace, text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole line, traceback and stack included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class DataFolderHandler(logging.handlers.RotatingFileHandler):
    """A rotating file in ``DATA_DIR/logs``, made only once the data folder exists.

    Until then (``--data-dir`` pointing at a folder not made yet) the newest records wait in
    memory and are written with the first record after the folder appears (``init``)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        path = self.data_dir / LOG_DIR / LOG_FILE
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        self._waiting: deque[logging.LogRecord] = deque(maxlen=200)

    def _open(self) -> IO[str]:
        secure_folder(self.data_dir / LOG_DIR)
        stream = super()._open()
        secure_file(Path(self.baseFilename))
        return stream

    def doRollover(self) -> None:
        super().doRollover()
        for i in range(1, BACKUPS + 1):
            secure_file(Path(f"{self.baseFilename}.{i}"))

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full disk) must not disturb the clerk's work nor
        print a traceback: the record is dropped."""

    def emit(self, record: logging.LogRecord) -> None:
        if not self.data_dir.is_dir():
            self._waiting.append(record)
            return
        while self._waiting:
            super().emit(self._waiting.popleft())
        super().emit(record)


def install(data_dir: Path, *, stderr_level: str | None = None) -> DataFolderHandler:
    """Send the root logger to the data folder's log (INFO and up), replacing an earlier
    installation; with ``stderr_level`` also to stderr (``ZTCLIENT_LOG=DEBUG``)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_ztclient", False):
            root.removeHandler(h)
            h.close()
    handler = DataFolderHandler(data_dir)
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.setLevel(logging.INFO)
    handler._ztclient = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    level = logging.INFO
    if stderr_level:
        stream = logging.StreamHandler()
        stream.setFormatter(RedactingFormatter(FORMAT))
        stream.setLevel(stderr_level.upper())
        stream._ztclient = True  # type: ignore[attr-defined]
        root.addHandler(stream)
        level = min(level, stream.level)
    root.setLevel(level)
    return handler


def enable_faulthandler(data_dir: Path) -> IO[bytes] | None:
    """Hard crashes (segfaults, aborts) to ``logs/crash.log``; None when there is no data
    folder yet. The file stays open for the life of the process, as faulthandler needs."""
    if not Path(data_dir).is_dir():
        return None
    folder = secure_folder(Path(data_dir) / LOG_DIR)
    path = folder / CRASH_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    crash = os.fdopen(fd, "ab", buffering=0)
    faulthandler.enable(file=crash, all_threads=True)
    return crash


def log_files(data_dir: Path) -> list[Path]:
    """Every log file of the data folder, oldest rotation first."""
    folder = Path(data_dir) / LOG_DIR
    names = [f"{LOG_FILE}.{i}" for i in range(BACKUPS, 0, -1)] + [LOG_FILE, CRASH_FILE]
    return [folder / n for n in names if (folder / n).is_file()]
