"""The frozen desktop program starts offscreen to its first window and runs its event loop.

The program logs "first window shown" (ui/app.py, INFO) right after the window is up; with
ZTCLIENT_EXIT_AFTER_SHOWN=1 (when the UI supports it) it then quits by itself, else the test
ends it after a moment in the event loop. Either way the log must be clean: no traceback, no
Qt plugin that failed to load, no missing resource.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from tests.packaging.conftest import ABOUT, ROOT
from tests.packaging.startup import READY, cli_command, make_unit, time_to_window

BAD = re.compile(
    r"Traceback|Could not (find|load) the Qt platform plugin|Cannot load library|"
    r"ModuleNotFoundError|No such file|qt\.svg:|QFont::|not found",
    re.I,
)
TRANSLATIONS = sorted(p.stem for p in (ROOT / "resources" / "translations").glob("*.ts"))


def _check_log(log: str) -> None:
    assert READY in log
    bad = [
        line
        for line in log.splitlines()
        if BAD.search(line) or (TRANSLATIONS and "no translation file" in line)
    ]
    assert not bad, "\n".join(bad)


def test_unlock_window(frozen_dir: Path, tmp_path: Path):
    data = tmp_path / "data"
    make_unit(data, frozen_dir)  # a unit exists, so the program opens the unlock window
    seconds, log, code = time_to_window(frozen_dir, data)
    print(f"frozen GUI: unlock window after {seconds * 1000:.0f} ms")
    _check_log(log)
    assert code in (None, 0), f"the program quit with {code}:\n{log[-3000:]}"
    assert seconds < 30


def test_first_run_window(frozen_dir: Path, tmp_path: Path):
    _seconds, log, code = time_to_window(frozen_dir, tmp_path / "empty")
    _check_log(log)
    assert code in (None, 0), f"the program quit with {code}:\n{log[-3000:]}"
    assert not (tmp_path / "empty" / "keyfile.json").exists()


def test_cli_gui_is_the_debug_program(frozen_dir: Path, tmp_path: Path):
    """`ztclient-cli --gui` starts the desktop program with its log on the console (INFO
    without being asked): what a clerk runs to show support what goes wrong."""
    data = tmp_path / "data"
    make_unit(data, frozen_dir)
    _seconds, log, code = time_to_window(
        frozen_dir, data, command=[*cli_command(frozen_dir), "--gui"], ZTCLIENT_LOG=""
    )
    _check_log(log)
    assert code in (None, 0)


def test_bundle_contents(frozen_dir: Path):
    """The one resource helper finds these under _internal/ztclient/resources in the build."""
    res = frozen_dir / "_internal" / "ztclient" / "resources"
    assert sorted(p.name for p in (res / "fonts").glob("*.ttf")) == sorted(
        p.name for p in (ROOT / "resources" / "fonts").glob("*.ttf")
    )
    assert (res / "icons" / "app.svg").is_file()
    assert sorted(p.name for p in (res / "codes").glob("*.json")) == sorted(
        p.name for p in (ROOT / "resources" / "codes").glob("*.json")
    )
    for stem in TRANSLATIONS:
        assert (res / "translations" / f"{stem}.qm").is_file(), (
            f"{stem}.qm not built into the bundle"
        )
    assert not list(res.rglob("*.ts")), "sources of translations are not shipped"
    assert list(
        (frozen_dir / "_internal" / "ztclient" / "infra" / "db" / "migrations").glob("*.sql")
    )


def test_unused_qt_is_left_out(frozen_dir: Path):
    names = [p.name for p in (frozen_dir / "_internal").rglob("*") if p.is_file()]
    unwanted = [
        n
        for n in names
        if re.search(
            r"Qt6?(WebEngine|Quick|Qml|3D|Multimedia|Pdf|Designer|Bluetooth|Positioning|Sql|Test)\b|"
            r"qgtk3|libgtk|libcairo|Qt(WebEngine|Quick|Qml|Multimedia|Sql|Test)\w*\.(abi3\.)?(so|pyd)",
            n,
        )
    ]
    assert not unwanted, unwanted
    assert not any(n.startswith("ztcentral") for n in os.listdir(frozen_dir / "_internal"))


def test_folder_size(frozen_dir: Path):
    """Budget for what a clerk downloads and unpacks; a jump means something unused came in."""
    size = sum(
        p.stat().st_size for p in frozen_dir.rglob("*") if p.is_file() and not p.is_symlink()
    )
    print(f"frozen folder: {size / 2**20:.0f} MiB")
    assert size < 300 * 2**20, f"{size / 2**20:.0f} MiB"


@pytest.mark.skipif(
    os.name == "nt", reason="the version resource is checked on Windows by the workflow"
)
def test_same_app_id_everywhere():
    """One id: the one the running program gives Qt (setDesktopFileName), the desktop file's
    name and icon, the AppStream id and launchable, and the Windows installer's AppUserModelID."""
    import subprocess
    import sys

    app_id = ABOUT["APP_ID"]
    qt = subprocess.run(
        [sys.executable, "-c", "from ztclient.ui.app import create_qapplication; "
         "print(create_qapplication([]).desktopFileName())"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert qt.returncode == 0, qt.stderr
    assert qt.stdout.strip() == app_id
    linux = ROOT / "installers" / "linux"
    desktop = (linux / f"{app_id}.desktop").read_text(encoding="utf-8")
    assert f"\nIcon={app_id}\n" in desktop
    metainfo = (linux / f"{app_id}.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{app_id}</id>" in metainfo
    assert f'<launchable type="desktop-id">{app_id}.desktop</launchable>' in metainfo
    nsi = (ROOT / "installers" / "windows" / "ztclient.nsi").read_text(encoding="utf-8")
    assert f'!define APP_ID "{app_id}"' in nsi
