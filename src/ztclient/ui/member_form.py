"""党员信息: the member form with inline validation as you type, masked ID and phone, history.

Validation runs twice: the ID number is checked locally on every key (pure domain code, so the
birth date and gender can be filled at once), and the whole record goes through
``members.validate`` on the worker after a short pause in typing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
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
from ztclient.ui.i18n import code_label, domain_lang, error_text, translate
from ztclient.ui.member_form_fields import MASKED, MemberFields, field_labels
from ztclient.ui.roster_model import mask_id, mask_phone

VALIDATE_DELAY_MS = 300
EVENT_ID = Qt.ItemDataRole.UserRole  # 历史: the event's id, and whether it is voided
EVENT_VOIDED = Qt.ItemDataRole.UserRole + 1


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
        self.field_errors: dict[str, list[str]] = {}
        self._auto_filled: dict[str, str] = {}
        self._validate_seq = 0
        self.setWindowTitle(
            translate("MemberForm", "新增党员")
            if member_id is None
            else translate("MemberForm", "党员信息")
        )
        self.resize(860, 640)
        self.form_fields = MemberFields(self._edited, self.reveal)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form_fields.basic_tab(), translate("MemberForm", "基本信息"))
        self.tabs.addTab(self.form_fields.development_tab(), translate("MemberForm", "入党信息"))
        self.inputs = self.form_fields.inputs
        self.errors = self.form_fields.errors
        self.status_label = self.form_fields.status_label
        self.reveal_id_number = self.form_fields.reveal_buttons["id_number"]
        self.reveal_phone = self.form_fields.reveal_buttons["phone"]
        self.reveal_address = self.form_fields.reveal_buttons["address"]
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
        self.void_button = QPushButton(translate("MemberForm", "作废事件…"))
        self.void_button.setToolTip(
            translate("MemberForm", "作废“历史”中选定的一条登记错的事件：记录保留，注明原因")
        )
        self.void_button.setEnabled(False)
        self.void_button.clicked.connect(self.void_selected_event)
        self.void_member_button = QPushButton(translate("MemberForm", "录入错误作废…"))
        self.void_member_button.setToolTip(
            translate(
                "MemberForm", "误录的人员（重复录入、录错人、测试数据）作废：记录保留，注明原因"
            )
        )
        self.void_member_button.setEnabled(False)
        self.void_member_button.clicked.connect(self.void_member)
        bottom = QHBoxLayout()
        bottom.addWidget(self.event_button)
        bottom.addWidget(self.void_button)
        bottom.addWidget(self.void_member_button)
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
                self.form_fields.reveal_buttons[key].setVisible(True)
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
        self.void_button.setEnabled(any(not ev["voided"] for ev in history))
        voided = self.record.get("status") == "voided"
        self.void_member_button.setEnabled(not voided)
        if voided:  # 录入错误作废: kept to be found, never edited again
            self.status_label.setText(
                translate("MemberForm", "已作废：{reason}").format(
                    reason=self.record.get("void_reason") or ""
                )
            )
            for button in (self.event_button, self.void_button, self.save_button):
                button.setEnabled(False)
            for tab in range(2):
                self.tabs.widget(tab).setEnabled(False)
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
            self.history.item(i, 0).setData(EVENT_ID, ev["id"])
            self.history.item(i, 0).setData(EVENT_VOIDED, bool(ev["voided"]))
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
            self.form_fields.reveal_buttons[key].setVisible(False)
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
        """Saved; what the rules accept but the clerk should know (a probation already over)
        is said after the window closes."""
        from ztclient.ui.development_dialogs import show_warnings

        self.member_id = result[0]
        self.accept()
        show_warnings(self.parentWidget() or self, self.ctx.session.members.notices(self.fields()))

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.show_errors([exc])
        first = next((k for k in self.inputs if k in self.field_errors), None)
        if first is not None:
            general = self.summary.text()
            self.go_to_error(self.inputs[first], field_labels()[first], self.field_errors[first][0])
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

    def void_selected_event(self) -> None:
        """作废事件…: the event selected in 历史, voided with a reason (the record keeps it,
        struck through; the member's latest event also gives back what it changed). Without
        this a mistaken 转出 or 出党 could be taken back only by an undo before the next lock."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        title = translate("MemberForm", "作废事件")
        row = self.history.currentRow()
        first = self.history.item(row, 0) if row >= 0 else None
        if first is None:
            self.tabs.setCurrentWidget(self.history)
            QMessageBox.information(
                self, title, translate("MemberForm", "请先在“历史”中选定一条事件。")
            )
            return
        if first.data(EVENT_VOIDED):
            QMessageBox.information(self, title, translate("MemberForm", "这条事件已经作废。"))
            return
        kind = self.history.item(row, 1).text()
        reason, ok = QInputDialog.getText(
            self,
            title,
            translate(
                "MemberForm",
                "作废“{kind}”（{day}）：记录仍保留并注明已作废；它改动的党员信息一并撤回。\n"
                "作废的原因：",
            ).format(kind=kind, day=first.text()),
        )
        if not ok:
            return
        if not reason.strip():
            QMessageBox.information(self, title, translate("MemberForm", "请写明作废的原因。"))
            return
        members, event_id = self.ctx.session.members, first.data(EVENT_ID)
        self.ctx.ops.run(
            lambda: members.void_event(event_id, reason.strip()),
            lambda _changes: self.load(),
            lambda e: widgets.set_error(self.summary, error_text(e)),
            parent=self,
        )

    def void_member(self) -> None:
        """录入错误作废…: a member added by mistake, taken back with a reason after a confirm.
        The service refuses a record holding anything real (its message names what)."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        title = translate("MemberForm", "录入错误作废")
        name = self.record.get("name") or ""
        reason, ok = QInputDialog.getText(
            self,
            title,
            translate(
                "MemberForm",
                "将“{name}”作为录入错误作废：记录仍保留并注明已作废，不再计入名册和各项统计，"
                "也不能再修改。\n出党、转出、死亡等请登记事件，不要作废。\n作废的原因：",
            ).format(name=name),
        )
        if not ok:
            return
        if not reason.strip():
            QMessageBox.information(self, title, translate("MemberForm", "请写明作废的原因。"))
            return
        answer = QMessageBox.question(
            self,
            title,
            translate("MemberForm", "确定将“{name}”作为录入错误作废吗？\n原因：{reason}").format(
                name=name, reason=reason.strip()
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        members, mid = self.ctx.session.members, self.member_id
        widgets.set_error(self.summary, None)
        self.ctx.ops.run(
            lambda: members.void(mid or "", reason.strip()),
            lambda _changes: self.load(),
            lambda e: widgets.set_error(self.summary, error_text(e)),
            parent=self,
        )

    def open_event(self, kind: str) -> None:
        from ztclient.ui.member_events import EventDialog

        dialog = EventDialog(self.ctx, self.record, kind, self)
        dialog.accepted.connect(self.load)
        dialog.open()
