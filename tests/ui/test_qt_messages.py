"""Qt's own warnings reach the program's log (issue 11, item 6): the windowed program has no
stderr, so on round 1's main they were lost."""

from __future__ import annotations

import logging

from PySide6.QtCore import qInstallMessageHandler, qWarning


def test_qt_warnings_are_logged_and_the_previous_handler_still_sees_them(caplog):
    from ztclient.ui import qt_messages

    seen = []
    original = qInstallMessageHandler(lambda mode, ctx, msg: seen.append(msg))
    try:
        qt_messages.install()
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("QFont: no glyph for a test character")
    finally:
        qInstallMessageHandler(original)
    logged = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "qt"]
    assert len(logged) == 1
    assert logged[0][0] == logging.WARNING
    assert logged[0][1].startswith("QFont: no glyph for a test character (")
    assert seen == ["QFont: no glyph for a test character"]
