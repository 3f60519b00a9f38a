"""Start-up benchmark: unlock → main window, and what a session costs the CLI (issue 16 item 8).

    python bench/startup.py [--scale branch|committee] [--work DIR] [--runs 5] [--profile]

Builds (once, cached in --work; the same folders as bench/store.py) a unit with demo data. Each
run is a fresh process (cold imports, as a clerk's double-click), offscreen, through the real
windows: the unlock window is shown, the passphrase typed, 解锁 clicked; the clock stops when
the main window is shown, and again when the first page has its data (the worker is idle).
The same process then reports which heavy modules the session imported. A second table times
`ztclient-cli members list` (process start to exit) and says whether it loaded the network
stack (httpx2) or sqlite_utils.

``--profile`` runs one unlock under pyinstrument (when installed) and prints its tree, so the
next slow part has a name.

Budget (DESIGN §7, issue 16): unlock → main window ≤ 1.0 s including the KDF; target ≤ 0.8 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "bench-口令-2026"  # the same as bench/store.py: the cached units are shared
HEAVY = ("httpx2", "sqlite_utils", "openpyxl", "reportlab", "PySide6.QtCharts", "uvicorn")


def build(work: Path, scale: str, seed: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from store import build as store_build  # bench/store.py: one cache for both benches

    return store_build(work, scale, seed)


def child(data: Path, profile: bool, typing: float) -> None:
    """One cold start: unlock window up, passphrase typed, 解锁 clicked, clocks read."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from ztclient.bootstrap import App
    from ztclient.ui.app import create_qapplication
    from ztclient.ui.shell import Shell

    qapp = create_qapplication([])
    shell = Shell(App(data))
    window = shell.start()
    loop = QEventLoop()
    # The clerk reads the window and types the passphrase (a dozen characters: 2 s and more);
    # the program uses that time to import what unlocking needs (App.prepare).
    QTimer.singleShot(int(typing * 1000), loop.quit)
    loop.exec()
    before = set(sys.modules)
    marks: dict[str, float] = {}
    profiler = None
    if profile:  # the worker's half (Argon2id, open, imports) on this thread first, cold
        from pyinstrument import Profiler

        from ztclient.ui.shell import open_unit

        profiler = Profiler(interval=0.001)
        profiler.start()
        open_unit(shell.app, PASSPHRASE).close()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False), file=sys.stderr)
        profiler = Profiler(interval=0.001)
        profiler.start()

    def on_window(w) -> None:
        if w is shell.main:
            marks["shown"] = time.perf_counter()

    def on_busy(busy: bool) -> None:
        if not busy and "shown" in marks and "idle" not in marks:
            marks["idle"] = time.perf_counter()
            loop.quit()

    shell.window_changed.connect(on_window)
    shell.ops.busy_changed.connect(on_busy)
    window.passphrase.setText(PASSPHRASE)
    t0 = time.perf_counter()
    window.unlock_button.click()
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
    loaded = sorted(m for m in HEAVY if m in sys.modules and m not in before)
    result = {
        "shown": marks.get("shown", float("nan")) - t0,
        "idle": marks.get("idle", float("nan")) - t0,
        "loaded": loaded,
        "pages_built": len(getattr(shell.main, "built_pages", shell.main.pages)),
    }
    print("RESULT " + json.dumps(result))
    shell.dispose()
    QCoreApplication.processEvents()
    del qapp


def cli_child(data: Path) -> None:
    """`ztclient-cli members list --limit 20` in this process; reports the heavy modules loaded."""
    import contextlib
    import io

    os.environ["ZTCLIENT_PASSPHRASE"] = PASSPHRASE
    from ztclient.bootstrap import cli_main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        cli_main(["--data-dir", str(data), "members", "list", "--limit", "20"])
    loaded = sorted(m for m in HEAVY if m in sys.modules)
    print("RESULT " + json.dumps({"loaded": loaded}), file=sys.stderr)


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, timeout=300
    )
    wall = time.perf_counter() - t
    line = next(
        (x for x in (proc.stdout + proc.stderr).splitlines() if x.startswith("RESULT ")), None
    )
    if line is None:
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    if "--profile" in args:
        print(proc.stderr)
    return wall, json.loads(line[len("RESULT ") :])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="branch", choices=["committee", "branch"])
    ap.add_argument("--work", default="/tmp/ztclient-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--typing", type=float, default=1.5, help="seconds before 解锁 is clicked")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--cli-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(Path(args.child), args.profile, args.typing)
    if args.cli_child:
        return cli_child(Path(args.cli_child))
    sys.path.insert(0, str(ROOT / "src"))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    data = build(work, args.scale, args.seed)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    env.pop("ZTCLIENT_LOG", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its .pyc files
    if args.profile:
        run_child(["--child", str(data), "--profile", "--typing", str(args.typing)], env)
        return None
    run_child(["--child", str(data)], env)  # warm the page cache: every run then sees the same
    shown, idle, loaded, pages = [], [], set(), 0
    for _ in range(args.runs):
        _wall, r = run_child(["--child", str(data), "--typing", str(args.typing)], env)
        shown.append(r["shown"])
        idle.append(r["idle"])
        loaded |= set(r["loaded"])
        pages = r["pages_built"]
    cli_walls, cli_loaded = [], set()
    for _ in range(args.runs):
        wall, r = run_child(["--cli-child", str(data)], env)
        cli_walls.append(wall)
        cli_loaded |= set(r["loaded"])

    def ms(xs: list[float]) -> str:
        return f"{statistics.median(xs) * 1000:7.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"

    print(
        f"\nztclient start-up bench — scale {args.scale}, {args.runs} cold processes each "
        f"(python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})"
    )
    print(f"{'what':44} {'median':>36}  budget")
    print(f"(解锁 clicked {args.typing:.1f} s after the unlock window was shown)")
    print(f"{'unlock clicked → main window shown':44} {ms(shown):>36}  ≤ 800 ms (budget 1000)")
    print(f"{'unlock clicked → first page has its data':44} {ms(idle):>36}")
    print(f"{'pages built when the window is shown':44} {pages:>36}")
    print(f"{'heavy modules the unlock loaded':44} {', '.join(sorted(loaded)) or '—':>36}")
    print(f"{'ztclient-cli members list (process)':44} {ms(cli_walls):>36}")
    print(f"{'heavy modules members list loaded':44} {', '.join(sorted(cli_loaded)) or '—':>36}")
    return None


if __name__ == "__main__":
    main()
