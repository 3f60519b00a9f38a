"""Integrity benchmark: what the keyed audit chain, verify, rekey and diagnose cost.

    python bench/integrity.py [--ops N] [--work DIR]

Builds (once, cached in --work) a branch-scale unit with N ops through the real services
(each edit = one outbox op + one keyed audit entry), then measures:

* ``verify`` in parts: SQLite/SQLCipher integrity checks, the keyed chain (HMAC per entry),
  ops against their entries, the anchor; and, as the baseline in the same run, the same chain
  walk with round 1's unkeyed SHA-256 links (ratio = what keying costs);
* one edit (outbox op + keyed entry) against the same edit's cost without the audit append;
* ``rekey`` (sqlcipher_export, checks, file moves) and the database size;
* ``diagnose`` (the support zip);
* the audit section's bytes in a bundle (sealed with and without it).

Figures vary with the machine; the ratios are what to read. The lead runs it on a quiet one.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PASSPHRASE = "bench-口令-2026 long"


def build(work: Path, n_ops: int) -> Path:
    from ztclient.bootstrap import App

    data = work / f"integrity-{n_ops}"
    if (data / "keyfile.json").exists():
        return data
    app = App(data)
    session, _ = app.create_unit("中共基准测试委员会", "BENCH02", PASSPHRASE)
    app.demo(session, scale="branch", seed=7)
    ids = session.store.column("SELECT id FROM members ORDER BY id")
    t = time.perf_counter()
    done = 0
    while done < n_ops:
        for mid in ids:
            if done >= n_ops:
                break
            row = session.store.read_one("SELECT version FROM members WHERE id = ?", (mid,))
            session.members.update(mid, {"note": f"备注 {done}"}, base_version=row["version"])
            done += 1
            if done % 1000 == 0:
                print(f"\r  {done}/{n_ops} ops", end="", flush=True)
    session.store.checkpoint()
    session.close()
    print(f"\n  built {n_ops} ops in {time.perf_counter() - t:.1f} s")
    return data


def timed(fn, repeat: int = 3):
    best, result = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, result


def unkeyed_walk(store) -> int:
    """Round 1's chain check (SHA-256 links) over the same rows: the baseline."""
    from ztprotocol.canonical import canonical

    prev, n = "0" * 64, 0
    for row in store.read(
        "SELECT seq, ts, actor, action, object, digest, prev, hash FROM audit ORDER BY seq"
    ):
        entry = {k: row[k] for k in ("seq", "ts", "actor", "action", "object", "digest")}
        h = hashlib.sha256(b"ZTA1" + canonical(entry) + row["prev"].encode()).hexdigest()
        _linked = row["prev"] == prev and h == row["hash"]  # the same comparisons as verify's
        prev, n = row["hash"], n + 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", type=int, default=20000)
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "ztclient-bench"))
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    data = build(work, args.ops)

    from ztclient.bootstrap import App
    from ztclient.services import audit_check

    app = App(data)
    s = app.unlock(PASSPHRASE)
    rows = []
    entries = s.store.scalar("SELECT count(*) FROM audit")
    t_int, _ = timed(s.store.integrity_problems, 1)
    t_chain, problems = timed(lambda: audit_check.verify_audit_chain(s.store, s.store.chain_keys))
    t_base, _ = timed(lambda: unkeyed_walk(s.store))
    t_ops, p2 = timed(lambda: audit_check.verify_ops_audited(s.store))
    t_verify, p3 = timed(s.verify, 1)
    assert problems == [] and p2 == [] and p3 == [], (problems, p2, p3)
    rows += [
        (
            "audit entries / outbox ops",
            f"{entries} / {s.store.scalar('SELECT count(*) FROM outbox')}",
            "",
        ),
        ("integrity_check + cipher_integrity_check", f"{t_int * 1e3:.0f} ms", ""),
        ("keyed chain walk (HMAC)", f"{t_chain * 1e3:.0f} ms", f"{t_chain / t_base:.2f}× unkeyed"),
        ("unkeyed chain walk (round 1, baseline)", f"{t_base * 1e3:.0f} ms", ""),
        ("ops against their entries", f"{t_ops * 1e3:.0f} ms", ""),
        ("verify, all of it", f"{t_verify:.2f} s", ""),
    ]

    # one edit with and without the audit append (the journal's share of an edit)
    mid = s.store.scalar("SELECT id FROM members LIMIT 1")

    def edit():
        v = s.store.scalar("SELECT version FROM members WHERE id = ?", (mid,))
        s.members.update(mid, {"note": f"x{time.perf_counter()}"}, base_version=v)

    t_edit, _ = timed(edit, 20)
    append = s.journal._append

    def no_audit(*_a, **_k):
        return None

    s.journal._append = no_audit  # bench only: the same edit without its audit entry
    t_plain, _ = timed(edit, 20)
    s.journal._append = append
    rows.append(
        (
            "one edit (op + keyed entry)",
            f"{t_edit * 1e3:.2f} ms",
            f"{t_edit / t_plain:.2f}× without the entry",
        )
    )

    # the audit section in a bundle
    from cryptography.hazmat.primitives.asymmetric import x25519

    from ztprotocol.audit_section import AuditSection
    from ztprotocol.bundle import GENESIS, seal_bundle
    from ztprotocol.keys import DeviceKeys

    dev, central = DeviceKeys.generate(), x25519.X25519PrivateKey.generate()
    ops = [
        {"op_id": f"op-{i}", "seq": i, "entity": "member", "record_id": f"m{i}", "op": "update",
         "base_version": 1, "fields": {"note": f"备注{i}"}, "at": "2026-12-01T08:00:00Z"}
        for i in range(1, 51)
    ]  # fmt: skip
    kw = dict(device_id="d", unit_code="U", seq_from=1, seq_to=50, prev_hash=GENESIS,
              device_signing_key=dev.sign, central_public_key=central.public_key())  # fmt: skip
    head = hashlib.sha256(b"h").hexdigest()
    plain = len(seal_bundle(ops, audit_head=head, **kw))
    section = AuditSection(1000, 52, hashlib.sha256(b"p").hexdigest())
    with_sec = len(seal_bundle(ops, audit_head=head, audit=section, **kw))
    rows.append(
        ("50-op bundle, audit section", f"+{with_sec - plain} bytes", f"{with_sec / plain:.3f}×")
    )
    s.close()

    # rekey and diagnose on a copy (the cached unit stays as built)
    copy = work / "integrity-rekey"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    size = (copy / "ztclient.db").stat().st_size
    t = time.perf_counter()
    App(copy).rekey(PASSPHRASE)
    rows.append(
        (
            "rekey (export, check, move, verify)",
            f"{time.perf_counter() - t:.2f} s",
            f"{size / 2**20:.1f} MiB database",
        )
    )
    t = time.perf_counter()
    App(copy).diagnose(work / "support.zip", PASSPHRASE)
    rows.append(
        (
            "diagnose (with verify)",
            f"{time.perf_counter() - t:.2f} s",
            f"{(work / 'support.zip').stat().st_size} bytes",
        )
    )
    shutil.rmtree(copy, ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    for name, value, ratio in rows:
        print(f"{name:<{width}}  {value:>14}  {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
