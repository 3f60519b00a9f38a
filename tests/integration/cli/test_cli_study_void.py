"""`study list` and `study void`: a study log entered by mistake is found and voided from the
command line, as every capability is scriptable (docs/cli.md). Before, a log could be added but
neither listed nor voided: after a lock (no undo) the wrong hours stayed in the yearly total."""

from __future__ import annotations

import json

from tests.helpers import run_cli


def _member(session, branch, name):
    mid, _ = session.members.add(
        {"name": name, "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    return mid


def _hours(app, name):
    out = run_cli(app.data_dir, "study", "summary", "--year", "2026", "--json")
    assert out.returncode == 0, out.stderr
    members = json.loads(out.stdout)["members"]
    return next(r["hours"] for r in members if r["name"] == name)


def test_a_mistaken_study_log_is_listed_and_voided(unit, tmp_path):
    app, session, _ = unit
    branch = session.store.get_meta("test_branch_id")
    _member(session, branch, "周学习")
    session.close()
    logs = tmp_path / "logs.json"
    logs.write_text(json.dumps([
        {"member": "周学习", "date": "2026-03-10", "hours": 4, "form": "集体学习", "topic": "党章"},
        {"member": "周学习", "date": "2026-03-11", "hours": 40, "form": "集体学习", "topic": "错录"},
    ], ensure_ascii=False), encoding="utf-8")  # fmt: skip
    assert run_cli(app.data_dir, "study", "add", "--from-json", str(logs)).returncode == 0
    assert _hours(app, "周学习") == 44

    listed = json.loads(run_cli(app.data_dir, "study", "list", "--member", "周学习",
                                "--year", "2026", "--json").stdout)  # fmt: skip
    assert [(r["date"], r["hours"], r["topic"]) for r in listed] == [
        ("2026-03-11", 40, "错录"), ("2026-03-10", 4, "党章"),
    ]  # fmt: skip
    wrong = listed[0]["id"]
    out = run_cli(app.data_dir, "study", "void", wrong, "--reason", "学时录错")
    assert out.returncode == 0 and "已作废" in out.stdout, out.stderr
    assert _hours(app, "周学习") == 4

    text = run_cli(app.data_dir, "study", "list", "--member", "周学习").stdout
    assert "已作废：学时录错" in text and "集体学习" in text
    again = run_cli(app.data_dir, "study", "void", wrong, "--reason", "x")
    assert again.returncode == 4 and "E_VOIDED" in again.stderr
    missing = run_cli(app.data_dir, "study", "void", "no-such-log", "--reason", "x")
    assert missing.returncode == 4 and "E_NOT_FOUND" in missing.stderr
    assert run_cli(app.data_dir, "study", "void", wrong).returncode == 2  # --reason required
