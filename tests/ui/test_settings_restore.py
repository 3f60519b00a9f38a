"""设置 (targets, auto-lock, passphrase) and restoring a backup from the first-run wizard."""

from __future__ import annotations

from tests.ui.conftest import one_member_past_target

from ztclient.ui.unlock_window import RestoreDialog, UnlockWindow


def test_study_target_setting_changes_the_short_list(qtbot, unlocked, settle):
    one_member_past_target(unlocked.session)  # past 32 and 56 hours, short of 80
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(unlocked.ops)
    study = main.page("study")
    short_before = sum(1 for r in study.all_rows if r["short"] > 0)
    settings = main.page("settings")
    main.show_page([k for k, _t, _p in main.pages].index("settings"))
    settings.target.setValue(80)
    settings.auto_lock.setValue(15)
    settings.save()
    settle(unlocked.ops)
    settle(unlocked.ops)
    assert "已保存" in settings.saved.text()
    assert (
        unlocked.settings.get("target_hours") == 80
        and unlocked.settings.get("auto_lock_minutes") == 15
    )
    assert unlocked.idle.timer.interval() == 15 * 60_000
    # 学习 is hidden while 设置 is on screen: it refreshes when the clerk goes back to it
    main.show_page([k for k, _t, _p in main.pages].index("study"))
    settle(unlocked.ops)
    assert {r["target"] for r in study.all_rows} >= {80}
    assert sum(1 for r in study.all_rows if r["short"] > 0) > short_before
    saved = unlocked.settings.path.read_text(encoding="utf-8")
    assert '"target_hours": 80' in saved


def test_change_passphrase_in_settings(qtbot, unlocked, settle, passphrase, messages):
    settings = unlocked.main.page("settings")
    settings.old.setText(passphrase)
    settings.new.setText("a new passphrase 2027")
    settings.repeat.setText("a new passphrase 2027")
    settings.change_passphrase()
    settle(unlocked.ops)
    assert messages and messages[-1][0] == "information"
    assert settings.old.text() == ""
    unlocked.app.unlock("a new passphrase 2027").close()


def test_restore_backup_from_first_run(
    qtbot, demo_app, empty_app, shell_factory, settle, passphrase, tmp_path
):
    session = demo_app.unlock(passphrase)
    backup = tmp_path / "backup.zip"
    demo_app.backups.backup(session, backup)
    session.close()
    shell = shell_factory(empty_app)
    wizard = shell.start()
    wizard.open_restore()
    dialog = wizard.findChild(RestoreDialog)
    dialog.file.setText(str(backup))
    dialog.passphrase.setText("wrong passphrase")
    dialog.submit()
    settle(shell.ops)
    assert "密码错误" in dialog.error.text()
    assert empty_app.state() == "empty"  # nothing installed after a failed check
    dialog.passphrase.setText(passphrase)
    dialog.submit()
    settle(shell.ops)
    qtbot.waitUntil(lambda: isinstance(shell.window, UnlockWindow), timeout=5000)
    assert empty_app.state() == "ready"
    shell.window.passphrase.setText(passphrase)
    shell.window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=20000)
    settle(shell.ops)
