"""The log, the excepthooks and `diagnose` (issue 11, item 6): codes and ids, never personal
data. Canary values are pushed through every path that could leak them (error params, an
unexpected exception's message, a thread's crash), then looked for in every file written,
in UTF-8, UTF-16 and GBK.

On round 1's main there was no log file at all (the windowed program threw stderr away) and
no `diagnose`.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile

import pytest
from tests.helpers import PASSPHRASE, run_cli

CANARIES = ("王秘密", "11010519491231002X", "13912345678", "文三路100号", "1949123100")
ENCODINGS = ("utf-8", "utf-16-le", "gbk")


def _leaks(blob: bytes) -> list[str]:
    return [c for c in CANARIES for enc in ENCODINGS if c.encode(enc) in blob]


def _python(data, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ZTCLIENT_PASSPHRASE": PASSPHRASE}
    return subprocess.run(
        [sys.executable, "-c", code, str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    base = tmp_path_factory.mktemp("diag")
    data = base / "data"
    assert (
        run_cli(data, "init", "--unit-name", "中共示例委员会", "--unit-code", "3301").returncode
        == 0
    )
    member = {
        "name": "王秘密",
        "gender": "女",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "address": "浙江省杭州市西湖区文三路100号",
        "category": "full",
        "join_date": "1975-07-01",
        "full_member_date": "1976-07-01",
    }
    good = base / "good.json"
    good.write_text(json.dumps([member], ensure_ascii=False), encoding="utf-8")
    assert run_cli(data, "members", "add", "--from-json", str(good)).returncode == 0
    bad = base / "bad.json"  # the canary ID with a wrong check digit: E_ID_CHECKSUM carries it
    bad.write_text(
        json.dumps([{**member, "id_number": "110105194912310021"}], ensure_ascii=False),
        encoding="utf-8",
    )
    r = run_cli(data, "members", "add", "--from-json", str(bad))
    assert r.returncode == 4 and "110105194912310021" in r.stderr  # shown to the clerk only
    # an unexpected error whose message carries personal data, in the main thread and a thread
    crash = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "from ztclient.bootstrap import start_diagnostics\n"
        "start_diagnostics(Path(sys.argv[1]), 'canary-test')\n"
        "def boom():\n"
        "    raise ValueError('王秘密 11010519491231002X 13912345678 文三路100号')\n"
        "t = threading.Thread(target=boom, name='worker'); t.start(); t.join()\n"
        "raise RuntimeError('身份证 11010519491231002X 电话 13912345678 王秘密')\n"
    )
    r = _python(data, crash)
    assert r.returncode == 1 and "RuntimeError" in r.stderr  # stderr as before
    # a bug inside a CLI verb: E_INTERNAL with a reference, no traceback
    bug = (
        "import ztclient.cli.commands_data as m\n"
        "def verify(ctx):\n"
        "    raise KeyError('王秘密 13912345678')\n"
        "m.cmd_verify = verify\n"
        "import sys\n"
        "from ztclient.bootstrap import cli_main\n"
        "sys.argv = ['ztclient-cli', '--data-dir', sys.argv[1], 'verify']\n"
        "cli_main(sys.argv[1:])\n"
    )
    r_bug = _python(data, bug)
    return data, r_bug


def _log(data) -> str:
    return (data / "logs" / "ztclient.log").read_text(encoding="utf-8")


def test_the_log_is_in_the_data_folder_and_nobody_elses(unit):
    data, _ = unit
    log_dir = data / "logs"
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((log_dir / "ztclient.log").stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_unexpected_errors_are_logged_with_traceback_and_reference(unit):
    data, _ = unit
    log = _log(data)
    assert "ERROR ztclient.incident" in log
    assert "unexpected ValueError in canary-test thread worker [ref " in log
    assert "unexpected RuntimeError in canary-test [ref " in log
    assert "Traceback (most recent call last)" in log and "def boom" not in log


def test_a_bug_in_a_cli_verb_is_e_internal_with_a_reference_and_no_traceback(unit):
    data, r = unit
    assert r.returncode == 1
    assert "E_INTERNAL" in r.stderr and "Traceback" not in r.stderr
    ref = r.stderr.split("编号 ")[1][:8]
    assert f"[ref {ref}]" in _log(data)


def test_no_canary_in_any_log_file(unit):
    data, _ = unit
    for path in (data / "logs").iterdir():
        assert _leaks(path.read_bytes()) == [], path


def test_diagnose_writes_a_useful_zip_without_personal_data(unit, tmp_path):
    data, _ = unit
    out = tmp_path / "support.zip"
    r = run_cli(data, "diagnose", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        blobs = {n: z.read(n) for n in names}
    assert {"README.txt", "summary.json", "logs/ztclient.log"} <= set(names)
    for name, blob in blobs.items():
        assert _leaks(blob) == [], name
    summary = json.loads(blobs["summary.json"])
    assert summary["unlock"] == "ok"
    unit_info = summary["unit"]
    assert unit_info["schema"] == unit_info["latest_schema"]
    assert unit_info["counts"]["members_all"] == 1 and unit_info["verify"] == []
    assert unit_info["audit"]["epoch"] == 1 and unit_info["cipher_version"]
    assert summary["keyfile"]["slots"]["passphrase"]["m"] >= 65536
    assert summary["versions"]["sqlcipher3"] and summary["versions"]["ztclient"]
    assert any(
        f["name"] == "ztclient.db" and f["mode"] == "0o600" for f in summary["data_folder"]["files"]
    )
    assert b"[ref " in blobs["logs/ztclient.log"]


def test_diagnose_works_when_the_unit_does_not_open(unit, tmp_path):
    data, _ = unit
    out = tmp_path / "wrong.zip"
    r = run_cli(data, "diagnose", "--out", str(out), passphrase="not the passphrase")
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        assert json.loads(z.read("summary.json"))["unlock"] == "E_WRONG_PASSPHRASE"
    out2 = tmp_path / "none.zip"
    assert (
        run_cli(data, "diagnose", "--out", str(out2), "--no-unlock", passphrase=None).returncode
        == 0
    )
    with zipfile.ZipFile(out2) as z:
        assert json.loads(z.read("summary.json"))["unlock"] == "not tried"
