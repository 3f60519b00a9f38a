"""Store benchmark at committee scale (DESIGN §7), with a plain-sqlite3 baseline in the same run.

    python bench/store.py [--scale committee|branch] [--work DIR] [--seed N] [--baseline B]

Builds (once, cached in --work) a unit with demo data, then measures unlock-and-open, roster
first page, search-as-you-type p95, the yearly study-hours summary, and three single edits (a
member added with every field, a phone number changed, a member added with five fields), and
the same calls on a plain sqlite3 copy of the same schema and rows (made with sqlcipher_export),
printing a table with ratios against the budgets. Both run on fresh copies each time, and take
turns round by round after the disk has settled (dirty pages flushed), so the ratio compares
the same moments. Beside each ratio, the middle half of the per-round ratios shows how much one
run's figure can move. Under the five-field line, the same additions without the fsync wait
(synchronous=OFF on both sides, for that line only): the edit ratios have this disk's fsync in
their denominator, and that line gives the encrypted store's extra time a commit in microseconds
(the cipher's, and with the stdlib baseline also what differs between the two SQLite builds).

``--baseline stdlib`` (the default) is Python's own sqlite3 module, whatever SQLite it was built
with; ``--baseline engine`` opens the plain copy through sqlcipher3 without a key, the very
SQLite build the client runs, so that only the cipher differs (the header names both versions).
Either way the baseline's driver binds None through the same adapter the store registers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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


def build(work: Path, scale: str, seed: int, mac: str | None = None) -> Path:
    """The unit under ``mac`` (its page MAC, infra/db/page_mac.py; default the one this machine
    chooses), made once and kept."""
    from ztclient.bootstrap import App
    from ztclient.infra.db import page_mac

    mac = mac or page_mac.fastest()
    data = work / f"{scale}-{seed}-{mac.lower()}"
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
    session = app.unlock(PASSPHRASE)  # migrates the encrypted unit to the current schema
    if plain.exists():
        with sqlite3.connect(str(plain)) as probe:
            same = (
                probe.execute("PRAGMA user_version").fetchone()[0] == session.store.schema_version
            )
        if same:
            session.close()
            return plain
        for suffix in ("", "-wal", "-shm"):
            Path(f"{plain}{suffix}").unlink(missing_ok=True)
    conn = session.store._conn  # bench only: reach the raw connection for sqlcipher_export
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    session.close()
    return plain


N_EDITS = 100
ROUNDS = 15  # SQLCipher and plain sqlite3 take turns, so both see the same machine and disk
# (``--rounds`` only to check the script runs: a figure from two rounds is not a verdict)


def settle_disk(limit_kb: int = 4096, timeout: float = 60.0) -> float:
    """Flush, then wait until the kernel's dirty pages are below ``limit_kb``: a benchmark that
    writes after a big copy otherwise pays for the copy's writeback (the ratio swung 1.1–8×)."""
    t = time.perf_counter()
    os.sync()
    while time.perf_counter() - t < timeout:
        dirty = 0
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith(("Dirty:", "Writeback:")):
                    dirty += int(line.split()[1])
        except OSError:
            break
        if dirty <= limit_kb:
            break
        time.sleep(0.2)
    return time.perf_counter() - t


def metrics(session, tag: str) -> dict:
    """The calls the UI makes, each a function of the round (edits write new rows each time)."""
    m = session.members
    year = session.clock.today().year
    branch = session.store.read_one("SELECT id FROM orgs WHERE kind = 'branch' LIMIT 1")["id"]

    def search() -> float:
        samples = []
        for _ in range(3):
            for q in QUERIES:
                t, _ = timed(lambda q=q: m.ids(q))
                samples.append(t)
        return p95(samples)

    def edits(r: int, label: str = "") -> float:
        """The least an addition can be (five fields, one branch): the least plain work per
        page written, so the cipher's share is at its largest."""
        t0 = time.perf_counter()
        for i in range(N_EDITS):
            m.add({"org_id": branch, "name": f"基准{tag}{label}{r}-{i}", "gender": "1",
                   "category": "full", "join_date": "2001-07-01",
                   "full_member_date": "2002-07-01"})  # fmt: skip
        return time.perf_counter() - t0

    def edits_unsynced(r: int) -> float:
        """The same additions without waiting for the disk (synchronous=OFF on both sides, for
        this line only): the cipher's cost alone, which this disk's fsync latency does not blur.
        The program itself always commits with synchronous=FULL."""
        conn = session.store._conn  # bench only: the raw connection, as in plain_copy()
        conn.execute("PRAGMA synchronous=OFF")
        try:
            return edits(r, "无")
        finally:
            conn.execute("PRAGMA synchronous=FULL")

    from ztclient.services.demo import _Gen

    # The same people on both sides (one seed), drawn before the clock starts.
    people = _Gen(session, seed=2026, progress=None)
    branches = [r["id"] for r in session.store.read("SELECT id FROM orgs WHERE kind = 'branch'")]
    taken = m.existing_id_numbers()

    def adds(r: int) -> float:
        """A member as a clerk enters one: every official field (身份证号, 民族, 籍贯, 学历,
        工作单位, 电话 …), each in the next branch."""
        batch = []
        while len(batch) < N_EDITS:
            i = r * N_EDITS + len(batch)
            p = people.person(branches[i % len(branches)], None, 700000 + i)
            if p["id_number"] not in taken:
                taken.add(p["id_number"])
                batch.append(p)
        t0 = time.perf_counter()
        for p in batch:
            m.add(p)
        return time.perf_counter() - t0

    roster = m.ids()

    def updates(r: int) -> float:
        """A clerk's most common edit: one field of an existing member (a new phone number),
        each round on the next members of the roster (from the start again on a small unit)."""
        chosen = [roster[(r * N_EDITS + i) % len(roster)] for i in range(N_EDITS)]
        versions = {i: m.get(i)["version"] for i in chosen}
        t0 = time.perf_counter()
        for i, member_id in enumerate(chosen):
            m.update(member_id, {"phone": f"139{r:02d}{i:06d}"}, versions[member_id])
            versions[member_id] += 1
        return time.perf_counter() - t0

    return {
        "adds": adds,
        "updates": updates,
        "page": lambda r: timed(lambda: m.rows_by_id(m.ids()[:50]), repeat=3)[0],
        "list50": lambda r: timed(lambda: m.list(limit=50), repeat=3)[0],
        "search_p95": lambda r: search(),
        "summary": lambda r: timed(lambda: session.study.summary(year), repeat=2)[0],
        "edits": edits,
        "edits_unsynced": edits_unsynced,
    }


def interleaved(a, b, rounds: int = ROUNDS) -> tuple[dict, dict, dict, dict[str, list[float]]]:
    """Median time of each metric for a and b, taking turns round by round; the median of the
    per-round ratios (the figure that matters: both sides saw the same moment); and the
    per-round ratios themselves, whose spread says how far one run's figure can be trusted."""
    from statistics import median

    from ztclient.services.search_text import name_pinyin

    name_pinyin("预热")  # pypinyin loads its dictionaries on first use (~0.6 s): not an edit's cost
    ma, mb = metrics(a, "c"), metrics(b, "p")
    ta: dict[str, list] = {k: [] for k in ma}
    tb: dict[str, list] = {k: [] for k in mb}
    for r in range(rounds):
        settle_disk()
        first, second = ((ma, ta), (mb, tb)) if r % 2 == 0 else ((mb, tb), (ma, ta))
        for key in ma:
            first[1][key].append(first[0][key](r))
            second[1][key].append(second[0][key](r))
    rounds = {k: [x / y for x, y in zip(ta[k], tb[k], strict=True)] for k in ta}
    ratios = {k: median(v) for k, v in rounds.items()}
    medians = ({k: median(v) for k, v in ta.items()}, {k: median(v) for k, v in tb.items()})
    return medians[0], medians[1], ratios, rounds


def quartiles(values: list[float]) -> str:
    """The middle half of the per-round ratios, e.g. "1.18–1.41"."""
    from statistics import quantiles

    if len(values) < 2:
        return "—"
    q1, _, q3 = quantiles(values, n=4)
    return f"{q1:.2f}–{q3:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="committee", choices=["committee", "branch"])
    ap.add_argument("--work", default="/tmp/ztclient-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--baseline", default="stdlib", choices=["stdlib", "engine"])
    ap.add_argument("--rounds", type=int, default=ROUNDS, help="interleaved rounds (default 15)")
    ap.add_argument(
        "--page-mac",
        choices=["HMAC_SHA256", "HMAC_SHA512"],
        help="the unit's page MAC (default: the one the program chooses on this machine)",
    )
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    from ztclient.bootstrap import App
    from ztclient.infra.db import page_mac

    chosen = page_mac.fastest()
    mac = args.page_mac or chosen
    page_mac.fastest = lambda: mac  # bench only: the unit is made as on a machine choosing it
    built = build(work, args.scale, args.seed, mac)
    plain_built = plain_copy(App(built), built)
    # Measure on fresh copies: the edits below add members, and a cached unit that kept them
    # would measure a bigger unit each run.
    data, plain_path = work / "run", work / "run-plain.db"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(built, data)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{plain_path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(plain_built, plain_path)
    app = App(data)

    settle_disk()
    t_unlock, session = timed(lambda: app.unlock(PASSPHRASE))
    t_unlock2, s2 = timed(lambda: app.unlock(PASSPHRASE))
    s2.close()
    t_unlock = min(t_unlock, t_unlock2)
    members_n = session.members.count()
    logs = session.store.scalar("SELECT count(*) FROM study_logs")
    meetings = session.store.scalar("SELECT count(*) FROM meetings")
    # The baseline: the very same services over a plain sqlite3 connection to a plaintext copy
    # (same schema, same rows, same pragmas): the cipher differs, and with --baseline stdlib
    # the SQLite build too (Python's own module); --baseline engine keeps the client's build.
    import sqlcipher3

    from ztclient.infra.db.store import _PRAGMAS, Store, _as_null
    from ztclient.services.ports import SystemClock
    from ztclient.services.session import Session

    driver = sqlcipher3 if args.baseline == "engine" else sqlite3
    # The store binds None through an adapter it registers on sqlcipher3 (store.py); the plain
    # side gets the same, so both run the same driver settings (without it the stdlib module
    # takes ~0.5 µs a NULL, sqlcipher3 1.7).
    driver.register_adapter(type(None), _as_null)
    conn = driver.connect(str(plain_path), isolation_level=None, check_same_thread=False)
    for pragma in _PRAGMAS:
        if not pragma.startswith("cipher"):
            conn.execute("PRAGMA " + pragma)
    plain_store = Store(conn, plain_path)
    plain_store.chain_keys = session.store.chain_keys  # same rows, same audit chain keys
    plain = Session(plain_store, SystemClock())
    cipher_version = session.store.scalar("PRAGMA cipher_version")
    store_t, plain_t, ratio, spread = interleaved(session, plain, args.rounds)
    session.close()
    year = plain.clock.today().year
    t_sum_logs, _ = timed(
        lambda: plain.store.read(
            "SELECT member_id, sum(hours) FROM study_logs WHERE voided = 0 AND date BETWEEN ? AND ? GROUP BY member_id",
            (f"{year}-01-01", f"{year}-12-31"),
        ),
        repeat=3,
    )
    plain.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def ms(x):
        return f"{x * 1000:8.1f} ms"

    print(
        f"\nztclient store bench — scale {args.scale}: {members_n} current members, {meetings} meetings, "
        f"{logs} study logs (python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f})"
    )
    print(
        f"medians of {args.rounds} interleaved rounds; ratio = median of the per-round ratios, "
        "[the middle half of them]"
    )
    print(
        f"SQLCipher {cipher_version} on SQLite "
        f"{sqlcipher3.sqlite_version}; baseline '{args.baseline}': {driver.__name__} on SQLite "
        f"{driver.sqlite_version}"
    )
    print(
        f"page MAC {session.store.page_mac} (this machine chooses {chosen}: "
        "HMAC_SHA256 where its SHA-256 is ≥1.25× cheaper than SHA-512)"
    )
    print(f"{'what':46} {'SQLCipher':>11} {'plain sqlite3':>14} {'ratio':>7} {'':11}  budget")
    print(
        f"{'unlock and open (Argon2id + SQLCipher)':46} {ms(t_unlock):>11} {'':>14} {'':>7} {'':11}  ≤ 1000 ms"
    )
    budgets = {
        "page": "≤ 150 ms",
        "search_p95": "≤ 30 ms",
        "summary": "≤ 200 ms",
        "edits": "—",
        "updates": "—",
        "adds": "—",
        "list50": "—",
    }
    names = {
        "page": "roster first page (all ids + 50 rows)",
        "search_p95": "search as you type, p95",
        "summary": f"study-hours summary {year}, all members",
        "list50": "members.list(limit=50)",
        "adds": f"{N_EDITS} members added, every field, a commit each",
        "edits": f"{N_EDITS} members added, five fields only",
        "updates": f"{N_EDITS} members' phone changed, a commit each",
    }
    for key in ("page", "search_p95", "summary", "list50", "adds", "updates", "edits"):
        a, b = store_t[key], plain_t[key]
        middle = f"[{quartiles(spread[key])}]"
        print(
            f"{names[key]:46} {ms(a):>11} {ms(b):>14} {ratio[key]:6.2f}× {middle:11}  "
            f"{budgets[key]}; overhead ≤ 1.3×"
        )
    print(f"{'(summing the logs instead, plain sqlite3)':46} {'':>11} {ms(t_sum_logs):>14}")
    # The edits' ratio has this disk's fsync in its denominator, so the same cipher work reads
    # nearer 1× on a slower disk; without the fsync wait it is the encrypted store's own extra
    # (with --baseline engine, the cipher's alone).
    a, b = store_t["edits_unsynced"], plain_t["edits_unsynced"]
    middle = f"[{quartiles(spread['edits_unsynced'])}]"
    print(
        f"{'  the same, no fsync wait (synchronous=OFF)':46} {ms(a):>11} {ms(b):>14} "
        f"{ratio['edits_unsynced']:6.2f}× {middle:11}  SQLCipher +{(a - b) / N_EDITS * 1e6:.0f} µs a commit"
    )
    print(
        f"{'insert throughput (durable commits)':46} {N_EDITS / store_t['edits']:8.0f}/s {N_EDITS / plain_t['edits']:11.0f}/s"
    )
    print(f"{'resident memory, peak':46} {rss_mb:8.0f} MB   budget ≤ 300 MB")
    print(f"{'database file':46} {(data / 'ztclient.db').stat().st_size / 1e6:8.1f} MB")


if __name__ == "__main__":
    main()
