"""The one operations helper: every database or file job runs here, off the GUI thread.

Shape (after Anki's CollectionOp/QueryOp and Picard's run_task):

    ops.run(lambda progress: session.members.update(...), done=on_saved, label="正在保存…")

* All jobs share ONE worker (``QThreadPool`` with ``maxThreadCount == 1``): the SQLCipher
  connection is made with ``check_same_thread=False`` but is not safe for concurrent use, so
  reads are serialised too.
* The job gets a ``progress(done, total, label)`` callable (plain data; ``(label, done, total)``
  is accepted as well, which is the demo generator's order) and returns plain data. It never
  touches a widget: results, errors and progress come back to the GUI thread through signals.
* A job that returns a ``Changes`` (or a tuple ending in one) is re-emitted as ``changed``:
  views decide for themselves whether to refresh.
* ``invalidate()`` (on lock) makes results of jobs queued earlier be dropped, so nothing is
  delivered to views that were cleared.
* A progress dialog appears only when a job with a label runs longer than half a second.
* ``cancellable=True`` gives that dialog a 取消 button. Cancelling is cooperative: the job's
  ``progress`` callable raises ``DomainError("E_CANCELLED")`` at its next call, so a job stops
  where it reports progress (builders call it often); ``cancelled()`` then runs instead of
  ``error``. A job that finished before it saw the cancel is delivered as usual: it is done.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.services.incidents import log_unexpected
from ztclient.ui.compat import emit
from ztclient.ui.i18n import error_text, translate

log = logging.getLogger(__name__)
PROGRESS_DELAY_MS = 500
PROGRESS_EVERY_S = 0.05  # at most 20 progress updates a second reach the GUI thread


class _Relay(QObject):
    """Created on the GUI thread; the worker emits, Qt queues the slots onto the GUI thread.

    The slots are methods of this QObject (not bare closures) so the receiver's thread, the GUI
    thread, decides where they run: a worker never calls back into Qt widgets itself.
    """

    finished = Signal(object, object)  # result, error
    progressed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.on_finished: Callable[[Any, BaseException | None], None] | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        self.finished.connect(self._finished)
        self.progressed.connect(self._progressed)

    @Slot(object, object)
    def _finished(self, result: Any, exc: Any) -> None:
        if self.on_finished is not None:
            self.on_finished(result, exc)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total, label)


# what an exception's ``ztclient_saved`` says about the database when the job failed
SAVED_NONE, SAVED_SOME, SAVED_UNKNOWN = "none", "some", "unknown"


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[Callable[..., None]], Any],
        relay: _Relay,
        stop: threading.Event,
        commits: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.stop = stop
        self.commits = commits
        self._last_emit = 0.0
        self.setAutoDelete(True)

    def _progress(self, *args: Any) -> None:
        if self.stop.is_set():  # the clerk pressed 取消: stop here, nothing half-written
            raise DomainError("E_CANCELLED")
        # A builder may call this thousands of times a second; the dialog needs a few updates
        # a second, and a flood of queued signals starves (and has crashed) the GUI thread.
        now = time.monotonic()
        if now - self._last_emit < PROGRESS_EVERY_S:
            return
        self._last_emit = now
        if args and isinstance(args[0], str):  # (label, done, total)
            label, done, total = [*args, 0, 0][:3]
        else:  # (done, total[, label])
            done, total, label = [*args, 0, 0, ""][:3]
        emit(self.relay.progressed, int(done or 0), int(total or 0), str(label or ""))

    def _count(self) -> int | None:
        try:
            return self.commits() if self.commits is not None else None
        except Exception:  # the store went away (locked): we do not know
            return None

    def run(self) -> None:  # worker thread: plain data only
        before = self._count()  # the one DB lane: no other job commits while this one runs
        try:
            if self.stop.is_set():  # cancelled while it waited in the queue
                raise DomainError("E_CANCELLED")
            result = self.fn(self._progress)
        except BaseException as exc:
            if isinstance(exc, DomainError):  # expected: a coded answer, nothing written
                log.info("operation failed: %s", exc.code)
            else:  # a bug or an unforeseen failure: ERROR, traceback and a reference
                log_unexpected(exc, "operation")
                after = self._count()
                saved = SAVED_UNKNOWN
                if before is not None and after is not None:
                    saved = SAVED_NONE if after == before else SAVED_SOME
                with contextlib.suppress(AttributeError, TypeError):
                    exc.ztclient_saved = saved  # type: ignore[attr-defined]
            emit(self.relay.finished, None, exc)
        else:
            emit(self.relay.finished, result, None)


class Operations(QObject):
    """Runs jobs on the single DB lane and reports back on the GUI thread."""

    changed = Signal(object)  # Changes
    busy_changed = Signal(bool)
    status = Signal(str)  # what a non-modal job is doing ("" when done), for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pool.setExpiryTimeout(-1)  # keep the one worker thread alive
        self._generation = 0
        self._running = 0
        self._relays: set[_Relay] = set()
        self.error_parent: QWidget | None = None
        self.active_dialog: QProgressDialog | None = None  # the progress dialog on screen
        # How many transactions the open unit has committed (the shell sets it): a job that
        # fails unexpectedly can then say whether it saved anything, instead of guessing.
        self.commit_probe: Callable[[], int | None] | None = None

    # -- running -----------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        done: Callable[[Any], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
        *,
        label: str | None = None,
        parent: QWidget | None = None,
        modal: bool = True,
        cancellable: bool = False,
        cancelled: Callable[[], None] | None = None,
    ) -> None:
        """Run ``fn(progress)`` (or ``fn()``) on the worker; call ``done(result)`` or
        ``error(exc)`` on the GUI thread. Without ``error`` the message is shown in a box.

        With a ``label``, a job still running after half a second shows a progress dialog
        (``modal``) or, for refreshes the clerk did not ask for (``modal=False``), the label in
        the status bar."""
        generation = self._generation
        stop = threading.Event()
        self._relays = {r for r in self._relays if shiboken6.isValid(r)}
        relay = _Relay()
        self._relays.add(relay)
        dialog: list[QProgressDialog | None] = [None]
        started = time.perf_counter()
        timer: QTimer | None = None
        if label and not modal:
            emit(self.status, label)
        if label and modal:
            timer = QTimer(relay)
            timer.setSingleShot(True)

            def show_dialog() -> None:
                d = QProgressDialog(label, "", 0, 0, parent or self.error_parent)
                d.setWindowTitle(translate("Operations", "请稍候"))
                if cancellable:
                    d.setCancelButtonText(translate("Operations", "取消"))
                    d.canceled.connect(
                        lambda: (stop.set(), d.setLabelText(translate("Operations", "正在取消…")))
                    )
                else:
                    d.setCancelButton(None)
                d.setMinimumDuration(0)
                d.setAutoClose(False)
                d.setAutoReset(False)
                d.setModal(True)
                d.show()
                dialog[0] = self.active_dialog = d

            timer.timeout.connect(show_dialog)
            timer.start(PROGRESS_DELAY_MS)

        def on_progress(n: int, total: int, text: str) -> None:
            d = dialog[0]
            if d is not None and d.wasCanceled():
                stop.set()
            elif d is not None:
                d.setMaximum(max(total, 0))
                d.setValue(min(n, total) if total else 0)
                if text:
                    d.setLabelText(text)

        def on_finished(result: Any, exc: BaseException | None) -> None:
            if timer is not None:
                timer.stop()
            if label and not modal:
                emit(self.status, "")
            if dialog[0] is not None:
                if self.active_dialog is dialog[0]:
                    self.active_dialog = None
                dialog[0].close()
                dialog[0].deleteLater()
            # Break the relay <-> closure cycle and let Qt delete the relay after this slot
            # returns; the Python reference stays in _relays until then (deleting a QObject
            # from inside its own slot, which dropping the last reference would do, crashes).
            relay.on_finished = relay.on_progress = None
            relay.deleteLater()
            self._set_running(-1)
            log.debug(
                "operation %s took %.1f ms",
                label or getattr(fn, "__name__", "?"),
                (time.perf_counter() - started) * 1000,
            )
            if generation != self._generation:
                return  # locked meanwhile: the views this was for are gone
            if isinstance(exc, DomainError) and exc.code == "E_CANCELLED" and stop.is_set():
                if cancelled is not None:
                    cancelled()
                emit(self.status, translate("Operations", "已取消"))
                return
            if exc is not None:
                if error is not None:
                    error(exc)
                else:
                    self.show_error(exc, parent)
                return
            changes = _changes_in(result)
            if done is not None:
                done(result)
            if changes is not None and changes.any:
                emit(self.changed, changes)

        relay.on_finished = on_finished
        relay.on_progress = on_progress
        self._set_running(+1)
        self.pool.start(_Job(_adapt(fn), relay, stop, self.commit_probe))

    def show_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        log.info("operation failed, shown: %s", getattr(exc, "code", type(exc).__name__))
        target = parent or self.error_parent
        if target is not None and not shiboken6.isValid(target):
            target = None  # the window it was for is gone (locked, closed): no dangling parent
        app = QApplication.instance()
        if app is None or app.closingDown():
            return
        QMessageBox.warning(target, translate("Operations", "没有完成"), error_text(exc))

    # -- state -------------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget the results of every job queued so far (the unit was locked)."""
        self._generation += 1

    @property
    def busy(self) -> bool:
        return self._running > 0

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (used at exit and in tests)."""
        return self.pool.waitForDone(msecs)

    def _set_running(self, delta: int) -> None:
        before = self._running > 0
        self._running += delta
        if (self._running > 0) != before:
            emit(self.busy_changed, self._running > 0)


def _adapt(fn: Callable[..., Any]) -> Callable[[Callable[..., None]], Any]:
    """Let jobs be written as ``fn()`` when they report no progress."""
    import inspect

    try:
        params = [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.default is inspect.Parameter.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        params = []
    if params:
        return fn
    return lambda _progress: fn()


def _changes_in(result: Any) -> Changes | None:
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return None
