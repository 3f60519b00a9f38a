"""Entry point of the desktop program: ``run(make_app)`` builds the QApplication and the shell."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
STARTED = time.perf_counter()


def create_qapplication(argv: list[str] | None = None):
    """The QApplication with name, high-DPI policy, style sheet, CJK font."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ztclient.__about__ import NAME
    from ztclient.ui.fonts import register_cjk_font
    from ztclient.ui.theme import STYLE, icon

    existing = QApplication.instance()
    if existing is not None:
        return existing
    # Fractional scaling (125 %, 150 % on office laptops) without blurry rounding.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    qapp = QApplication(argv if argv is not None else sys.argv)
    qapp.setApplicationName(NAME)
    qapp.setOrganizationName(NAME)
    qapp.setDesktopFileName(_app_id())
    qapp.setWindowIcon(icon("app"))
    register_cjk_font(qapp)
    qapp.setStyleSheet(STYLE)
    from ztclient.ui.compat import GuiThreadGc

    GuiThreadGc(qapp)  # parented to the application: lives as long as it does
    return qapp


def _app_id() -> str:
    try:
        from ztclient.__about__ import APP_ID  # type: ignore[attr-defined]

        return str(APP_ID)
    except ImportError:
        return "ztclient"


def run(make_app: Callable[..., Any]) -> int:
    """Start the program: first-run wizard or unlock window, then the main window."""
    logging.basicConfig(level=os.environ.get("ZTCLIENT_LOG", "WARNING"))
    from ztclient.ui import qt_messages

    qt_messages.install()  # Qt's warnings into the log (bootstrap set the log up)
    qapp = create_qapplication()
    from ztclient.ui import i18n
    from ztclient.ui.shell import Shell

    app = make_app()
    shell = Shell(app)
    i18n.install(shell.settings.get("language"))
    window = shell.start()
    log.info("first window shown %.0f ms after start", (time.perf_counter() - STARTED) * 1000)
    del window
    qapp.aboutToQuit.connect(shell.shutdown)
    code = int(qapp.exec())
    shell.dispose()
    return code
