"""发展党员: who is at which stage and what is due next (left), one person's record with all
steps of the five stages (right), and the actions on it: 登记步骤, 登记事件, 作废, 打印纪实表."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.services.development_docs import RECORD_LINES
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_label, translate
from ztclient.ui.table_model import DictTableModel
from ztclient.ui.theme import icon

STAGE_EVENTS = (
    "applied",
    "activist",
    "candidate",
    "admitted",
    "converted",
    "probation_extended",
    "probation_revoked",
)


def stage_names() -> dict[int, str]:
    return {
        1: translate("Development", "入党申请"),
        2: translate("Development", "积极分子培养"),
        3: translate("Development", "发展对象考察"),
        4: translate("Development", "预备党员接收"),
        5: translate("Development", "预备期考察和转正"),
        6: translate("Development", "已完成"),
    }


def item_label(code: str | None) -> str:
    """A step or a stage event, in the clerk's words."""
    if not code:
        return ""
    from ztclient.domain import codes

    return code_label(
        "development_step" if code in codes.table("development_step") else "event_kind", code
    )


def when_text(row: dict) -> str:
    if row.get("due"):
        return row["due"]
    if row.get("not_before"):
        return translate("Development", "{date}起").format(date=row["not_before"])
    return ""


class DevelopmentView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        self.record: dict | None = None
        box = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(widgets.title(translate("Development", "发展党员")))
        head.addStretch(1)
        self.org = QComboBox()
        self.org.addItem(translate("Development", "全部支部"), None)
        self.org.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button = QPushButton(icon("add"), translate("Development", "新增入党申请人…"))
        self.new_button.clicked.connect(self.new_applicant)
        head.addWidget(self.org)
        head.addWidget(self.new_button)
        box.addLayout(head)
        box.addWidget(
            widgets.hint(
                translate(
                    "Development",
                    "按《发展党员工作细则》五个阶段二十五个步骤记录；红色为已过期限的下一步。",
                )
            )
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        box.addWidget(split, 1)

        self.model = DictTableModel(
            [
                ("name", translate("Development", "姓名"), None),
                ("org_name", translate("Development", "所在支部"), None),
                (
                    "stage",
                    translate("Development", "阶段"),
                    lambda r: stage_names().get(r["stage"], ""),
                ),
                ("next", translate("Development", "下一步"), lambda r: item_label(r["next"])),
                ("due", translate("Development", "期限"), when_text),
            ],
            self,
        )
        self.model.highlight = lambda r: bool(r.get("overdue"))
        self.table = widgets.table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.show_row(cur.row())
        )
        split.addWidget(self.table)

        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        self.person = QLabel()
        self.person.setObjectName("SectionTitle")
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        rbox.addWidget(self.person)
        rbox.addWidget(self.next_label)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [
                translate("Development", "步骤"),
                translate("Development", "日期"),
                translate("Development", "有关人员"),
                translate("Development", "情况记载"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 92)
        self.tree.setColumnWidth(2, 96)
        rbox.addWidget(self.tree, 1)
        bar = QHBoxLayout()
        self.step_button = QPushButton(translate("Development", "登记步骤…"))
        self.step_button.clicked.connect(self.add_step)
        self.event_button = QPushButton(translate("Development", "登记事件…"))
        self.event_button.clicked.connect(self.event_menu)
        self.void_button = QPushButton(translate("Development", "作废选定记录…"))
        self.void_button.clicked.connect(self.void_selected)
        self.print_button = QPushButton(translate("Development", "打印纪实表…"))
        self.print_button.clicked.connect(self.print_record)
        for b in (self.step_button, self.event_button, self.void_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        rbox.addLayout(bar)
        split.addWidget(right)
        split.setSizes([560, 640])
        self._enable(False)

    # -- loading ------------------------------------------------------------------------------------
    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.ctx.ops.run(self.ctx.session.orgs.branches, self._orgs)
            self.reload()

    def _orgs(self, rows) -> None:
        self.org.blockSignals(True)
        for r in rows:
            self.org.addItem(r["name"], r["id"])
        self.org.blockSignals(False)

    def reload(self) -> None:
        development, org_id = self.ctx.session.development, self.org.currentData()
        self.ctx.ops.run(lambda: development.pipeline(org_id=org_id), self._listed)

    def _listed(self, rows: list[dict]) -> None:
        keep = self.record["member"]["id"] if self.record else None
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        index = next((i for i, r in enumerate(rows) if r["id"] == keep), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)
            self.show_row(index)
        else:
            self.show_record(None)

    def show_row(self, index: int) -> None:
        row = self.model.row(index)
        if row is not None:
            self.open_record(row["id"])

    def open_record(self, member_id: str) -> None:
        development = self.ctx.session.development
        self.ctx.ops.run(lambda: development.record(member_id), self.show_record)

    def show_record(self, record: dict | None) -> None:
        self.record = record
        self.tree.clear()
        self._enable(record is not None)
        if record is None:
            self.person.setText("")
            self.next_label.setText("")
            return
        m = record["member"]
        self.person.setText(
            translate("Development", "{name}　{category}　{org}　（{stage}）").format(
                name=m["name"],
                category=code_label("category", m["category"]),
                org=m.get("org_name") or "",
                stage=stage_names().get(record["stage"], ""),
            )
        )
        nexts = [f"{item_label(n['code'])} {when_text(n)}".strip() for n in record["next"]]
        self.next_label.setText(
            translate("Development", "下一步：{items}").format(
                items="；".join(nexts) or translate("Development", "无")
            )
        )
        self._fill_tree(record)

    def _fill_tree(self, record: dict) -> None:
        by_code: dict[str, list[dict]] = {}
        for e in record["entries"]:
            by_code.setdefault(e["step"], []).append(e)
        stages: dict[int, QTreeWidgetItem] = {}
        grey = QBrush(QColor("#888888"))
        for stage, number, label, what in RECORD_LINES:
            parent = stages.get(stage)
            if parent is None:
                parent = QTreeWidgetItem([stage_names()[stage]])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.tree.addTopLevelItem(parent)
                stages[stage] = parent
            entries = [e for code in what for e in by_code.get(code, [])]
            title = f"{number}. {label}" if number else label
            if not entries:
                item = QTreeWidgetItem([title, "", "", translate("Development", "（未登记）")])
                for col in range(4):
                    item.setForeground(col, grey)
                parent.addChild(item)
                continue
            for i, e in enumerate(entries):
                item = QTreeWidgetItem(
                    [
                        title if i == 0 else "",
                        e["date"],
                        "、".join(p.get("name", "") for p in e["people"]),
                        self._note(e),
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, e)
                if e["voided"]:
                    font = QFont(item.font(1))
                    font.setStrikeOut(True)
                    for col in range(1, 4):
                        item.setFont(col, font)
                        item.setForeground(col, grey)
                parent.addChild(item)
        self.tree.expandAll()

    @staticmethod
    def _note(e: dict) -> str:
        d, parts = e["details"], []
        if e.get("meeting_id"):
            parts.append(f"{e.get('meeting_title') or ''}（{e.get('meeting_date') or ''}）")
        if d.get("result"):
            parts.append(code_label("political_review_result", d["result"]))
        if d.get("days"):
            parts.append(translate("Development", "{n}天").format(n=d["days"]))
        if d.get("hours"):
            parts.append(translate("Development", "{n}学时").format(n=d["hours"]))
        for key in ("months", "document_no", "training_exempt_reason", "note"):
            if d.get(key):
                parts.append(str(d[key]))
        if e["voided"]:
            parts.append(
                translate("Development", "已作废：{reason}").format(
                    reason=e.get("void_reason") or ""
                )
            )
        return "；".join(parts)

    def _enable(self, on: bool) -> None:
        for b in (self.step_button, self.event_button, self.void_button, self.print_button):
            b.setEnabled(on)

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (changes.members or changes.development or changes.meetings):
            self.reload()

    def clear(self) -> None:
        self.model.clear()
        self.tree.clear()
        self.record = None
        self.loaded = False

    # -- actions -------------------------------------------------------------------------------------
    def new_applicant(self) -> None:
        from ztclient.ui.member_form import MemberForm

        form = MemberForm(self.ctx, None, self)
        category = form.inputs["category"]
        category.setCurrentIndex(max(category.findData("applicant"), 0))
        form.open()
        self.form = form

    def add_step(self) -> None:
        from ztclient.ui.development_dialogs import StepDialog

        if self.record:
            self.dialog = StepDialog(self.ctx, self.record["member"], self)
            self.dialog.open()

    def event_menu(self) -> None:
        from ztclient.domain import events

        if not self.record:
            return
        menu = QMenu(self)
        for kind in STAGE_EVENTS:
            if events.allowed(self.record["member"], kind):
                action = menu.addAction(code_label("event_kind", kind))
                action.triggered.connect(lambda _=False, k=kind: self.open_event(k))
        if menu.isEmpty():
            menu.addAction(translate("Development", "当前阶段没有可登记的事件")).setEnabled(False)
        menu.popup(self.event_button.mapToGlobal(self.event_button.rect().bottomLeft()))
        self.menu = menu

    def open_event(self, kind: str) -> None:
        from ztclient.ui.member_events import EventDialog

        if self.record:
            self.dialog = EventDialog(self.ctx, self.record["member"], kind, self)
            self.dialog.open()

    def selected_entry(self) -> dict | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def void_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry["voided"]:
            widgets_info(self, translate("Development", "请先在右侧选定一条未作废的记录。"))
            return
        reason, ok = QInputDialog.getText(
            self,
            translate("Development", "作废记录"),
            translate("Development", "作废“{what}”（{date}）的理由：").format(
                what=item_label(entry["step"]), date=entry["date"]
            ),
        )
        if not ok or not reason.strip():
            return
        s, entry_id = self.ctx.session, entry["id"]
        job = (
            (lambda: s.development.void_step(entry_id, reason))
            if entry["source"] == "step"
            else (lambda: s.events.void(entry_id, reason))
        )
        self.ctx.ops.run(job, None)

    def print_record(self) -> None:
        from ztclient.ui.reports_view import _safe, print_pdf

        if not self.record:
            return
        docs, member = self.ctx.session.development_docs, self.record["member"]
        name = translate("Development", "{name} 发展党员工作纪实表.pdf").format(
            name=_safe(member["name"])
        )
        print_pdf(self.ctx, self, lambda out: docs.print_record(member["id"], out), name)


def widgets_info(parent: QWidget, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, translate("Development", "发展党员"), text)
