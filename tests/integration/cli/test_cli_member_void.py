"""`members void ID --reason …`: a member added by mistake is taken back from the command line
(录入错误作废, docs/cli.md): out of the roster, found with --all marked 已作废 with the reason."""

from __future__ import annotations

import json

from tests.helpers import run_cli


def _member(session, branch, name):
    mid, _ = session.members.add(
        {"name": name, "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    return mid


def test_a_member_entered_in_error_is_voided_from_the_command_line(unit):
    app, session, _ = unit
    branch = session.store.get_meta("test_branch_id")
    _member(session, branch, "张在册")
    wrong = _member(session, branch, "王错录")
    session.close()

    out = run_cli(app.data_dir, "members", "void", "王错录")
    assert out.returncode != 0  # --reason is required
    out = run_cli(app.data_dir, "members", "void", "王错录", "--reason", "  ")
    assert out.returncode != 0 and "请填写“原因”" in out.stderr, out.stderr

    out = run_cli(app.data_dir, "members", "void", "王错录", "--reason", "测试时录入")
    assert out.returncode == 0 and "已作废" in out.stdout, out.stderr

    listed = run_cli(app.data_dir, "members", "list", "--json")
    assert [r["name"] for r in json.loads(listed.stdout)] == ["张在册"]
    every = run_cli(app.data_dir, "members", "list", "--all").stdout
    assert "王错录" in every and "已作废" in every
    shown = run_cli(app.data_dir, "members", "show", wrong).stdout
    assert "status: 已作废" in shown and "void_reason: 测试时录入" in shown

    again = run_cli(app.data_dir, "members", "void", wrong, "--reason", "再来", "--json")
    assert again.returncode != 0 and "已作废" in again.stderr + again.stdout
