"""Issue 11, "done when": a unit that deletes the tail of its audit trail after a sync is
caught — by `verify` (the anchored head came back in central's signed receipt), and at
central's next import (E_AUDIT_FORK, in `ztcentral status`).

Real parts: an encrypted unit, `ztclient-cli sync` against `ztcentral serve` on 127.0.0.1, the
audit section travelling inside the bundle (capability audit1). On round 1's main the trail
could be truncated after a sync and both `verify` and central accepted it.
"""

from __future__ import annotations

import json

from tests.e2e.work import add_members
from tests.helpers import PASSPHRASE, run_cli


def ok(out):
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def _enrolled_and_synced(central, make_unit, tmp_path, code):
    app, session = make_unit(code)
    members = add_members(session, 3)
    for m in members:  # the reveals an insider would later like to hide
        session.members.reveal(m, "id_number")
    session.close()
    enrol = central.enroll_unit(code, tmp_path / f"enrol-{code}.json")
    ok(run_cli(app.data_dir, "enroll", "--server", central.url, "--code", enrol))
    ok(run_cli(app.data_dir, "sync", "--server", central.url, "--json"))
    return app


def test_the_receipt_anchors_the_head_and_verify_catches_a_truncated_trail(
    central, make_unit, tmp_path
):
    app = _enrolled_and_synced(central, make_unit, tmp_path, "U701")
    s = app.unlock(PASSPHRASE)
    try:
        head = s.store.read_one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        anchor = s.store.read_one("SELECT seq, hash FROM audit_anchor")
        assert anchor == head  # the signed receipt returned exactly our head
        assert s.verify() == []
        with s.store.transaction() as tx:  # the insider removes the last three reveals
            tx.execute("DELETE FROM audit WHERE seq > ?", (head["seq"] - 3,))
    finally:
        s.close()
    r = run_cli(app.data_dir, "verify")
    assert r.returncode == 5, r.stdout + r.stderr
    assert f"centre anchored audit entry {head['seq']}" in r.stdout
    report, _ = json.JSONDecoder().raw_decode(run_cli(app.data_dir, "verify", "--json").stdout)
    assert report["ok"] is False and any("anchor" in p for p in report["problems"])


def test_central_refuses_the_next_bundle_and_says_so_in_its_status(central, make_unit, tmp_path):
    app = _enrolled_and_synced(central, make_unit, tmp_path, "U702")
    s = app.unlock(PASSPHRASE)
    try:
        top = s.store.scalar("SELECT max(seq) FROM audit")
        with s.store.transaction() as tx:  # the reveals go, and the anchor with them
            tx.execute("DELETE FROM audit WHERE seq > ?", (top - 3,))
            tx.execute("DELETE FROM audit_anchor")
        add_members(s, 1, start=50)  # ordinary work afterwards: a new op and its entry
        assert s.verify() == []  # nothing left on the machine to tell
    finally:
        s.close()
    out = run_cli(app.data_dir, "sync", "--server", central.url)
    assert out.returncode == 4, out.stdout + out.stderr
    assert "E_AUDIT_FORK" in out.stdout and "审计记录接不上中心上次确认的记录" in out.stdout
    device = json.loads(run_cli(app.data_dir, "sync", "status", "--json").stdout)
    status = central.status()
    forks = [q for q in status["quarantine"] if q["code"] == "E_AUDIT_FORK"]
    assert len(forks) == 1, status["quarantine"]
    printed = central.cli("status").stdout
    assert "E_AUDIT_FORK" in printed
    assert device  # the clerk's own status still answers
