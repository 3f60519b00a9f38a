"""What one device, one address or the quarantine may hold or try (ztcentral/limits.py):
per-device quota and open uploads, expiry of uploads that stopped, the quarantine's cap with
eviction by source (a flood evicts itself, never a device's fork evidence), enrolment
failures per code and per address. Before this change none of these had a limit."""

from __future__ import annotations

import dataclasses
import hashlib

import httpx2
import pytest
from tests.integration.central.zc_helpers import Device

from ztcentral import quarantine, uploads
from ztcentral.enrol_limits import enrol_online
from ztcentral.enrolment import issue_code
from ztcentral.limits import Limits
from ztprotocol.bundle import GENESIS
from ztprotocol.codes import SyncRejected


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refused(fn, *args) -> SyncRejected:
    with pytest.raises(SyncRejected) as exc:
        fn(*args)
    return exc.value


def limit(central, **kw) -> None:
    central.limits = dataclasses.replace(Limits(), **kw)


def test_open_uploads_and_bytes_held_per_device(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    limit(central, open_uploads_per_device=2, device_quota_bytes=10_000)
    uploads.create(central, dev.device_id, 4000, "a" * 64)
    again = uploads.create(central, dev.device_id, 4000, "a" * 64)  # the same upload: found
    uploads.create(central, dev.device_id, 4000, "b" * 64)
    assert again["offset"] == 0
    err = refused(uploads.create, central, dev.device_id, 100, "c" * 64)
    assert (err.code, err.params["what"]) == ("E_DEVICE_QUOTA", "uploads")
    limit(central, open_uploads_per_device=5, device_quota_bytes=10_000)
    err = refused(uploads.create, central, dev.device_id, 2001, "d" * 64)
    assert (err.code, err.params["what"], err.params["used"]) == ("E_DEVICE_QUOTA", "bytes", 8000)
    # another device is not charged for this one's uploads
    other = Device("U001")
    other.enrol_direct(central)
    assert uploads.create(central, other.device_id, 9000, "d" * 64)["offset"] == 0
    # held (backlog) bundles count too: a device cannot park bundles without end
    limit(central, device_quota_bytes=8000 + 3000)  # its two open uploads hold 8000 already
    held = []
    for i in range(20):
        dev.seq += 1  # always a gap: every bundle is held
        b = dev.seal(dev.next_ops([("member", f"m{i}", "create", {"name": "x" * 200})]))
        try:
            held.append(uploads.submit(central, dev.device_id, b))
        except SyncRejected as exc:
            assert exc.code == "E_DEVICE_QUOTA"
            break
    else:
        raise AssertionError("the quota never stopped the backlog")
    assert 0 < len(held) < 20 and all(o.status == "held" for o in held)


def test_uploads_that_stopped_expire(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    old = uploads.create(central, dev.device_id, 100, "a" * 64)["upload_id"]
    uploads.append(central, dev.device_id, old, 0, b"x" * 10)
    with central.db.tx() as tx:
        tx.run("UPDATE uploads SET touched_at = '2020-01-01T00:00:00.000000Z'")
    uploads.create(central, dev.device_id, 100, "b" * 64)  # any new upload sweeps first
    assert refused(uploads.offset, central, dev.device_id, old).code == "E_UPLOAD_UNKNOWN"
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM upload_parts") == 0
        assert tx.scalar("SELECT count(*) AS n FROM events WHERE kind = 'upload.expire'") == 1


def test_quarantine_cap_evicts_the_flood_not_the_evidence(central, central_dir):
    dev = Device("U001")
    dev.enrol_direct(central)
    ops = dev.next_ops([("member", "m1", "create", {"name": "张三"})])
    assert central.process(dev.seal(ops)).status == "applied"
    fork = central.process(dev.seal([dict(ops[0], op_id="other")], prev_hash=GENESIS))
    assert fork.code == "E_BUNDLE_FORK"
    limit(central, quarantine_max_items=6)
    flood = []
    for _ in range(15):  # bundles signed by keys nobody enrolled (e.g. a stick full of junk)
        s = Device("U001")
        s.trust = dev.trust
        data = s.seal(s.next_ops([("member", "x", "create", {"name": "垃圾"})]))
        assert central.process(data).status == "quarantined"
        flood.append(sha(data))
    with central.db.tx() as tx:
        rows = tx.all("SELECT sha256, source, code FROM quarantine ORDER BY received_at")
    assert len(rows) == 6
    assert [r["code"] for r in rows if r["source"] == dev.device_id] == ["E_BUNDLE_FORK"]
    assert [r["sha256"] for r in rows if r["source"] == "unknown"] == flood[-5:]
    on_disk = {p.parent.name + p.name for p in (central_dir / "blobs").rglob("*") if p.is_file()}
    assert not set(flood[:-5]) & on_disk and set(flood[-5:]) <= on_disk
    # a reviewed (dismissed) row goes before anyone's unreviewed one
    fork_row, dismissed, *_ = rows
    assert fork_row["code"] == "E_BUNDLE_FORK"
    assert quarantine.dismiss(central, dismissed["sha256"])[0]
    limit(central, quarantine_max_items=5)
    s = Device("U001")
    s.trust = dev.trust
    central.process(s.seal(s.next_ops([("member", "y", "create", {})])))
    with central.db.tx() as tx:
        left = {r["sha256"] for r in tx.all("SELECT sha256 FROM quarantine")}
        evicted = tx.scalar("SELECT count(*) AS n FROM events WHERE kind = 'quarantine.evict'")
    # 7 rows for 5 places: the dismissed one, then the flood's oldest; the fork stays
    assert dismissed["sha256"] not in left and rows[2]["sha256"] not in left
    assert fork_row["sha256"] in left and len(left) == 5 and evicted == 10 + 2


def test_bytes_cap_of_the_quarantine(central):
    dev = Device("U001")
    dev.enrol_direct(central)
    limit(central, quarantine_max_bytes=3000)
    for _ in range(12):
        s = Device("U001")
        s.trust = dev.trust
        central.process(s.seal(s.next_ops([("member", "x", "create", {"n": "x" * 100})])))
    with central.db.tx() as tx:
        total = tx.scalar("SELECT sum(size) AS b FROM quarantine")
    assert 0 < total <= 3000


def test_enrolment_failures_are_limited_per_code_and_per_address(central):
    limit(central, enrol_failures_per_code=3, enrol_failures_per_address=5)
    code, _ = issue_code(central, "U001")
    dev = Device("U001")
    wrong = code[:5] + (
        "2222-2222-2222-2222" if code[5:] != "2222-2222-2222-2222" else "3333-3333-3333-3333"
    )
    for _ in range(3):
        err = refused(enrol_online, central, dev.enrol_request(wrong), "10.0.0.1")
        assert err.code == "E_ENROL_CODE"
    # the code id has used up its failures: even the right secret waits for the window
    err = refused(enrol_online, central, dev.enrol_request(code), "10.0.0.2")
    assert err.code == "E_RATE_LIMITED" and err.params["retry_after"] > 0
    # per address: malformed requests count against the address
    for _ in range(2):
        refused(enrol_online, central, b"{}", "10.0.0.1")
    assert refused(enrol_online, central, b"{}", "10.0.0.1").code == "E_RATE_LIMITED"
    # another code from another address is not affected
    code2, _ = issue_code(central, "U002")
    dev2 = Device("U002")
    dev2.accept_response(enrol_online(central, dev2.enrol_request(code2), "10.0.0.3"), code2)
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) AS n FROM events WHERE kind = 'enrol.refused'") == 5


def test_enrolment_rate_limit_over_http(server):
    for _ in range(20):
        assert httpx2.post(server + "/v1/enrol", content=b"[]").status_code == 400
    resp = httpx2.post(server + "/v1/enrol", content=b"[]")
    assert resp.status_code == 429 and resp.json()["code"] == "E_RATE_LIMITED"
    assert int(resp.headers["retry-after"]) > 0
