"""The desktop entry and AppStream metainfo pass the freedesktop validators and agree with
src/ztclient/__about__.py (the one source of id and version). No frozen build needed."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from tests.packaging.conftest import ABOUT, ROOT

LINUX = ROOT / "installers" / "linux"
DESKTOP = LINUX / f"{ABOUT['APP_ID']}.desktop"
METAINFO = LINUX / f"{ABOUT['APP_ID']}.metainfo.xml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is missing: scripts/test.sh installs it (apt-get install "
            f"{'desktop-file-utils' if name.startswith('desktop') else 'appstream'})"
        )
    return path


def test_desktop_file_validates():
    proc = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_desktop_file_fields():
    entry = configparser.RawConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Icon"] == ABOUT["APP_ID"]
    assert d["Exec"].split()[0] == f"/opt/{ABOUT['NAME']}/{ABOUT['NAME']}"
    assert d["Name[zh_CN]"] == ABOUT["DISPLAY_NAME"]
    assert d["StartupWMClass"] == ABOUT["NAME"]  # Qt's X11 class is the application name


def test_metainfo_validates():
    proc = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "E:" not in proc.stdout and "W:" not in proc.stdout, proc.stdout


def test_metainfo_matches_about():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == ABOUT["APP_ID"]
    assert root.find("launchable").text == DESKTOP.name
    versions = [r.get("version") for r in root.iter("release")]
    assert versions and versions[0] == ABOUT["VERSION"], (
        f'add a <release version="{ABOUT["VERSION"]}"> to {METAINFO.name} (newest first)'
    )
