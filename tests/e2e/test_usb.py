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
    central.cli("import", bundle_file)  # importing the same file twice applies nothing …
    # … and writes a fresh acknowledgement, which still carries the first one's downlink
    assert Path(ack).read_bytes().startswith(first_ack) and len(Path(ack).read_bytes()) > len(
        first_ack
    )
    assert exported[0]["bundle_id"] not in Path(bundle_file).name  # no bundle id in file names
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


def _done(app, n_files: int) -> dict:
    s2 = app.unlock("测试口令 correct horse")
    try:
        return s2.sync.status()
    finally:
        s2.close()


def _applied_seqs(central, unit: str) -> list[int]:
    with central.db().tx() as tx:
        return [
            r["seq"]
            for r in tx.all(
                "SELECT a.seq FROM applied_ops a JOIN devices d ON d.device_id = a.device_id "
                "WHERE d.unit = $1 ORDER BY a.seq",
                (unit,),
            )
        ]


def test_bundles_before_the_enrolment_request_are_held_then_confirmed(central, make_unit, tmp_path):
    """The committee imports the stick in the order the files come: the bundles (newest first)
    before the enrolment request. They are kept, applied when the request arrives, and the
    acknowledgement written then confirms every change on the device, exactly once."""
    app, s = make_unit("U202")
    enrol_file = tmp_path / "enrol-U202.json"
    central.enroll_unit("U202", enrol_file)
    usb = tmp_path / "usb"
    res = s.sync.enroll_file(str(enrol_file), str(usb / "request.json"))
    n = month_of_work(s, n_members=4, weeks=1) + 1
    s.sync.max_ops = 4
    files = [f["file"] for f in s.sync.export(str(usb))]
    assert len(files) >= 3
    s.close()
    out = central.cli("import", *reversed(files), check=False)  # request not there yet
    assert out.returncode == 4 and "E_DEVICE_UNKNOWN" in out.stdout
    assert len(central.status()["quarantine"]) == len(files)
    central.cli("import", res["request_file"])  # the request: the bundles go through now
    assert central.status()["quarantine"] == []
    acks = sorted(str(p) for p in usb.glob("*.ack.dzb"))
    assert acks == [res["request_file"] + ".ack.dzb"]
    out = run_cli(app.data_dir, "bundle", "import", *acks)
    assert out.returncode == 0, out.stderr
    st = _done(app, len(files))
    assert (st["pending"], st["in_flight"], st["synced"]) == (0, 0, n)
    assert _applied_seqs(central, "U202") == list(range(1, n + 1))


def test_quarantine_retry_writes_an_acknowledgement(central, make_unit, tmp_path):
    """A bundle that came before its device was known, released by hand with
    ``quarantine --retry``: the retry writes an acknowledgement that confirms it."""
    app, s = make_unit("U203")
    enrol_file = tmp_path / "enrol-U203.json"
    central.enroll_unit("U203", enrol_file)
    usb = tmp_path / "usb"
    s.sync.enroll_file(str(enrol_file), str(usb / "request.json"))
    n = month_of_work(s, n_members=3, weeks=1) + 1
    [f] = s.sync.export(str(usb))
    out = central.cli("import", f["file"], check=False)
    assert out.returncode == 4
    # the device is then enrolled online (not by its request file): nothing releases the bundle
    s.sync.enroll_online(central.url, central.enroll_unit("U203", tmp_path / "again.json"))
    [q] = central.status()["quarantine"]
    out = central.cli("quarantine", "--retry", q["sha256"], "--out", str(usb))
    ack = json.loads(out.stdout)["acknowledgement"]
    s.close()
    out = run_cli(app.data_dir, "bundle", "import", ack)
    assert out.returncode == 0, out.stderr
    st = _done(app, 1)
    assert (st["pending"], st["in_flight"], st["synced"]) == (0, 0, n)
    assert _applied_seqs(central, "U203") == list(range(1, n + 1))


def test_a_damaged_acknowledgement_is_refused_whole(central, make_unit, tmp_path):
    """An acknowledgement carries the device's latest downlink bundles; a bit flipped in its
    last one was refused (E_BUNDLE_SIGNATURE) while the ones before it had been taken: 2 of 3
    bundles acknowledged under a refusal (QA, 2026-12-02). Now the file goes in whole or not."""
    app, s = make_unit("U204")
    enrol_file = tmp_path / "enrol-U204.json"
    central.enroll_unit("U204", enrol_file)
    res = s.sync.enroll_file(str(enrol_file))
    central.cli("import", res["request_file"])
    month_of_work(s, n_members=4, weeks=1)
    s.sync.max_ops = 4
    files = s.sync.export(str(tmp_path / "usb"))
    assert len(files) >= 3
    for f in files:
        central.cli("import", f["file"])
    ack = Path(files[-1]["file"] + ".ack.dzb")
    s.close()
    before = cli_json(app.data_dir, "sync", "status")
    damaged = tmp_path / "damaged.ack.dzb"
    raw = bytearray(ack.read_bytes())
    raw[-40] ^= 0x01
    damaged.write_bytes(bytes(raw))
    out = run_cli(app.data_dir, "bundle", "import", str(damaged), "--json")
    assert out.returncode == 4, out.stderr
    [entry] = json.loads(out.stdout)["imported"]
    assert not entry["imported"] and entry["code"].startswith("E_BUNDLE")
    after = cli_json(app.data_dir, "sync", "status")
    for key in ("pending", "in_flight", "synced", "down_seq", "bundles", "watermark"):
        assert after[key] == before[key], key  # nothing of the file was taken
    # the undamaged file then goes in whole
    out = run_cli(app.data_dir, "bundle", "import", str(ack))
    assert out.returncode == 0, out.stderr
    done = cli_json(app.data_dir, "sync", "status")
    assert (done["in_flight"], done["bundles"]) == (0, {"acknowledged": len(files)})


def test_an_acknowledgement_for_another_unit_says_so(central, make_unit, tmp_path):
    """A clerk picks up the wrong file from a shared USB stick: the acknowledgement is for
    another unit. It used to be refused as E_DEVICE_KEY_MISMATCH {device: central} ("签名密钥
    不属于所声明的设备"), which sent the clerk looking for a forged key (QA)."""
    acks = {}
    for code in ("U205", "U206"):
        app, s = make_unit(code)
        enrol_file = tmp_path / f"enrol-{code}.json"
        central.enroll_unit(code, enrol_file)
        res = s.sync.enroll_file(str(enrol_file))
        central.cli("import", res["request_file"])
        month_of_work(s, n_members=2, weeks=1)
        [f] = s.sync.export(str(tmp_path / code))
        s.close()
        central.cli("import", f["file"])
        acks[code] = (app.data_dir, f["file"] + ".ack.dzb")
    data, _ = acks["U205"]
    before = cli_json(data, "sync", "status")
    out = run_cli(data, "bundle", "import", acks["U206"][1], "--json")
    assert out.returncode == 4, out.stderr
    [entry] = json.loads(out.stdout)["imported"]
    assert (entry["imported"], entry["code"]) == (False, "E_BUNDLE_OTHER_UNIT")
    out = run_cli(data, "bundle", "import", acks["U206"][1])
    assert "U206" in out.stdout + out.stderr and "U205" in out.stdout + out.stderr
    after = cli_json(data, "sync", "status")
    for key in ("pending", "in_flight", "synced", "down_seq", "bundles"):
        assert after[key] == before[key], key
