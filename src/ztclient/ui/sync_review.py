"""The 同步 page's two tabs: 待核对 (conflicts and refused ops, with 已核对) and 通知与资料
(notices and study materials, with 标为已读). Shows rows it is given; the page runs the jobs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain.messages import field_text
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.i18n import domain_lang, translate
from ztclient.ui.sync_texts import closed_text, esc, problem_text, side_text


class ReviewTabs(QTabWidget):
    reviewed = Signal(int)  # a problem row's id: the clerk pressed 已核对
    read = Signal(str)  # an item id: the clerk pressed 标为已读
    replied = Signal(str)  # a notice's id: the clerk pressed 回复…

    def __init__(self) -> None:
        super().__init__()
        # 待核对: conflicts and refused ops
        problems = QWidget()
        pbox = QVBoxLayout(problems)
        self.problems = QTableWidget(0, 6)
        self.problems.setHorizontalHeaderLabels(
            [
                translate("Sync", "记录"),
                translate("Sync", "字段"),
                translate("Sync", "本机值"),
                translate("Sync", "中心值"),
                translate("Sync", "说明"),
                "",
            ]
        )
        self.problems.verticalHeader().setVisible(False)
        # rows fit their wrapped text at the width they are shown at, again whenever the
        # explanation column's width changes (filled before the page was laid out, an English
        # row was ten lines tall for three)
        self.problems.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        for col in (0, 1, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        pbox.addWidget(
            widgets.hint(
                translate(
                    "Sync",
                    "上级发回、需要您核对的记录：两边都改过的字段（上级已按规则合并并保留双方数值），以及被标记的记录，原因见“说明”。请核对，需要时在相应页面改正，再点“已核对”。",
                )
            )
        )
        pbox.addWidget(self.problems, 1)
        self.addTab(problems, translate("Sync", "待核对"))
        # 通知与资料
        items = QWidget()
        ibox = QVBoxLayout(items)
        self.items = QListWidget()
        self.items.currentItemChanged.connect(self._show_item)
        self.item_text = QLabel()
        self.item_text.setWordWrap(True)
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.item_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.read_button = QPushButton(translate("Sync", "标为已读"))
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self._read_clicked)
        self.reply_button = QPushButton(translate("Sync", "回复…"))
        self.reply_button.setEnabled(False)
        self.reply_button.clicked.connect(self._reply_clicked)
        split = QHBoxLayout()
        split.addWidget(self.items, 2)
        right = QVBoxLayout()
        right.addWidget(self.item_text, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reply_button)
        buttons.addWidget(self.read_button)
        right.addLayout(buttons)
        split.addLayout(right, 3)
        ibox.addLayout(split)
        self.addTab(items, translate("Sync", "通知与资料"))

    def _read_clicked(self) -> None:
        item = self.items.currentItem()
        if item is not None:
            emit(self.read, item.data(Qt.ItemDataRole.UserRole)["item_id"])

    def _reply_clicked(self) -> None:
        item = self.items.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole)["type"] == "notice":
            emit(self.replied, item.data(Qt.ItemDataRole.UserRole)["item_id"])

    def show_state(self, st: dict[str, Any]) -> None:
        problems = st["problems"]
        closed = st.get("closed_here", []) + st.get("closed_above", [])
        self.fill_problems(problems + closed)  # the count: open ones only
        self.fill_items(st["notices"] + st["materials"])
        self.setTabText(
            0,
            translate("Sync", "待核对 ({n})").format(n=len(problems))
            if problems
            else translate("Sync", "待核对"),
        )
        unread = sum(1 for i in st["notices"] + st["materials"] if not i.get("read"))
        self.setTabText(
            1,
            translate("Sync", "通知与资料 ({n})").format(n=unread)
            if unread
            else translate("Sync", "通知与资料"),
        )

    def clear_all(self) -> None:
        self.problems.setRowCount(0)
        self.items.clear()
        self.item_text.clear()

    def fill_problems(self, rows: list[dict]) -> None:
        fields = {
            "name": translate("Sync", "姓名"),
            "phone": translate("Sync", "联系电话"),
            "address": translate("Sync", "住址"),
            "education": translate("Sync", "学历"),
            "work_unit": translate("Sync", "工作单位"),
            "title": translate("Sync", "职务"),
            "monthly_fen": translate("Sync", "每月应交"),
            "receipt_no": translate("Sync", "收据号"),
            "member_id": translate("Sync", "党员"),
            "*": translate("Sync", "整条记录"),
        }
        entities = {
            "member": translate("Sync", "党员"),
            "meeting": translate("Sync", "会议"),
            "org": translate("Sync", "组织"),
            "study": translate("Sync", "学习"),
            "dues_base": translate("Sync", "党费基数"),
            "dues_approval": translate("Sync", "党费审批"),
            "dues_payment": translate("Sync", "党费缴纳"),
            "election": translate("Sync", "换届选举"),
            "appraisal": translate("Sync", "民主评议"),
            "talk": translate("Sync", "谈心谈话"),
            "rectification": translate("Sync", "整改事项"),
            "development_step": translate("Sync", "发展党员步骤"),
            "study_log": translate("Sync", "学习记录"),
            "attendance": translate("Sync", "会议签到"),
            "member_event": translate("Sync", "党员事件"),
            "org_post": translate("Sync", "党内职务"),
        }
        self.problems.setRowCount(len(rows))
        for i, r in enumerate(rows):
            record = "{kind} {name}".format(
                kind=entities.get(r.get("entity") or "", r.get("entity") or ""),
                name=r.get("record_name") or r.get("record_id") or "",
            )
            field = r.get("field") or ""
            conflict = r.get("kind") == "conflict"
            cells = [
                record.strip(),
                fields.get(field) or field_text(field, domain_lang()),
                side_text(r, "yours") if conflict else "",
                side_text(r, "theirs") if conflict else "",
                closed_text(r)
                if r.get("reviewed")
                else problem_text(
                    r.get("code"), r.get("params") if r.get("kind") != "conflict" else None
                ),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, r["id"])
                self.problems.setItem(i, col, item)
            if r.get("reviewed"):  # closed here or by the committee: nothing to press
                self.problems.removeCellWidget(i, 5)  # the button an open row had here
                continue
            button = QPushButton(translate("Sync", "已核对"))
            button.clicked.connect(lambda _=False, pid=r["id"]: emit(self.reviewed, pid))
            self.problems.setCellWidget(i, 5, button)

    def fill_items(self, rows: list[dict]) -> None:
        current = self.items.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole)["item_id"] if current is not None else None
        self.items.blockSignals(True)
        self.items.clear()
        kinds = {"notice": translate("Sync", "通知"), "material": translate("Sync", "学习资料")}
        for r in sorted(rows, key=lambda r: r.get("received_at") or "", reverse=True):
            body = r.get("body") or {}
            title = body.get("title") if isinstance(body, dict) else None
            item = QListWidgetItem(
                "[{kind}] {title}".format(
                    kind=kinds.get(r["type"], r["type"]), title=title or r["item_id"]
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, r)
            if not r.get("read"):
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            self.items.addItem(item)
            if r["item_id"] == keep:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)
        self._show_item(self.items.currentItem())

    def _show_item(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            self.item_text.setText(
                translate("Sync", "上级下发的通知和学习资料会列在这里。")
                if self.items.count() == 0
                else ""
            )
            self.read_button.setEnabled(False)
            self.reply_button.setEnabled(False)
            return
        r = item.data(Qt.ItemDataRole.UserRole)
        body = r.get("body") or {}
        if isinstance(body, dict):
            parts = [f"<b>{esc(body.get('title') or '')}</b>"]
            if body.get("issued_at"):
                parts.append(esc(str(body["issued_at"])))
            parts.append(esc(str(body.get("body") or body.get("text") or "")).replace("\n", "<br>"))
            self.item_text.setText("<br>".join(p for p in parts if p))
        else:
            self.item_text.setText(esc(str(body)))
        if r.get("feedback"):
            self.item_text.setText(
                self.item_text.text()
                + "<br><br><i>"
                + esc(translate("Sync", "本单位已回复：{text}").format(text=r["feedback"]))
                + "</i>"
            )
        self.read_button.setEnabled(not r.get("read"))
        self.reply_button.setEnabled(r.get("type") == "notice")
