"""pytest-qt set-up for the desktop program: offscreen, Qt warnings fail the test, a demo unit
made once per session and copied for each test, and patched modal boxes."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

PASSPHRASE = "correct horse 2026"

# Qt warnings that say nothing about our code, each with the reason it is allowed.
QT_LOG_IGNORE = [
    # The offscreen platform plugin cannot size native windows; harmless and offscreen-only.
    "This plugin does not support propagateSizeHints",
    # Offscreen has no real screen to position windows on.
    "This plugin does not support raise",
    # Popup menus grab the keyboard; the offscreen plugin has no keyboard to grab.
    "This plugin does not support grabbing the keyboard",
]


def pytest_collection_modifyitems(config, items):
    """Every UI test fails on an unexpected Qt warning (qt_log_level_fail = WARNING)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls, pytestconfig):
    """The real application set-up (font, style) so the tests see what a clerk sees."""
    from ztclient.ui import i18n
    from ztclient.ui.app import create_qapplication

    app = create_qapplication(["pytest"])  # also moves garbage collection to the GUI thread
    i18n.install("zh_CN")
    yield app


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A branch-scale demo unit, made once (Argon2id and the demo generator take seconds)."""
    from ztclient.bootstrap import App

    folder = tmp_path_factory.mktemp("template") / "unit"
    app = App(folder)
    session, _code = app.create_unit("中共测试街道委员会", "3301060001", PASSPHRASE, "committee")
    app.demo(session, scale="branch")
    session.close()
    return folder


@pytest.fixture
def demo_app(demo_template, tmp_path):
    from ztclient.bootstrap import App

    folder = tmp_path / "unit"
    shutil.copytree(demo_template, folder)
    return App(folder)


@pytest.fixture
def empty_app(tmp_path):
    from ztclient.bootstrap import App

    return App(tmp_path / "new-unit")


@pytest.fixture(autouse=True, scope="session")
def _no_real_message_boxes():
    """No test ever opens a real modal QMessageBox, even from a job that finishes in
    pytest-qt's last event pass, after the test's own fixtures (and their monkeypatches) are
    gone: a real box blocks offscreen or meets a deleted parent. Session scope, so it holds
    through every teardown; tests that check messages still use the ``messages`` fixture."""
    from PySide6.QtWidgets import QMessageBox

    def quiet(_parent, title, text, *args, **kwargs):
        return QMessageBox.StandardButton.Ok

    saved = {
        kind: getattr(QMessageBox, kind)
        for kind in ("warning", "information", "critical", "question")
    }
    for kind in saved:
        setattr(QMessageBox, kind, staticmethod(quiet))
    # An editor with unsaved edits closed by a test's teardown lets them go (tests that check
    # the question patch ask_unsaved themselves).
    from ztclient.ui import editor_guard

    ask = editor_guard.ask_unsaved
    editor_guard.ask_unsaved = lambda _parent: editor_guard.DISCARD
    yield
    editor_guard.ask_unsaved = ask
    for kind, original in saved.items():
        setattr(QMessageBox, kind, original)


@pytest.fixture
def messages(monkeypatch):
    """QMessageBox calls recorded instead of shown (a modal box would block the test)."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, str]] = []

    def record(kind):
        def box(_parent, title, text, *args, **kwargs):
            seen.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return box

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return seen


@pytest.fixture
def answer_text(monkeypatch):
    """``answer_text(text, ok=True)``: QInputDialog.getText answers ``text`` (``ok`` False is
    取消) instead of waiting for a clerk; returns the list of questions it was asked."""
    from PySide6.QtWidgets import QInputDialog

    def answer(text: str, ok: bool = True) -> list[str]:
        asked: list[str] = []

        def ask(_parent, _title, label, *args, **kwargs):
            asked.append(label)
            return text, ok

        monkeypatch.setattr(QInputDialog, "getText", staticmethod(ask))
        return asked

    return answer


def make_shell(app, tmp_path, idle_ms=3_600_000):
    from ztclient.services.settings import SettingsStore
    from ztclient.ui.shell import Shell

    return Shell(app, SettingsStore(tmp_path / "settings.json"), idle_ms=idle_ms)


def _settle(qtbot, ops, timeout=20000):
    """Wait until every queued job has finished and its result reached the GUI thread."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: not ops.busy, timeout=timeout)
    for _ in range(3):
        QApplication.processEvents()
        time.sleep(0.005)
    qtbot.waitUntil(lambda: not ops.busy, timeout=timeout)


@pytest.fixture
def shell_factory(qtbot, tmp_path, messages):
    shells = []

    def make(app, idle_ms=3_600_000):
        shell = make_shell(app, tmp_path, idle_ms)
        shells.append(shell)
        return shell

    yield make
    from PySide6.QtWidgets import QApplication

    for shell in shells:
        shell.dispose()
        QApplication.processEvents()
    import gc

    gc.collect()  # here, between tests, rather than inside some later test's event handler
    QApplication.processEvents()


@pytest.fixture
def open_main(qtbot, shell_factory):
    """``open_main(app, passphrase)``: a shell with ``app``'s unit unlocked in the main window
    and every job its pages queued on the way done."""

    def open_(app, passphrase=PASSPHRASE):
        shell = shell_factory(app)
        window = shell.start()
        window.passphrase.setText(passphrase)
        window.try_unlock()
        qtbot.waitUntil(lambda: shell.main is not None, timeout=30000)
        _settle(qtbot, shell.ops)
        _settle(qtbot, shell.ops)  # the first page's jobs queue the next ones
        return shell

    return open_


@pytest.fixture
def unlocked(demo_app, open_main):
    """A shell with the demo unit open in the main window."""
    return open_main(demo_app)


def one_member_past_target(session) -> str:
    """A member with the 32-hour target (not on a committee, whose 56 hours the 设置 target
    does not move) brought to 50 hours this year by a 集中培训 today: past the target, short of
    80. The demo's share of members past their target depends on the day it is made (none on
    1 January, none by 30 June), so a test that needs one makes one."""
    year = session.clock.today().year
    row = next(r for r in session.study.summary(year) if r["target"] == 32 and r["hours"] < 50)
    session.study.add([{"member_id": row["member_id"], "date": session.clock.today().isoformat(),
                        "hours": 50 - row["hours"], "form": "intensive",
                        "topic": "集中轮训"}])  # fmt: skip
    return row["member_id"]


@pytest.fixture
def settle(qtbot):
    """``settle(ops)``: wait for the worker and the delivery of its results."""
    return lambda ops, timeout=20000: _settle(qtbot, ops, timeout)


@pytest.fixture
def passphrase():
    return PASSPHRASE
