"""党员信息: the member form with inline validation as you type, masked ID and phone, history.

Validation runs twice: the ID number is checked locally on every key (pure domain code, so the
birth date and gender can be filled at once), and the whole record goes through
``members.validate`` on the worker after a short pause in typing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain import idnumber
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render_error
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.editor_guard import ForgivingDialog
from ztclient.ui.i18n import code_choices, code_label, domain_lang, error_text, translate
from ztclient.ui.roster_model import mask_id, mask_phone
from ztclient.ui.theme import icon

VALIDATE_DELAY_MS = 300
TEXT_FIELDS = (
    "name",
    "id_number",
    "birth_date",
    "native_place",
    "work_unit",
    "title",
    "phone",
    "address",
    "degree",
    "application_date",
    "activist_date",
    "candidate_date",
    "join_date",
    "full_member_date",
    "probation_end",
    "work_start_date",
)
CODE_FIELDS = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "education": "education",
    "job": "job",
    "category": "category",
}
MASKED = ("id_number", "phone", "address")


def _labels() -> dict[str, str]:
    return {
        "name": translate("MemberForm", "姓名"),
        "gender": translate("MemberForm", "性别"),
        "id_number": translate("MemberForm", "公民身份号码"),
        "ethnicity": translate("MemberForm", "民族"),
        "birth_date": translate("MemberForm", "出生日期"),
        "native_place": translate("MemberForm", "籍贯"),
        "education": translate("MemberForm", "学历"),
        "degree": translate("MemberForm", "学位"),
        "job": translate("MemberForm", "工作岗位"),
        "work_unit": translate("MemberForm", "工作单位及职务"),
        "title": translate("MemberForm", "专业技术职务"),
        "phone": translate("MemberForm", "联系电话"),
        "address": translate("MemberForm", "家庭住址"),
        "org_id": translate("MemberForm", "所在党支部"),
        "category": translate("MemberForm", "人员类别"),
        "application_date": translate("MemberForm", "递交入党申请书日期"),
        "activist_date": translate("MemberForm", "确定为入党积极分子日期"),
        "candidate_date": translate("MemberForm", "确定为发展对象日期"),
        "join_date": translate("MemberForm", "入党日期"),
        "full_member_date": translate("MemberForm", "转为正式党员日期"),
        "probation_end": translate("MemberForm", "预备期满日期"),
        "work_start_date": translate("MemberForm", "参加工作日期"),
        "note": translate("MemberForm", "备注"),
    }


class MemberForm(ForgivingDialog):
    """Add (``member_id`` None) or view and edit one member."""

    def __init__(
        self, ctx: UiContext, member_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.record: dict = {}
        self.revealed: set[str] = set()
        self.errors: dict[str, QLabel] = {}
        self.field_errors: dict[str, list[str]] = {}
        self.inputs: dict[str, QWidget] = {}
        self._auto_filled: dict[str, str] = {}
        self._validate_seq = 0
        self.setWindowTitle(
            translate("MemberForm", "新增党员")
            if member_id is None
            else translate("MemberForm", "党员信息")
        )
        self.resize(860, 640)
        self.tabs = QTabWidget()
        labels = _labels()
        self.tabs.addTab(self._basic_tab(labels), translate("MemberForm", "基本信息"))
        self.tabs.addTab(self._development_tab(labels), translate("MemberForm", "入党信息"))
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(
            [
                translate("MemberForm", "日期"),
                translate("MemberForm", "事件"),
                translate("MemberForm", "情况"),
                translate("MemberForm", "备注"),
            ]
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tabs.addTab(self.history, translate("MemberForm", "历史"))
        self.summary = widgets.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(translate("MemberForm", "保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            translate("MemberForm", "关闭")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.event_button = QPushButton(translate("MemberForm", "登记事件…"))
        self.event_button.setToolTip(
            translate("MemberForm", "转正、转出、出党、流动等都作为事件登记，记录保留")
        )
        self.event_button.setEnabled(member_id is not None)
        self.event_button.clicked.connect(self.show_event_menu)
        bottom = QHBoxLayout()
        bottom.addWidget(self.event_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        box = QVBoxLayout(self)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.summary)
        box.addLayout(bottom)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(VALIDATE_DELAY_MS)
        self.timer.timeout.connect(self.validate)
        self._load_choices()
        if member_id is not None:
            self.load()
        else:
            self.inputs["category"].setCurrentIndex(
                max(self.inputs["category"].findData("full"), 0)
            )

    # -- layout ----------------------------------------------------------------------------------
    def _add(
        self,
        grid: QGridLayout,
        labels: dict,
        key: str,
        widget: QWidget,
        row: int,
        col: int,
        extra: QWidget | None = None,
    ) -> None:
        self.inputs[key] = widget
        err = widgets.error_label()
        self.errors[key] = err
        cell = QWidget()
        inner = QVBoxLayout(cell)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        line = QHBoxLayout()
        line.addWidget(widget, 1)
        if extra is not None:
            line.addWidget(extra)
        inner.addLayout(line)
        inner.addWidget(err)
        grid.addWidget(QLabel(labels[key]), row, col * 2)
        grid.addWidget(cell, row, col * 2 + 1)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, k=key: self._edited(k))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _i, k=key: self._edited(k))

    def _line(self, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, table: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem("", None)
        if table:
            for code, text in code_choices(table):
                combo.addItem(text, code)
        return combo

    def _reveal_button(self, key: str) -> QPushButton:
        button = QPushButton(icon("eye"), translate("MemberForm", "显示"))
        button.setToolTip(translate("MemberForm", "显示完整内容（会记入操作日志）"))
        button.setVisible(False)
        button.clicked.connect(lambda: self.reveal(key))
        setattr(self, f"reveal_{key}", button)
        return button

    def _basic_tab(self, labels: dict) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        day = translate("MemberForm", "年-月-日")
        self._add(grid, labels, "name", self._line(), 0, 0)
        self._add(
            grid,
            labels,
            "id_number",
            self._line(translate("MemberForm", "18位，最后一位可为X")),
            0,
            1,
            self._reveal_button("id_number"),
        )
        self._add(grid, labels, "gender", self._combo("gender"), 1, 0)
        self._add(grid, labels, "birth_date", self._line(day), 1, 1)
        self._add(grid, labels, "ethnicity", self._combo("ethnicity"), 2, 0)
        self._add(grid, labels, "native_place", self._line(), 2, 1)
        self._add(grid, labels, "education", self._combo("education"), 3, 0)
        self._add(grid, labels, "degree", self._line(), 3, 1)
        self._add(grid, labels, "job", self._combo("job"), 4, 0)
        self._add(grid, labels, "work_unit", self._line(), 4, 1)
        self._add(grid, labels, "phone", self._line(), 5, 0, self._reveal_button("phone"))
        self._add(grid, labels, "title", self._line(), 5, 1)
        self._add(grid, labels, "address", self._line(), 6, 0, self._reveal_button("address"))
        self._add(grid, labels, "org_id", self._combo(None), 6, 1)
        self._add(grid, labels, "category", self._combo("category"), 7, 0)
        self.status_label = QLabel()
        grid.addWidget(QLabel(translate("MemberForm", "党籍状态")), 7, 2)
        grid.addWidget(self.status_label, 7, 3)
        note = QPlainTextEdit()
        note.setMaximumHeight(70)
        note.textChanged.connect(lambda: self._edited("note"))
        self.inputs["note"] = note
        grid.addWidget(QLabel(labels["note"]), 8, 0)
        grid.addWidget(note, 8, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(9, 1)
        return page

    def _development_tab(self, labels: dict) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        day = translate("MemberForm", "年-月-日")
        keys = (
            "application_date",
            "activist_date",
            "candidate_date",
            "join_date",
            "full_member_date",
            "probation_end",
            "work_start_date",
        )
        for i, key in enumerate(keys):
            self._add(grid, labels, key, self._line(day), i, 0)
        grid.addWidget(
            widgets.hint(
                translate(
                    "MemberForm",
                    "发展阶段的变化（确定为积极分子、接收为预备党员、转正等）请用“登记事件”，日期会自动填入。",
                )
            ),
            len(keys),
            0,
            1,
            2,
        )
        grid.setRowStretch(len(keys) + 1, 1)
        return page

    def _load_choices(self) -> None:
        orgs = self.ctx.session.orgs
        combo = self.inputs["org_id"]

        def done(rows) -> None:
            current = self.record.get("org_id")
            for r in rows:
                combo.addItem(r["name"], r["id"])
            if current:
                combo.setCurrentIndex(max(combo.findData(current), 0))
            elif combo.count() == 2:
                combo.setCurrentIndex(1)
            if self.member_id is None:
                self.mark_clean()  # a new form: the defaults are not the clerk's edits

        self.ctx.ops.run(orgs.branches, done)

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        members, mid = self.ctx.session.members, self.member_id
        self.ctx.ops.run(lambda: (members.get(mid), members.history(mid)), self._loaded)

    def _loaded(self, result) -> None:
        self.record, history = result
        self.revealed.clear()
        for key, widget in self.inputs.items():
            value = self.record.get(key)
            if key in MASKED and value:
                widget.setText(
                    mask_id(value)
                    if key == "id_number"
                    else mask_phone(value)
                    if key == "phone"
                    else "＊＊＊＊"
                )
                widget.setReadOnly(True)
                getattr(self, f"reveal_{key}").setVisible(True)
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QPlainTextEdit):
                widget.blockSignals(True)
                widget.setPlainText(value or "")
                widget.blockSignals(False)
        self.status_label.setText(code_label("status", self.record.get("status")))
        self.setWindowTitle(
            translate("MemberForm", "党员信息 — {name}").format(name=self.record.get("name", ""))
        )
        self._fill_history(history)
        self.event_button.setEnabled(True)
        self.mark_clean()

    def _fill_history(self, history: list[dict]) -> None:
        self.history.setRowCount(len(history))
        for i, ev in enumerate(history):
            details = "，".join(f"{k}：{v}" for k, v in (ev.get("details") or {}).items())
            kind = code_label("event_kind", ev["kind"])
            note = (
                translate("MemberForm", "已作废：{reason}").format(reason=ev["void_reason"])
                if ev["voided"]
                else ""
            )
            for col, text in enumerate((ev["date"], kind, details, note)):
                self.history.setItem(i, col, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()

    def reveal(self, key: str) -> None:
        """Show the full value; the service writes an audit entry for each reveal."""
        members, mid = self.ctx.session.members, self.member_id

        def done(value: str) -> None:
            clean = not self.is_dirty()
            widget = self.inputs[key]
            widget.setText(value)
            widget.setReadOnly(False)
            self.revealed.add(key)
            getattr(self, f"reveal_{key}").setVisible(False)
            if clean:  # showing the full value is not an edit
                self.mark_clean()

        self.ctx.ops.run(lambda: members.reveal(mid, key), done)

    # -- validation ------------------------------------------------------------------------------
    def fields(self) -> dict:
        out: dict = {}
        for key, widget in self.inputs.items():
            if (
                key in MASKED
                and self.member_id is not None
                and self.record.get(key)
                and key not in self.revealed
            ):
                continue  # still masked: unchanged, never sent back
            if isinstance(widget, QLineEdit):
                out[key] = widget.text().strip() or None
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText().strip() or None
        return out

    def _edited(self, key: str) -> None:
        if key == "id_number":
            self._id_typed(self.inputs["id_number"].text())
        self.timer.start()

    def _id_typed(self, text: str) -> None:
        """Check the number locally and fill birth date and gender from it."""
        err = self.errors["id_number"]
        value = idnumber.normalize(text) if text.strip() else ""
        if len(value) < 18:
            widgets.set_error(err, None)
            return
        try:
            value = idnumber.validate(value, date.today())
        except DomainError as exc:
            widgets.set_error(err, render_error(exc, domain_lang()))
            return
        widgets.set_error(err, None)
        birth = idnumber.birth_date(value).isoformat()
        gender = idnumber.gender(value)
        birth_edit, gender_combo = self.inputs["birth_date"], self.inputs["gender"]
        if not birth_edit.text() or birth_edit.text() == self._auto_filled.get("birth_date"):
            birth_edit.setText(birth)
            self._auto_filled["birth_date"] = birth
        if gender_combo.currentData() in (None, self._auto_filled.get("gender")):
            gender_combo.setCurrentIndex(max(gender_combo.findData(gender), 0))
            self._auto_filled["gender"] = gender

    def validate(self) -> None:
        self._validate_seq += 1
        seq = self._validate_seq
        data, members, mid = self.fields(), self.ctx.session.members, self.member_id
        if mid is not None:
            data = {k: self.record.get(k) for k in data} | data  # validate the whole record
        self.ctx.ops.run(
            lambda: members.validate(data, member_id=mid),
            lambda errs: seq == self._validate_seq and self.show_errors(errs),
            lambda exc: seq == self._validate_seq and self.show_errors([exc]),
        )

    def done(self, result: int) -> None:
        """Closed: a validation still on its way has no form to show its answer in."""
        self.timer.stop()
        self._validate_seq += 1
        super().done(result)

    def show_errors(self, errors: list) -> None:
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        flat: list = []
        for e in errors:
            flat += e.errors if isinstance(e, ValidationErrors) else [e]
        for e in flat:
            text = render_error(e, domain_lang()) if isinstance(e, DomainError) else error_text(e)
            (
                by_field.setdefault(e.field, [])
                if getattr(e, "field", None) in self.errors
                else general
            ).append(text)
        self.field_errors = by_field
        for key, label in self.errors.items():
            widgets.set_error(label, "\n".join(by_field.get(key, [])))
        widgets.set_error(self.summary, "\n".join(general))
        self.error_count = len(flat)
        for index in range(self.tabs.count() - 1):
            page = self.tabs.widget(index)
            bad = any(page.isAncestorOf(self.inputs[k]) for k in by_field)
            self.tabs.tabBar().setTabTextColor(
                index,
                self.palette().color(self.foregroundRole())
                if not bad
                else self.palette().color(self.foregroundRole()).fromRgb(198, 40, 40),
            )

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        members, data = self.ctx.session.members, self.fields()
        self.save_button.setEnabled(False)
        if self.member_id is None:
            self.ctx.ops.run(
                lambda: members.add(data),
                self._saved_new,
                self._save_failed,
                label=translate("MemberForm", "正在保存…"),
                parent=self,
            )
            return
        mid, base = self.member_id, self.record["version"]
        changed = {k: v for k, v in data.items() if (self.record.get(k) or None) != v}
        before = {k: self.record.get(k) for k in changed}
        name = self.record.get("name", "")

        from ztclient.services import undo

        undo_job = undo.member_update(members, mid, before)

        def saved(_changes) -> None:
            if changed:
                self.ctx.undo.push(
                    translate("MemberForm", "修改{name}的信息").format(name=name), undo_job
                )
            self.accept()

        self.ctx.ops.run(
            lambda: members.update(mid, changed, base),
            saved,
            self._save_failed,
            label=translate("MemberForm", "正在保存…"),
            parent=self,
        )

    def _saved_new(self, result) -> None:
        self.member_id = result[0]
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.show_errors([exc])
        first = next((k for k in self.inputs if k in self.field_errors), None)
        if first is not None:
            general = self.summary.text()
            self.go_to_error(self.inputs[first], _labels()[first], self.field_errors[first][0])
            if general:
                widgets.set_error(self.summary, self.summary.text() + "\n" + general)

    # -- events ----------------------------------------------------------------------------------
    def show_event_menu(self) -> None:
        from ztclient.domain import events
        from ztclient.domain.model import EventKind

        menu = QMenu(self)
        for kind in EventKind:
            if events.allowed(self.record, kind):
                action = menu.addAction(code_label("event_kind", kind.value))
                action.triggered.connect(lambda _=False, k=kind.value: self.open_event(k))
        if menu.isEmpty():
            menu.addAction(translate("MemberForm", "当前状态下没有可登记的事件")).setEnabled(False)
        menu.popup(self.event_button.mapToGlobal(self.event_button.rect().bottomLeft()))
        self.event_menu = menu

    def open_event(self, kind: str) -> None:
        from ztclient.ui.member_events import EventDialog

        dialog = EventDialog(self.ctx, self.record, kind, self)
        dialog.accepted.connect(self.load)
        dialog.open()
