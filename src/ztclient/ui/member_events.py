"""登记事件: one dated member event (conversion, transfer out, exit…) with the details it needs."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
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


# Detail fields the form can ask for: key -> (label, code table or None).
def _detail_specs() -> dict[str, tuple[str, str | None]]:
    return {
        "to_org": (translate("EventDialog", "转往组织"), None),
        "from_org": (translate("EventDialog", "转出组织"), None),
        "letter_no": (translate("EventDialog", "介绍信编号"), None),
        "destination": (translate("EventDialog", "外出流向"), None),
        "reason": (translate("EventDialog", "原因"), "lost_contact_reason"),
        "exit_kind": (translate("EventDialog", "出党方式"), "exit_kind"),
        "months": (translate("EventDialog", "延长月数"), None),
        "note": (translate("EventDialog", "备注"), None),
    }


_OPTIONAL = {"transfer_out": ("letter_no",), "transfer_in": ("letter_no",)}


class EventDialog(ForgivingDialog):
    """Records ``members.record_event``; the service checks the event fits the member's state."""

    def __init__(
        self, ctx: UiContext, member: dict, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from ztclient.domain import events

        self.ctx, self.member, self.kind = ctx, member, kind
        self.setWindowTitle(
            translate("EventDialog", "登记事件：{kind} — {name}").format(
                kind=code_label("event_kind", kind), name=member.get("name", "")
            )
        )
        form = QFormLayout(self)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        form.addRow(translate("EventDialog", "日期"), self.date)
        self.inputs: dict[str, QWidget] = {}
        specs = _detail_specs()
        keys = list(events.required_details(kind)) + list(_OPTIONAL.get(kind, ())) + ["note"]
        for key in keys:
            label, table = specs.get(key, (key, None))
            if key == "months":
                widget: QWidget = QSpinBox()
                widget.setRange(6, 12)
            elif table:
                widget = QComboBox()
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
        self.setMinimumWidth(440)
        self.mark_clean()

    def save(self) -> None:
        self.submit()

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

    def _recorded(self, result) -> None:
        from ztclient.services import undo

        event_id, _changes = result
        self.ctx.undo.push(
            translate("EventDialog", "登记{name}的{kind}").format(
                name=self.member.get("name", ""), kind=code_label("event_kind", self.kind)
            ),
            undo.member_event(self.ctx.session.members, event_id, self.member),
        )
        self.accept()

    def submit(self) -> None:
        members, mid = self.ctx.session.members, self.member["id"]
        kind, day, details = self.kind, self.date.date().toString("yyyy-MM-dd"), self.details()
        self.ctx.ops.run(
            lambda: members.record_event(mid, kind, day, details),
            self._recorded,
            lambda exc: widgets.set_error(self.error, error_text(exc)),
            parent=self,
        )
