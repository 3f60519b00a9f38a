"""The ztcentral CLI: init, enroll-unit (code + file), offline enrolment and bundles by USB
file with acknowledgement bundles, import twice = no change, report (XLSX read back), status."""

from __future__ import annotations

import base64
import json

import pytest
from tests.integration.central.zc_helpers import Device

from ztcentral.cli import main
from ztprotocol import enrol
from ztprotocol.trust import parse_trust, verify_trust
from ztprotocol.usb import export_bundle, scan_folder, split_bundles


@pytest.fixture
def data_dir(tmp_path, db_url):
    d = tmp_path / "central"
    args = ["--data-dir", str(d), "init"] + (["--db", db_url] if db_url else [])
    assert main(args) == 0
    return d


def run(data_dir, *args) -> int:
    return main(["--data-dir", str(data_dir), *args])


def offline_device(data_dir, tmp_path, capsys) -> tuple[Device, str]:
    assert (
        run(data_dir, "enroll-unit", "--unit-code", "U001", "--out", str(tmp_path / "enrol.json"))
        == 0
    )
    code = capsys.readouterr().out.strip()
    info = enrol.read_enrolment_file((tmp_path / "enrol.json").read_bytes())
    assert info["code"] == code and info["unit"] == "U001"
    dev = Device("U001")
    trust = info["trust"].encode()
    dev.trust = verify_trust(trust, pinned_root=parse_trust(trust)[0].signed["root"]["keys"])
    req = tmp_path / "usb" / "enrol-request.json"
    req.parent.mkdir()
    req.write_bytes(dev.enrol_request(code))
    assert run(data_dir, "import", str(req)) == 0
    capsys.readouterr()
    return dev, code


def test_usb_round_trip_and_double_import(data_dir, tmp_path, capsys):
    dev, _ = offline_device(data_dir, tmp_path, capsys)
    usb = tmp_path / "usb"
    ops = dev.next_ops(
        [
            ("org", "o1", "create", {"kind": "branch", "name": "第一党支部"}),
            ("member", "m1", "create", {"name": "张三", "category": "full", "status": "normal"}),
            (
                "member",
                "m2",
                "create",
                {"name": "李四", "category": "probationary", "status": "normal"},
            ),
            (
                "meeting",
                "mt1",
                "create",
                {
                    "kind": "branch_general",
                    "title": "支部党员大会",
                    "starts_at": "2026-03-01T09:00",
                    "attendance": [{"member_id": "m1", "status": "present"}],
                    # the figures the client computed from the meeting's snapshot
                    "figures": {"due": 2, "present": 1, "voters_due": 1, "voters_present": 1},
                },
            ),
            (
                "study_log",
                "sb",
                "insert_many",
                {
                    "rows": [
                        {"id": "s1", "member_id": "m1", "date": "2026-03-01", "hours": 40.0},
                        {"id": "s2", "member_id": "m2", "date": "2026-03-01", "hours": 4.0},
                    ]
                },
            ),
        ]
    )
    data = dev.seal(ops)
    path = export_bundle(
        usb,
        data,
        unit="U001",
        seq_from=1,
        seq_to=5,
        bundle_hash=__import__("hashlib").sha256(data).hexdigest(),
    )
    assert dev.sent[__import__("hashlib").sha256(data).hexdigest()] not in path.name
    assert run(data_dir, "import", str(path)) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert first["status"] == "applied" and not first["duplicate"]
    ack_path = path.with_name(path.name + ".ack.dzb")
    ack1 = ack_path.read_bytes()
    assert run(data_dir, "status", "--json") == 0
    before = json.loads(capsys.readouterr().out)
    # importing the same file again applies nothing and writes a fresh acknowledgement that
    # still carries the first one's downlink bundle (a device may have missed it)
    assert run(data_dir, "import", str(path)) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert second["duplicate"] and ack_path.read_bytes().startswith(ack1)
    assert run(data_dir, "status", "--json") == 0
    after = json.loads(capsys.readouterr().out)
    assert after["units"] == before["units"]  # the same records
    assert [d["watermark"] for d in after["devices"]] == [d["watermark"] for d in before["devices"]]
    assert before["units"][0]["counts"]["member"] == 2
    assert before["devices"][0]["watermark"] == 5
    # the client imports the acknowledgement from the stick
    found = dict(scan_folder(usb))
    _header, items = dev.open_down(split_bundles(found[ack_path])[0])
    rec = next(i for i in items if i["type"] == "receipt")
    r = dev.verify(base64.b64decode(rec["body"]["receipt"]), data)
    assert r.watermark == 5 and len(r.synced_op_ids) == 5
    # the report reads back with openpyxl: the unit's figures
    out = tmp_path / "report.xlsx"
    assert run(data_dir, "report", "--out", str(out), "--year", "2026") == 0
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    head = [c.value for c in ws[1]]
    row = dict(zip(head, [c.value for c in ws[2]], strict=True))
    assert row["单位"] == "U001" and row["党员数"] == 2
    assert row["支部党员大会已开"] == 1 and row["支部党员大会应开"] == 4
    assert row["学习总学时"] == 44.0 and row["不足32学时人数"] == 1
    # 应到/实到 as the unit's meeting stated them (never recounted at the centre)
    assert (row["会议应到人次"], row["会议实到人次"], row["到会率"], row["无快照会议"]) == (
        2,
        1,
        0.5,
        0,
    )


def test_status_text_and_quarantine(data_dir, tmp_path, capsys):
    dev, _ = offline_device(data_dir, tmp_path, capsys)
    stranger = Device("U001")
    stranger.trust = dev.trust
    bad = tmp_path / "stranger.dzb"
    bad.write_bytes(stranger.seal(stranger.next_ops([("member", "x", "create", {})])))
    assert run(data_dir, "import", str(bad)) == 4
    capsys.readouterr()
    assert run(data_dir, "status") == 0
    text = capsys.readouterr().out
    assert "unit U001" in text and "E_DEVICE_UNKNOWN" in text
    assert f"device {dev.device_id}" in text


def test_import_refuses_unknown_files(data_dir, tmp_path, capsys):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"hello")
    assert run(data_dir, "import", str(junk)) == 4
    assert "E_IMPORT_KIND" in capsys.readouterr().err


def test_down_file_for_usb(data_dir, tmp_path, capsys):
    dev, _ = offline_device(data_dir, tmp_path, capsys)
    body = tmp_path / "notice.json"
    body.write_text(json.dumps({"title": "学习资料", "body": "…"}, ensure_ascii=False), "utf-8")
    assert (
        run(data_dir, "publish", "--unit", "U001", "--type", "material", "--body-file", str(body))
        == 0
    )
    out = tmp_path / "usb" / "down-1.dzb"
    assert run(data_dir, "down", "--device", dev.device_id, "--after", "0", "--out", str(out)) == 0
    _, items = dev.open_down(out.read_bytes())
    assert items[0]["type"] == "material" and items[0]["body"]["title"] == "学习资料"


def test_enroll_unit_records_the_committees_name_for_the_unit(data_dir, tmp_path, capsys):
    """``--unit-name`` is the committee's own entry (ztcentral.unit_names): kept, and given
    again it replaces the earlier one; without it the unit keeps the name it had."""
    from ztcentral.config import open_central
    from ztcentral.unit_names import unit_names

    out = str(tmp_path / "enrol.json")
    args = ("enroll-unit", "--unit-code", "U009", "--out", out)
    assert run(data_dir, *args, "--unit-name", "中共某某支部委员会") == 0
    assert run(data_dir, *args) == 0
    with open_central(data_dir).db.tx() as tx:
        assert unit_names(tx)["U009"].name == "中共某某支部委员会"
    assert run(data_dir, *args, "--unit-name", "中共某某总支部委员会") == 0
    with open_central(data_dir).db.tx() as tx:
        assert unit_names(tx)["U009"].name == "中共某某总支部委员会"
