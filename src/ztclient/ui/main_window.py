"""The main window: sidebar (工作台 · 党员 · 会议 · 学习 · 组织 · 报表 · 同步 · 设置) and one page each."""

from __future__ import annotations

import base64
import contextlib

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import translate
from ztclient.ui.theme import icon


class MainWindow(QMainWindow):
    """Holds the pages; forwards ``ops.changed`` to each; asks the shell to lock."""

    lock_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        from ztclient.ui.dashboard_view import DashboardView
        from ztclient.ui.development_view import DevelopmentView
        from ztclient.ui.dues_view import DuesView
        from ztclient.ui.meetings_view import MeetingsView
        from ztclient.ui.members_view import MembersView
        from ztclient.ui.orgs_view import OrgsView
        from ztclient.ui.reports_view import ReportsView
        from ztclient.ui.settings_view import SettingsView
        from ztclient.ui.study_view import StudyView
        from ztclient.ui.sync_view import SyncView
        from ztclient.ui.transfers_view import TransfersView

        self.ctx = ctx
        self.setWindowIcon(icon("app"))
        self.setWindowTitle(
            translate("MainWindow", "智慧政工离线客户端 — {unit}").format(
                unit=ctx.unit["unit_name"]
            )
        )
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.settings_view = SettingsView(ctx)
        self.settings_view.language_changed.connect(self.language_changed)
        self.pages = [
            ("dashboard", translate("MainWindow", "工作台"), DashboardView(ctx)),
            ("members", translate("MainWindow", "党员"), MembersView(ctx)),
            ("development", translate("MainWindow", "发展党员"), DevelopmentView(ctx)),
            ("transfers", translate("MainWindow", "组织关系"), TransfersView(ctx)),
            ("meetings", translate("MainWindow", "会议"), MeetingsView(ctx)),
            ("study", translate("MainWindow", "学习"), StudyView(ctx)),
            ("orgs", translate("MainWindow", "组织"), OrgsView(ctx)),
            ("dues", translate("MainWindow", "党费"), DuesView(ctx)),
            ("reports", translate("MainWindow", "报表"), ReportsView(ctx)),
            ("sync", translate("MainWindow", "同步"), SyncView(ctx)),
            ("settings", translate("MainWindow", "设置"), self.settings_view),
        ]
        for i, (key, text, page) in enumerate(self.pages):
            item = QListWidgetItem(icon(key), text)
            item.setToolTip(f"{text}  (Ctrl+{i + 1})")
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, n=i: self.show_page(n))
            self.addAction(action)
        # as wide as the longest page name needs ("Organisation" was cut off in English)
        self.sidebar.ensurePolished()  # the style sheet's padding and font count
        widest = self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth()
        self.sidebar.setFixedWidth(max(150, widest + 16))  # + the items' side margins, air
        self.sidebar.currentRowChanged.connect(self._on_row)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._status_bar()
        ctx.ops.changed.connect(self.on_changed)
        ctx.ops.error_parent = self
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.unit_label = QLabel(f"{self.ctx.unit['unit_name']}  {self.ctx.unit['unit_code']}")
        bar.addWidget(self.unit_label)
        self.busy_label = QLabel(translate("MainWindow", "正在处理…"))
        self.busy_label.setVisible(False)
        self.ctx.ops.busy_changed.connect(self.busy_label.setVisible)
        # A bound method, not a lambda: Qt drops the connection when this window is deleted
        # (a lambda would outlive it and touch a deleted label after a lock or language switch).
        self.ctx.ops.status.connect(self._status_text)
        bar.addPermanentWidget(self.busy_label)
        self.undo_button = QToolButton()
        self.undo_button.setIcon(icon("undo"))
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.undo_button.clicked.connect(self.undo)
        bar.addPermanentWidget(self.undo_button)
        lock = QToolButton()
        lock.setIcon(icon("lock"))
        lock.setText(translate("MainWindow", "锁定"))
        lock.setToolTip(translate("MainWindow", "锁定 (Ctrl+L)"))
        lock.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        lock.clicked.connect(self.lock_requested)
        bar.addPermanentWidget(lock)
        for seq, slot in (("Ctrl+L", self.lock_requested.emit), ("Ctrl+Z", self.undo)):
            action = QAction(self)
            action.setShortcut(QKeySequence(seq))
            action.triggered.connect(slot)
            self.addAction(action)
        self.ctx.undo.changed.connect(self._undo_state)
        self._undo_state()

    def _status_text(self, text: str) -> None:
        self.busy_label.setText(text or translate("MainWindow", "正在处理…"))

    def _undo_state(self) -> None:
        label = self.ctx.undo.label
        self.undo_button.setEnabled(label is not None)
        self.undo_button.setText(
            translate("MainWindow", "撤销：{what}").format(what=label)
            if label
            else translate("MainWindow", "撤销")
        )

    def undo(self) -> None:
        self.ctx.undo.undo()

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def page(self, key: str) -> QWidget:
        return next(p for k, _t, p in self.pages if k == key)

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.pages[row][2]
        if hasattr(page, "activate"):
            page.activate()

    def on_changed(self, changes: Changes) -> None:
        for _k, _t, page in self.pages:
            if hasattr(page, "on_changed"):
                page.on_changed(changes)

    def clear(self) -> None:
        """Drop every model's rows (on lock) so nothing of the unit stays in memory."""
        for _k, _t, page in self.pages:
            if hasattr(page, "clear"):
                page.clear()

    # -- geometry ---------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.ctx.settings.get("window_geometry")
        if saved:
            try:
                self.restoreGeometry(QByteArray(base64.b64decode(saved)))
                return
            except ValueError:
                pass
        self.resize(1280, 760)

    def save_geometry(self) -> None:
        self.ctx.settings.set(
            "window_geometry", base64.b64encode(bytes(self.saveGeometry().data())).decode()
        )
        with contextlib.suppress(OSError):  # the geometry is a comfort, not data
            self.ctx.settings.save()

    def closeEvent(self, event) -> None:
        self.save_geometry()
        super().closeEvent(event)
