"""CSPRNG only: no module of the protocol package, the client's sync adapter or ztcentral may
import the ``random`` module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3] / "src"
DIRS = [ROOT / "ztprotocol", ROOT / "ztclient" / "infra" / "sync", ROOT / "ztcentral"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_random_import():
    files = [p for d in DIRS for p in d.glob("*.py")]
    assert len(files) >= 8  # the scan really looked at the modules
    offenders = [str(p) for p in files if "random" in _imports(p)]
    assert offenders == []


def test_detector_catches_random(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from random import choice\n")
    assert "random" in _imports(bad)


def _all_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_sync_and_central_stay_out_of_ui_and_cli():
    forbidden = ("PySide6", "shiboken6", "ztclient.ui", "ztclient.cli", "ztclient.bootstrap")
    bad = [
        (str(p), name)
        for d in DIRS
        for p in d.glob("*.py")
        for name in _all_imports(p)
        if name.startswith(forbidden)
    ]
    assert bad == []
