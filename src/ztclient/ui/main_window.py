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
from ztclient.ui.lazy_pages import LazyPages, PageMaker, view
from ztclient.ui.theme import icon


class MainWindow(QMainWindow):
    """Holds the pages; forwards ``ops.changed`` to each; asks the shell to lock."""

    lock_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
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
        # One line a page: key, sidebar text, and how to make it. A page is made (and its
        # module imported) when it is first shown, so unlocking builds only the 工作台.
        self.pages: list[tuple[str, str, PageMaker]] = [
            (
                "dashboard",
                translate("MainWindow", "工作台"),
                view("dashboard_view", "DashboardView"),
            ),
            ("members", translate("MainWindow", "党员"), view("members_view", "MembersView")),
            (
                "development",
                translate("MainWindow", "发展党员"),
                view("development_view", "DevelopmentView"),
            ),
            (
                "transfers",
                translate("MainWindow", "组织关系"),
                view("transfers_view", "TransfersView"),
            ),
            ("meetings", translate("MainWindow", "会议"), view("meetings_view", "MeetingsView")),
            ("study", translate("MainWindow", "学习"), view("study_view", "StudyView")),
            ("orgs", translate("MainWindow", "组织"), view("orgs_view", "OrgsView")),
            ("dues", translate("MainWindow", "党费"), view("dues_view", "DuesView")),
            ("reports", translate("MainWindow", "报表"), view("reports_view", "ReportsView")),
            ("sync", translate("MainWindow", "同步"), view("sync_view", "SyncView")),
            ("settings", translate("MainWindow", "设置"), view("settings_view", "SettingsView")),
        ]
        self._lazy = LazyPages(self.stack, ctx, self.pages)
        self._lazy.built.connect(self._page_built)
        for i, (key, text, _make) in enumerate(self.pages):
            item = QListWidgetItem(icon(key), text)
            item.setToolTip(f"{text}  (Ctrl+{i + 1})")
            self.sidebar.addItem(item)
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
        """The page of ``key``, made now if it was not shown yet."""
        return self._lazy.page(key)

    @property
    def built_pages(self) -> list[str]:
        """Keys of the pages made so far (a page is made when it is first shown)."""
        return self._lazy.made_keys

    def _page_built(self, page: QWidget) -> None:
        language_changed = getattr(page, "language_changed", None)
        if language_changed is not None:  # 设置 → 语言
            language_changed.connect(self.language_changed)

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        self._lazy.show(row)

    def on_changed(self, changes: Changes) -> None:
        """The page on screen refreshes now; a hidden one when it is next shown (one edit used
        to queue a refresh job for every page that had ever been opened)."""
        self._lazy.changed(changes)

    def clear(self) -> None:
        """Drop every model's rows (on lock) so nothing of the unit stays in memory."""
        self._lazy.clear()

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
