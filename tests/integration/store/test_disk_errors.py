"""A full disk is a coded error with exit 4, nothing half-written (issue 11, item 5).

The disk is really full: a 16 MiB tmpfs mounted in a private mount namespace (``unshare -m``
as root, ``unshare -rm`` otherwise), filled to its last byte, so every write meets ENOSPC from
the kernel. On the main of round 1, `passwd`, `export`, `print` and `init` ended in an OSError
traceback here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import PASSPHRASE, run_cli

DRIVER = Path(__file__).with_name("diskfull_driver.py")


def _unshare(mnt: Path) -> list[str]:
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed for the full-disk test")
    user = [] if os.geteuid() == 0 else ["-r"]
    return ["unshare", *user, "-m", "--propagation", "private"]


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    base = tmp_path_factory.mktemp("diskfull")
    outside = base / "outside"
    r = run_cli(outside, "init", "--unit-name", "中共示例街道工作委员会", "--unit-code", "3301")
    assert r.returncode == 0, r.stderr
    assert run_cli(outside, "demo", "--scale", "branch", "--seed", "5").returncode == 0
    meetings = json.loads(run_cli(outside, "meetings", "list", "--json").stdout)
    copy = base / "copy"
    shutil.copytree(outside, copy)
    return base, outside, copy, meetings[0]["id"]


@pytest.fixture(scope="module")
def result(units):
    base, outside, copy, meeting = units
    mnt = base / "mnt"
    mnt.mkdir()
    inner = (
        f"mount -t tmpfs -o size=16m,mode=0700 tmpfs '{mnt}' && "
        f"exec '{sys.executable}' '{DRIVER}' '{mnt}' '{outside}' '{copy}' '{meeting}' "
        f"'{PASSPHRASE}'"
    )
    r = subprocess.run(
        [*_unshare(mnt), "sh", "-c", inner],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert not any(mnt.iterdir())  # the tmpfs went away with the namespace
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("verb", ["passwd", "export", "print", "backup", "init"])
def test_each_writer_says_disk_full_with_exit_4_and_no_traceback(result, verb):
    r = result[verb]
    assert r["rc"] == 4, r
    assert "E_DISK_FULL" in r["stderr"] and "磁盘空间不足" in r["stderr"], r
    assert "Traceback" not in r["stderr"]


def test_nothing_was_half_written(result):
    after = result["after_writes"]
    assert after["same"], after["files"]  # no temp file, no partial export, key file unchanged


def test_a_database_write_on_a_full_disk_rolls_back_whole(result):
    assert result["db_write"]["code"] == "E_DISK_FULL"
    after = result["db_after"]
    assert after["problems"] == []
    assert after["added"] == after["ops"]  # every member that exists has its op, no more


def test_the_old_passphrase_still_opens_after_a_failed_passwd(units, result):
    # the driver's copy lived on the tmpfs; the same key file outside proves the format only,
    # so check what the driver saw: passwd failed before the rename, the listing was unchanged
    assert result["passwd"]["rc"] == 4 and result["after_writes"]["same"]
