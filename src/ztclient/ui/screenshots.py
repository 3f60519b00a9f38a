"""Render each main screen with demo data to PNG files (offscreen), for the README and docs.

``render_all(app, out_dir)`` never touches the clerk's own data: it builds a throw-away demo
unit in a temporary folder with the same App class, renders, closes and removes it.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

DEMO_PASSPHRASE = "demo-screenshots-2026"
SIZE = (1366, 768)


def _qapp():
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY") and os.name != "nt":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ztclient.ui.app import create_qapplication

    return create_qapplication([])


def settle(ops, qapp, timeout: float = 60.0) -> None:
    """Process events until every queued job has finished and its result was delivered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        qapp.processEvents()
        if not ops.busy:
            for _ in range(5):
                qapp.processEvents()
                time.sleep(0.01)
            if not ops.busy:
                return
        time.sleep(0.005)


def _grab(widget, path: Path) -> Path:
    widget.grab().save(str(path), "PNG")
    return path


def render_all(
    app: Any,
    out_dir: str | Path,
    scale: str = "branch",
    lang: str = "zh_CN",
    unit: Any = None,
    passphrase: str | None = None,
) -> list[Path]:
    """Write first_run, unlock, dashboard, members, member_form, meetings, meeting_editor,
    compliance, study, study_logs, orgs (and its talks, appraisal, rectification tabs), reports,
    sync and settings PNGs into ``out_dir``; return their paths.

    ``unit`` and ``passphrase`` (both or neither) shoot an existing unit instead of a fresh demo
    one, e.g. a committee-scale demo made once with ``ztclient-cli demo --scale committee``."""
    qapp = _qapp()
    from ztclient.services.settings import SettingsStore
    from ztclient.ui import i18n
    from ztclient.ui.shell import Shell

    i18n.install(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    shells: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="ztclient-shots-") as tmp:
        empty = type(app)(Path(tmp) / "empty")
        shell = Shell(empty, SettingsStore(Path(tmp) / "empty-settings.json"), idle_ms=3_600_000)
        shells.append(shell)
        wizard = shell.start()
        wizard.resize(*SIZE)
        settle(shell.ops, qapp)
        written.append(_grab(wizard, out / "first_run.png"))
        wizard.close()

        if unit is not None:
            demo, secret = unit, passphrase or ""
        else:
            demo, secret = type(app)(Path(tmp) / "demo"), DEMO_PASSPHRASE
            session, _code = demo.create_unit(
                "中共示例街道委员会", "3301060001", secret, "committee"
            )
            demo.demo(session, scale=scale)
            session.close()
        shell = Shell(demo, SettingsStore(Path(tmp) / "demo-settings.json"), idle_ms=3_600_000)
        shells.append(shell)
        unlock = shell.start()
        unlock.resize(*SIZE)
        settle(shell.ops, qapp)
        written.append(_grab(unlock, out / "unlock.png"))
        unlock.passphrase.setText(secret)
        unlock.try_unlock()
        settle(shell.ops, qapp)
        main = shell.main
        main.resize(*SIZE)
        for index, (key, _text, _make) in enumerate(main.pages):
            main.show_page(index)
            page = main.page(key)
            settle(shell.ops, qapp)
            written.append(_grab(main, out / f"{key}.png"))
            if key == "members":
                page.table.selectRow(0)
                page.open_selected()
                settle(shell.ops, qapp)
                page.form.resize(900, 640)
                settle(shell.ops, qapp)
                written.append(_grab(page.form, out / "member_form.png"))
                page.form.reject()
            elif key == "meetings":
                if not page.model.rowCount():  # 今年 has none yet (1 January): take them all
                    page.period.setCurrentIndex(page.period.findData("all"))
                    settle(shell.ops, qapp)
                page.table.selectRow(0)
                page.open_selected()
                settle(shell.ops, qapp)
                settle(shell.ops, qapp)
                written.append(_grab(page.editor, out / "meeting_editor.png"))
                page.editor.reject()
                page.tabs.setCurrentIndex(1)
                settle(shell.ops, qapp)
                written.append(_grab(main, out / "compliance.png"))
                page.tabs.setCurrentIndex(0)
            elif key == "study":
                page.table.selectRow(0)
                page.open_logs()
                settle(shell.ops, qapp)
                written.append(_grab(page.dialog, out / "study_logs.png"))
                page.dialog.reject()
            elif key == "orgs":
                page.tree_tab.select_first("branch")
                settle(shell.ops, qapp)
                written[-1] = _grab(main, out / "orgs.png")
                for tab, name in ((1, "org_talks"), (2, "org_appraisal"), (3, "org_rectification")):
                    page.tabs.setCurrentIndex(tab)
                    settle(shell.ops, qapp)
                    written.append(_grab(main, out / f"{name}.png"))
                page.tabs.setCurrentIndex(0)
        shell.lock()
        settle(shell.ops, qapp)
        for each in shells:  # leave the QApplication as we found it
            each.dispose()
        settle(shell.ops, qapp)
    return written
