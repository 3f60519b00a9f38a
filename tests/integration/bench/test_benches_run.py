"""Every bench script runs to its table on a tiny unit (issue 16: the budgets live in bench/, so a
bench that no longer runs is a budget nobody checks). Two of them had broken on main unseen:
bench/sync.py (a `?` placeholder against ztcentral) and bench/search.py (its plain-sqlite3 copy
had no audit chain keys). This runs each with the smallest arguments it takes and checks it ends
with its table. Speed is not checked here (timed tests are not allowed): a bench whose budget
verdict is "not met" on this loaded machine may exit 1, but never with a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BENCH = ROOT / "bench"

# bench script → (arguments, a line of its table that must be printed)
RUNS = {
    "bundle.py": ([], "a week of a branch"),
    "console.py": (["--units", "2", "--rounds", "2"], "overview, cold cache"),
    "documents.py": (["--members", "60", "--repeat", "1", "--work", "{tmp}"], "roster import"),
    "dues.py": (["--members", "60", "--repeat", "1", "--work", "{tmp}"], "XLSX export / bare dump"),
    "integrity.py": (["--ops", "120", "--work", "{tmp}"], "diagnose (with verify)"),
    "search.py": (["--scale", "branch", "--members", "120", "--work", "{tmp}"], "p95"),
    "startup.py": (["--scale", "branch", "--runs", "1", "--work", "{tmp}"], "members list"),
    "store.py": (
        ["--scale", "branch", "--rounds", "2", "--work", "{tmp}"],
        "the same, no fsync wait",
    ),
    "sync.py": (["--quick"], "clean week: wire"),
}
MODULES = {"roster_writers.py"}  # imported by documents.py, not run on its own


def test_every_bench_script_is_run_here():
    scripts = {p.name for p in BENCH.glob("*.py")}
    assert scripts == set(RUNS) | MODULES


@pytest.mark.parametrize("script", sorted(RUNS))
def test_bench_runs_to_its_table(script, tmp_path):
    args, expected = RUNS[script]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, str(BENCH / script), *(a.format(tmp=tmp_path) for a in args)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-3000:]
    assert proc.returncode in (0, 1), out[-3000:]
    assert expected in proc.stdout, out[-3000:]
