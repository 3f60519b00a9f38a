"""Protocol 2 (the lean exchange) beside protocol 1 (the exchange of 0.1): the same server
answers both, and neither kind of receipt carries a conflict's values.

A device not yet upgraded speaks protocol 1 (handshake, resumable upload, receipts one by one,
downlink poll); ``SyncPolicy(protocol=1)`` makes this client do exactly that, on the wire.
"""

from __future__ import annotations

import json

from tests.e2e.work import add_members, month_of_work

from ztclient.services.sync import SyncPolicy


def _enrol(central, s, tmp_path, unit):
    s.sync.enroll_online(central.url, central.enroll_unit(unit, tmp_path / f"e-{unit}.json"))


def _applied(central, unit):
    with central.db().tx() as tx:
        return tx.all(
            "SELECT a.op_id FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
            "WHERE d.unit = $1 ORDER BY a.seq",
            (unit,),
        )


def test_a_protocol_1_device_still_syncs_with_the_new_server(central, make_unit, tmp_path):
    _, old = make_unit("U701", policy=SyncPolicy(protocol=1))
    _enrol(central, old, tmp_path, "U701")
    n = month_of_work(old, n_members=5, weeks=2) + 1
    rep = old.sync.sync()
    assert all(b.status == "applied" for b in rep.sent)
    st = old.sync.status()
    assert (st["pending"], st["in_flight"], st["synced"]) == (0, 0, n)
    receipts = old.store.column("SELECT receipt FROM sync_bundles")
    assert receipts and all(bytes(r).startswith(b"DZR1") for r in receipts)  # protocol 1
    assert len(_applied(central, "U701")) == n


def test_conflict_values_come_down_encrypted_never_in_a_receipt(central, make_unit, tmp_path):
    # two devices of one unit edit the same phone number: a true conflict at the centre
    _, a = make_unit("U702")
    _enrol(central, a, tmp_path, "U702")
    [m] = add_members(a, 1)
    a.sync.sync()
    rec = a.members.get(m)
    a.members.update(m, {"phone": "13600000000"}, rec["version"])
    with central.db().tx() as tx:  # another device's edit of the same field, already applied
        row = tx.one("SELECT data, fver, version FROM records WHERE id = $1", (m,))
        data, fver = json.loads(row["data"]), json.loads(row["fver"])
        data["phone"], fver["phone"] = "13700000000", row["version"] + 1
        tx.run(
            "UPDATE records SET data = $1, fver = $2, version = $3 WHERE id = $4",
            (json.dumps(data), json.dumps(fver), row["version"] + 1, m),
        )
    rep = a.sync.sync()
    assert rep.conflicts == 1 and [b.status for b in rep.sent] == ["applied"]
    [c] = a.sync.status()["conflicts"]
    assert (c["field"], {c["yours"], c["theirs"]}) == ("phone", {"13600000000", "13700000000"})
    # the values came down encrypted; no receipt carries them, in either protocol
    parts = b"".join(bytes(r) for r in a.store.column("SELECT receipt FROM sync_bundles"))
    assert parts and b"1360000" not in parts and b"1370000" not in parts
    with central.db().tx() as tx:  # the protocol 1 receipts the server keeps
        v1 = b"".join(bytes(r["receipt"]) for r in tx.all("SELECT receipt FROM bundles"))
    assert v1 and b"1360000" not in v1 and b"1370000" not in v1
