"""Time from process start to the first window (the unlock window once a unit exists).

    python tests/packaging/startup.py [--runs 5] [--frozen DIST_DIR]

Without --frozen it starts the program from source (``python -c 'ztclient.bootstrap.gui_main()'``),
with it ``DIST_DIR/ztclient``. Qt runs offscreen. The program logs "first window shown" (INFO,
ui/app.py) right after the window is shown; the clock stops when that line arrives on stderr and
the process is then ended. When the UI offers ZTCLIENT_EXIT_AFTER_SHOWN=1, the process quits
by itself and the measurement includes a clean exit.

Used by tests/packaging/test_frozen.py (gui_reaches_window) and run by hand for the report.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

READY = "first window shown"
PASSPHRASE = "startup-口令-2026"


def gui_command(frozen: Path | None) -> list[str]:
    if frozen is not None:
        if os.name == "nt":  # the windowed ztclient.exe has no stderr to log to: its console twin
            return [str(frozen / "ztclient-cli.exe"), "--gui"]
        return [str(frozen / "ztclient")]
    return [sys.executable, "-c", "from ztclient.bootstrap import gui_main; gui_main()"]


def cli_command(frozen: Path | None) -> list[str]:
    if frozen is not None:
        exe = frozen / ("ztclient-cli.exe" if os.name == "nt" else "ztclient-cli")
        return [str(exe)]
    return [sys.executable, "-c", "from ztclient.bootstrap import cli_main; cli_main()"]


def program_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ZTCLIENT_DATA_DIR=str(data_dir),
        ZTCLIENT_LOG="INFO",
        ZTCLIENT_EXIT_AFTER_SHOWN="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def make_unit(data_dir: Path, frozen: Path | None) -> None:
    """A unit in data_dir, so the program opens the unlock window (not the first-run wizard)."""
    if (data_dir / "keyfile.json").exists():
        return
    env = program_env(data_dir, ZTCLIENT_PASSPHRASE=PASSPHRASE)
    subprocess.run(
        [
            *cli_command(frozen),
            "init",
            "--unit-name",
            "测试支部",
            "--unit-code",
            "3301060001",
            "--unit-kind",
            "branch",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def time_to_window(
    frozen: Path | None,
    data_dir: Path,
    timeout: float = 120.0,
    command: list[str] | None = None,
    **env_extra: str,
) -> tuple[float, str, int | None]:
    """(seconds until the window was shown, stderr text, exit code if it quit by itself)."""
    env = program_env(data_dir, **env_extra)
    env = {k: v for k, v in env.items() if v != ""}  # an empty value unsets the variable
    start = time.perf_counter()
    proc = subprocess.Popen(
        command or gui_command(frozen),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    lines: list[str] = []
    shown = threading.Event()
    when: list[float] = []

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if READY in line and not shown.is_set():
                when.append(time.perf_counter() - start)
                shown.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not shown.is_set() and proc.poll() is None and time.monotonic() < deadline:
        shown.wait(0.05)
    code: int | None = None
    if shown.is_set():
        try:  # with the exit hook it quits on its own; without it, stop it after a moment in the loop
            code = proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            code = None
    if proc.poll() is None:
        proc.terminate()  # SIGTERM; TerminateProcess on Windows
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    elif code is None:
        code = proc.returncode
    reader.join(timeout=5)
    if not when:
        raise RuntimeError(f"no '{READY}' line (exit {proc.returncode}):\n{''.join(lines)[-4000:]}")
    return when[0], "".join(lines), code


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frozen", type=Path, help="dist/ztclient folder (default: from source)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zt-start-") as tmp:
        data = Path(tmp) / "data"
        make_unit(data, args.frozen)
        times = []
        for i in range(args.runs):
            seconds, _log, _code = time_to_window(args.frozen, data)
            times.append(seconds)
            print(f"run {i + 1}: {seconds * 1000:.0f} ms", flush=True)
        label = f"frozen {args.frozen}" if args.frozen else "source"
        print(
            f"{label}: first {times[0] * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms, "
            f"min {min(times) * 1000:.0f} ms over {len(times)} runs"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
