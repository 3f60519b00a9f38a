"""设置 → 备份与恢复: back up now (file chooser with a dated name), when the last backup was,
restore from a backup (locks first, then the unlock window's restore), and a new recovery code
printed as a sheet when the old sheet is lost. The work is services/backup.py's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ztclient.ui import widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import error_text, translate
from ztclient.ui.reports_view import ask_save_path, print_pdf


def ask_passphrase(parent: QWidget) -> str | None:
    """The passphrase again, for a new recovery code (tests replace this function)."""
    text, ok = QInputDialog.getText(
        parent,
        translate("Backup", "重新生成恢复码"),
        translate("Backup", "请输入当前密码："),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def confirm_restore(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent,
        translate("Backup", "从备份恢复"),
        translate(
            "Backup",
            "恢复前程序会先锁定。恢复后，现在的数据会移到数据文件夹中的 replaced-日期 文件夹里，"
            "不会删除。继续吗？",
        ),
    )
    return answer == QMessageBox.StandardButton.Yes


class BackupPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        card = widgets.card()
        card.setMaximumWidth(640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        box = QVBoxLayout(card)
        self.last = QLabel()
        box.addWidget(self.last)
        self.number = QLabel()  # which printed sheet still works: the one with this number
        self.number.setWordWrap(True)
        box.addWidget(self.number)
        box.addWidget(
            widgets.hint(
                translate(
                    "Backup",
                    "备份文件是加密的，用备份时的密码打开。建议每月备份一次，存到U盘并另处保管。",
                )
            )
        )
        row = QHBoxLayout()
        self.backup_button = QPushButton(translate("Backup", "立即备份…"))
        self.backup_button.setProperty("primary", True)
        self.backup_button.clicked.connect(self.backup)
        self.restore_button = QPushButton(translate("Backup", "从备份恢复…"))
        self.restore_button.clicked.connect(self.restore)
        self.recovery_button = QPushButton(translate("Backup", "重新生成并打印恢复码…"))
        self.recovery_button.setToolTip(
            translate("Backup", "恢复码丢失或没有打印时使用：旧恢复码随即作废")
        )
        self.recovery_button.clicked.connect(self.new_recovery_code)
        for b in (self.backup_button, self.restore_button, self.recovery_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.result = widgets.hint("")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.result)
        self.error = widgets.error_label()
        box.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        app, session = self.ctx.app, self.ctx.session
        self.ctx.ops.run(
            lambda: (app.backups.last_backup_at(session), app.recovery_number()), self._show_last
        )

    def _show_last(self, found: tuple[str | None, str]) -> None:
        when, number = found
        self.last.setText(
            translate("Backup", "上次备份：{when}").format(when=when.replace("T", " ")[:16])
            if when
            else translate("Backup", "还没有在本程序中备份过。")
        )
        self.number.setText(
            translate(
                "Backup", "有效的恢复码编号：{number}（恢复码纸上“恢复码编号”相同的那张有效）"
            ).format(number=number)
            if number
            else ""
        )

    def backup(self) -> None:
        backups, session, clock = self.ctx.app.backups, self.ctx.session, self.ctx.app.clock
        name = backups.suggested_name(self.ctx.unit.get("unit_code", ""), clock.today())
        out = ask_save_path(
            self,
            translate("Backup", "保存备份"),
            name,
            translate("Backup", "备份文件 (*.zip)"),
            ".zip",
        )
        if out is None:
            return
        widgets.set_error(self.error, None)

        def done(_manifest) -> None:
            self.result.setText(translate("Backup", "已备份到 {path}").format(path=out))
            self.refresh()

        self.ctx.ops.run(
            lambda: backups.backup(session, Path(out)),
            done,
            lambda e: widgets.set_error(self.error, error_text(e)),
            label=translate("Backup", "正在备份…"),
            parent=self,
        )

    def restore(self) -> None:
        if confirm_restore(self):
            self.ctx.extras.get("lock_and_restore", lambda: None)()

    def new_recovery_code(self) -> None:
        secret = ask_passphrase(self)
        if not secret:
            return
        backups, session, reports = self.ctx.app.backups, self.ctx.session, self.ctx.session.reports
        widgets.set_error(self.error, None)

        def made(result: tuple[str, str]) -> None:
            code, number = result
            # shown as well as printed: a cancelled print must not lose the only copy
            self.result.setText(
                translate(
                    "Backup", "新的恢复码：{code}\n旧恢复码已作废。请打印或工整抄下，锁在柜中保管。"
                ).format(code=code)
            )
            self.refresh()  # the number of the code now valid
            name = translate("Backup", "恢复码 {day}.pdf").format(day=self.ctx.app.clock.today())
            print_pdf(
                self.ctx, self, lambda out: reports.print_recovery_sheet(code, out, number), name
            )

        self.ctx.ops.run(
            lambda: (backups.new_recovery_code(session, secret), self.ctx.app.recovery_number()),
            made,
            lambda e: widgets.set_error(self.error, error_text(e)),
            label=translate("Backup", "正在生成恢复码…"),
            parent=self,
        )
