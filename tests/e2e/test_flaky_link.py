"""A month of a branch's work through a 9.6 kbit/s link that delays and cuts every ~2 KB:
plain ``sync`` (no ``--max-ops``) gets every change there exactly once, every bundle has a
verified receipt, and a cut request resumes where it broke instead of starting again."""

from __future__ import annotations

import time
from datetime import date

from tests.e2e.flaky_proxy import FlakyProxy
from tests.e2e.work import add_members, week_of_work


def exactly_once(central, s, unit: str) -> None:
    with central.db().tx() as tx:
        remote = tx.all(
            "SELECT a.op_id FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
            "WHERE d.unit = $1 ORDER BY a.seq",
            (unit,),
        )
        applied_bundles = tx.scalar(
            "SELECT count(*) FROM bundles b JOIN devices d ON d.device_id = b.device_id "
            "WHERE d.unit = $1 AND b.state = 'applied'",
            (unit,),
        )
    local = s.store.read("SELECT op_id, sync_state FROM outbox ORDER BY seq")
    assert [r["op_id"] for r in remote] == [r["op_id"] for r in local]
    assert {r["sync_state"] for r in local} == {"synced"}
    bundles = s.store.read("SELECT state, receipt FROM sync_bundles")
    assert all(b["state"] == "acknowledged" and b["receipt"] for b in bundles)
    assert applied_bundles == len(bundles)


def test_month_of_work_over_a_flaky_9k6_link(central, make_unit, tmp_path):
    from ztclient.services.sync import SyncPolicy

    _, s = make_unit("U300", policy=SyncPolicy(timeout=20, retries=40, backoff=0.05))
    code = central.enroll_unit("U300", tmp_path / "enrol.json")
    s.sync.enroll_online(central.url, code)
    members = add_members(s, 8)
    s.sync.sync()  # the roster went up earlier, on a good day
    first = s.store.scalar("SELECT max(seq) FROM outbox")
    for week in range(4):
        week_of_work(s, members, week, date(2026, 10, 5))
    size = sum(
        len(b["bytes"])
        for b in s.store.read("SELECT bytes FROM sync_bundles WHERE seq_from > ?", (first,))
    )
    with FlakyProxy(central.port, bps=9600, cut_every=2048, delay=0.05) as proxy:
        t0 = time.monotonic()
        rep = s.sync.sync(proxy.url)
        elapsed = time.monotonic() - t0
    size = sum(b.bytes for b in rep.sent)
    assert rep.sent and all(b.status == "applied" for b in rep.sent)
    assert proxy.stats["cuts"] >= 1, proxy.stats  # the link really did drop
    # the request resumed where it broke: the bundles crossed the link about once
    assert proxy.stats["up"] < 1.6 * size + 2048, (proxy.stats, size)
    assert elapsed >= size / 1200  # the link is the bottleneck: at least size ÷ bandwidth
    exactly_once(central, s, "U300")
    assert s.store.scalar("SELECT count(*) FROM outbox WHERE seq > ?", (first,)) == 24
