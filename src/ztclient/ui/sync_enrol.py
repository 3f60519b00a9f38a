"""登记本机: the dialog that asks how this computer is enrolled (online code or file)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ztclient.domain.messages import render
from ztclient.domain.server_address import is_plain_http_remote
from ztclient.ui import widgets
from ztclient.ui.i18n import domain_lang, translate


class EnrolDialog(QDialog):
    """登记本机: online (server address + one-time code) or by the enrolment file."""

    def __init__(self, parent: QWidget | None = None, server_url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Sync", "登记本机"))
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        box.addWidget(
            widgets.hint(
                translate(
                    "Sync",
                    "上级党委给了登记码，就选“联网登记”；给的是登记文件（U盘带来），就选“用登记文件”。",
                )
            )
        )
        self.online = QRadioButton(translate("Sync", "联网登记（服务器地址 + 一次性登记码）"))
        self.by_file = QRadioButton(translate("Sync", "用登记文件（没有网络时）"))
        self.online.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.online)
        group.addButton(self.by_file)
        form = QFormLayout()
        self.url = QLineEdit(server_url)
        self.url.setPlaceholderText("https://")
        self._warned = ""  # the plain-http address already warned about
        self.code = QLineEdit()
        form.addRow(translate("Sync", "服务器地址"), self.url)
        form.addRow(translate("Sync", "登记码"), self.code)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(translate("Sync", "上级给的登记文件"))
        choose = QPushButton(translate("Sync", "选择…"))
        choose.clicked.connect(self._choose)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        box.addWidget(self.online)
        box.addLayout(form)
        box.addWidget(self.by_file)
        box.addLayout(file_row)
        self.error = widgets.error_label()
        box.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("Sync", "选择登记文件"),
            "",
            translate("Sync", "登记文件 (*.json);;所有文件 (*)"),
        )
        if path:
            self.path.setText(path)
            self.by_file.setChecked(True)

    def values(self) -> dict[str, str]:
        if self.by_file.isChecked():
            return {"how": "file", "path": self.path.text().strip()}
        return {"how": "online", "url": self.url.text().strip(), "code": self.code.text().strip()}

    def _accept(self) -> None:
        v = self.values()
        if v["how"] == "online" and not (v["url"] and v["code"]):
            widgets.set_error(self.error, translate("Sync", "请填写服务器地址和登记码"))
            return
        if v["how"] == "file" and not v["path"]:
            widgets.set_error(self.error, translate("Sync", "请选择登记文件"))
            return
        if v["how"] == "online" and is_plain_http_remote(v["url"]) and v["url"] != self._warned:
            # warn once before an unencrypted enrolment; a second OK with the same address goes on
            self._warned = v["url"]
            again = translate("Sync", "再点一次“确定”仍按此地址登记。")
            lang = domain_lang()
            text = render("W_PLAIN_HTTP", lang, url=v["url"])
            widgets.set_error(self.error, text + (" " if lang == "en" else "") + again)
            return
        self.accept()
