"""登记发展步骤: one step of a person's development (谈话, 培养联系人, 政治审查, 集中培训 …) with
the people and details it names. The service applies domain/development.py: a broken rule is
shown in red and nothing is written; a norm not met is shown after saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain import codes
from ztclient.domain.development import AFTER_CATEGORY, CATEGORY_ORDER, step_info
from ztclient.domain.messages import render_error
from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, domain_lang, error_text, translate


def allowed_steps(member: dict) -> list[str]:
    """Steps whose stage the person has reached (the rules refuse the others anyway)."""
    category = member.get("category")
    if category not in CATEGORY_ORDER:
        return []
    reached = CATEGORY_ORDER.index(category)
    return [
        e.code
        for e in codes.table("development_step")
        if CATEGORY_ORDER.index(AFTER_CATEGORY[e.get("after")]) <= reached
    ]


def show_warnings(parent: QWidget, warnings) -> None:
    """Norms not met: saved, and said plainly."""
    if warnings:
        QMessageBox.information(
            parent,
            translate("StepDialog", "已登记，请注意"),
            "\n".join(render_error(w, domain_lang()) for w in warnings),
        )


class PeopleList(QWidget):
    """Names a step carries: picked from the roster (checked by the rules) or typed."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.list = QListWidget()
        self.list.setMaximumHeight(80)
        pick = QPushButton(translate("StepDialog", "从名册选择…"))
        pick.clicked.connect(self.pick)
        typed = QPushButton(translate("StepDialog", "填写姓名…"))
        typed.clicked.connect(self.type_name)
        remove = QPushButton(translate("StepDialog", "移除"))
        remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        row = QHBoxLayout()
        for b in (pick, typed, remove):
            row.addWidget(b)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addLayout(row)

    def add(self, ref: dict) -> None:
        item = QListWidgetItem(ref.get("name", ""))
        item.setData(256, ref)
        self.list.addItem(item)

    def pick(self) -> None:
        from ztclient.ui.member_picker import MemberPicker

        picker = MemberPicker(self.ctx, self)
        if picker.exec() and picker.chosen:
            self.add({"member_id": picker.chosen["id"], "name": picker.chosen["name"]})

    def type_name(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            translate("StepDialog", "填写姓名"),
            translate("StepDialog", "姓名（不在本单位名册的人员）："),
        )
        if ok and name.strip():
            self.add({"name": name.strip()})

    def people(self) -> list[dict]:
        return [self.list.item(i).data(256) for i in range(self.list.count())]


class StepDialog(QDialog):
    def __init__(self, ctx: UiContext, member: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        self.setWindowTitle(
            translate("StepDialog", "登记发展步骤 — {name}").format(name=member["name"])
        )
        form = QFormLayout(self)
        self.step = QComboBox()
        for code in allowed_steps(member):
            self.step.addItem(codes.table("development_step").label(code, domain_lang()), code)
        self.date = widgets.date_edit(ctx)
        self.people = PeopleList(ctx)
        self.result = QComboBox()
        for code, text in code_choices("political_review_result"):
            self.result.addItem(text, code)
        self.days = QDoubleSpinBox()
        self.days.setRange(0, 365)
        self.days.setDecimals(1)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 1000)
        self.hours.setDecimals(1)
        self.notice_days = QSpinBox()
        self.notice_days.setRange(1, 60)
        self.notice_days.setValue(5)
        self.document_no = QLineEdit()
        self.note = QLineEdit()
        form.addRow(translate("StepDialog", "步骤"), self.step)
        form.addRow(translate("StepDialog", "日期"), self.date)
        self.rows = {
            "people": (translate("StepDialog", "有关人员"), self.people),
            "result": (translate("StepDialog", "审查结论"), self.result),
            "days": (translate("StepDialog", "培训天数"), self.days),
            "hours": (translate("StepDialog", "培训学时"), self.hours),
            "notice_days": (translate("StepDialog", "公示天数（工作日）"), self.notice_days),
        }
        for label, widget in self.rows.values():
            form.addRow(label, widget)
        form.addRow(translate("StepDialog", "文号"), self.document_no)
        form.addRow(translate("StepDialog", "备注"), self.note)
        self.form = form
        self.error = widgets.error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("StepDialog", "登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("StepDialog", "取消")
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.step.currentIndexChanged.connect(lambda _i: self._fit())
        self._fit()
        self.setMinimumWidth(460)

    def _fit(self) -> None:
        """Show only what the chosen step asks for."""
        code = self.step.currentData()
        show = {
            "people": bool(code) and step_info(code).people[1] > 0,
            "result": code == "political_review",
            "days": code == "training",
            "hours": code == "training",
            "notice_days": code == "public_notice",
        }
        for key, (_label, widget) in self.rows.items():
            self.form.setRowVisible(widget, show[key])

    def details(self) -> dict:
        code, out = self.step.currentData(), {}
        if code == "political_review":
            out["result"] = self.result.currentData()
        elif code == "training":
            out.update(days=self.days.value() or None, hours=self.hours.value() or None)
        elif code == "public_notice":
            out["days"] = self.notice_days.value()
        out.update(document_no=self.document_no.text().strip(), note=self.note.text().strip())
        return {k: v for k, v in out.items() if v not in (None, "")}

    def submit(self) -> None:
        development, mid = self.ctx.session.development, self.member["id"]
        widgets.set_error(self.error, None)
        code, day = self.step.currentData(), self.date.date().toString("yyyy-MM-dd")
        people = self.people.people() if code and step_info(code).people[1] > 0 else []
        details = self.details()

        def job():
            outcome = development.record_step(mid, code, day, people, details)
            return outcome, outcome.changes

        self.ctx.ops.run(
            job, self._done, lambda exc: widgets.set_error(self.error, error_text(exc)), parent=self
        )

    def _done(self, result) -> None:
        outcome, _changes = result
        self.accept()
        show_warnings(self.parentWidget() or self, outcome.warnings)
