"""Issue 9 item 4: 设置 → 备份与恢复 — back up now, see when, restore (locks first), and a new
recovery code printed when the sheet is lost (the old code stops working)."""

from __future__ import annotations

import zipfile

import pytest

from ztclient.ui import backup_panel
from ztclient.ui.unlock_window import RestoreDialog, UnlockWindow


def _panel(shell, settle):
    main = shell.main
    main.show_page([k for k, _t, _p in main.pages].index("settings"))
    settle(shell.ops)
    return main.page("settings").backups


def test_backup_now_from_settings(qtbot, unlocked, settle, tmp_path, monkeypatch, passphrase):
    panel = _panel(unlocked, settle)
    assert "还没有" in panel.last.text()
    chosen = {}

    def save_as(_parent, _title, name, _pattern, _suffix):
        chosen["name"] = name
        return tmp_path / name

    monkeypatch.setattr(backup_panel, "ask_save_path", save_as)
    panel.backup_button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    out = tmp_path / chosen["name"]
    assert chosen["name"].startswith("ztclient-备份-3301060001-") and out.suffix == ".zip"
    assert zipfile.is_zipfile(out) and str(out) in panel.result.text()
    assert "上次备份" in panel.last.text()
    actions = unlocked.session.store.column("SELECT action FROM audit ORDER BY seq")
    assert actions[-1] == "backup"
    # the backup restores elsewhere with the same passphrase
    from ztclient.bootstrap import App

    other = App(tmp_path / "new-pc")
    other.backups.restore(out, passphrase)
    other.unlock(passphrase).close()


def test_restore_from_settings_locks_first_then_asks_for_the_file(
    qtbot, unlocked, settle, monkeypatch
):
    panel = _panel(unlocked, settle)
    monkeypatch.setattr(backup_panel, "confirm_restore", lambda _p: True)
    panel.restore_button.click()
    settle(unlocked.ops)
    assert unlocked.session is None and isinstance(unlocked.window, UnlockWindow)
    assert unlocked.window.findChild(RestoreDialog) is not None


def test_new_recovery_code_replaces_the_old_one(
    qtbot, unlocked, settle, monkeypatch, passphrase, tmp_path
):
    import subprocess

    panel = _panel(unlocked, settle)
    before = unlocked.app.recovery_number()
    assert before and before in panel.number.text()  # the sheet in the cabinet that works
    printed = []
    monkeypatch.setattr(backup_panel, "ask_passphrase", lambda _p: passphrase)
    monkeypatch.setattr(
        backup_panel,
        "print_pdf",
        lambda ctx, parent, job, name: printed.append(job(tmp_path / "sheet.pdf")),
    )
    panel.recovery_button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert printed and (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF-")
    number = unlocked.app.recovery_number()
    assert number != before and number in panel.number.text()  # a new code, a new number
    sheet = subprocess.run(["pdftotext", str(tmp_path / "sheet.pdf"), "-"], capture_output=True,
                           text=True).stdout.replace(" ", "")  # fmt: skip
    assert f"恢复码编号：{number}" in sheet  # printed on the sheet, to register it by
    code = panel.result.text().split("：", 1)[1].split("\n")[0].strip()
    app = unlocked.app
    app.recover(code, "用新恢复码设的口令 2027")  # the new code opens the data
    app.unlock("用新恢复码设的口令 2027").close()


def test_a_wrong_passphrase_makes_no_new_code(qtbot, unlocked, settle, monkeypatch):
    panel = _panel(unlocked, settle)
    monkeypatch.setattr(backup_panel, "ask_passphrase", lambda _p: "not the passphrase 1")
    monkeypatch.setattr(backup_panel, "print_pdf", lambda *a: pytest.fail("printed"))
    before = (unlocked.app.data_dir / "keyfile.json").read_bytes()
    panel.recovery_button.click()
    settle(unlocked.ops)
    assert "密码错误" in panel.error.text()
    assert (unlocked.app.data_dir / "keyfile.json").read_bytes() == before
