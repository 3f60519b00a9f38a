"""Bench: sync over a 9.6 kbit/s link (issue 15, DESIGN §7), clean and cut every 2–6 KB.

Starts ``ztcentral serve`` (SQLite) on 127.0.0.1, makes real encrypted units, and syncs through
the flaky proxy of tests/e2e (9.6 kbit/s each way, 50 ms per 256-byte chunk, a connection cut
at its own point between 2 and 6 KB). Three runs, in one go:

1. a realistic week (30 new members, 10 meetings with attendance, 10 study records: ~50
   changes) on a clean link: one request, one response;
2. the same week through the cutting link;
3. eight weeks offline (~300 changes) through the cutting link, synced by plain
   ``ztclient-cli sync`` repeated as a scheduler would (no ``--max-ops``) until nothing is left.

For each: bundle bytes, wire bytes up and down, connections, cuts, wall time, the floor
``bundle bytes ÷ bandwidth`` and the ratios, and whether every change arrived exactly once.
Budgets (issue 15): wire ≤ 1.3 × bundle + 2 KB and wall ≤ 2 × floor on the clean link;
wall ≤ 3 × floor with cuts; exactly once everywhere.

    python bench/sync.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CentralServer  # noqa: E402
from tests.e2e.flaky_proxy import FlakyProxy  # noqa: E402
from tests.e2e.work import add_members, realistic_week  # noqa: E402
from tests.helpers import PASSPHRASE  # noqa: E402

from ztclient.bootstrap import App  # noqa: E402
from ztprotocol.canonical import canonical  # noqa: E402

BPS = 9600
CUTS = (2048, 6144)


def _unit(tmp: Path, label: str, central: CentralServer, code: str):
    app = App(tmp / f"client-{label}")
    s, _ = app.create_unit(f"中共{code}支部委员会", code, PASSPHRASE, "branch")
    s.sync.enroll_online(central.url, central.enroll_unit(code, tmp / f"enrol-{label}.json"))
    add_members(s, 8, start=100)  # the branch's existing roster went up on a good day
    s.sync.sync()
    return app, s, int(s.store.scalar("SELECT max(seq) FROM outbox"))


def _figures(central: CentralServer, s, unit: str, first: int) -> dict:
    bundles = s.store.read(
        "SELECT bytes FROM sync_bundles WHERE seq_from > ? AND state != 'superseded'", (first,)
    )
    size = sum(len(b["bytes"]) for b in bundles)
    with central.db().tx() as tx:
        remote = [
            r["op_id"]
            for r in tx.all(
                "SELECT a.op_id FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
                "WHERE d.unit = $1 ORDER BY a.seq",
                (unit,),
            )
        ]
    rows = s.store.read("SELECT * FROM outbox ORDER BY seq")
    local = [r["op_id"] for r in rows]
    unsynced = sum(1 for r in rows if r["sync_state"] != "synced")
    ops = [
        {
            "op_id": r["op_id"],
            "seq": r["seq"],
            "entity": r["entity"],
            "record_id": r["record_id"],
            "op": r["op"],
            "base_version": r["base_version"],
            "fields": json.loads(r["fields"]),
            "at": r["created_at"],
        }
        for r in rows
        if r["seq"] > first
    ]
    return {
        "ops": len(ops),
        "bundles": len(bundles),
        "bundle_bytes": size,
        "zlib9": len(zlib.compress(canonical(ops), 9)),
        "exactly_once": remote == local and unsynced == 0 and len(set(remote)) == len(remote),
    }


def week_run(tmp: Path, label: str, cut) -> dict:
    central = CentralServer(tmp / f"central-{label}", None)
    central.start()
    try:
        _app, s, first = _unit(tmp, label, central, "B001")
        realistic_week(s, date.today() - timedelta(days=10))
        with FlakyProxy(central.port, bps=BPS, cut_every=cut, delay=0.05) as proxy:
            t0 = time.monotonic()
            s.sync.sync(proxy.url)
            elapsed = time.monotonic() - t0
        out = _figures(central, s, "B001", first)
        s.close()
        return {"label": label, **out, **proxy.stats, "seconds": elapsed, "runs": 1}
    finally:
        central.stop()


def eight_weeks_run(tmp: Path, label: str, cut) -> dict:
    """Eight weeks offline, then plain ``ztclient-cli sync`` as a scheduler runs it."""
    central = CentralServer(tmp / f"central-{label}", None)
    central.start()
    try:
        app, s, first = _unit(tmp, label, central, "B002")
        start = date.today() - timedelta(days=7 * 8 + 10)
        for w in range(8):
            realistic_week(s, start + timedelta(days=7 * w), new_members=26, start=w * 26)
        s.close()
        env = {**os.environ, "ZTCLIENT_PASSPHRASE": PASSPHRASE}
        runs, elapsed = 0, 0.0
        with FlakyProxy(central.port, bps=BPS, cut_every=cut, delay=0.05) as proxy:
            while runs < 20:
                runs += 1
                t0 = time.monotonic()
                done = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        "from ztclient.bootstrap import cli_main; cli_main()",
                        "--data-dir",
                        str(app.data_dir),
                        "sync",
                        "--server",
                        proxy.url,
                        "--json",
                    ],
                    capture_output=True,
                    text=True,
                    env=env,
                    timeout=1800,
                )
                elapsed += time.monotonic() - t0
                if done.returncode == 0 and json.loads(done.stdout)["pending"] == 0:
                    break
        s = app.unlock(PASSPHRASE)
        out = _figures(central, s, "B002", first)
        s.close()
        return {"label": label, **out, **proxy.stats, "seconds": elapsed, "runs": runs}
    finally:
        central.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the clean week only (~10 s)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows = [week_run(tmp, "week, clean", None)]
        if not args.quick:
            rows.append(week_run(tmp, "week, cut 2-6 KB", CUTS))
            rows.append(eight_weeks_run(tmp, "8 weeks, cut 2-6 KB", CUTS))
    rate = BPS / 8
    print(
        "Sync at 9.6 kbit/s (1,200 B/s each way, 50 ms a chunk); floor = bundle bytes ÷ 1,200 B/s"
    )
    print(
        f"{'run':<22}{'ops':>5}{'bundles':>8}{'bytes':>8}{'up':>8}{'down':>7}{'wire×':>7}"
        f"{'conns':>6}{'cuts':>5}{'runs':>5}{'time s':>8}{'floor':>7}{'ratio':>7}{'once':>6}"
    )
    ok = True
    for i, r in enumerate(rows):
        floor = r["bundle_bytes"] / rate
        wire = r["up"] + r["down"]
        ratio = r["seconds"] / floor
        print(
            f"{r['label']:<22}{r['ops']:>5}{r['bundles']:>8}{r['bundle_bytes']:>8}{r['up']:>8}"
            f"{r['down']:>7}{wire / r['bundle_bytes']:>7.2f}{r['connections']:>6}{r['cuts']:>5}"
            f"{r['runs']:>5}{r['seconds']:>8.1f}{floor:>7.1f}{ratio:>7.2f}"
            f"{'yes' if r['exactly_once'] else 'NO':>6}"
        )
        ok &= r["exactly_once"]
        if i == 0:
            ok &= wire <= 1.3 * r["bundle_bytes"] + 2048 and ratio <= 2.0
        else:
            ok &= ratio <= 3.0
    w = rows[0]
    print(
        f"\nclean week: wire {w['up'] + w['down']} B vs budget 1.3 × {w['bundle_bytes']} + 2048 = "
        f"{1.3 * w['bundle_bytes'] + 2048:.0f} B; bundle bytes vs zlib -9 of the same ops: "
        f"×{w['bundle_bytes'] / w['zlib9']:.2f}"
    )
    print("budgets:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
