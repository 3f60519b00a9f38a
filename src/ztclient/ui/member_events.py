"""登记事件: one dated member event (conversion, transfer out, exit…) with the details it needs.

The dialog asks for what the event needs and records it through ``session.events``, which
applies every rule of domain/development.py: an admission, a conversion or an extension rests on
the vote of the person's 支部党员大会 (chosen here), so its date is the meeting's (or, for a
conversion, the end of probation). A broken rule is shown in red and nothing is written; a norm
not met is shown after saving.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.editor_guard import ForgivingDialog
from ztclient.ui.i18n import code_choices, code_label, error_text, translate

MEETING_KINDS = ("admitted", "converted", "probation_extended", "probation_revoked")


# Detail fields the form can ask for: key -> (label, code table or None).
def _detail_specs() -> dict[str, tuple[str, str | None]]:
    return {
        "to_org": (translate("EventDialog", "转往组织"), None),
        "to_unit": (translate("EventDialog", "接收单位代码（系统内单位）"), None),
        "from_org": (translate("EventDialog", "转出组织"), None),
        "letter_no": (translate("EventDialog", "介绍信编号"), None),
        "dues_paid_to": (translate("EventDialog", "党费交至（年-月）"), None),
        "valid_days": (translate("EventDialog", "有效期（天）"), None),
        "destination": (translate("EventDialog", "外出流向"), None),
        "reason": (translate("EventDialog", "原因"), "lost_contact_reason"),
        "exit_kind": (translate("EventDialog", "出党方式"), "exit_kind"),
        "months": (translate("EventDialog", "延长月数"), None),
        "method": (translate("EventDialog", "推荐方式"), "activist_method"),
        "training_exempt_reason": (translate("EventDialog", "集中培训特殊情况说明"), None),
        "note": (translate("EventDialog", "备注"), None),
    }


_OPTIONAL = {
    "transfer_out": ("to_unit", "letter_no", "dues_paid_to", "valid_days"),
    "transfer_in": ("letter_no",),
    "activist": ("method",),
    "admitted": ("training_exempt_reason",),
}


class EventDialog(ForgivingDialog):
    """Records ``events.record``; the service checks the event fits the member and the rules."""

    def __init__(
        self, ctx: UiContext, member: dict, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from ztclient.domain import events, rules

        self.ctx, self.member, self.kind = ctx, member, kind
        self.setWindowTitle(
            translate("EventDialog", "登记事件：{kind} — {name}").format(
                kind=code_label("event_kind", kind), name=member.get("name", "")
            )
        )
        form = QFormLayout(self)
        self.meeting: QComboBox | None = None
        if kind in MEETING_KINDS:
            self.meeting = QComboBox()
            self.meeting.addItem(translate("EventDialog", "（请选择支部党员大会）"), None)
            self.meeting.currentIndexChanged.connect(lambda _i: self._meeting_chosen())
            form.addRow(translate("EventDialog", "支部党员大会"), self.meeting)
            self._load_meetings()
        self.date = widgets.date_edit(ctx)
        end = rules.probation_end_of(member) if kind == "converted" else None
        if end is not None:  # 转正 takes the end of probation (stored, else join + 1 year)
            self.date.setDate(QDate(end.year, end.month, end.day))
        form.addRow(translate("EventDialog", "日期"), self.date)
        self.inputs: dict[str, QWidget] = {}
        specs = _detail_specs()
        keys = list(events.required_details(kind)) + list(_OPTIONAL.get(kind, ())) + ["note"]
        for key in keys:
            label, table = specs.get(key, (key, None))
            if key in ("months", "valid_days"):
                widget: QWidget = QSpinBox()
                widget.setRange(6, 12) if key == "months" else widget.setRange(1, 180)
                if key == "valid_days":
                    widget.setValue(30)
            elif table:
                widget = QComboBox()
                if key == "method":
                    widget.addItem("", None)
                for code, text in code_choices(table):
                    widget.addItem(text, code)
                if key == "reason":
                    widget.setEditable(True)
            else:
                widget = QLineEdit()
            self.inputs[key] = widget
            form.addRow(label, widget)
        self.error = widgets.error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("EventDialog", "登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("EventDialog", "取消")
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)
        self.mark_clean()
        if "dues_paid_to" in self.inputs:  # 党费交至 as the ledger has it (the clerk may change it)
            dues, member_id = self.ctx.session.dues, member["id"]
            self.ctx.ops.run(lambda: dues.paid_through(member_id), self._paid_through)

    def _paid_through(self, month: str | None) -> None:
        field = self.inputs.get("dues_paid_to")
        if isinstance(field, QLineEdit) and month and not field.text():
            clean = not self.is_dirty()
            field.setText(month)
            field.setToolTip(translate("EventDialog", "按党费台账填写，可修改"))
            if clean:
                self.mark_clean()  # the ledger's answer is not an edit (the clerk's ones stay)

    def save(self) -> None:
        self.submit()

    def _load_meetings(self) -> None:
        meetings, org = self.ctx.session.meetings, self.member.get("org_id")
        self.ctx.ops.run(
            lambda: meetings.list(org_id=org, kind="branch_general", limit=200), self._meetings
        )

    def _meetings(self, rows: list[dict]) -> None:
        if self.meeting is None:
            return
        for r in rows:
            self.meeting.addItem(f"{r['starts_at'][:10]}　{r['title']}", r)
        self.mark_clean()  # the list arriving is not an edit

    def _meeting_chosen(self) -> None:
        """The event takes the meeting's date (a conversion keeps the end of probation)."""
        row = self.meeting.currentData() if self.meeting else None
        if row and self.kind != "converted":
            self.date.setDate(QDate.fromString(row["starts_at"][:10], "yyyy-MM-dd"))

    def details(self) -> dict:
        out = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QSpinBox):
                out[key] = widget.value()
            elif isinstance(widget, QComboBox):
                data = widget.currentData()
                out[key] = (
                    data
                    if data is not None
                    and widget.currentText() == widget.itemText(widget.currentIndex())
                    else widget.currentText().strip()
                )
            else:
                out[key] = widget.text().strip()
        return {k: v for k, v in out.items() if v not in ("", None)}

    def submit(self) -> None:
        events, mid = self.ctx.session.events, self.member["id"]
        widgets.set_error(self.error, None)
        kind, day, details = self.kind, self.date.date().toString("yyyy-MM-dd"), self.details()
        row = self.meeting.currentData() if self.meeting else None
        meeting_id = row["id"] if row else None

        def job():
            outcome = events.record(mid, kind, day, details, meeting_id=meeting_id)
            return outcome, outcome.changes

        self.ctx.ops.run(
            job,
            self._done,
            lambda exc: widgets.set_error(self.error, error_text(exc)),
            parent=self,
        )

    def _done(self, result) -> None:
        """Recorded: 撤销 can take it back (a void that gives back what it changed); the norms
        not met are shown."""
        from ztclient.services import undo
        from ztclient.ui.development_dialogs import show_warnings

        outcome, _changes = result
        self.ctx.undo.push(
            translate("EventDialog", "登记{name}的{kind}").format(
                name=self.member.get("name", ""), kind=code_label("event_kind", self.kind)
            ),
            undo.member_event(self.ctx.session.members, outcome.event_id, self.member),
        )
        self.accept()
        show_warnings(self.parentWidget() or self, outcome.warnings)
