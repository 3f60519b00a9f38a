"""首次使用: create the unit (name, code, passphrase with a strength meter, the recovery code to
print), or restore a backup. Shown when the data folder is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.i18n import error_text, translate
from ztclient.ui.operations import Operations
from ztclient.ui.recovery_print import recovery_document
from ztclient.ui.theme import icon
from ztclient.ui.unlock_window import RestoreDialog


class FirstRunWizard(QWidget):
    """Emits ``created(session)`` once the clerk confirms the recovery code is kept safe,
    or ``restored()`` after a backup was installed (then the unlock window takes over)."""

    created = Signal(object)
    restored = Signal()

    def __init__(self, app, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.ops = app, ops
        self.session = None
        self.recovery_code = ""
        self.made_by = ""  # the 经办人 named when the unit was made, for the recovery sheet
        self.number = ""  # the code's 恢复码编号, for the sheet
        self.setWindowTitle(translate("FirstRun", "智慧政工离线客户端 — 首次使用"))
        self.setWindowIcon(icon("app"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._unit_page())
        self.pages.addWidget(self._code_page())
        panel = widgets.card()
        panel.setFixedWidth(560)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(self.pages)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(widgets.align_center(panel))
        outer.addStretch(1)
        self.resize(820, 620)

    # -- page 1: new or restore ----------------------------------------------------------------
    def _choice_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(widgets.title(translate("FirstRun", "欢迎使用智慧政工离线客户端")))
        box.addWidget(
            widgets.hint(
                translate(
                    "FirstRun",
                    "这台电脑上还没有本单位的数据。所有数据加密保存在本机，没有网络也能使用。",
                )
            )
        )
        self.new_button = QPushButton(icon("add"), translate("FirstRun", "建立本单位数据"))
        self.new_button.setProperty("primary", True)
        self.new_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.restore_button = QPushButton(translate("FirstRun", "从备份恢复…"))
        self.restore_button.clicked.connect(self.open_restore)
        box.addSpacing(12)
        box.addWidget(self.new_button)
        box.addWidget(self.restore_button)
        box.addStretch(1)
        return page

    def open_restore(self) -> None:
        dialog = RestoreDialog(self.app, self.ops, self)
        dialog.accepted.connect(self.restored)
        dialog.open()

    # -- page 2: the unit and the passphrase --------------------------------------------------------
    def _unit_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(widgets.title(translate("FirstRun", "建立本单位数据")))
        form = QFormLayout()
        self.unit_name = QLineEdit()
        self.unit_name.setPlaceholderText(translate("FirstRun", "如：中共某某街道委员会"))
        self.unit_code = QLineEdit()
        self.unit_code.setPlaceholderText(translate("FirstRun", "上级下发的组织代码"))
        self.operator = QLineEdit()
        self.operator.setPlaceholderText(translate("FirstRun", "您的姓名（可以以后在“设置”里填）"))
        self.operator.setMaxLength(40)  # the rule (1–20 characters) is the service's: it says why
        self.unit_kind = QComboBox()
        for code, text in (
            ("committee", translate("FirstRun", "基层党委")),
            ("general_branch", translate("FirstRun", "党总支")),
            ("branch", translate("FirstRun", "党支部")),
        ):
            self.unit_kind.addItem(text, code)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = widgets.StrengthMeter()
        self.passphrase.textChanged.connect(self._check)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.textChanged.connect(self._check)
        for w in (self.unit_name, self.unit_code):
            w.textChanged.connect(self._check)
        form.addRow(translate("FirstRun", "单位名称"), self.unit_name)
        form.addRow(translate("FirstRun", "组织代码"), self.unit_code)
        form.addRow(translate("FirstRun", "组织类型"), self.unit_kind)
        form.addRow(translate("FirstRun", "经办人"), self.operator)
        form.addRow(translate("FirstRun", "密码"), self.passphrase)
        form.addRow(translate("FirstRun", "密码强度"), self.meter)
        form.addRow(translate("FirstRun", "再输入一次"), self.repeat)
        box.addLayout(form)
        box.addWidget(
            widgets.hint(
                translate(
                    "FirstRun",
                    "密码至少10个字符（一个汉字算两个），不能是常见密码。建议用一句好记的话加数字。下一步会给出恢复码，忘记密码时用它重设。",
                )
            )
        )
        self.error = widgets.error_label()
        box.addWidget(self.error)
        box.addStretch(1)
        row = QHBoxLayout()
        back = QPushButton(translate("FirstRun", "返回"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.create_button = QPushButton(translate("FirstRun", "建立"))
        self.create_button.setProperty("primary", True)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.create_button)
        box.addLayout(row)
        return page

    def _check(self) -> None:
        from ztclient.domain import passphrase

        score = self.meter.update_for(self.passphrase.text())
        problem = None
        if self.passphrase.text() and (why := passphrase.problem(self.passphrase.text())):
            problem = error_text(why)  # the reason in words, not only a red bar
        elif self.repeat.text() and self.repeat.text() != self.passphrase.text():
            problem = translate("FirstRun", "两次输入的密码不一致")
        widgets.set_error(self.error, problem)
        ok = (
            bool(self.unit_name.text().strip())
            and bool(self.unit_code.text().strip())
            and score > 0
            and self.repeat.text() == self.passphrase.text()
        )
        self.create_button.setEnabled(ok)

    def create(self) -> None:
        name, code = self.unit_name.text().strip(), self.unit_code.text().strip()
        kind, secret = self.unit_kind.currentData(), self.passphrase.text()
        operator = self.operator.text() if self.operator.text().strip() else None
        self.create_button.setEnabled(False)
        from ztclient.ui.shell import describe

        def job():
            session, recovery = self.app.create_unit(name, code, secret, kind, operator)
            describe(session)
            return session, recovery, session.operator.name(), self.app.recovery_number()

        self.ops.run(
            job,
            self._created,
            self._failed,
            label=translate("FirstRun", "正在建立加密数据…"),
            parent=self,
        )

    def _failed(self, exc: BaseException) -> None:
        widgets.set_error(self.error, error_text(exc))
        self.create_button.setEnabled(True)

    def _created(self, result) -> None:
        self.session, self.recovery_code, self.made_by, self.number = result
        self.passphrase.clear()
        self.repeat.clear()
        self.code_label.setText(self.recovery_code)
        self.pages.setCurrentIndex(2)

    # -- page 3: the recovery code -------------------------------------------------------------
    def _code_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(widgets.title(translate("FirstRun", "请保管好恢复码")))
        box.addWidget(
            widgets.hint(
                translate(
                    "FirstRun",
                    "忘记密码时，只有这个恢复码能打开数据。它只显示这一次：请现在打印，"
                    "或工整抄下，放在上锁的柜子里。",
                )
            )
        )
        self.code_label = QLabel()
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setWordWrap(True)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet(
            "padding: 14px; background: #fff8e1; border: 1px dashed #c8a24a;"
        )
        box.addWidget(self.code_label)
        self.print_button = QPushButton(icon("print"), translate("FirstRun", "打印恢复码…"))
        self.print_button.clicked.connect(self.print_code)
        box.addWidget(self.print_button)
        self.kept = QCheckBox(translate("FirstRun", "我已打印或抄下恢复码，并妥善保管"))
        box.addWidget(self.kept)
        box.addStretch(1)
        self.finish_button = QPushButton(translate("FirstRun", "开始使用"))
        self.finish_button.setProperty("primary", True)
        self.finish_button.setEnabled(False)
        self.kept.toggled.connect(self.finish_button.setEnabled)
        self.finish_button.clicked.connect(self.finish)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.finish_button)
        box.addLayout(row)
        return page

    def recovery_sheet(self) -> QTextDocument:
        """The sheet 打印恢复码… prints: the PDF sheet's words, straight to the printer."""
        return recovery_document(
            self.unit_name.text().strip(),
            self.unit_code.text().strip(),
            self.recovery_code,
            self.app.clock.today(),
            self.made_by,
            self.number,
        )

    def print_code(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.recovery_sheet().print_(printer)

    def finish(self) -> None:
        session, self.session = self.session, None
        self.recovery_code = ""
        self.code_label.clear()
        emit(self.created, session)
