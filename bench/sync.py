"""Bench: a week of a branch's work synced through a 9.6 kbit/s link (DESIGN §7).

Starts ``ztcentral serve`` (SQLite) on 127.0.0.1, makes a real encrypted unit with a branch's
roster (synced beforehand on a good link), records one week of work through the services, then
syncs it through the flaky proxy of tests/e2e: 9.6 kbit/s each way, 50 ms per chunk, and
(second run) the connection cut every 4 KB. Prints bundle bytes, bytes on the wire, time, the
floor ``size ÷ bandwidth`` and the ratio; checks every op arrived exactly once. Then bundle
bytes against zlib -9 of the same canonical ops, for the client's real ops.

    python bench/sync.py [--members 30] [--weeks 1]
"""

from __future__ import annotations

import argparse
import json
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
from tests.e2e.work import add_members, week_of_work  # noqa: E402

from ztclient.bootstrap import App  # noqa: E402
from ztclient.infra.sync.engine import SyncEngine  # noqa: E402
from ztprotocol.canonical import canonical  # noqa: E402

BPS = 9600
PASSPHRASE = "bench passphrase 基准"


def one_run(tmp: Path, label: str, members: int, weeks: int, cut: int | None) -> dict:
    central = CentralServer(tmp / f"central-{label}", None)
    central.start()
    try:
        app = App(tmp / f"client-{label}")
        engine = SyncEngine(timeout=30, retries=60, backoff=0.05)
        app.sync_engine = lambda: engine  # type: ignore[method-assign]
        s, _ = app.create_unit("中共基准党支部委员会", "B001", PASSPHRASE, "branch")
        code = central.enroll_unit("B001", tmp / f"enrol-{label}.json")
        s.sync.enroll_online(central.url, code)
        roster = add_members(s, members)
        s.sync.sync()  # the roster went up earlier, on a good link
        first = int(s.store.scalar("SELECT max(seq) FROM outbox"))
        start = date.today() - timedelta(days=7 * weeks + 7)  # facts may not be in the future
        for w in range(weeks):
            week_of_work(s, roster, w, start)
        s.sync.max_ops = 4  # small bundles: each request and answer fits under the cut
        with FlakyProxy(central.port, bps=BPS, cut_every=cut, delay=0.05) as proxy:
            t0 = time.monotonic()
            rep = s.sync.sync(proxy.url)
            elapsed = time.monotonic() - t0
        bundles = s.store.read(
            "SELECT seq_from, seq_to, length(bytes) AS n FROM sync_bundles WHERE seq_from > ?",
            (first,),
        )
        size = sum(b["n"] for b in bundles)
        # exactly once: central's applied ops are the outbox, in order, once each
        with central.db().tx() as tx:
            remote = [r["op_id"] for r in tx.all("SELECT op_id FROM applied_ops ORDER BY seq")]
        local = [r["op_id"] for r in s.store.read("SELECT op_id FROM outbox ORDER BY seq")]
        unsynced = s.store.scalar("SELECT count(*) FROM outbox WHERE sync_state != 'synced'")
        no_receipt = s.store.scalar("SELECT count(*) FROM sync_bundles WHERE receipt IS NULL")
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
            for r in s.store.read("SELECT * FROM outbox WHERE seq > ? ORDER BY seq", (first,))
        ]
        zlib_sizes = []
        for b in bundles:
            part = [o for o in ops if b["seq_from"] <= o["seq"] <= b["seq_to"]]
            zlib_sizes.append(len(zlib.compress(canonical(part), 9)))
        s.close()
        return {
            "label": label,
            "ops": len(ops),
            "bundles": len(bundles),
            "bundle_bytes": size,
            "wire_up": proxy.stats["up"],
            "wire_down": proxy.stats["down"],
            "cuts": proxy.stats["cuts"],
            "seconds": elapsed,
            "floor": size / (BPS / 8),
            # request and answer take turns on the link: both directions count
            "wire_floor": (proxy.stats["up"] + proxy.stats["down"]) / (BPS / 8),
            "exactly_once": remote == local and unsynced == 0 and no_receipt == 0,
            "zlib9": sum(zlib_sizes),
            "sent": len(rep["sent"]),
        }
    finally:
        central.stop()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=30)
    ap.add_argument("--weeks", type=int, default=1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        rows = [
            one_run(Path(d), "throttled", a.members, a.weeks, None),
            one_run(Path(d), "throttled+cut4KB", a.members, a.weeks, 4096),
        ]
    print(f"A week of a branch's work ({a.members} members, {a.weeks} week(s)) at 9.6 kbit/s")
    print("size/bw = bundle bytes ÷ 1,200 B/s; wire/bw = all bytes both ways (HTTP, receipts,")
    print("handshake, downlink poll) ÷ 1,200 B/s; ratio = measured time ÷ that floor")
    print(
        f"{'link':<18}{'ops':>5}{'bundles':>8}{'bytes':>8}{'up':>8}{'down':>8}{'cuts':>6}"
        f"{'time s':>8}{'size/bw':>9}{'ratio':>7}{'wire/bw':>9}{'ratio':>7}{'once':>6}"
    )
    for r in rows:
        print(
            f"{r['label']:<18}{r['ops']:>5}{r['bundles']:>8}{r['bundle_bytes']:>8}"
            f"{r['wire_up']:>8}{r['wire_down']:>8}{r['cuts']:>6}{r['seconds']:>8.1f}"
            f"{r['floor']:>9.1f}{r['seconds'] / r['floor']:>7.1f}{r['wire_floor']:>9.1f}"
            f"{r['seconds'] / r['wire_floor']:>7.2f}"
            f"{'yes' if r['exactly_once'] else 'NO':>6}"
        )
    r = rows[0]
    budget = 1.15 * r["zlib9"] + 400 * r["bundles"]
    print(
        f"\nbundle bytes vs zlib -9 of the same canonical ops (client's real ops): "
        f"{r['bundle_bytes']} vs {r['zlib9']} "
        f"(×{r['bundle_bytes'] / r['zlib9']:.2f}; budget 1.15× + 400 B per bundle = {budget:.0f})"
    )
    ok = all(x["exactly_once"] for x in rows) and r["bundle_bytes"] <= budget
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
