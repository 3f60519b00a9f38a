"""A library missing from the installation stops the CLI loudly, before anything is written.

Issue 9: without httpx the `sync` group was dropped silently and `init` died after writing the
key file. Here httpx is made unimportable in a real ztclient-cli process.
"""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import PASSPHRASE


def _run(*args: str, block: str = "httpx") -> subprocess.CompletedProcess:
    code = (
        f"import sys; sys.modules[{block!r}] = None; "  # `import <block>` now raises ImportError
        "from ztclient.bootstrap import cli_main; cli_main(sys.argv[1:])"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"ZTCLIENT_PASSPHRASE": PASSPHRASE, "PATH": "/usr/bin:/bin"},
    )


def test_every_command_fails_loudly_and_nothing_is_written(tmp_path):
    data = tmp_path / "unit"
    proc = _run("--data-dir", str(data), "init", "--unit-name", "中共某支部", "--unit-code", "1")
    assert proc.returncode == 1, proc
    assert "安装不完整" in proc.stderr and "init" in proc.stderr
    assert "httpx" in proc.stderr and "Traceback" not in proc.stderr
    assert not data.exists()  # the library is looked for before the key file is written


def test_a_command_group_that_cannot_load_is_not_dropped_from_help():
    proc = _run("--help", block="ztclient.cli.commands_documents")
    assert proc.returncode == 1, proc
    assert "commands_documents" in proc.stderr and "Traceback" not in proc.stderr
    assert "init" not in proc.stdout  # no shorter list of verbs


def test_a_whole_installation_lists_every_group():
    proc = subprocess.run(
        [sys.executable, "-c", "from ztclient.bootstrap import cli_main; cli_main(['--help'])"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    for verb in ("init", "members", "export", "print", "sync", "enroll", "screenshot"):
        assert f"    {verb} " in proc.stdout, verb
