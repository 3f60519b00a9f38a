"""The import rules of docs/architecture.md, checked by import-linter and by a Qt-less import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.split("Contracts:")[-1].lower().replace("0 broken", "")


def test_core_imports_without_qt():
    """Every module outside ui/ imports with PySide6 made unimportable."""
    code = r"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, Block())
import ztclient, ztcentral, ztprotocol
for pkg in (ztclient, ztcentral, ztprotocol):
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):
        if mod.name.startswith('ztclient.ui') or mod.name == 'ztclient.cli.commands_ui':
            continue
        importlib.import_module(mod.name)
print('ok')
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-3000:]


def test_no_plain_sqlite_connect_in_src():
    """The store opens only through its encrypted path (security-anchors T6/R1)."""
    offenders = []
    for path in (ROOT / "src" / "ztclient").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "sqlite3.connect(" in text.replace("sqlcipher3.connect(", "") or 'Database("' in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def test_ztcentral_and_protocol_import_without_ztclient():
    """The server and the protocol package run where ztclient is not installed at all."""
    code = r"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('ztclient', 'PySide6', 'shiboken6'):
            raise ImportError('blocked in this test: ' + name)
sys.meta_path.insert(0, Block())
import ztcentral, ztprotocol
for pkg in (ztprotocol, ztcentral):
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):
        importlib.import_module(mod.name)
print('ok')
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-3000:]
