"""Start: first-run wizard, unlock, wrong passphrase, damaged data, auto-lock."""

from __future__ import annotations

from ztclient.ui.first_run import FirstRunWizard
from ztclient.ui.main_window import MainWindow
from ztclient.ui.unlock_window import UnlockWindow


def test_first_run_creates_unit_and_shows_recovery_code_once(
    qtbot, empty_app, shell_factory, monkeypatch, settle, passphrase
):
    shell = shell_factory(empty_app)
    wizard = shell.start()
    assert isinstance(wizard, FirstRunWizard)
    wizard.new_button.click()
    assert wizard.pages.currentIndex() == 1
    wizard.unit_name.setText("中共某某街道委员会")  # QTest.keyClicks handles ASCII only
    qtbot.keyClicks(wizard.unit_code, "3301060001")
    wizard.operator.setText("李文华")
    qtbot.keyClicks(wizard.passphrase, "short")
    assert wizard.meter.score == 0 and not wizard.create_button.isEnabled()
    wizard.passphrase.clear()
    qtbot.keyClicks(wizard.passphrase, passphrase)
    assert wizard.meter.score >= 2
    qtbot.keyClicks(wizard.repeat, passphrase + "x")
    assert "不一致" in wizard.error.text() and not wizard.create_button.isEnabled()
    wizard.repeat.clear()
    qtbot.keyClicks(wizard.repeat, passphrase)
    assert wizard.create_button.isEnabled()
    wizard.create_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=20000)
    code = wizard.code_label.text()
    assert len(code.replace("-", "")) >= 20
    assert wizard.passphrase.text() == ""  # the secret is not kept in the widget
    printed = []
    monkeypatch.setattr(
        FirstRunWizard,
        "print_code",
        lambda self: printed.append(self.recovery_sheet().toPlainText()),
    )
    wizard.print_button.click()
    assert all(group in printed[0] for group in code.split("-")), printed[0]
    assert "单位代码：3301060001" in printed[0]
    assert "生成人：李文华" in printed[0]  # the 经办人 given on the page before
    assert f"恢复码编号：{empty_app.recovery_number()}" in printed[0]
    assert "不得拍照、复印、扫描" in printed[0]  # the PDF sheet's 保管要求, word for word
    assert not wizard.finish_button.isEnabled()
    wizard.kept.setChecked(True)
    wizard.finish_button.click()
    assert isinstance(shell.window, MainWindow)
    assert wizard.code_label.text() == ""
    assert empty_app.state() == "ready"
    assert shell.window.ctx.session.operator.name() == "李文华"
    settle(shell.ops)


def test_first_run_refuses_a_name_that_will_not_do_and_makes_nothing(
    qtbot, empty_app, shell_factory, settle, passphrase
):
    wizard = shell_factory(empty_app).start()
    wizard.new_button.click()
    wizard.unit_name.setText("中共某某街道委员会")
    qtbot.keyClicks(wizard.unit_code, "3301060001")
    wizard.operator.setText("一" * 21)
    qtbot.keyClicks(wizard.passphrase, passphrase)
    qtbot.keyClicks(wizard.repeat, passphrase)
    wizard.create_button.click()
    qtbot.waitUntil(lambda: bool(wizard.error.text()), timeout=20000)
    assert "1到20个字" in wizard.error.text() and wizard.pages.currentIndex() == 1
    assert empty_app.state() == "empty" and wizard.create_button.isEnabled()
    wizard.operator.clear()  # left empty, it can be set later in 设置
    wizard.create_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=20000)
    assert wizard.session.operator.name() == "" and "生成人：__________" in (
        wizard.recovery_sheet().toPlainText()
    )
    wizard.kept.setChecked(True)
    wizard.finish_button.click()
    settle(wizard.ops)


def test_wrong_passphrase_says_so_then_unlocks(qtbot, demo_app, shell_factory, settle, passphrase):
    shell = shell_factory(demo_app)
    window = shell.start()
    assert isinstance(window, UnlockWindow)
    qtbot.keyClicks(window.passphrase, "not the passphrase")
    window.try_unlock()
    settle(shell.ops)
    assert window.message.isVisible() or window.message.text()
    assert "密码错误" in window.message.text()
    assert shell.main is None
    window.passphrase.setText(passphrase)
    window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=20000)
    assert "中共测试街道委员会" in shell.main.windowTitle()
    settle(shell.ops)


def test_damaged_database_offers_restore_and_deletes_nothing(
    qtbot, demo_app, shell_factory, settle, passphrase
):
    db = next(p for p in demo_app.data_dir.iterdir() if p.suffix == ".db")
    raw = bytearray(db.read_bytes())
    for i in range(4096, min(len(raw), 4096 * 6)):
        raw[i] ^= 0x5A  # flip bytes in the first pages: SQLCipher's HMAC check fails
    db.write_bytes(bytes(raw))
    for extra in ("-wal", "-shm"):
        (db.parent / (db.name + extra)).unlink(missing_ok=True)
    size = db.stat().st_size
    shell = shell_factory(demo_app)
    window = shell.start()
    window.passphrase.setText(passphrase)
    window.try_unlock()
    settle(shell.ops)
    assert shell.main is None
    assert "备份恢复" in window.message.text()
    assert window.restore_button.property("primary") is True
    assert db.exists() and db.stat().st_size == size


def test_missing_key_file_is_reported_not_recreated(
    qtbot, demo_app, shell_factory, settle, passphrase
):
    (demo_app.data_dir / "keyfile.json").unlink()
    shell = shell_factory(demo_app)
    window = shell.start()
    assert isinstance(window, UnlockWindow)
    assert "备份恢复" in window.message.text()
    assert not (demo_app.data_dir / "keyfile.json").exists()


def test_idle_auto_lock_closes_database_and_clears_models(
    qtbot, demo_app, shell_factory, settle, passphrase
):
    shell = shell_factory(demo_app, idle_ms=60_000)
    window = shell.start()
    window.passphrase.setText(passphrase)
    window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=20000)
    main = shell.main
    members = main.page("members")
    main.show_page(1)
    settle(shell.ops)
    assert members.model.rowCount() > 0
    session = shell.session
    shell.idle.set_interval(300)  # as if the clerk set a short auto-lock and walked away
    qtbot.waitUntil(lambda: isinstance(shell.window, UnlockWindow), timeout=5000)
    settle(shell.ops)
    assert shell.session is None and session.closed
    assert members.model.rowCount() == 0 and not members.model.rows
    assert main.page("dashboard").due.rowCount() == 0


def test_input_keeps_the_unit_unlocked(qtbot, demo_app, shell_factory, settle, passphrase):
    from PySide6.QtCore import Qt

    # 1.5 s of idle time, a key every 0.3 s for 3 s: only input keeps it open. (600 ms with a
    # settle before the first key locked it on a loaded machine before any key was pressed.)
    shell = shell_factory(demo_app, idle_ms=1500)
    window = shell.start()
    window.passphrase.setText(passphrase)
    window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=20000)
    main = shell.main
    for _ in range(10):
        qtbot.keyClick(main.sidebar, Qt.Key.Key_Down)
        qtbot.wait(300)
    assert shell.session is not None
    settle(shell.ops)
