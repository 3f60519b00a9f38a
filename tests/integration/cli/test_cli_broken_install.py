"""A library missing from the installation stops the CLI loudly, before anything is written.

Issue 9: without httpx (httpx2 now) the `sync` group was dropped silently and `init` died
after writing the key file. Here httpx2 is made unimportable in a real ztclient-cli process.
"""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import PASSPHRASE, run_cli


def _run(*args: str, block: str = "httpx2") -> subprocess.CompletedProcess:
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


def test_a_command_needing_the_missing_library_fails_loudly_and_nothing_is_written(tmp_path):
    """httpx2 is imported when a command first needs the network (start-up time, issue 16), so
    a missing httpx2 stops exactly those commands — init (which proves the stack before any
    file) and enroll/sync — by name and exit code; a command without the network still works."""
    data = tmp_path / "unit"
    proc = _run("--data-dir", str(data), "init", "--unit-name", "中共某支部", "--unit-code", "1")
    assert proc.returncode == 1, proc
    assert "安装不完整" in proc.stderr and "init" in proc.stderr
    assert "httpx2" in proc.stderr and "Traceback" not in proc.stderr
    assert not data.exists()  # the library is looked for before the key file is written
    proc = _run("--data-dir", str(data), "members", "list")
    assert "安装不完整" not in proc.stderr and "E_NO_DATA" in proc.stderr, proc
    assert not data.exists()
    ok = run_cli(data, "init", "--unit-name", "中共某支部", "--unit-code", "1")
    assert ok.returncode == 0, ok.stderr
    code = "ABCD-EFGH-JKLM-NPQR-STUV"
    proc = _run("--data-dir", str(data), "enroll", "--server", "http://127.0.0.1:9", "--code", code)
    assert proc.returncode == 1 and "安装不完整" in proc.stderr, proc
    assert "httpx2" in proc.stderr and "Traceback" not in proc.stderr


def test_every_command_fails_loudly_when_a_command_group_is_missing(tmp_path):
    """The groups are loaded before the command line is read: no verb gets past a group that
    cannot load — not init, not another group's verb, not one that does not exist."""
    data = tmp_path / "unit"
    for args in (
        ["init", "--unit-name", "中共某支部", "--unit-code", "1"],
        ["members", "list"],
        ["no-such-verb"],
    ):
        proc = _run("--data-dir", str(data), *args, block="ztclient.cli.commands_documents")
        assert proc.returncode == 1 and "安装不完整" in proc.stderr, (args, proc)
        assert "commands_documents" in proc.stderr and "Traceback" not in proc.stderr, args
        assert not data.exists(), args


def test_a_command_group_that_cannot_load_is_not_dropped_from_help():
    proc = _run("--help", block="ztclient.cli.commands_documents")
    assert proc.returncode == 1, proc
    assert "commands_documents" in proc.stderr and "Traceback" not in proc.stderr
    assert "init" not in proc.stdout  # no shorter list of verbs


def test_a_whole_installation_lists_every_group():
    """Each verb that each group of cli/main.py's COMMAND_GROUPS registers is in --help."""
    import argparse
    import importlib
    import re

    from ztclient.cli.main import COMMAND_GROUPS

    proc = subprocess.run(
        [sys.executable, "-c", "from ztclient.bootstrap import cli_main; cli_main(['--help'])"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    listed = set(re.findall(r"^ {4}([a-z][a-z0-9_-]+)(?:\s|$)", proc.stdout, re.M))
    for group in COMMAND_GROUPS:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"ztclient.cli.{group}").register(sub)
        assert sub.choices, group
        assert set(sub.choices) <= listed, (group, set(sub.choices) - listed)
