"""`ztcentral status` puts problems first: quarantine by code and source (with what to run),
held bundles waiting for missing ones, uploads that stalled; the same in --json and
/v1/admin/status for monitoring. A healthy server says it has none."""

from __future__ import annotations

import json

import httpx2
from tests.integration.central.zc_helpers import Device

from ztcentral import uploads
from ztcentral.cli import main
from ztprotocol.bundle import GENESIS


def status(central_dir, capsys, *extra: str) -> str:
    assert main(["--data-dir", str(central_dir), "status", *extra]) == 0
    return capsys.readouterr().out


def test_a_healthy_server_has_no_problems(central_dir, capsys):
    out = status(central_dir, capsys)
    assert "problems 需要处理: none" in out and "schema" in out


def test_problems_first_quarantine_held_and_stalled_uploads(central_dir, central, capsys):
    dev = Device("U001")
    dev.enrol_direct(central)
    ops = dev.next_ops([("member", "m1", "create", {"name": "张三"})])
    central.process(dev.seal(ops))
    central.process(dev.seal([dict(ops[0], op_id="other")], prev_hash=GENESIS))  # a fork
    for _ in range(2):
        s = Device("U001")
        s.trust = dev.trust
        central.process(s.seal(s.next_ops([("member", "x", "create", {})])))
    dev.seq += 1
    central.process(dev.seal(dev.next_ops([("member", "m3", "create", {})])))  # held
    uploads.create(central, dev.device_id, 500, "a" * 64)
    with central.db.tx() as tx:
        tx.run("UPDATE uploads SET touched_at = '2026-01-01T00:00:00.000000Z'")
    out = status(central_dir, capsys)
    head = out.partition("unit U001")[0]
    assert "problems 需要处理: 4" in head  # the units come after the problems
    assert f"1 × E_BUNDLE_FORK from {dev.device_id}" in head
    assert "2 × E_DEVICE_UNKNOWN from unknown" in head and "ztcentral quarantine" in head
    assert f"held: device {dev.device_id} #3-3" in head
    assert "upload stalled" in head
    data = json.loads(status(central_dir, capsys, "--json"))
    kinds = sorted(p["what"] for p in data["problems"])
    assert kinds == ["held", "quarantine", "quarantine", "upload_stalled"]


def test_admin_status_over_http_has_the_problems(server, central_dir, central):
    from ztcentral.config import admin_token

    dev, s = Device("U001"), Device("U001")
    dev.enrol_direct(central)
    s.trust = dev.trust  # a device nobody enrolled
    central.process(s.seal(s.next_ops([("member", "x", "create", {})])))
    auth = {"Authorization": "Bearer " + admin_token(central_dir)}
    rep = httpx2.get(server + "/v1/admin/status", headers=auth).json()
    assert [p["code"] for p in rep["problems"]] == ["E_DEVICE_UNKNOWN"]
    assert rep["schema"]["version"] == rep["schema"]["latest"]
