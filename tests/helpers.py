"""Helpers shared by the test suites (not fixtures: those live in conftest.py files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "测试口令 correct horse"
#: ztclient-cli as run_cli runs it: the program's own entry point, after tests/kdf_memo.py
#: (Argon2id results remembered across the run's CLI processes; first derivations are real).
_CLI = (
    "import runpy, sys; runpy.run_path(sys.argv.pop(1))['install'](); "
    "from ztclient.bootstrap import cli_main; cli_main()"
)
_KDF_MEMO = str(Path(__file__).with_name("kdf_memo.py"))


def run_cli(
    data_dir: Path,
    *args: str,
    passphrase: str | None = PASSPHRASE,
    env: dict | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess:
    """Run ztclient-cli as a user would (a separate process)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("ZTCLIENT_PASSPHRASE", None)
    if passphrase is not None:
        full_env["ZTCLIENT_PASSPHRASE"] = passphrase
    cmd = [
        sys.executable,
        "-c",
        _CLI,
        _KDF_MEMO,
        "--data-dir",
        str(data_dir),
        *args,
    ]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=full_env, input=input, timeout=600
    )


def run_cli_ok(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """run_cli that must succeed (exit 0), saying what the command printed when it does not."""
    out = run_cli(data_dir, *args)
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def every_screen() -> set[str]:
    """The PNG names `screenshot` (ui/screenshots.py) must write: one for each page of the main
    window's sidebar, read from main_window.py so a new page is expected without editing this,
    and the screens that are not pages (wizard, unlock, dialogs, tabs)."""
    import re

    root = Path(__file__).resolve().parents[1]
    source = (root / "src" / "ztclient" / "ui" / "main_window.py").read_text(encoding="utf-8")
    pages = set(re.findall(r'\(\s*"(\w+)",\s*translate\("MainWindow"', source))
    assert len(pages) >= 10, f"main_window.py's page list was not found: {pages}"
    return pages | {
        "first_run",
        "unlock",
        "member_form",
        "meeting_editor",
        "compliance",
        "study_logs",
        "org_talks",
        "org_appraisal",
        "org_rectification",
    }
