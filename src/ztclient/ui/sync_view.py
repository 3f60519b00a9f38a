"""同步: status at a glance, 立即同步, background sync with backoff, enrolment, USB, conflicts.

Two lanes. Reading and writing the unit (status, USB files, 已核对) runs on the one database
worker like every other page's job. The exchange with ztcentral runs on this page's own
**network worker** (``self.net``): a sync that waits for a slow or dead link never holds the
database worker, so the clerk keeps editing meanwhile (the store serialises the two lanes'
transactions). While a sync runs the page shows bytes sent of the total, in the page and in the
status bar, with 取消 (checked between requests: nothing is lost, the sealed bundles go again,
as the same bytes, next time).

What the exchange changed comes back as the service's ``SyncReport.changes`` and is announced
to the other views; this page decides nothing about it. How hard to try, and how long the
background timer waits after a failure, is the service's ``SyncPolicy``.
"""

from __future__ import annotations

import threading
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain.errors import DomainError
from ztclient.services.changes import Changes
from ztclient.services.sync import SyncPolicy, SyncReport
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import error_text, translate
from ztclient.ui.operations import Operations
from ztclient.ui.sync_card import StatusCard
from ztclient.ui.sync_enrol import EnrolDialog
from ztclient.ui.sync_review import ReviewTabs
from ztclient.ui.sync_texts import exported_text, failure_text, imported_text

_DEFAULT = SyncPolicy()
BASE_INTERVAL_MS = int(_DEFAULT.background_base_s * 1000)
MAX_INTERVAL_MS = int(_DEFAULT.background_cap_s * 1000)


def next_interval(current_ms: int, ok: bool, policy: SyncPolicy = _DEFAULT) -> int:
    """The background timer's next wait in milliseconds (the policy's rule, for a QTimer)."""
    return int(policy.next_background_wait(current_ms / 1000, ok) * 1000)


class _Progress(QObject):
    """Bytes sent of the total, from the network worker to the page (queued to the GUI)."""

    moved = Signal(int, int)


def read_status(session: Any) -> dict | None:
    """The page's state, read on the database worker."""
    svc = getattr(session, "sync", None)
    if svc is None:
        return None
    st = svc.status()  # its 待核对 rows name their records (services/sync/problem_names.py)
    notices = getattr(session, "notices", None)
    if notices is not None:  # this unit's replies, shown under each notice
        replies = {r["item_id"]: r["feedback"] for r in notices.list()}
        for n in st["notices"]:
            n["feedback"] = replies.get(n["item_id"], "")
    return st


class SyncView(QWidget):
    """The 同步 page."""

    refreshes_when_shown = True  # activate() reads afresh: no missed changes to hand over

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.state: dict | None = None
        self.interval_ms = BASE_INTERVAL_MS
        self.background_running = False
        self.locked = False
        self.net = Operations(self)  # the network lane (see the module docstring)
        self.cancel_requested = threading.Event()
        self.progress_relay = _Progress(self)
        self.progress_relay.moved.connect(self._progressed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.background_sync)

        box = QVBoxLayout(self)
        box.addWidget(widgets.title(translate("Sync", "同步")))
        box.addWidget(
            widgets.hint(
                translate("Sync", "有网络时把本单位的变动加密发给上级党委；没有网络时用U盘带过去。")
            )
        )

        self.card = StatusCard()
        self.card.cancel_clicked.connect(self.cancel_sync)
        # the card's widgets, by the names the page has always had
        self.summary, self.enrol_line = self.card.summary, self.card.enrol_line
        self.last_line, self.counts_line = self.card.last_line, self.card.counts_line
        self.result, self.progress_row = self.card.result, self.card.progress_row
        box.addWidget(self.card)
        row = QHBoxLayout()
        self.sync_button = QPushButton(translate("Sync", "立即同步"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.export_button = QPushButton(translate("Sync", "导出到U盘…"))
        self.export_button.clicked.connect(self.export_usb)
        self.import_button = QPushButton(translate("Sync", "导入回执/下发文件…"))
        self.import_button.clicked.connect(self.import_usb)
        self.enrol_button = QPushButton(translate("Sync", "登记本机…"))
        self.enrol_button.clicked.connect(self.open_enrol)
        for b in (self.sync_button, self.export_button, self.import_button, self.enrol_button):
            b.setMinimumWidth(130)
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.actions = {
            "sync_now": self.sync_button,
            "export_usb": self.export_button,
            "import_usb": self.import_button,
            "enrol": self.enrol_button,
        }

        self.tabs = ReviewTabs()
        self.tabs.reviewed.connect(self.mark_reviewed)
        self.tabs.read.connect(self.mark_read)
        self.tabs.replied.connect(self.reply)
        # the tabs' widgets, by the names the page has always had
        self.problems, self.items = self.tabs.problems, self.tabs.items
        self.item_text, self.read_button = self.tabs.item_text, self.tabs.read_button
        self.reply_button = self.tabs.reply_button
        box.addWidget(self.tabs, 1)
        self._show(None)
        self.refresh()  # at once, not on first visit: the background timer needs the state

    # -- state -------------------------------------------------------------------------------
    def _run(self, job: Any, done: Any = None, error: Any = None, **kw: Any) -> None:
        """``ops.run`` whose answers are dropped when this page is gone (a language switch
        rebuilds the window while a job of the old one may still be queued)."""

        def alive(fn: Any) -> Any:
            return lambda value: fn(value) if shiboken6.isValid(self) and not self.locked else None

        if error is None:  # the clerk's own action: a box, but never once the page is locked

            def error(exc: BaseException) -> None:
                self.ctx.ops.show_error(exc, self)

        self.ctx.ops.run(job, alive(done) if done else None, alive(error), **kw)

    def _hint(self, text: str) -> None:
        """A background outcome: the status bar for a while, never a dialog."""
        window = self.window()
        if isinstance(window, QMainWindow) and text:
            window.statusBar().showMessage(text, 15_000)

    def _say(self, text: str, error: bool = False) -> None:
        self.card.say(text, error)

    @property
    def service(self) -> Any:
        return getattr(self.ctx.session, "sync", None)

    def activate(self) -> None:
        self.refresh()

    def on_changed(self, changes: Changes) -> None:
        if changes.any:
            self.refresh()

    def clear(self) -> None:
        """On lock: stop the background timer and a running sync, forget what was shown, drop
        later answers."""
        self.locked = True
        self.cancel_requested.set()
        self.net.invalidate()
        self.timer.stop()
        self.card.finished()
        self.state = None
        self.tabs.clear_all()

    def refresh(self) -> None:
        if self.locked:
            return
        session = self.ctx.session
        self._run(lambda: read_status(session), self._show, self._status_failed)

    def _status_failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), error=True)

    def _show(self, st: dict | None) -> None:
        self.state = st
        enrolled = bool(st and st["enrolled"])
        for b in (self.sync_button, self.export_button, self.import_button):
            b.setEnabled(enrolled and not (b is self.sync_button and self.syncing))
        self.enrol_button.setEnabled(st is not None)
        self.enrol_button.setText(
            translate("Sync", "重新登记本机…") if enrolled else translate("Sync", "登记本机…")
        )
        no_sync = self.ctx.session is not None and self.service is None
        self.card.show_state(st, no_sync)
        if st is not None:
            self.tabs.show_state(st)
            self._schedule()

    # -- background sync ---------------------------------------------------------------------
    def _schedule(self) -> None:
        """Keep the timer running while enrolled and unlocked; never two timers."""
        enrolled = bool(self.state and self.state["enrolled"])
        if not enrolled or self.ctx.session is None:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start(self.interval_ms)

    def background_sync(self) -> None:
        if self.locked or not (self.state and self.state["enrolled"]) or self.service is None:
            return
        if self.net.busy:  # a sync is still running: try again shortly, never two at once
            self.timer.start(min(self.interval_ms, 5_000))
            return
        self.background_running = True
        self._run_sync(background=True)

    @property
    def syncing(self) -> bool:
        return self.net.busy

    def _run_sync(self, background: bool) -> None:
        svc = self.service
        cancel = self.cancel_requested
        cancel.clear()
        relay = self.progress_relay

        def job() -> SyncReport:  # on the network worker: plain data only
            def progress(done: int, total: int) -> None:
                if cancel.is_set():
                    raise DomainError("E_CANCELLED")
                emit(relay.moved, done, total)

            return svc.sync(background=background, progress=progress)

        def alive(fn: Any) -> Any:
            return lambda value: fn(value) if shiboken6.isValid(self) and not self.locked else None

        self.sync_button.setEnabled(False)
        self.card.started(visible=not background)
        self.net.run(
            job,
            alive(lambda report: self._synced(report, background)),
            alive(lambda exc: self._sync_failed(exc, background)),
        )

    def _progressed(self, done: int, total: int) -> None:
        if self.locked or not self.syncing:
            return
        text = self.card.moved(done, total)
        if self.progress_row.isVisible():
            self._hint(translate("Sync", "正在同步：{what}").format(what=text))

    def cancel_sync(self) -> None:
        """Stop the running sync before its next request (nothing is lost)."""
        if self.syncing:
            self.cancel_requested.set()
            self.card.cancelling()

    def _sync_done(self) -> None:
        self.background_running = False
        self.card.finished()
        self.sync_button.setEnabled(bool(self.state and self.state["enrolled"]))
        self.timer.stop()

    def _synced(self, report: SyncReport, background: bool) -> None:
        self._sync_done()
        self.interval_ms = next_interval(self.interval_ms, True, self._policy())
        text = translate("Sync", "同步完成：发送 {sent} 项，收到 {down} 项。").format(
            sent=report.ops_sent, down=report.down_items
        )
        if report.conflicts:
            text += translate("Sync", "有 {n} 处需要核对，请在“待核对”中查看。").format(
                n=report.conflicts
            )
        if not background or report.ops_sent or report.down_items:
            self._say(text)
            self._hint(text)
        # what the exchange changed, as the service reported it: every view decides for itself
        emit(self.ctx.ops.changed, report.changes)
        self.refresh()

    def _sync_failed(self, exc: BaseException, background: bool) -> None:
        self._sync_done()
        if getattr(exc, "code", None) != "E_CANCELLED":  # offline or refused: wait longer
            self.interval_ms = next_interval(self.interval_ms, False, self._policy())
        self._say(failure_text(exc), error=True)
        if background or getattr(exc, "code", None) == "E_CANCELLED":
            self._hint(failure_text(exc))
        self.refresh()  # counts as they are now (nothing lost); reschedules the timer

    def _policy(self) -> SyncPolicy:
        svc = self.service
        return svc.policy if svc is not None else _DEFAULT

    # -- the clerk's actions -----------------------------------------------------------------
    def sync_now(self) -> None:
        if self.service is None:
            return
        self._say(translate("Sync", "正在同步…"))
        self._run_sync(background=False)

    def open_enrol(self) -> None:
        if self.service is None:
            return
        dialog = EnrolDialog(self, (self.state or {}).get("server_url") or "")
        self.enrol_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values()
        dialog.deleteLater()
        self.enrol_dialog = None
        if not accepted:
            return
        svc, session = self.service, self.ctx.session
        if values["how"] == "online":

            def job():
                info = svc.enroll_online(values["url"], values["code"])
                return info, read_status(session), Changes(sync=True)
        else:
            out, _ = QFileDialog.getSaveFileName(
                self,
                translate("Sync", "保存登记申请文件（交上级导入）"),
                values["path"] + ".request.json",
                translate("Sync", "登记申请 (*.json)"),
            )
            if not out:
                return

            def job():
                info = svc.enroll_file(values["path"], out)
                return info, read_status(session), Changes(sync=True)

        self._run(
            job,
            self._enrolled,
            self._enrol_failed,
            label=translate("Sync", "正在登记本机…"),
            parent=self,
        )

    def _enrolled(self, res: tuple) -> None:
        info, st, _changes = res
        if info.get("request_file"):
            text = translate(
                "Sync",
                "已用登记文件登记本机。请把登记申请文件 {file} 带到上级党委导入，之后就可以用U盘或网络同步。",
            ).format(file=info["request_file"])
        else:
            text = translate("Sync", "本机已登记（信任文件第 {version} 版），可以同步了。").format(
                version=info["trust_version"]
            )
        self._say(text)
        self.interval_ms = BASE_INTERVAL_MS
        self._show(st)

    def _enrol_failed(self, exc: BaseException) -> None:
        text = error_text(exc)  # what went wrong, in the catalogue's words (address, network …)
        self._say(text, error=True)
        QMessageBox.warning(self, translate("Sync", "没有登记成功"), text)

    def export_usb(self) -> None:
        if self.service is None:
            return
        folder = QFileDialog.getExistingDirectory(self, translate("Sync", "选择U盘或文件夹"))
        if not folder:
            return
        svc, session = self.service, self.ctx.session

        def job():
            files = svc.export(folder)
            return files, read_status(session), Changes(sync=True)

        self._run(job, self._exported, label=translate("Sync", "正在导出…"), parent=self)

    def _exported(self, res: tuple) -> None:
        files, st, _changes = res
        self._show(st)
        text = exported_text(files)
        self._say(text.split("\n\n")[0].replace("\n", "  "))
        QMessageBox.information(self, translate("Sync", "导出到U盘"), text)

    def import_usb(self) -> None:
        if self.service is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            translate("Sync", "选择回执或下发文件"),
            "",
            translate("Sync", "同步文件 (*.dzb);;所有文件 (*)"),
        )
        if not paths:
            return
        svc, session = self.service, self.ctx.session

        def job():
            report = svc.import_files(paths)  # the service's one rule (any order, twice = no-op)
            return report, read_status(session), report.changes

        self._run(job, self._imported, label=translate("Sync", "正在导入…"), parent=self)

    def _imported(self, res: tuple) -> None:
        report, st, _changes = res
        self._show(st)
        text = imported_text(report)
        self._say(text.replace("\n", "  "), error=bool(report.failed))
        QMessageBox.information(self, translate("Sync", "导入回执/下发文件"), text)

    def mark_reviewed(self, problem_id: int) -> None:
        svc, session = self.service, self.ctx.session

        def job():
            svc.mark_reviewed(problem_id)
            return read_status(session)

        self._run(job, self._show)

    def mark_read(self, item_id: str) -> None:
        svc, session = self.service, self.ctx.session
        kind = next((i["type"] for i in self._shown_items() if i["item_id"] == item_id), "")

        def job():
            if kind == "notice":  # a read receipt goes up with the next bundle
                session.notices.read(item_id)
            else:
                svc.mark_read(item_id)
            return read_status(session)

        self._run(job, self._show)

    def _shown_items(self) -> list[dict]:
        st = self.state or {}
        return list(st.get("notices") or []) + list(st.get("materials") or [])

    def reply(self, item_id: str) -> None:
        """回复: a short answer to the selected notice (sent up with the next bundle)."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getMultiLineText(
            self, translate("Sync", "回复通知"), translate("Sync", "回复内容（500字以内）：")
        )
        if not ok or not text.strip():
            return
        session = self.ctx.session

        def job():
            session.notices.reply(item_id, text)
            return read_status(session)

        self._run(job, self._show)
