"""The member form's fields: their labels and the two tabs (基本信息, 入党信息) that lay them out.

Kept apart from member_form.py, which holds what the form does with the fields (loading,
masking, validation as you type, saving, events). ``MemberFields`` builds every input with its
error label; the form reacts through the two callables it passes in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.i18n import code_choices, translate
from ztclient.ui.theme import icon

MASKED = ("id_number", "phone", "address")
DEVELOPMENT_DATES = (
    "application_date",
    "activist_date",
    "candidate_date",
    "join_date",
    "full_member_date",
    "probation_end",
    "work_start_date",
)


def field_labels() -> dict[str, str]:
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


class MemberFields:
    """Every input of the form (``inputs``), its error label (``errors``), the 显示 buttons of
    the masked fields (``reveal_buttons``) and the read-only 党籍状态 (``status_label``).

    ``edited(key)`` is called when the clerk changes a field, ``reveal(key)`` when a 显示
    button is clicked."""

    def __init__(self, edited: Callable[[str], None], reveal: Callable[[str], None]) -> None:
        self._edited = edited
        self._reveal = reveal
        self.labels = field_labels()
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.reveal_buttons: dict[str, QPushButton] = {}
        self.status_label = QLabel()

    def _add(
        self,
        grid: QGridLayout,
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
        grid.addWidget(QLabel(self.labels[key]), row, col * 2)
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
        button.clicked.connect(lambda: self._reveal(key))
        self.reveal_buttons[key] = button
        return button

    def basic_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        day = translate("MemberForm", "年-月-日")
        id_hint = translate("MemberForm", "18位，最后一位可为X")
        self._add(grid, "name", self._line(), 0, 0)
        self._add(grid, "id_number", self._line(id_hint), 0, 1, self._reveal_button("id_number"))
        self._add(grid, "gender", self._combo("gender"), 1, 0)
        self._add(grid, "birth_date", self._line(day), 1, 1)
        self._add(grid, "ethnicity", self._combo("ethnicity"), 2, 0)
        self._add(grid, "native_place", self._line(), 2, 1)
        self._add(grid, "education", self._combo("education"), 3, 0)
        self._add(grid, "degree", self._line(), 3, 1)
        self._add(grid, "job", self._combo("job"), 4, 0)
        self._add(grid, "work_unit", self._line(), 4, 1)
        self._add(grid, "phone", self._line(), 5, 0, self._reveal_button("phone"))
        self._add(grid, "title", self._line(), 5, 1)
        self._add(grid, "address", self._line(), 6, 0, self._reveal_button("address"))
        self._add(grid, "org_id", self._combo(None), 6, 1)
        self._add(grid, "category", self._combo("category"), 7, 0)
        grid.addWidget(QLabel(translate("MemberForm", "党籍状态")), 7, 2)
        grid.addWidget(self.status_label, 7, 3)
        note = QPlainTextEdit()
        note.setMaximumHeight(70)
        note.textChanged.connect(lambda: self._edited("note"))
        self.inputs["note"] = note
        grid.addWidget(QLabel(self.labels["note"]), 8, 0)
        grid.addWidget(note, 8, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(9, 1)
        return page

    def development_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        day = translate("MemberForm", "年-月-日")
        for i, key in enumerate(DEVELOPMENT_DATES):
            self._add(grid, key, self._line(day), i, 0)
        hint = translate(
            "MemberForm",
            "发展阶段的变化（确定为积极分子、接收为预备党员、转正等）请用“登记事件”，日期会自动填入。",
        )
        grid.addWidget(widgets.hint(hint), len(DEVELOPMENT_DATES), 0, 1, 2)
        grid.setRowStretch(len(DEVELOPMENT_DATES) + 1, 1)
        return page
