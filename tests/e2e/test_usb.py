"""Offline: enrol from the enrolment file, carry bundles up by USB, bring acknowledgements back,
all through the two command lines as a clerk and the higher committee would type them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.work import month_of_work
from tests.helpers import run_cli


def cli_json(data_dir, *args):
    out = run_cli(data_dir, *args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_enrolment_file_and_usb_round_trip(central, make_unit, tmp_path):
    app, s = make_unit("U200")
    n = month_of_work(s, n_members=6, weeks=2) + 1
    s.close()
    data = app.data_dir
    enrol_file = tmp_path / "enrol-U200.json"
    central.enroll_unit("U200", enrol_file)

    res = cli_json(
        data,
        "enroll",
        "--enrolment-file",
        str(enrol_file),
        "--request-out",
        str(tmp_path / "usb" / "enrol-request.json"),
    )
    assert res["trust_version"] == 1
    central.cli("import", res["request_file"])  # the committee registers the device

    usb = tmp_path / "usb"
    exported = cli_json(data, "bundle", "export", "--out", str(usb))["files"]
    assert len(exported) == 1  # the default: up to 200 ops in a bundle
    assert exported[0]["seq_from"] == 1 and exported[0]["seq_to"] == n
    # exporting again writes the same bundle bytes (never re-sealed)
    again = cli_json(data, "bundle", "export", "--out", str(usb))["files"]
    assert [f["bundle_id"] for f in again] == [f["bundle_id"] for f in exported]

    bundle_file = exported[0]["file"]
    central.publish("U200", "notice", {"title": "U盘带回的通知", "body": "……"}, tmp_path)
    central.cli("import", bundle_file)
    ack = bundle_file + ".ack.dzb"
    first_ack = Path(ack).read_bytes()
    central.cli("import", bundle_file)  # importing the same file twice changes nothing …
    assert Path(ack).read_bytes() == first_ack  # … and writes the same acknowledgement
    with central.db().tx() as tx:
        assert (
            tx.scalar(
                "SELECT count(*) FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
                "WHERE d.unit = 'U200'"
            )
            == n
        )

    before = cli_json(data, "sync", "status")
    assert before["in_flight"] == n
    imp = cli_json(data, "bundle", "import", ack)["imported"]
    assert imp[0]["imported"] and sum(r["synced"] for r in imp[0]["receipts"]) == n
    after = cli_json(data, "sync", "status")
    assert (after["pending"], after["in_flight"], after["synced"]) == (0, 0, n)
    assert after["last_sync_how"] == "usb" and after["bundles"] == {"acknowledged": 1}
    assert [n["body"]["title"] for n in after["notices"]] == ["U盘带回的通知"]

    # the client importing the same acknowledgement again changes nothing
    out = run_cli(data, "bundle", "import", ack)
    assert out.returncode == 0 and ("以前已经导入" in out.stdout)
    again = cli_json(data, "sync", "status")
    for key in ("pending", "in_flight", "synced", "down_seq", "bundles", "watermark"):
        assert again[key] == after[key]

    # nothing pending: an export writes nothing
    assert cli_json(data, "bundle", "export", "--out", str(tmp_path / "usb2"))["files"] == []


def test_usb_bundles_out_of_order_are_held_then_applied(central, make_unit, tmp_path):
    app, s = make_unit("U201")
    enrol_file = tmp_path / "enrol-U201.json"
    central.enroll_unit("U201", enrol_file)
    res = s.sync.enroll_file(str(enrol_file))
    central.cli("import", res["request_file"])
    month_of_work(s, n_members=4, weeks=1)
    s.sync.max_ops = 4
    files = s.sync.export(str(tmp_path / "usb"))
    assert len(files) >= 2
    acks = []
    for f in reversed(files):  # the committee imports the newest first: held, then released
        central.cli("import", f["file"])
        acks.append(f["file"] + ".ack.dzb")
    # the acks chain by downlink number; the CLI takes them in any order
    out = run_cli(app.data_dir, "bundle", "import", *acks)
    assert out.returncode == 0, out.stderr
    s2 = app.unlock("测试口令 correct horse")
    try:
        st = s2.sync.status()
        assert (st["pending"], st["in_flight"]) == (0, 0)
        assert st["bundles"] == {"acknowledged": len(files)}
    finally:
        s2.close()
    with central.db().tx() as tx:
        seqs = [
            r["seq"]
            for r in tx.all(
                "SELECT a.seq FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
                "WHERE d.unit = 'U201' ORDER BY a.seq"
            )
        ]
    assert seqs == list(range(1, len(seqs) + 1))


def test_cli_before_enrolment_says_so(make_unit):
    app, s = make_unit("U299")
    s.close()
    out = run_cli(app.data_dir, "sync")
    assert out.returncode == 4 and "尚未登记" in out.stderr
    out = run_cli(app.data_dir, "--lang", "en", "sync", "status")
    assert out.returncode == 0 and "pending 1" in out.stdout
