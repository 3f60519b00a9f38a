"""A backup whose audit trail was changed before it was made: the restore dialog says so (the
problems `verify` would list) before it closes, and the backup is installed all the same."""

from __future__ import annotations

from ztclient.ui import unlock_window
from ztclient.ui.operations import Operations


def test_a_changed_trail_is_said_when_the_backup_is_restored(
    qtbot, demo_app, tmp_path, monkeypatch, passphrase
):
    session = demo_app.unlock(passphrase)
    with session.store.transaction() as tx:
        tx.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 2")
    backup = tmp_path / "changed.zip"
    demo_app.backups.backup(session, backup)
    session.close()

    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(
        unlock_window.QMessageBox,
        "warning",
        lambda _parent, title, text, *a: warned.append((title, text)),
    )
    dialog = unlock_window.RestoreDialog(demo_app, Operations())
    qtbot.addWidget(dialog)
    dialog.file.setText(str(backup))
    dialog.passphrase.setText(passphrase)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.submit()
    [(title, text)] = warned
    assert title == "备份的审计记录有问题"
    assert "审计记录有" in text and "audit 2" in text and "verify" in text
