"""Restoring another unit's backup asks first (issue 11, item 5): the clerk's explicit yes, or
nothing happens. On round 1's main any unit's backup was installed without a word."""

from __future__ import annotations

from ztclient.ui import unlock_window
from ztclient.ui.operations import Operations


def _other_backup(tmp_path, passphrase):
    """Another unit's backup made with the same passphrase as this one (a shared PC's habit),
    so the program can tell it is another unit rather than only that it cannot check."""
    from ztclient.bootstrap import App

    other = App(tmp_path / "other")
    session, _ = other.create_unit("中共另一个街道工作委员会", "3301069999", passphrase)
    out = tmp_path / "other.zip"
    other.backups.backup(session, out)
    session.close()
    return out


def test_another_units_backup_is_asked_about_then_restored(
    qtbot, demo_app, tmp_path, monkeypatch, passphrase
):
    backup = _other_backup(tmp_path, passphrase)
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(_parent, why):
        asked.append(why)
        return next(answers)

    monkeypatch.setattr(unlock_window, "confirm_other_unit", confirm)
    dialog = unlock_window.RestoreDialog(demo_app, Operations())
    qtbot.addWidget(dialog)
    dialog.file.setText(str(backup))
    dialog.passphrase.setText(passphrase)

    dialog.submit()  # the clerk says no: nothing changes
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=60000)
    assert "3301069999" in asked[0] and "3301060001" in asked[0]
    session = demo_app.unlock(passphrase)
    assert session.unit_code == "3301060001"
    session.close()

    dialog.error.setText("")
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.submit()  # asked again, and this time yes
    session = demo_app.unlock(passphrase)
    try:
        assert session.unit_code == "3301069999"
    finally:
        session.close()
