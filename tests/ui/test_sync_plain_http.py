"""登记本机 warns before enrolling over plain http with another computer: the first 确定 shows
why, a second 确定 with the same address goes on; https and this computer pass at once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ztclient.ui.sync_view import EnrolDialog


def accept(dialog: EnrolDialog, url: str) -> bool:
    dialog.online.setChecked(True)
    dialog.url.setText(url)
    dialog.code.setText("2222-2222-2222-2222-2222")
    dialog.setResult(0)
    dialog._accept()
    return dialog.result() == QDialog.DialogCode.Accepted


def test_plain_http_to_another_computer_is_confirmed_first(qtbot):
    dialog = EnrolDialog(None)
    qtbot.addWidget(dialog)
    assert not accept(dialog, "http://10.1.2.3:8750")
    assert "没有加密" in dialog.error.text() and "再点一次" in dialog.error.text()
    assert accept(dialog, "http://10.1.2.3:8750")  # the clerk confirmed


def test_https_and_this_computer_pass_at_once(qtbot):
    for url in ("https://zt.example.gov.cn", "http://127.0.0.1:8750"):
        dialog = EnrolDialog(None)
        qtbot.addWidget(dialog)
        assert accept(dialog, url), url
