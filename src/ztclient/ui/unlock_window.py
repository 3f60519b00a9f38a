"""解锁: the passphrase window, and the two ways back in (recovery code, backup restore)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.i18n import domain_lang, error_text, translate
from ztclient.ui.operations import Operations
from ztclient.ui.theme import icon

# Codes that mean the data (not the passphrase) is the problem: offer a restore, never delete.
DAMAGE = {
    "E_DB_DAMAGED",
    "E_DB_MISSING",
    "E_KEYFILE_DAMAGED",
    "E_KEYFILE_MISSING",
    "E_DB_NOT_ENCRYPTED",
    "E_SCHEMA_TOO_NEW",
    "E_KEYFILE_WEAK",
    "E_KEYFILE_VERSION",
}


# a backup that is not (or cannot be shown to be) this unit's: asked, never silently installed
OTHER_UNIT = {"E_RESTORE_OTHER_UNIT", "E_RESTORE_UNIT_UNKNOWN"}

WRONG_BEFORE_RECOVERY = 3  # then the window points to the recovery code and opens its dialog


class UnlockWindow(QWidget):
    """Emits ``unlocked(session)``; shows wrong-passphrase and damaged-data messages plainly."""

    unlocked = Signal(object)

    def __init__(self, app, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ops = ops
        self.wrong = 0  # wrong passphrases in a row
        self.setWindowTitle(translate("Unlock", "智慧政工离线客户端 — 解锁"))
        self.setWindowIcon(icon("app"))
        panel = widgets.card()
        panel.setMinimumWidth(440)  # grows for longer English link texts (1366×768 walk)
        box = QVBoxLayout(panel)
        box.setContentsMargins(28, 24, 28, 24)
        box.addWidget(widgets.title(translate("Unlock", "智慧政工离线客户端")))
        box.addWidget(widgets.hint(translate("Unlock", "数据已加密保存。请输入密码解锁。")))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(translate("Unlock", "密码"))
        self.passphrase.returnPressed.connect(self.try_unlock)
        box.addWidget(self.passphrase)
        self.message = widgets.error_label()
        box.addWidget(self.message)
        self.unlock_button = QPushButton(icon("lock"), translate("Unlock", "解锁"))
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        box.addWidget(self.unlock_button)
        links = QHBoxLayout()
        self.recover_button = QPushButton(translate("Unlock", "忘记密码？用恢复码"))
        self.recover_button.setFlat(True)
        self.recover_button.clicked.connect(self.open_recover)
        self.restore_button = QPushButton(translate("Unlock", "从备份恢复…"))
        self.restore_button.setFlat(True)
        self.restore_button.clicked.connect(self.open_restore)
        links.addWidget(self.recover_button)
        links.addStretch(1)
        links.addWidget(self.restore_button)
        box.addLayout(links)
        box.addWidget(
            widgets.hint(translate("Unlock", "数据文件夹：{path}").format(path=app.data_dir))
        )
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(widgets.align_center(panel))
        outer.addStretch(1)
        self.resize(760, 520)
        if app.state() == "incomplete":
            self.show_damage(
                translate(
                    "Unlock",
                    "数据文件不完整（缺少密钥文件或数据库）。数据没有被删除；可以从备份恢复。",
                )
            )

    def try_unlock(self) -> None:
        text = self.passphrase.text()
        if not text:
            widgets.set_error(self.message, translate("Unlock", "请输入密码"))
            return
        self.unlock_button.setEnabled(False)
        widgets.set_error(self.message, None)
        from ztclient.ui.shell import open_unit

        self.ops.run(
            lambda: open_unit(self.app, text),
            self._unlocked,
            self._failed,
            label=translate("Unlock", "正在解锁…"),
            parent=self,
        )

    def _unlocked(self, session) -> None:
        self.passphrase.clear()
        self.unlock_button.setEnabled(True)
        emit(self.unlocked, session)

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if isinstance(exc, DomainError) and exc.code == "E_WRONG_PASSPHRASE":
            self.wrong += 1
            if self.wrong < WRONG_BEFORE_RECOVERY:
                widgets.set_error(self.message, translate("Unlock", "密码错误，请重新输入。"))
                return
            widgets.set_error(
                self.message,
                translate(
                    "Unlock",
                    "已连续 {n} 次密码错误。如果忘记了密码，请用首次使用时打印的恢复码设置新密码。",
                ).format(n=self.wrong),
            )
            if self.wrong == WRONG_BEFORE_RECOVERY:
                self.open_recover()  # the way out, opened for the clerk (once)
        elif isinstance(exc, DomainError) and exc.code in DAMAGE:
            self.show_damage(
                error_text(exc) + "\n" + translate("Unlock", "数据没有被删除。可以从备份恢复。")
            )
        else:
            widgets.set_error(self.message, error_text(exc))

    def show_damage(self, text: str) -> None:
        widgets.set_error(self.message, text)
        self.restore_button.setFlat(False)
        self.restore_button.setProperty("primary", True)
        self.restore_button.style().unpolish(self.restore_button)
        self.restore_button.style().polish(self.restore_button)

    def open_recover(self) -> None:
        RecoverDialog(self.app, self.ops, self).open()

    def open_restore(self) -> None:
        dialog = RestoreDialog(self.app, self.ops, self)
        dialog.accepted.connect(
            lambda: widgets.set_error(
                self.message, translate("Unlock", "已从备份恢复，请输入备份时的密码解锁。")
            )
        )
        dialog.open()


class RecoverDialog(QDialog):
    """Set a new passphrase with the printed recovery code."""

    def __init__(self, app, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.ops = app, ops
        self.setWindowTitle(translate("Unlock", "用恢复码重设密码"))
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-…")
        self.new = QLineEdit()
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = widgets.StrengthMeter()
        self.new.textChanged.connect(self.meter.update_for)
        self.error = widgets.error_label()
        form.addRow(translate("Unlock", "恢复码"), self.code)
        form.addRow(translate("Unlock", "新密码"), self.new)
        form.addRow("", self.meter)
        form.addRow(translate("Unlock", "再输入一次"), self.repeat)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def submit(self) -> None:
        if self.new.text() != self.repeat.text():
            widgets.set_error(self.error, translate("Unlock", "两次输入的密码不一致"))
            return
        code, new = self.code.text().strip(), self.new.text()
        self.ops.run(
            lambda: self.app.recover(code, new),
            lambda _r: self._done(),
            lambda e: widgets.set_error(self.error, error_text(e)),
            label=translate("Unlock", "正在核对恢复码…"),
            parent=self,
        )

    def _done(self) -> None:
        QMessageBox.information(
            self, self.windowTitle(), translate("Unlock", "新密码已设置，请用新密码解锁。")
        )
        self.accept()


class RestoreDialog(QDialog):
    """Install a backup file. What the data folder held is moved aside, never deleted."""

    def __init__(self, app, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.ops = app, ops
        self.setWindowTitle(translate("Unlock", "从备份恢复"))
        form = QFormLayout(self)
        form.addRow(
            widgets.hint(
                translate(
                    "Unlock",
                    "选择备份文件（.zip），输入做备份时的密码。现有数据会移到“replaced-日期”文件夹保留，不会删除。",
                )
            )
        )
        row = QHBoxLayout()
        self.file = QLineEdit()
        browse = QPushButton(translate("Unlock", "选择…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form.addRow(translate("Unlock", "备份文件"), row)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Unlock", "备份时的密码"), self.passphrase)
        self.error = widgets.error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Unlock", "恢复"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(480)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("Unlock", "选择备份文件"),
            str(Path.home()),
            translate("Unlock", "备份文件 (*.zip);;所有文件 (*)"),
        )
        if path:
            self.file.setText(path)

    def submit(self) -> None:
        path, secret = self.file.text().strip(), self.passphrase.text()
        if not path:
            widgets.set_error(self.error, translate("Unlock", "请选择备份文件"))
            return
        self._restore(Path(path), secret, other_unit=False)

    def _restore(self, path: Path, secret: str, *, other_unit: bool) -> None:
        def failed(e: BaseException) -> None:
            asked = isinstance(e, DomainError) and e.code in OTHER_UNIT and not other_unit
            if asked and confirm_other_unit(self, error_text(e)):
                self._restore(path, secret, other_unit=True)
                return
            widgets.set_error(self.error, error_text(e))

        self.ops.run(
            lambda: self.app.backups.restore(path, secret, other_unit=other_unit),
            self._restored,
            failed,
            label=translate("Unlock", "正在检查并恢复备份…"),
            parent=self,
        )

    def _restored(self, result: dict) -> None:
        """Installed; a backup whose audit trail was changed is said before the window goes."""
        if trail := result.get("trail_problems"):
            text = render("W_RESTORE_TRAIL", domain_lang(), count=len(trail), first=trail[0])
            QMessageBox.warning(self, translate("Unlock", "备份的审计记录有问题"), text)
        self.accept()


def confirm_other_unit(parent: QWidget, why: str) -> bool:
    """The clerk's explicit yes before another unit's backup replaces this data."""
    answer = QMessageBox.question(
        parent,
        translate("Unlock", "不是本单位的备份"),
        why
        + "\n\n"
        + translate(
            "Unlock", "确实要用这个备份替换当前数据吗？当前数据会移到 replaced-日期 文件夹保留。"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


__all__ = ["DAMAGE", "RecoverDialog", "RestoreDialog", "UnlockWindow"]
