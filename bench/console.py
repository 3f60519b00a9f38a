"""Console pages at 200 units (budget: ≤ 200 ms a page; ../shared/DESIGN.md §7).

    .venv/bin/python bench/console.py [--units 200] [--db postgresql://…]

The committee: 200 units sent through the real bundle path (signature, decryption, apply), each
with 3 branches of 20 members (60; 12,000 in all), a year of meetings (~150 a unit, 30,000 in
all) and ~20 study logs a member (240,000 in all) — the committee scale of DESIGN.md §7 in
meetings, four times it in members. ztcentral serves on 127.0.0.1 (uvicorn), a signed-in client
asks each page repeatedly over keep-alive. Printed: median and p95 per page, and the first
overview after every unit changed (the cold cache) against the warm one.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.central.console_client import csrf_of  # noqa: E402
from tests.integration.central.console_world import UnitPlan, seed_unit  # noqa: E402

PW = "console-bench-2026"


def build(data: Path, units: int, db_url: str | None) -> None:
    from ztcentral.config import init_data_dir
    from ztcentral.console import accounts

    central = init_data_dir(data, db_url=db_url)  # the console's tables: migration 002
    accounts.add(central.db, "zzb", "admin", PW)
    rnd = random.Random(17)
    today = date.today()
    start = time.perf_counter()
    for i in range(units):
        days = [(today - timedelta(days=d)).isoformat() for d in range(0, 365, 5)]
        meetings = [(b, k, rnd.choice(days)) for b in range(3)
                    for k in ("branch_committee", "theme_day", "group", "branch_general", "lecture")
                    for _ in range(10)]  # fmt: skip
        plan = UnitPlan(
            f"33{i:08d}", f"中共第{i + 1}单位委员会", branches=3,
            categories={"full": 16, "probationary": 1, "activist": 2, "applicant": 1},
            meetings=meetings, hours={k: 2.0 for k in range(20)},
            elected_on=(today - timedelta(days=rnd.randint(100, 1200))).isoformat(),
        )  # fmt: skip
        dev = seed_unit(central, plan)
        # 19 more study records a member (one op per branch and round: one row a member)
        members = plan.ids["members"]
        for _round in range(19):
            rows = [{"id": f"s{i}-{_round}-{j}", "member_id": m, "date": rnd.choice(days),
                     "hours": 1.5, "form": "collective", "topic": "学习"}
                    for j, m in enumerate(members)]  # fmt: skip
            ops = dev.next_ops([("study_log", f"sl{i}-{_round}", "insert_many", {"rows": rows})])
            assert central.process(dev.seal(ops)).status == "applied"
        if (i + 1) % 20 == 0:
            print(f"  {i + 1} units ({time.perf_counter() - start:.0f} s)", flush=True)


def serve(data: Path):
    import uvicorn

    from ztcentral.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(data), host="127.0.0.1", port=port,
                                        log_level="warning"))  # fmt: skip
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def timed(client, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(path)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return out


def main() -> int:
    import httpx2

    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--db", default=None, help="postgresql://… (default: SQLite)")
    ap.add_argument("--rounds", type=int, default=20)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "central"
        print(f"building {a.units} units …", flush=True)
        build(data, a.units, a.db)
        base, srv = serve(data)
        with httpx2.Client(base_url=base, follow_redirects=True, timeout=60) as c:
            page = c.get("/console/login")
            r = c.post("/console/login", data={"username": "zzb", "password": PW,
                                               "csrf_token": csrf_of(page.text)})  # fmt: skip
            assert r.status_code == 200 and "zzb" in r.text
            t = time.perf_counter()
            c.get("/console/")
            cold = (time.perf_counter() - t) * 1000
            rows = []
            for label, path in [("overview", "/console/"), ("unit", f"/console/units/33{a.units // 2:08d}"),
                                ("review", "/console/review"), ("publish", "/console/publish"),
                                ("enrol", "/console/enrol"), ("reports", "/console/reports")]:  # fmt: skip
                ms = timed(c, path, a.rounds)
                rows.append((label, statistics.median(ms), sorted(ms)[int(len(ms) * 0.95) - 1]))
        srv.should_exit = True
    print(f"\nconsole pages at {a.units} units ({'PostgreSQL' if a.db else 'SQLite'}), "
          f"{a.rounds} requests each, keep-alive")  # fmt: skip
    print(f"{'page':<10}{'median ms':>12}{'p95 ms':>10}{'budget':>9}")
    for label, med, p95 in rows:
        print(f"{label:<10}{med:>12.1f}{p95:>10.1f}{'200':>9}  {'ok' if p95 <= 200 else 'OVER'}")
    print(f"overview, cold cache (every unit changed since): {cold:.0f} ms "
          f"= {cold / rows[0][1]:.1f}× the warm median")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
