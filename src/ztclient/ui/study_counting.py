"""设置 → 计入学时目标的学习形式: the unit's setting of which study forms count towards the
32/56-hour target (services/study.py; default: the collective forms, 个人自学 does not count)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QPushButton, QWidget

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_choices, error_text, translate


class StudyCountingCard(QWidget):
    """One check box per study form; 保存 writes the unit's setting (an audit entry)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        inner = widgets.card_of(self)
        inner.addWidget(
            widgets.hint(
                translate(
                    "StudyCounting",
                    "勾选的学习形式计入年度学时目标。按党员教育培训规划，默认只计集中培训和集体学习"
                    "等集体形式，个人自学记录在册但不计入。",
                )
            )
        )
        grid = QGridLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for i, (code, label) in enumerate(code_choices("study_form")):
            check = QCheckBox(label)
            self.boxes[code] = check
            # three a row: the English labels ("Practice and volunteering") need the width
            grid.addWidget(check, i // 3, i % 3)
        inner.addLayout(grid)
        row = QHBoxLayout()
        self.save_button = QPushButton(translate("StudyCounting", "保存学时计入范围"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.result = widgets.hint("")
        row.addWidget(self.result, 1)
        inner.addLayout(row)
        self.error = widgets.error_label()
        inner.addWidget(self.error)
        self.load()

    def load(self) -> None:
        session = self.ctx.session
        if session is None:
            return
        self.ctx.ops.run(session.study.counted_forms, self._show, modal=False)

    def _show(self, counted) -> None:
        for code, check in self.boxes.items():
            check.setChecked(code in counted)

    def chosen(self) -> list[str]:
        return [code for code, check in self.boxes.items() if check.isChecked()]

    def save(self) -> None:
        session, forms = self.ctx.session, self.chosen()
        self.ctx.ops.run(
            lambda: session.study.set_counted_forms(forms),
            self._saved,
            lambda e: widgets.set_error(self.error, error_text(e)),
            parent=self,
        )

    def _saved(self, changes: Changes) -> None:
        widgets.set_error(self.error, None)
        self.result.setText(translate("StudyCounting", "已保存，学时统计按新的范围计算。"))
        emit(self.ctx.ops.changed, changes)
