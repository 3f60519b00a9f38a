"""Store benchmark at committee scale (DESIGN §7), with a plain-sqlite3 baseline in the same run.

    python bench/store.py [--scale committee|branch] [--work DIR] [--seed N]

Builds (once, cached in --work) a unit with demo data, then measures unlock-and-open, insert
throughput, roster first page, search-as-you-type p95, the yearly study-hours summary, and the
same queries on a plain sqlite3 copy of the same schema and rows (made with sqlcipher_export),
printing a table with ratios against the budgets.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3  # the baseline only: the program itself never opens plaintext files
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSPHRASE = "bench-口令-2026"
QUERIES = [
    "z",
    "zh",
    "zha",
    "zhang",
    "zs",
    "王",
    "王小",
    "李",
    "13",
    "1381",
    "5678",
    "002X",
    "wl",
    "lj",
    "x",
]


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    best = None
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, result


def p95(samples: list[float]) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def build(work: Path, scale: str, seed: int) -> Path:
    from ztclient.bootstrap import App

    data = work / f"{scale}-{seed}"
    if (data / "keyfile.json").exists():
        return data
    app = App(data)
    session, _ = app.create_unit("中共基准测试委员会", "BENCH01", PASSPHRASE)
    t = time.perf_counter()
    counts = app.demo(
        session,
        scale=scale,
        seed=seed,
        progress=lambda stage, done, total: print(
            f"\r  demo {stage} {done}/{total}", end="", flush=True
        ),
    )
    session.store.checkpoint()
    session.close()
    print(f"\n  built {counts} in {time.perf_counter() - t:.1f} s")
    return data


def plain_copy(app, data: Path) -> Path:
    """The same schema and rows in a plaintext file (baseline), via sqlcipher_export."""
    plain = data.parent / f"{data.name}-plain.db"
    if plain.exists():
        return plain
    session = app.unlock(PASSPHRASE)
    conn = session.store._conn  # bench only: reach the raw connection for sqlcipher_export
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    session.close()
    return plain


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="committee", choices=["committee", "branch"])
    ap.add_argument("--work", default="/tmp/ztclient-bench")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    from ztclient.bootstrap import App
    from ztclient.services.search_text import like_pattern

    data = build(work, args.scale, args.seed)
    app = App(data)
    plain_path = plain_copy(app, data)

    t_unlock, session = timed(lambda: app.unlock(PASSPHRASE))
    t_unlock2, s2 = timed(lambda: app.unlock(PASSPHRASE))
    s2.close()
    t_unlock = min(t_unlock, t_unlock2)
    m = session.members
    year = session.clock.today().year
    members_n = m.count()

    # store side
    t_page, _ = timed(lambda: (m.ids(), m.rows_by_id(m.ids()[:50])), repeat=5)
    t_list50, _ = timed(lambda: m.list(limit=50), repeat=5)
    search = []
    for _ in range(3):
        for q in QUERIES:
            t, _ = timed(lambda q=q: m.ids(q))
            search.append(t)
    t_summary, _rows = timed(lambda: session.study.summary(year), repeat=3)
    branch = session.store.read_one("SELECT id FROM orgs WHERE kind = 'branch' LIMIT 1")["id"]
    n_ins = 200
    t0 = time.perf_counter()
    for i in range(n_ins):
        m.add(
            {
                "org_id": branch,
                "name": f"基准{i}",
                "gender": "1",
                "category": "full",
                "join_date": "2001-07-01",
                "full_member_date": "2002-07-01",
            }
        )
    t_insert = time.perf_counter() - t0

    # baseline: plain sqlite3, same SQL
    plain = sqlite3.connect(str(plain_path))
    plain.execute("PRAGMA journal_mode=WAL")
    sql_ids = (
        "SELECT m.id FROM members m JOIN member_search s ON s.member_id = m.id "
        "WHERE m.status IN ('normal', 'mobile', 'lost_contact') ORDER BY s.sort_key"
    )
    sql_search = (
        "SELECT m.id FROM members m JOIN member_search s ON s.member_id = m.id WHERE s.text LIKE ? "
        "ESCAPE '\\' AND m.status IN ('normal', 'mobile', 'lost_contact') ORDER BY s.sort_key"
    )

    def plain_page():
        ids = [r[0] for r in plain.execute(sql_ids).fetchall()]
        marks = ",".join("?" for _ in ids[:50])
        return plain.execute(
            f"SELECT * FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE m.id IN ({marks})",
            ids[:50],
        ).fetchall()

    b_page, _ = timed(plain_page, repeat=5)
    b_search = []
    for _ in range(3):
        for q in QUERIES:
            t, _ = timed(lambda q=q: plain.execute(sql_search, (like_pattern(q),)).fetchall())
            b_search.append(t)
    sql_sum = (
        "SELECT m.id, coalesce(h.hours, 0) FROM members m JOIN member_search s ON s.member_id = m.id "
        "LEFT JOIN (SELECT member_id, sum(hours) AS hours FROM study_logs WHERE voided = 0 AND date BETWEEN ? "
        "AND ? GROUP BY member_id) h ON h.member_id = m.id WHERE m.status IN ('normal','mobile','lost_contact') "
        "AND m.category IN ('probationary','full') ORDER BY s.sort_key"
    )
    b_summary, _ = timed(
        lambda: plain.execute(sql_sum, (f"{year}-01-01", f"{year}-12-31")).fetchall(), repeat=3
    )
    plain.execute("BEGIN")
    t0 = time.perf_counter()
    for i in range(n_ins):  # the same row count, one commit each, as the store does
        plain.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)", (f"bench{i}{time.time_ns()}", "x")
        )
        plain.execute("COMMIT")
        plain.execute("BEGIN")
    b_insert = time.perf_counter() - t0
    plain.execute("ROLLBACK")
    plain.close()

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    logs = session.store.scalar("SELECT count(*) FROM study_logs")
    meetings = session.store.scalar("SELECT count(*) FROM meetings")
    session.close()

    def ms(x):
        return f"{x * 1000:8.1f} ms"

    print(
        f"\nztclient store bench — scale {args.scale}: {members_n} current members, {meetings} meetings, "
        f"{logs} study logs (python {sys.version.split()[0]}, {os.cpu_count()} cores)"
    )
    print(f"{'what':44} {'store':>11} {'plain sqlite3':>14} {'ratio':>7}  budget")
    rows_out = [
        ("unlock and open (Argon2id + SQLCipher)", t_unlock, None, "≤ 1000 ms"),
        ("roster first page (all ids + 50 rows)", t_page, b_page, "≤ 150 ms, ≤ 1.3×"),
        ("search as you type, p95", p95(search), p95(b_search), "≤ 30 ms, ≤ 1.3×"),
        (f"study-hours summary {year} (all members)", t_summary, b_summary, "≤ 200 ms, ≤ 1.3×"),
        (f"{n_ins} single edits (member + outbox + audit)", t_insert, b_insert, "—"),
    ]
    for name, a, b, budget in rows_out:
        ratio = f"{a / b:6.2f}×" if b else "      "
        print(f"{name:44} {ms(a):>11} {ms(b) if b else '':>14} {ratio:>7}  {budget}")
    print(f"{'members.list(limit=50)':44} {ms(t_list50):>11}")
    print(f"{'insert throughput':44} {n_ins / t_insert:8.0f} edits/s (each a durable commit)")
    print(f"{'resident memory, peak':44} {rss_mb:8.0f} MB   budget ≤ 300 MB")
    print(f"{'database file':44} {(data / 'ztclient.db').stat().st_size / 1e6:8.1f} MB")


if __name__ == "__main__":
    main()
