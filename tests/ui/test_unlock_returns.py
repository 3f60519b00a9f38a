"""Issue 9 item 7 (UI side of unlocking): the clerk comes back to the page they were on; after
three wrong passphrases the unlock window points to the recovery code and opens that path."""

from __future__ import annotations

from ztclient.ui.unlock_window import RecoverDialog, UnlockWindow


def _unlock(qtbot, shell, settle, text):
    window = shell.window
    window.passphrase.setText(text)
    window.try_unlock()
    settle(shell.ops)


def test_unlock_returns_to_the_page(qtbot, unlocked, settle, passphrase):
    meetings = [k for k, _t, _p in unlocked.main.pages].index("meetings")
    unlocked.main.show_page(meetings)
    settle(unlocked.ops)
    unlocked.lock()
    settle(unlocked.ops)
    assert isinstance(unlocked.window, UnlockWindow)
    _unlock(qtbot, unlocked, settle, passphrase)
    qtbot.waitUntil(lambda: unlocked.main is not None, timeout=20000)
    settle(unlocked.ops)
    assert unlocked.main.sidebar.currentRow() == meetings
    assert unlocked.main.stack.currentWidget() is unlocked.main.page("meetings")


def test_three_wrong_passphrases_point_to_the_recovery_code(qtbot, unlocked, settle):
    unlocked.lock()
    settle(unlocked.ops)
    window = unlocked.window
    for n in range(2):
        _unlock(qtbot, unlocked, settle, f"not it {n} 2026")
        assert "密码错误" in window.message.text()
        assert window.findChild(RecoverDialog) is None
    _unlock(qtbot, unlocked, settle, "not it 3 2026")
    assert "恢复码" in window.message.text() and "3" in window.message.text()
    dialog = window.findChild(RecoverDialog)
    assert dialog is not None and dialog.isVisible()
