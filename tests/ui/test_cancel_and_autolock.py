"""Issue 9 item 5, UI side: a long job shows progress with 取消 (the job's progress callable
raises E_CANCELLED), and auto-lock waits for a running job, then locks right after it."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QProgressDialog

from ztclient.domain.errors import DomainError
from ztclient.ui import operations
from ztclient.ui.operations import Operations
from ztclient.ui.unlock_window import UnlockWindow


def test_cancel_button_stops_a_job_that_reports_progress(qtbot, monkeypatch, messages):
    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 0)
    ops = Operations()
    steps, results, cancelled, errors = [], [], [], []
    release = threading.Event()

    def job(progress):
        for i in range(10_000):
            progress(i, 10_000, "排版第 {i} 页")
            steps.append(i)
            if i == 5:
                release.wait(5)  # the dialog is up by now
        return "finished"

    ops.run(
        job,
        results.append,
        errors.append,
        label="正在打印…",
        cancellable=True,
        cancelled=lambda: cancelled.append(True),
    )
    qtbot.waitUntil(lambda: ops.active_dialog is not None, timeout=5000)
    dialog = ops.active_dialog
    assert isinstance(dialog, QProgressDialog)
    from PySide6.QtWidgets import QPushButton

    dialog.findChild(QPushButton).click()  # the 取消 button
    release.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=5000)
    QApplication.processEvents()
    assert cancelled == [True] and results == [] and errors == [] and not messages
    assert len(steps) < 10_000


def test_a_job_without_cancel_has_no_cancel_button(qtbot, monkeypatch):
    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 0)
    ops = Operations()
    gate = threading.Event()
    ops.run(lambda: gate.wait(5), label="正在保存…")
    qtbot.waitUntil(lambda: ops.active_dialog is not None, timeout=5000)
    from PySide6.QtWidgets import QPushButton

    assert not ops.active_dialog.findChildren(QPushButton)
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=5000)


def test_cancelled_has_a_message():
    from ztclient.ui.i18n import error_text

    assert error_text(DomainError("E_CANCELLED")) == "已取消"


def test_auto_lock_waits_for_a_running_job(qtbot, demo_app, shell_factory, settle, passphrase):
    shell = shell_factory(demo_app, idle_ms=60_000)
    window = shell.start()
    window.passphrase.setText(passphrase)
    window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=20000)
    settle(shell.ops)
    gate = threading.Event()
    done = []
    shell.ops.run(lambda: gate.wait(10), done.append, label="正在打印…")
    shell.idle.set_interval(200)  # the clerk walked away while it prints
    qtbot.wait(800)
    assert shell.session is not None and not isinstance(shell.window, UnlockWindow)
    gate.set()
    qtbot.waitUntil(lambda: isinstance(shell.window, UnlockWindow), timeout=5000)
    settle(shell.ops)
    assert done == [True] and shell.session is None
