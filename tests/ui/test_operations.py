"""The operations helper: one worker, results and errors on the GUI thread, progress as data."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.ui import operations
from ztclient.ui.operations import Operations


def test_jobs_run_one_at_a_time_off_the_gui_thread(qtbot):
    ops = Operations()
    gui = threading.get_ident()
    seen, delivered = [], []
    active = [0]
    peak = [0]

    def job(n):
        def run():
            active[0] += 1
            peak[0] = max(peak[0], active[0])
            seen.append(threading.get_ident())
            QThread.msleep(5)
            active[0] -= 1
            return n

        return run

    for n in range(10):
        ops.run(
            job(n),
            lambda r: delivered.append(
                (
                    r,
                    threading.get_ident(),
                    QThread.currentThread() is QApplication.instance().thread(),
                )
            ),
        )
    qtbot.waitUntil(lambda: len(delivered) == 10, timeout=5000)
    assert gui not in seen and len(set(seen)) == 1 and peak[0] == 1
    assert [d[0] for d in delivered] == list(range(10))
    assert all(d[1] == gui and d[2] for d in delivered)


def test_errors_come_back_as_messages_and_changes_are_emitted(qtbot):
    ops = Operations()
    errors, changes = [], []
    ops.changed.connect(changes.append)

    def fail():
        raise DomainError("E_WRONG_PASSPHRASE")

    ops.run(fail, error=errors.append)
    ops.run(lambda: ("id", Changes(members=True)))
    qtbot.waitUntil(lambda: bool(errors and changes), timeout=5000)
    from ztclient.ui.i18n import error_text

    assert error_text(errors[0]) == "密码错误"
    assert changes[0].members


def test_progress_arrives_as_data_in_the_dialog(qtbot, monkeypatch):
    """A job's progress(done, total, label) — and the (label, done, total) form builders use —
    reaches the GUI thread and shows in the progress dialog: its range, value and text."""
    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 0)
    ops = Operations()
    results = []
    shown, reported, finish = threading.Event(), threading.Event(), threading.Event()

    def job(report):
        shown.wait(5)  # the dialog is up: what is reported now has somewhere to go
        report(2, 5, "第二步")
        reported.wait(5)
        time.sleep(operations.PROGRESS_EVERY_S * 2)  # past the throttle
        report("第四步", 4, 5)
        finish.wait(5)
        return "done"

    ops.run(job, results.append, label="正在处理…")
    qtbot.waitUntil(lambda: ops.active_dialog is not None, timeout=5000)
    dialog = ops.active_dialog
    shown.set()
    qtbot.waitUntil(lambda: dialog.value() == 2, timeout=5000)
    assert (dialog.maximum(), dialog.labelText()) == (5, "第二步")
    reported.set()
    qtbot.waitUntil(lambda: dialog.value() == 4, timeout=5000)
    assert (dialog.maximum(), dialog.labelText()) == (5, "第四步")
    finish.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert ops.active_dialog is None


def test_invalidate_drops_stale_results(qtbot):
    ops = Operations()
    results = []
    ops.run(lambda: "done", results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    gate = threading.Event()
    ops.run(lambda: gate.wait(5) and "stale", results.append)
    ops.invalidate()  # e.g. the unit was locked meanwhile
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy, timeout=5000)
    QApplication.processEvents()
    assert results == ["done"]
