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
