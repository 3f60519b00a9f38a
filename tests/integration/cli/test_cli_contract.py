"""ztclient-cli as a user runs it: the verbs of the contract, JSON shapes and exit codes."""

from __future__ import annotations

import json

import pytest
from tests.helpers import PASSPHRASE, run_cli


@pytest.fixture(scope="module")
def demo_unit(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli") / "data"
    r = run_cli(
        data, "init", "--unit-name", "中共示例街道工作委员会", "--unit-code", "3301060001", "--json"
    )
    assert r.returncode == 0, r.stderr
    code = json.loads(r.stdout)["recovery_code"]
    r = run_cli(data, "demo", "--scale", "branch", "--seed", "3", "--json")
    assert r.returncode == 0, r.stderr
    return data, code


def test_init_prints_a_recovery_code_and_refuses_twice(demo_unit):
    data, code = demo_unit
    assert len(code.replace("-", "").replace(" ", "")) >= 20
    r = run_cli(data, "init", "--unit-name", "x", "--unit-code", "y")
    assert r.returncode == 4 and "E_ALREADY_INITIALISED" in r.stderr


def test_members_list_search_by_pinyin_initials_json(demo_unit):
    data, _ = demo_unit
    rows = json.loads(run_cli(data, "members", "list", "--json").stdout)
    assert len(rows) >= 30
    target = rows[0]
    from ztclient.services.search_text import name_pinyin

    initials = name_pinyin(target["name"])[1]
    found = json.loads(run_cli(data, "members", "list", "--search", initials, "--json").stdout)
    assert target["id"] in [r["id"] for r in found]
    assert all("*" in (r["id_number"] or "*") for r in rows)  # masked by default


def test_members_show_masks_unless_revealed(demo_unit):
    data, _ = demo_unit
    member = json.loads(run_cli(data, "members", "list", "--json").stdout)[0]
    shown = json.loads(run_cli(data, "members", "show", member["id"], "--json").stdout)
    assert "*" in shown["id_number"]
    revealed = json.loads(
        run_cli(data, "members", "show", member["id"], "--reveal", "--json").stdout
    )
    assert "*" not in revealed["id_number"] and len(revealed["id_number"]) == 18


def test_members_add_rejects_a_bad_id_number_and_writes_nothing(demo_unit, tmp_path):
    data, _ = demo_unit
    before = len(json.loads(run_cli(data, "members", "list", "--json").stdout))
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            [
                {
                    "name": "好人",
                    "gender": "女",
                    "id_number": "11010519491231002X",
                    "category": "full",
                    "join_date": "1975-07-01",
                    "full_member_date": "1976-07-01",
                },
                {
                    "name": "错号",
                    "gender": "男",
                    "id_number": "110105194912310021",
                    "category": "full",
                },
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    r = run_cli(data, "members", "add", "--from-json", str(bad))
    assert r.returncode == 4, r.stderr
    assert "E_ID_CHECKSUM" in r.stderr
    after = len(json.loads(run_cli(data, "members", "list", "--json").stdout))
    assert after == before


def test_meeting_and_study_round_trip(demo_unit, tmp_path):
    data, _ = demo_unit
    members = json.loads(run_cli(data, "members", "list", "--json").stdout)
    branch = members[0]["org_name"]
    meeting = tmp_path / "meeting.json"
    meeting.write_text(
        json.dumps(
            {
                "org": branch,
                "kind": "branch_general",
                "starts_at": "2026-11-20 09:00",
                "place": "党员活动室",
                "agenda": ["学习传达会议精神"],
                "minutes": "会议由书记主持。",
                "all_present": True,
                "resolutions": [
                    {
                        "title": "通过年度工作计划",
                        "votes_for": 20,
                        "votes_against": 0,
                        "votes_abstain": 0,
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    r = run_cli(data, "meetings", "add", "--from-json", str(meeting), "--json")
    assert r.returncode == 0, r.stderr
    meeting_id = json.loads(r.stdout)["meetings"][0]["id"]
    listed = json.loads(run_cli(data, "meetings", "list", "--json").stdout)
    assert meeting_id in [m["id"] for m in listed]
    study = tmp_path / "study.json"
    study.write_text(
        json.dumps({"meeting_id": meeting_id, "hours": 2, "form": "collective"}), encoding="utf-8"
    )
    r = run_cli(data, "study", "add", "--from-json", str(study), "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(run_cli(data, "study", "summary", "--year", "2026", "--json").stdout)
    assert summary["year"] == 2026 and summary["members"]
    assert {"hours", "target", "short"} <= set(summary["members"][0])


def test_exit_codes_wrong_passphrase_usage_and_verify(demo_unit):
    data, _ = demo_unit
    assert run_cli(data, "verify").returncode == 0
    r = run_cli(data, "members", "list", passphrase="wrong passphrase")
    assert r.returncode == 3 and "E_WRONG_PASSPHRASE" in r.stderr
    assert run_cli(data, "members", "frobnicate").returncode == 2
    r = run_cli(data, "members", "list", passphrase=None)  # no file, no env, no terminal
    assert r.returncode == 2 and "E_NO_PASSPHRASE" in r.stderr


def test_passphrase_file_and_passwd(tmp_path):
    data = tmp_path / "data"
    assert run_cli(data, "init", "--unit-name", "单位", "--unit-code", "1").returncode == 0
    pf = tmp_path / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert run_cli(data, "--passphrase-file", str(pf), "verify", passphrase=None).returncode == 0
    new = tmp_path / "new.txt"
    new.write_text("另一个口令 12345", encoding="utf-8")
    r = run_cli(data, "passwd", "--new-passphrase-file", str(new))
    assert r.returncode == 0, r.stderr
    assert run_cli(data, "verify", passphrase="另一个口令 12345").returncode == 0


def test_damaged_data_exit_code_5(tmp_path):
    data = tmp_path / "data"
    assert run_cli(data, "init", "--unit-name", "单位", "--unit-code", "1").returncode == 0
    db = data / "ztclient.db"
    for suffix in ("-wal", "-shm"):
        (data / ("ztclient.db" + suffix)).unlink(missing_ok=True)
    blob = bytearray(db.read_bytes())
    blob[200] ^= 0xFF
    db.write_bytes(bytes(blob))
    r = run_cli(data, "verify")
    assert r.returncode == 5, r.stderr
