"""Translations (.ts complete, placeholders match, English switch), the CJK font, screenshots."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "tools" / "build_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_placeholders_match_between_languages():
    tool = _tool()
    assert tool.check() == []
    for lang in ("en", "zh_CN"):
        msgs = tool.messages(ROOT / "resources" / "translations" / f"ztclient_{lang}.ts")
        assert msgs and all(finished and text for _c, _s, text, finished in msgs), lang


def test_placeholder_check_catches_a_mismatch(tmp_path):
    tool = _tool()
    assert tool.placeholders("共 {n} 人") == {"n"}
    assert tool.placeholders("{n} people") != tool.placeholders("{count} people")


def test_every_string_in_the_code_is_in_the_ts_files(tmp_path):
    """Re-extract with pyside6-lupdate into a copy: nothing new may turn up."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists() and not shutil.which("pyside6-lupdate"):
        pytest.skip("pyside6-lupdate not installed")
    copy = tmp_path / "check_en.ts"
    shutil.copy(ROOT / "resources" / "translations" / "ztclient_en.ts", copy)
    sources = sorted(str(p) for p in (ROOT / "src" / "ztclient" / "ui").glob("*.py"))
    out = subprocess.run(
        [str(lupdate) if lupdate.exists() else "pyside6-lupdate", *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(0 new and" in out, out


def test_english_translation_and_live_language_switch(qtbot, unlocked, settle):
    from ztclient.ui import i18n

    main = unlocked.main
    assert main.sidebar.item(1).text() == "党员"
    try:
        unlocked.change_language("en")
        settle(unlocked.ops)
        assert unlocked.main is not main
        pages = unlocked.main.pages
        names = {k: unlocked.main.sidebar.item(i).text() for i, (k, _t, _p) in enumerate(pages)}
        expected = {
            "dashboard": "Dashboard",
            "members": "Members",
            "meetings": "Meetings",
            "study": "Study",
            "dues": "Dues",
            "orgs": "Party orgs",
            "reports": "Reports",
            "sync": "Sync",
            "settings": "Settings",
            "development": "Development",
            "transfers": "Transfers",
        }
        assert {k: names.get(k) for k in expected} == expected
        from ztclient.domain.errors import DomainError
        from ztclient.ui.i18n import error_text

        assert error_text(DomainError("E_WRONG_PASSPHRASE")) == "Wrong passphrase"
    finally:
        i18n.install("zh_CN")


def test_bundled_cjk_font_is_registered(qapp):
    from PySide6.QtGui import QFontDatabase

    from ztclient.ui.fonts import register_cjk_font

    family = register_cjk_font(qapp)
    assert family
    assert any("Droid Sans Fallback" in f for f in QFontDatabase.families())
    assert "Droid Sans Fallback" in qapp.font().families()


def test_screenshots_render_every_screen(qapp, tmp_path, demo_app):
    """One PNG for each page of the sidebar and each dialog and tab the docs show, and each
    one drawn (a blank grab is one colour)."""
    from PySide6.QtGui import QImage
    from tests.helpers import every_screen

    from ztclient.ui.screenshots import render_all

    paths = render_all(demo_app, tmp_path / "shots")
    assert {p.stem for p in paths} == every_screen()
    for p in paths:
        image = QImage(str(p))
        assert image.width() >= 800 and image.height() >= 500, p
        grid = {
            image.pixel(x * image.width() // 48, y * image.height() // 48)
            for x in range(48)
            for y in range(48)
        }
        assert len(grid) >= 3, f"{p.name} looks blank: {len(grid)} colours"
