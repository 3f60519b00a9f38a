"""A week of a branch's work through a 9.6 kbit/s link that delays and cuts every ~4 KB:
every change arrives exactly once, and every bundle has a verified receipt."""

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


def test_week_of_work_over_a_flaky_9k6_link(central, make_unit, tmp_path):
    from ztclient.infra.sync.engine import SyncEngine

    engine = SyncEngine(timeout=20, retries=40, backoff=0.05)
    _, s = make_unit("U300", engine=engine)
    code = central.enroll_unit("U300", tmp_path / "enrol.json")
    s.sync.enroll_online(central.url, code)
    members = add_members(s, 8)
    s.sync.sync()  # the roster went up earlier, on a good day
    first = s.store.scalar("SELECT max(seq) FROM outbox")
    week_of_work(s, members, 0, date(2026, 11, 2))
    s.sync.max_ops = 3  # a week is several small bundles, each under the cut
    with FlakyProxy(central.port, bps=9600, cut_every=4096, delay=0.05) as proxy:
        t0 = time.monotonic()
        rep = s.sync.sync(proxy.url)
        elapsed = time.monotonic() - t0
    sent = sum(b["bytes"] for b in rep["sent"])
    assert len(rep["sent"]) == 2 and all(b["status"] == "applied" for b in rep["sent"])
    assert proxy.stats["cuts"] >= 1, proxy.stats  # the link really did drop
    # the link is the bottleneck: at least size ÷ bandwidth
    assert elapsed >= sent / 1200
    exactly_once(central, s, "U300")
    assert s.store.scalar("SELECT count(*) FROM outbox WHERE seq > ?", (first,)) == 6
