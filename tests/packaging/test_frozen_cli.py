"""The frozen ztclient-cli does what a clerk's scripts and the support desk rely on:
init a unit, load demo data, verify it, list it, export a report and print minutes.

Every verb of the source CLI must be in the frozen one and work there: a missing verb fails (a
module left out of the build once hid a whole command group, issue 9), as does a missing font,
module or data file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import pytest
from tests.helpers import every_screen
from tests.packaging.conftest import FrozenCli


def top_level_verbs(cli) -> set[str]:
    help_text = cli.run("--help").stdout
    block = re.search(r"\{([a-z0-9_,-]+)\}", help_text)  # argparse: "{init,demo,...}"
    verbs = set(block.group(1).split(",")) if block else set()
    verbs |= set(re.findall(r"^\s{4}([a-z][a-z0-9_-]+)\s", help_text, re.M))
    return verbs


def rows_of(payload, *keys: str) -> list:
    if isinstance(payload, list):
        return payload
    return next((payload[k] for k in keys if isinstance(payload.get(k), list)), [])


def test_help_lists_the_verbs(demo_unit):
    verbs = top_level_verbs(demo_unit)
    assert {"init", "demo", "verify", "backup", "restore", "members", "meetings"} <= verbs, verbs


def test_demo_data_is_there_and_verifies(demo_unit):
    verify = demo_unit.run("verify", "--json")
    assert verify.returncode == 0
    members = json.loads(demo_unit.run("members", "list", "--json").stdout)
    assert len(rows_of(members, "members", "rows")) >= 10, members
    meetings = json.loads(demo_unit.run("meetings", "list", "--json").stdout)
    assert rows_of(meetings, "meetings", "rows"), meetings


def test_backup_and_restore_elsewhere(demo_unit, tmp_path):
    """What install.md tells a clerk moving to a new PC: back up, restore, verify."""
    out = tmp_path / "backup.zip"
    demo_unit.run("backup", "--out", str(out))
    assert zipfile.is_zipfile(out)
    fresh = FrozenCli(demo_unit.exe.parent, tmp_path / "new-pc")
    fresh.run("restore", str(out))
    fresh.run("verify")
    assert json.loads(fresh.run("members", "list", "--json").stdout) == json.loads(
        demo_unit.run("members", "list", "--json").stdout
    )


def _first_id(cli, what: str) -> str:
    payload = json.loads(cli.run(what, "list", "--json").stdout)
    return str(rows_of(payload, what, "rows")[0]["id"])


def _require_verb(cli, verb: str) -> None:
    assert verb in top_level_verbs(cli), f"the frozen ztclient-cli has no '{verb}' verb"


def test_frozen_cli_has_every_verb_of_the_source_cli(demo_unit):
    """The frozen build loads every command group the source tree registers."""
    from ztclient.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) <= top_level_verbs(demo_unit), set(sub.choices) - top_level_verbs(
        demo_unit
    )


@pytest.mark.parametrize("kind", ["roster", "meetings", "study", "composition"])
def test_export_report(demo_unit, tmp_path, kind):
    """openpyxl and its data are in the build; the report opens as a workbook."""
    _require_verb(demo_unit, "export")
    out = tmp_path / f"{kind}.xlsx"
    demo_unit.run("export", kind, "--out", str(out))
    with zipfile.ZipFile(out) as z:
        assert "xl/workbook.xml" in z.namelist()
        assert any(n.startswith("xl/worksheets/") for n in z.namelist())


@pytest.mark.parametrize("doc", ["minutes", "signin", "card"])
def test_print_document(demo_unit, tmp_path, doc):
    """reportlab and the bundled CJK fonts are in the build: the PDF embeds a TrueType font and
    its text reads back as Chinese (poppler's pdftotext, when present)."""
    _require_verb(demo_unit, "print")
    record = _first_id(demo_unit, "members" if doc == "card" else "meetings")
    out = tmp_path / f"{doc}.pdf"
    demo_unit.run("print", doc, record, "--out", str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"/FontFile2" in data
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert re.search(r"[\u4e00-\u9fff]{4,}", text), text[:500]


def test_screenshots_render_every_screen(demo_unit, tmp_path):
    """The whole desktop program (main window, QtCharts dashboard, dialogs) renders from the
    frozen build: `screenshot` drives a throw-away demo unit offscreen."""
    _require_verb(demo_unit, "screenshot")
    out = tmp_path / "shots"
    env_before = dict(demo_unit.env)
    demo_unit.env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        demo_unit.run("screenshot", "--out", str(out), timeout=240)
    finally:
        demo_unit.env = env_before
    shots = {p.stem: p.stat().st_size for p in out.glob("*.png")}
    assert set(shots) == every_screen(), set(shots) ^ every_screen()
    assert all(size > 10_000 for size in shots.values()), shots


def test_wrong_passphrase_exit_code(demo_unit):
    """Exit codes are a contract (3 = wrong passphrase); the frozen build keeps them."""
    env = dict(demo_unit.env, ZTCLIENT_PASSPHRASE="wrong passphrase 000")
    proc = subprocess.run([str(demo_unit.exe), "verify"], env=env, capture_output=True, timeout=120)
    assert proc.returncode == 3, (proc.returncode, proc.stderr[-2000:])
    assert proc.stderr.strip()  # a message for the clerk, not a traceback
    assert b"Traceback" not in proc.stderr
