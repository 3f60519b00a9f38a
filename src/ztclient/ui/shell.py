"""The shell: which window is up (first run, unlock, main), auto-lock, language switches."""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ztclient.services.settings import FILE as SETTINGS_FILE
from ztclient.services.settings import SettingsStore
from ztclient.ui import i18n
from ztclient.ui.compat import emit
from ztclient.ui.context import UiContext, UndoList
from ztclient.ui.idle import IdleWatcher
from ztclient.ui.operations import Operations

log = logging.getLogger(__name__)


def open_unit(app, passphrase: str):
    """Unlock and read the unit's basics (worker thread). A database that opens but cannot be
    read is reported as damaged (E_DB_DAMAGED), never as a crash, and never touched."""
    from ztclient.domain.errors import DomainError

    session = app.unlock(passphrase)
    try:
        describe(session)
    except DomainError:
        session.close()
        raise
    except Exception as exc:  # the driver's own error classes are infra's; the UI sees a code
        log.warning("database unreadable after unlock: %s", exc)
        session.close()
        raise DomainError("E_DB_DAMAGED", detail=str(exc)) from exc
    return session


def describe(session) -> dict:
    """Unit name and code, read once on the worker so windows never read the store. Listing the
    organisations also proves the data pages decrypt (a damaged file fails here, not later).
    ``session.counts()`` is not used: it scans every study log (1.3 M at committee scale)."""
    info = {
        "unit_name": session.unit_name,
        "unit_code": session.unit_code,
        "orgs": len(session.orgs.list()),
    }
    session.ui_info = info  # cached so the GUI thread never reads the store for a window title
    return info


def apply_targets(session, settings: SettingsStore) -> None:
    """Give the study service the unit's yearly targets (32 h, 56 h for committee members)."""
    targets = dict(getattr(session.study, "targets", {}) or {})
    if not targets:
        return
    low, high = min(targets.values()), max(targets.values())
    for key, value in targets.items():
        if value == high and high != low:
            targets[key] = float(settings.get("target_hours_leaders"))
        else:
            targets[key] = float(settings.get("target_hours"))
    session.study.targets = targets


class Shell(QObject):
    """Owns the operations helper, the open session and the top-level window."""

    window_changed = Signal(object)
    locked = Signal()

    def __init__(
        self, app, settings: SettingsStore | None = None, idle_ms: int | None = None
    ) -> None:
        super().__init__()
        self.app = app
        self.settings = settings or SettingsStore(app.data_dir / SETTINGS_FILE)
        self.ops = Operations(self)
        self.ops.commit_probe = self._commits  # lets an unexpected error say what was saved
        self.undo = UndoList(self.ops)
        self.session = None
        self.main = None
        self.window: QWidget | None = None
        minutes = float(self.settings.get("auto_lock_minutes") or 0)
        self.idle = IdleWatcher(
            idle_ms if idle_ms is not None else int(minutes * 60_000) or 1, self
        )
        self._idle_enabled = idle_ms is not None or minutes > 0
        self.idle.timed_out.connect(self.auto_lock)
        self._lock_after_job = False
        self._last_page = 0  # the page the clerk was on when the unit locked
        self.ops.busy_changed.connect(self._busy_changed)
        QApplication.instance().installEventFilter(self.idle)

    # -- windows ---------------------------------------------------------------------------------
    def start(self) -> QWidget:
        if self.app.state() == "empty":
            return self.show_first_run()
        return self.show_unlock()

    def _swap(self, window: QWidget) -> QWidget:
        old, self.window = self.window, window
        window.show()
        if old is not None and old is not window:
            old.close()
            old.deleteLater()
        emit(self.window_changed, window)
        return window

    def show_first_run(self) -> QWidget:
        from ztclient.ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(self.app, self.ops)
        wizard.created.connect(self.open_session)
        wizard.restored.connect(self.show_unlock)
        return self._swap(wizard)

    def show_unlock(self) -> QWidget:
        from ztclient.ui.unlock_window import UnlockWindow

        window = UnlockWindow(self.app, self.ops)
        window.unlocked.connect(self.open_session)
        self._swap(window)
        window.passphrase.setFocus()
        if self.session is None and hasattr(self.app, "prepare"):
            self.ops.run(self.app.prepare)  # on the worker, while the clerk types
        return window

    def _commits(self) -> int | None:
        """Transactions the open unit has committed (read on the worker, between jobs)."""
        session = self.session
        return getattr(session.store, "commits", None) if session is not None else None

    def open_session(self, session) -> QWidget:
        from ztclient.ui.main_window import MainWindow

        self.session = session
        apply_targets(session, self.settings)
        ctx = UiContext(self.app, session, self.ops, self.settings, self.undo)
        ctx.extras["set_auto_lock"] = self.set_auto_lock
        ctx.extras["lock_and_restore"] = self.lock_and_restore
        self.main = MainWindow(ctx)
        self.main.lock_requested.connect(self.lock)
        self.main.language_changed.connect(self.change_language)
        if self._last_page:
            self.main.show_page(self._last_page)  # unlocking returns to where the clerk was
        self._swap(self.main)
        if self._idle_enabled:
            self.idle.start()
        return self.main

    # -- locking -----------------------------------------------------------------------------------
    def auto_lock(self) -> None:
        """Idle time ran out. A job still running (printing, an export) is let finish: the lock
        comes right after it, so a cancelled print never half-writes and a result is not lost."""
        if self.ops.busy:
            self._lock_after_job = True
            return
        self.lock()

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self._lock_after_job:
            self._lock_after_job = False
            # after the job's result has reached its window (locking drops later deliveries)
            QTimer.singleShot(0, self.lock)

    def lock(self) -> None:
        """Close the database, clear every model, and go back to the unlock window."""
        if self.session is None:
            return
        self.idle.stop()
        self._lock_after_job = False
        main, self.main = self.main, None
        if main is not None:
            self._last_page = max(main.sidebar.currentRow(), 0)
            main.save_geometry()
            main.clear()
            with contextlib.suppress(RuntimeError, TypeError):  # never connected: fine
                self.ops.changed.disconnect(main.on_changed)
        self.ops.invalidate()
        self.undo.clear()
        session, self.session = self.session, None
        # Closed on the worker, after any job still queued, so no job meets a closed store.
        self.ops.run(session.close)
        self.show_unlock()
        emit(self.locked)

    def lock_and_restore(self) -> None:
        """设置 → 从备份恢复: the open database is closed first, then the unlock window's restore."""
        self.lock()
        window = self.window
        if window is not None and hasattr(window, "open_restore"):
            window.open_restore()

    def set_auto_lock(self, minutes: float) -> None:
        self._idle_enabled = minutes > 0
        self.idle.set_interval(int(minutes * 60_000) or 1)
        if self._idle_enabled and self.session is not None:
            self.idle.start()
        else:
            self.idle.stop()

    def change_language(self, lang: str) -> None:
        """Install the other translation and rebuild the main window with the same session."""
        i18n.install(lang)
        if self.session is None or self.main is None:
            return
        old = self.main
        old.save_geometry()
        with contextlib.suppress(RuntimeError, TypeError):
            self.ops.changed.disconnect(old.on_changed)
        self.open_session(self.session)
        self.main.show_page(len(self.main.pages) - 1)

    def dispose(self) -> None:
        """Take this shell out of the application: event filter, windows, worker."""
        self.idle.stop()
        QApplication.instance().removeEventFilter(self.idle)
        if self.session is not None:
            self.lock()
        self.ops.wait(30_000)
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def shutdown(self) -> None:
        if self.main is not None:
            self.main.save_geometry()
        if self.session is not None:
            session, self.session = self.session, None
            self.ops.run(session.close)
        self.ops.wait(10_000)
