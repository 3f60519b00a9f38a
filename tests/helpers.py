"""Helpers shared by the test suites (not fixtures: those live in conftest.py files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "测试口令 correct horse"


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
        "from ztclient.bootstrap import cli_main; cli_main()",
        "--data-dir",
        str(data_dir),
        *args,
    ]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=full_env, input=input, timeout=600
    )
