"""Qt's own messages (a missing font, a bad style sheet, a platform plugin in trouble) into the
program's log: the windowed program has no stderr, so without this they are lost.

Installed when the desktop program starts (ui/app.py); the handler that was installed before
(pytest-qt's, in tests) still receives every message. The log redacts personal data
(infra/logbook.py), and Qt's messages name files and widgets, not records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def install() -> Callable[..., Any] | None:
    """Send Qt's messages to the log; returns the handler that was there before."""
    previous: Callable[..., Any] | None = None

    def handler(mode: QtMsgType, context: Any, message: str) -> None:
        where = f"{context.file}:{context.line}" if getattr(context, "file", None) else "qt"
        log.log(_LEVELS.get(mode, logging.WARNING), "%s (%s)", message, where)
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)
    return previous
