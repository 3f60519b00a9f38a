"""党费 at committee scale: the ledger, the due list's arrears, the collection sheet, the XLSX.

    python bench/dues.py [--members 3000] [--repeat 3] [--work DIR]

Builds a unit of --members members (one branch per 50) with a year of bases and monthly
collections through the dues service (one collection a branch a month, as a clerk records
them), then times what the clerk waits for: the 党费 page's ledger, the 工作台's members-behind
(two ledgers), the 按月收缴 sheet, one collection of 50 payments, and the ledger export, best of
--repeat. For information (no budget in DESIGN §7); the XLSX export is compared with a bare
openpyxl write-only dump of the same cells.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PASSPHRASE = "bench-dues-2026"
YEAR = 2025


class Clock:
    def now(self) -> datetime:
        return datetime(YEAR, 12, 31, 9, 0, tzinfo=UTC)

    def today(self) -> date:
        return date(YEAR, 12, 31)


def build(work: Path, members: int, seed: int = 7):
    from ztclient.bootstrap import App
    from ztclient.domain.dues_money import fmt

    rng = random.Random(seed)
    app = App(work / "unit", clock=Clock())
    s, _ = app.create_unit("中共基准测试委员会", "3399", PASSPHRASE)
    branches = []
    for b in range(max(1, members // 50)):
        bid, _ = s.orgs.add(
            {"parent_id": s.root_org_id, "kind": "branch", "name": f"第{b + 1}支部"}
        )
        rows = [
            {"org_id": bid, "name": f"党员{b:03d}{i:02d}", "gender": "1", "category": "full",
             "join_date": "2001-07-01", "full_member_date": "2002-07-01"}
            for i in range(50)
        ]  # fmt: skip
        ids, _ = s.members.add_many(rows)
        branches.append(ids)
        s.dues.set_bases(
            [
                {
                    "member_id": m,
                    "year": YEAR,
                    "kind": "employed",
                    "income": str(rng.randrange(2600, 16000, 10)),
                }
                for m in ids
            ]
        )
    costs = {ln.member_id: ln.dues.monthly_fen for ln in s.dues.ledger(YEAR).lines}
    for month in range(1, 12):  # January to November collected; December still open
        for ids in branches:
            s.dues.collect(
                [
                    {"member_id": m, "month": f"{YEAR}-{month:02d}",
                     "amount": fmt(costs[m]), "paid_on": f"{YEAR}-{month:02d}-25"}
                    for m in ids
                    if rng.random() > 0.02 * month  # some fall behind as the year goes on
                ]
            )  # fmt: skip
    return app, s, branches, costs


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def bare_dump(ledger, out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("x")
    for ln in ledger.lines:
        d = ln.dues
        ws.append([ln.org_name, ln.name, d.monthly_fen, *[c.paid_fen for c in d.months.values()],
                   d.months_due, d.due_fen, d.paid_fen, d.arrears_months, d.arrears_fen])  # fmt: skip
    wb.save(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="zt-bench-dues-"))
    t = time.perf_counter()
    _app, s, branches, costs = build(work, args.members)
    built = time.perf_counter() - t
    print(f"built {args.members} members, a year of collections in {built:.1f} s ({work})")
    ledger = s.dues.ledger(YEAR)
    rows = [
        ("ledger of the year (党费 page, dues ledger)", best(lambda: s.dues.ledger(YEAR), args.repeat)),
        ("members behind (工作台 due list, two ledgers)", best(s.dues.behind, args.repeat)),
        ("collection sheet for December", best(lambda: s.dues.collection(f"{YEAR}-12"), args.repeat)),
        ("补充资料 counts on a built ledger (XLSX, dues ledger)",
         best(lambda: s.dues.supplementary(ledger), args.repeat)),
    ]  # fmt: skip
    from ztclient.domain.dues_money import fmt

    ours = best(lambda: s.dues.export_ledger(YEAR, work / "dues.xlsx"), args.repeat)
    base = best(lambda: bare_dump(ledger, work / "bare.xlsx"), args.repeat)
    rows.append(("ledger XLSX export", ours))
    rows.append(("  bare openpyxl dump of the same cells", base))
    batch = [{"member_id": m, "month": f"{YEAR}-12", "amount": fmt(costs[m]),
              "paid_on": f"{YEAR}-12-31"} for m in branches[0]]  # fmt: skip
    t = time.perf_counter()
    s.dues.collect(batch)
    rows.append(
        ("one collection of 50 payments (checked, written)", (time.perf_counter() - t) * 1000)
    )
    print(f"{'what':<52} {'ms':>9}")
    for name, ms in rows:
        print(f"{name:<52} {ms:>9.1f}")
    print(f"{'XLSX export / bare dump':<52} {ours / base:>8.2f}×")
    print(
        f"lines {len(ledger.lines)}, totals {ledger.totals()['paid']} paid of {ledger.totals()['due']}"
    )
    s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
