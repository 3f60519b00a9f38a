"""The entry point ``ui.app.run(make_app)`` and the translation build it relies on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def test_run_shows_the_first_run_wizard_for_an_empty_folder(qapp, tmp_path, monkeypatch):
    from ztclient.bootstrap import App
    from ztclient.ui import app as ui_app
    from ztclient.ui.first_run import FirstRunWizard

    shown = []

    def fake_exec(*_args):
        shown.extend(
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and isinstance(w, FirstRunWizard)
        )
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert ui_app.run(lambda: App(tmp_path / "data")) == 0
    assert shown, "the wizard was not on screen when the event loop started"
    assert not (tmp_path / "data").exists()  # showing the wizard writes nothing


def test_qm_is_built_from_ts_and_loads(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "tools" / "build_translations.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    qm = tmp_path / "ztclient_en.qm"
    tool.build_one(ROOT / "resources" / "translations" / "ztclient_en.ts", qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "党员") == "Members"


def test_geometry_is_remembered(qtbot, unlocked, settle, monkeypatch):
    """Saved on lock/close, handed back to Qt when the window is built again. (The offscreen
    screen is 800×600, smaller than the window's minimum, so Qt's own clamping is not tested.)"""
    import base64

    from ztclient.ui.main_window import MainWindow

    main = unlocked.main
    main.resize(1000, 700)
    main.save_geometry()
    saved = unlocked.settings.get("window_geometry")
    assert base64.b64decode(saved) == bytes(main.saveGeometry().data())
    restored = []
    original = MainWindow.restoreGeometry
    monkeypatch.setattr(
        MainWindow,
        "restoreGeometry",
        lambda self, data: restored.append(bytes(data.data())) or original(self, data),
    )
    unlocked.change_language("zh_CN")  # rebuilds the main window from the saved settings
    settle(unlocked.ops)
    assert restored == [base64.b64decode(saved)]
