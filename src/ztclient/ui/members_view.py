"""党员: the roster (search as you type, filters) and the buttons that open the member form."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, translate
from ztclient.ui.roster_model import BLOCK, RosterModel
from ztclient.ui.theme import icon

SEARCH_DELAY_MS = 120  # one query per pause in typing, not per key


class MembersView(QWidget):
    """The roster page. ``last_search_ms`` is the time from the last keystroke's query start to
    the table showing its result (measured for the budget: ≤ 30 ms p95)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        self.last_search_ms = 0.0
        self._query_seq = 0
        self._sized = False
        box = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(widgets.title(translate("Members", "党员")))
        head.addStretch(1)
        self.count_label = QLabel()
        head.addWidget(self.count_label)
        box.addLayout(head)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setPlaceholderText(
            translate("Members", "搜索：姓名、拼音首字母（如 zs）、身份证或电话后几位")
        )
        self.search.setMinimumWidth(320)
        self.org = QComboBox()
        self.category = QComboBox()
        self.status = QComboBox()
        for combo in (self.org, self.category, self.status):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.addItem(translate("Members", "全部类别"), None)
        for code, label in code_choices("category"):
            self.category.addItem(label, code)
        self.status.addItem(translate("Members", "在册党员"), None)
        for code, label in code_choices("status"):
            self.status.addItem(label, code)
        self.status.addItem(translate("Members", "全部（含已出党、转出）"), "*")
        bar.addWidget(self.search, 2)
        bar.addWidget(self.org)
        bar.addWidget(self.category)
        bar.addWidget(self.status)
        box.addLayout(bar)

        self.model = RosterModel(ctx.ops, lambda ids: ctx.session.members.rows_by_id(ids), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Fixed row heights and no per-row resizing keep 20,000 rows instant to open and scroll.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Measure column contents from the visible rows only: the default (1,000 rows) would
        # page in five blocks just to size the columns.
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)  # 所在党支部 takes the slack
        for col, width in enumerate((90, 50, 170, 100, 100, 90, 220, 100, 90, 120)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(
            lambda index: self.open_member(self.model.member_id(index.row()))
        )
        box.addWidget(self.table, 1)
        self.empty = widgets.hint("")  # "no one found", in words, when a search finds nobody
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        box.addWidget(self.empty)

        actions = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), translate("Members", "新增党员"))
        self.add_button.setToolTip("Ctrl+N")
        self.add_button.clicked.connect(lambda: self.open_member(None))
        self.edit_button = QPushButton(translate("Members", "查看 / 修改"))
        self.edit_button.clicked.connect(self.open_selected)
        actions.addWidget(self.add_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        actions.addWidget(
            widgets.hint(
                translate(
                    "Members",
                    "党员不能删除：出党、转出、死亡等请在党员信息中“登记事件”；"
                    "误录的人员用“录入错误作废”。",
                )
            )
        )
        box.addLayout(actions)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        for combo in (self.org, self.category, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for seq, slot in (
            ("Ctrl+F", self.focus_search),
            ("Ctrl+N", lambda: self.open_member(None)),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(seq))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.table.activated.connect(
            lambda index: self.open_member(self.model.member_id(index.row()))
        )

    # -- loading ---------------------------------------------------------------------------------
    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self._load_orgs()
            self.reload()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _load_orgs(self) -> None:
        orgs = self.ctx.session.orgs

        def done(rows) -> None:
            current = self.org.currentData()
            self.org.blockSignals(True)
            self.org.clear()
            self.org.addItem(translate("Members", "全部组织"), None)
            for r in rows:
                self.org.addItem(r["name"], r["id"])
            index = self.org.findData(current)
            self.org.setCurrentIndex(max(index, 0))
            self.org.blockSignals(False)

        self.ctx.ops.run(
            lambda: [o for o in orgs.list() if o["kind"] in ("branch", "general_branch")], done
        )

    def filters(self) -> dict:
        status = self.status.currentData()
        return {
            "org_id": self.org.currentData(),
            "category": self.category.currentData(),
            "status": None if status == "*" else status,
            "include_former": status == "*",
        }

    def reload(self) -> None:
        """Query the ids (and the first block of rows) for the current search and filters."""
        self._query_seq += 1
        seq = self._query_seq
        text, filters = self.search.text().strip(), self.filters()
        members = self.ctx.session.members
        started = time.perf_counter()

        def job():
            ids = members.ids(text or None, **filters)
            return ids, members.rows_by_id(ids[:BLOCK])

        def done(result) -> None:
            if seq != self._query_seq:
                return  # an older query overtaken by newer typing
            ids, rows = result
            self.model.set_ids(ids, rows)
            if rows and not self._sized:
                # Once, from the first block (Qt only measures visible rows: cheap at 20,000),
                # so English labels like "Probationary member" are not cut off.
                self._sized = True
                self.table.resizeColumnsToContents()
                for col in range(self.model.columnCount()):
                    self.table.setColumnWidth(col, self.table.columnWidth(col) + 18)  # air
            self.count_label.setText(translate("Members", "共 {n} 人").format(n=len(ids)))
            self._say_empty(text if not ids else None, bool(filters))
            self.last_search_ms = (time.perf_counter() - started) * 1000

        self.ctx.ops.run(job, done)

    def _say_empty(self, text: str | None, filtered: bool) -> None:
        if text is None:
            self.empty.setVisible(False)
            return
        self.empty.setText(
            translate(
                "Members",
                "没有找到“{text}”。可以只输入姓名中的一个字、拼音首字母（如 zs）、身份证或电话后四位；"
                "已出党、转出的党员请在右侧选“全部”。",
            ).format(text=text)
            if text
            else translate("Members", "没有符合所选条件的党员。")
        )
        self.empty.setVisible(True)

    def on_changed(self, changes: Changes) -> None:
        if not self.loaded:
            return
        if changes.orgs:
            self._load_orgs()
        if changes.members:
            self.reload()

    def clear(self) -> None:
        self.model.clear()
        self.search.clear()
        self.loaded = False

    # -- the form ----------------------------------------------------------------------------------
    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_member(self.model.member_id(rows[0].row()))

    def open_member(self, member_id: str | None) -> None:
        from ztclient.ui.member_form import MemberForm

        key = ("member", member_id) if member_id else ("member-new", object())
        self.form = self.ctx.windows.open(key, lambda: MemberForm(self.ctx, member_id, self))
