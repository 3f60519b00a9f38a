"""Search-as-you-type at 20,000 members (issue: "fast at 20,000 members"; DESIGN §7 p95 ≤ 30 ms).

    python bench/search.py [--members 20000] [--work /tmp/ztclient-bench]

Copies the committee-scale bench unit (bench/store.py builds it), grows the roster to
--members with realistic generated people, then times ``members.ids(query)`` — what the roster
runs on every keystroke — over typing sequences, against the same calls on a plain sqlite3
copy of the grown file.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3  # the baseline only
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from store import PASSPHRASE, build, p95  # noqa: E402

TYPING = [
    "z",
    "zh",
    "zha",
    "zhan",
    "zhang",
    "w",
    "wa",
    "wan",
    "wang",
    "l",
    "li",
    "张",
    "王",
    "李",
    "1",
    "13",
    "138",
    "1381",
    "5",
    "56",
    "567",
    "5678",
    "0",
    "00",
    "002",
    "002x",
    "zs",
    "wxm",
    "ljh",
]


def grow(app, target: int) -> None:
    from ztclient.services.demo import _Gen

    session = app.unlock(PASSPHRASE)
    have = session.members.count(include_former=True)
    if have >= target:
        session.close()
        return
    branches = [r["id"] for r in session.store.read("SELECT id FROM orgs WHERE kind = 'branch'")]
    gen = _Gen(session, seed=99, progress=None)
    i = 0
    while have < target:
        batch = []
        for _ in range(min(1000, target - have)):
            b = branches[i % len(branches)]
            batch.append(gen.person(b, None, 100000 + i))
            i += 1
        ids_seen = session.members.existing_id_numbers()
        batch = [p for p in batch if p["id_number"] not in ids_seen]
        session.members.add_many(batch, action="bench.grow")
        have += len(batch)
        print(f"\r  grown to {have}", end="", flush=True)
    print()
    session.store.checkpoint()
    session.close()


def measure(session) -> list[float]:
    samples = []
    for _ in range(3):
        for q in TYPING:
            t = time.perf_counter()
            session.members.ids(q)
            samples.append(time.perf_counter() - t)
    return samples


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=20000)
    ap.add_argument("--work", default="/tmp/ztclient-bench")
    ap.add_argument("--scale", default="committee", choices=["committee", "branch"])
    args = ap.parse_args()
    from ztclient.bootstrap import App
    from ztclient.infra.db.store import _PRAGMAS, Store
    from ztclient.services.ports import SystemClock
    from ztclient.services.session import Session

    work = Path(args.work)
    base = build(work, args.scale, 1)
    data = work / f"{args.scale}-{args.members}"
    if not data.exists():
        shutil.copytree(base, data)
    app = App(data)
    grow(app, args.members)
    session = app.unlock(PASSPHRASE)
    n = session.members.count()
    enc = measure(session)
    plain_path = data.parent / f"{data.name}-plain.db"
    plain_path.unlink(missing_ok=True)
    conn = session.store._conn  # bench only
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain_path),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    chain_keys = session.store.chain_keys  # the same rows, the same audit chain keys
    session.close()
    pconn = sqlite3.connect(str(plain_path), isolation_level=None, check_same_thread=False)
    for pragma in _PRAGMAS:
        if not pragma.startswith("cipher"):
            pconn.execute("PRAGMA " + pragma)
    plain_store = Store(pconn, plain_path)
    plain_store.chain_keys = chain_keys
    plain = Session(plain_store, SystemClock())
    base_samples = measure(plain)
    plain.close()
    e, b = p95(enc), p95(base_samples)
    print(f"\nsearch as you type at {n} current members ({len(enc)} keystrokes)")
    print(f"{'':28} {'SQLCipher':>10} {'plain sqlite3':>14} {'ratio':>7}")
    print(
        f"{'p95':28} {e * 1000:7.1f} ms {b * 1000:11.1f} ms {e / b:6.2f}×   budget ≤ 30 ms, ≤ 1.3×"
    )
    print(
        f"{'median':28} {sorted(enc)[len(enc) // 2] * 1000:7.1f} ms {sorted(base_samples)[len(base_samples) // 2] * 1000:11.1f} ms"
    )
    print(f"{'max':28} {max(enc) * 1000:7.1f} ms {max(base_samples) * 1000:11.1f} ms")


if __name__ == "__main__":
    main()
