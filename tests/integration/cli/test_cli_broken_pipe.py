"""`ztclient-cli due --json | head -1`: the reader leaving early is not a disk error. The CLI ends
quietly with exit 0, no E_IO, no traceback, no "Exception ignored" from the interpreter."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.helpers import PASSPHRASE, run_cli_ok


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli-pipe") / "data"
    run_cli_ok(data, "init", "--unit-name", "测试党支部", "--unit-code", "T001",
               "--unit-kind", "branch")  # fmt: skip
    return data


@pytest.mark.parametrize(
    "args", [("due", "--json"), ("due",), ("orgs", "list", "--json"), ("--lang", "en", "due")]
)
def test_a_closed_stdout_ends_quietly(data, args):
    env = {**os.environ, "ZTCLIENT_PASSPHRASE": PASSPHRASE}
    cmd = [sys.executable, "-c", "from ztclient.bootstrap import cli_main; cli_main()",
           "--data-dir", str(data), *args]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the command prints (it unlocks first)
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=600)
    assert "E_IO" not in err and "Traceback" not in err and "Exception ignored" not in err, err
    assert err == "", err
    assert code == 0


def test_the_output_is_still_whole_when_read(data):
    out = run_cli_ok(data, "due", "--json").stdout
    assert out.strip().startswith("{") and out.strip().endswith("}")
