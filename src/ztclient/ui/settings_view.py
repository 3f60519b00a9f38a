"""设置: study targets, auto-lock, language, passphrase change."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.ui import widgets
from ztclient.ui.compat import emit
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import current_language, error_text, translate
from ztclient.ui.operator_card import OperatorCard
from ztclient.ui.study_counting import StudyCountingCard


def _left(button: QPushButton) -> QWidget:
    """A button at its natural width, left-aligned in a form row."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    return holder


class SettingsView(QWidget):
    language_changed = Signal(str)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        # Scrolls when the screen is short (1366×768 with a taskbar): three cards stack up.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        box = QVBoxLayout(inner)
        box.addWidget(widgets.title(translate("Settings", "设置")))

        general = widgets.card()
        general.setMaximumWidth(640)
        form = QFormLayout(general)
        self.target = QDoubleSpinBox()
        self.target.setRange(1, 200)
        self.target.setDecimals(0)
        self.target.setSuffix(translate("Settings", " 学时"))
        self.target.setValue(float(ctx.settings.get("target_hours")))
        self.target_leaders = QDoubleSpinBox()
        self.target_leaders.setRange(1, 200)
        self.target_leaders.setDecimals(0)
        self.target_leaders.setSuffix(translate("Settings", " 学时"))
        self.target_leaders.setValue(float(ctx.settings.get("target_hours_leaders")))
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSuffix(translate("Settings", " 分钟"))
        self.auto_lock.setSpecialValueText(translate("Settings", "不自动锁定"))
        self.auto_lock.setValue(int(ctx.settings.get("auto_lock_minutes")))
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        form.addRow(translate("Settings", "党员年度学习目标"), self.target)
        form.addRow(translate("Settings", "书记、委员年度学习目标"), self.target_leaders)
        form.addRow(translate("Settings", "无人操作时自动锁定"), self.auto_lock)
        form.addRow(translate("Settings", "界面语言"), self.language)
        self.save_button = QPushButton(translate("Settings", "保存设置"))
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        form.addRow("", _left(self.save_button))
        self.saved = widgets.hint("")
        form.addRow("", self.saved)
        box.addWidget(general)
        box.addWidget(widgets.title(translate("Settings", "经办人")))
        box.addWidget(OperatorCard(ctx))
        box.addWidget(widgets.title(translate("Settings", "计入学时目标的学习形式")))
        box.addWidget(StudyCountingCard(ctx))

        box.addWidget(widgets.title(translate("Settings", "修改密码")))
        secret = widgets.card()
        secret.setMaximumWidth(640)
        pform = QFormLayout(secret)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.old, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = widgets.StrengthMeter()
        self.new.textChanged.connect(self.meter.update_for)
        pform.addRow(translate("Settings", "原密码"), self.old)
        pform.addRow(translate("Settings", "新密码"), self.new)
        pform.addRow("", self.meter)
        pform.addRow(translate("Settings", "再输入一次"), self.repeat)
        self.pass_error = widgets.error_label()
        pform.addRow(self.pass_error)
        self.pass_button = QPushButton(translate("Settings", "修改密码"))
        self.pass_button.clicked.connect(self.change_passphrase)
        pform.addRow("", _left(self.pass_button))
        pform.addRow(
            widgets.hint(
                translate("Settings", "只重新加密密钥文件，数据本身不变；恢复码仍然有效。")
            )
        )
        box.addWidget(secret)

        from ztclient.ui.backup_panel import BackupPanel

        box.addWidget(widgets.title(translate("Settings", "备份与恢复")))
        self.backups = BackupPanel(ctx)
        box.addWidget(self.backups)

        from ztclient.ui.support_panel import SupportPanel

        box.addWidget(widgets.title(translate("Settings", "技术支持")))
        self.support = SupportPanel(ctx)
        box.addWidget(self.support)
        box.addStretch(1)

    def save(self) -> None:
        from ztclient.ui.shell import apply_targets

        s = self.ctx.settings
        s.set("target_hours", self.target.value())
        s.set("target_hours_leaders", self.target_leaders.value())
        s.set("auto_lock_minutes", self.auto_lock.value())
        lang = self.language.currentData()
        s.set("language", lang)
        apply_targets(self.ctx.session, s)
        self.ctx.ops.run(s.save, lambda _r: self._saved(lang))

    def _saved(self, lang: str) -> None:
        self.saved.setText(translate("Settings", "设置已保存。"))
        self.ctx.extras.get("set_auto_lock", lambda _m: None)(self.auto_lock.value())
        emit(self.ctx.ops.changed, Changes(settings=True, study=True))
        if lang != current_language():
            emit(self.language_changed, lang)

    def change_passphrase(self) -> None:
        if self.new.text() != self.repeat.text():
            widgets.set_error(self.pass_error, translate("Settings", "两次输入的密码不一致"))
            return
        old, new, app = self.old.text(), self.new.text(), self.ctx.app

        def done(_r) -> None:
            for edit in (self.old, self.new, self.repeat):
                edit.clear()
            widgets.set_error(self.pass_error, None)
            QMessageBox.information(
                self, translate("Settings", "修改密码"), translate("Settings", "密码已修改。")
            )

        self.ctx.ops.run(
            lambda: app.change_passphrase(old, new),
            done,
            lambda e: widgets.set_error(self.pass_error, error_text(e)),
            label=translate("Settings", "正在修改密码…"),
            parent=self,
        )
