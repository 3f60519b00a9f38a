"""Packaging tests run against an already-built frozen folder named by ZT_FROZEN_DIR
(scripts/build_frozen.sh builds dist/ztclient; scripts/test.sh builds it while the tests run and
names the file its exit code goes to, ZT_FROZEN_BUILD_RC, which the frozen tests wait for).
Without it the frozen tests are skipped with that reason; the tests of the installer files
themselves (desktop entry, metainfo) always run.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ABOUT = runpy.run_path(str(ROOT / "src" / "ztclient" / "__about__.py"))
EXE = ".exe" if os.name == "nt" else ""
PASSPHRASE = "packaging-口令-2026"


def _wait_for_the_build(rc_file: Path, log: str, limit: float = 1800) -> None:
    """scripts/test.sh builds the folder while the tests run and writes the build's exit code
    to ZT_FROZEN_BUILD_RC when it ends: wait for it, and fail with the build's log if it failed."""
    end = time.monotonic() + limit
    while not rc_file.exists():
        if time.monotonic() > end:
            pytest.fail(f"the frozen build did not end within {limit:.0f} s (log: {log})")
        time.sleep(1)
    rc = rc_file.read_text().strip()
    if rc != "0":
        tail = Path(log).read_text(errors="replace")[-3000:] if log and Path(log).exists() else ""
        pytest.fail(f"scripts/build_frozen.sh failed (exit {rc}):\n{tail}")


@pytest.fixture(scope="session")
def frozen_dir() -> Path:
    value = os.environ.get("ZT_FROZEN_DIR")
    if not value:
        pytest.skip(
            "ZT_FROZEN_DIR is not set: build with scripts/build_frozen.sh and export "
            "ZT_FROZEN_DIR=$PWD/dist/ztclient"
        )
    if os.environ.get("ZT_FROZEN_BUILD_RC"):
        _wait_for_the_build(
            Path(os.environ["ZT_FROZEN_BUILD_RC"]), os.environ.get("ZT_FROZEN_BUILD_LOG", "")
        )
    path = Path(value)
    assert (path / f"{ABOUT['NAME']}{EXE}").is_file(), f"no GUI program in {path}"
    assert (path / f"{ABOUT['NAME']}-cli{EXE}").is_file(), f"no CLI program in {path}"
    return path


class FrozenCli:
    """Runs the frozen ztclient-cli against one data folder, with the passphrase in the env."""

    def __init__(self, frozen: Path, data_dir: Path) -> None:
        self.exe = frozen / f"{ABOUT['NAME']}-cli{EXE}"
        self.data_dir = data_dir
        self.env = dict(
            os.environ,
            ZTCLIENT_PASSPHRASE=PASSPHRASE,
            ZTCLIENT_DATA_DIR=str(data_dir),
            PYTHONIOENCODING="utf-8",
        )
        self.env.pop("ZTCLIENT_LOG", None)

    def run(
        self, *args: str, check: bool = True, timeout: float = 300
    ) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [str(self.exe), *args],
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            pytest.fail(
                f"ztclient-cli {' '.join(args)} -> exit {proc.returncode}\n"
                f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"
            )
        return proc


@pytest.fixture(scope="session")
def demo_unit(frozen_dir: Path, tmp_path_factory) -> FrozenCli:
    """One unit made and filled by the frozen CLI (init + demo), shared by the CLI tests."""
    cli = FrozenCli(frozen_dir, tmp_path_factory.mktemp("frozen") / "data")
    cli.run("init", "--unit-name", "中共示例街道工作委员会", "--unit-code", "3301060001", "--json")
    cli.run("demo", "--scale", "branch", "--seed", "7", "--json")
    return cli
