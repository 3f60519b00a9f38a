"""`meetings add` refuses bad input as a whole file with exit 4 and nothing stored (issue 10
item 4); a unit made with `--unit-kind branch` takes the branch demo (item 9); `export
--as-of` and `study counting` work as documented in docs/cli.md."""

from __future__ import annotations

import json

import openpyxl
import pytest
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def branch_unit(tmp_path_factory):
    """A unit that is itself a 党支部, with the branch demo loaded."""
    data = tmp_path_factory.mktemp("cli-branch") / "data"
    r = run_cli(data, "init", "--unit-name", "中共青山镇机关第一支部委员会",
                "--unit-code", "3301060101", "--unit-kind", "branch", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    r = run_cli(data, "demo", "--scale", "branch", "--seed", "5", "--json")
    assert r.returncode == 0, r.stderr  # it failed before: a branch under a branch
    return data


def counts(data):
    r = run_cli(data, "verify", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def write(path, obj):
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_demo_on_a_branch_unit(branch_unit):
    members = json.loads(run_cli(branch_unit, "members", "list", "--json").stdout)
    assert len(members) > 30
    assert {m["org_name"] for m in members} == {"中共青山镇机关第一支部委员会"}
    meetings = json.loads(run_cli(branch_unit, "meetings", "list", "--json").stdout)
    assert meetings and all(m["due"] >= m["present"] >= 0 for m in meetings)


def test_a_bad_meeting_file_is_refused_whole_with_exit_4(branch_unit, tmp_path):
    before = counts(branch_unit)
    good = {"kind": "lecture", "starts_at": "2026-11-20 09:00", "all_present": True}
    bad = {"kind": "branch_general", "starts_at": "2026-11-21 09:00", "all_present": True,
           "resolutions": [{"title": "鼓掌通过", "kind": "acclamation", "votes_for": 3}]}  # fmt: skip
    r = run_cli(branch_unit, "meetings", "add", "--from-json",
                write(tmp_path / "m.json", [good, bad]), "--json")  # fmt: skip
    assert r.returncode == 4
    assert "E_CODE_UNKNOWN" in r.stderr and "resolutions[1].kind" in r.stderr
    error = json.loads(r.stdout.strip().splitlines()[-1])["error"]
    assert error["errors"][0]["field"] == "resolutions[1].kind"
    assert counts(branch_unit) == before  # the good meeting was not stored either


@pytest.mark.parametrize(
    "obj",
    [
        "hello",
        [1, 2],
        {"kind": "lecture", "starts_at": "2026-11-01T09:00", "attendance": "all"},
        {"kind": "lecture", "starts_at": "2026-11-01T09:00", "chair": {"x": 1}},
        {"kind": "lecture", "starts_at": "2026-11-01T09:00", "resolutions": [["a"]]},
        {"kind": "lecture", "starts_at": "2026-11-01T09:00", "seq_no": [3]},
        {"kind": "lecture", "starts_at": "2026-11-01T09:00", "ends_at": "2026-11-01T08:00"},
    ],
)
def test_no_input_ends_in_a_traceback(branch_unit, tmp_path, obj):
    r = run_cli(branch_unit, "meetings", "add", "--from-json", write(tmp_path / "x.json", obj))
    assert r.returncode == 4, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("错误 E_")


def test_export_as_of_and_study_counting(branch_unit, tmp_path):
    out = tmp_path / "k.xlsx"
    r = run_cli(branch_unit, "export", "composition", "--as-of", "2025-12-31", "--out", str(out))
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(out)["构成统计"]
    assert "截至2025年12月31日" in ws["A1"].value
    assert all(r[2] >= 0 and 0 <= r[3] <= 1 for r in ws.iter_rows(min_row=4, values_only=True)
               if r[2] is not None)  # fmt: skip
    r = run_cli(branch_unit, "study", "counting", "--json")
    assert json.loads(r.stdout)["counted"] == ["intensive", "collective", "lecture", "org_life"]
    r = run_cli(branch_unit, "study", "counting", "--set", "集中培训,集体学习,个人自学", "--json")
    assert json.loads(r.stdout)["counted"] == ["intensive", "collective", "self"]
    r = run_cli(branch_unit, "study", "counting", "--set", "打牌")
    assert r.returncode == 4 and "E_CODE_UNKNOWN" in r.stderr


def four_members(tmp_path):
    """A committee with 第一党支部: three 正式党员 and 丁预备 (入党 2024-09-01)."""
    data = tmp_path / "data"
    r = run_cli(data, "init", "--unit-name", "中共测试街道工作委员会", "--unit-code", "U001",
                "--unit-kind", "committee")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert run_cli(data, "orgs", "add", "--name", "第一党支部", "--kind", "branch").returncode == 0
    people = [
        {"name": "甲书记", "gender": "男", "birth_date": "1970-01-01", "category": "full",
         "join_date": "2000-07-01", "full_member_date": "2001-07-01"},
        {"name": "乙正式", "gender": "女", "birth_date": "1980-02-02", "category": "full",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"},
        {"name": "丙正式", "gender": "男", "birth_date": "1981-03-03", "category": "full",
         "join_date": "2012-07-01", "full_member_date": "2013-07-01"},
        {"name": "丁预备", "gender": "女", "birth_date": "1995-04-04", "category": "probationary",
         "join_date": "2024-09-01", "application_date": "2020-01-01",
         "activist_date": "2021-01-01", "candidate_date": "2023-01-01"},
    ]  # fmt: skip
    people = [p | {"org": "第一党支部", "status": "normal"} for p in people]
    r = run_cli(data, "members", "add", "--from-json", write(tmp_path / "p.json", people))
    assert r.returncode == 0, r.stderr
    return data


COMMON = {"org": "第一党支部", "place": "党员活动室", "chair": "甲书记", "recorder": "乙正式",
          "all_present": True}  # fmt: skip


def test_a_file_whose_later_meeting_breaks_a_development_rule_writes_nothing(tmp_path):
    """The 发展党员 rules a resolution triggers (here: a 转正 with no 转正申请 on record) are
    checked as its meeting is written, not in the file's first pass; the meeting before it in
    the same file was stored anyway (QA, 2026-12-02). Now the file is one transaction."""
    data = four_members(tmp_path)
    common = COMMON
    theme = common | {"kind": "theme_day", "starts_at": "2025-08-10 09:00", "agenda": ["学习"]}
    conversion = common | {
        "kind": "branch_general", "starts_at": "2025-09-01 09:00", "agenda": ["转正"],
        "resolutions": [{"title": "同意丁预备按期转为正式党员", "kind": "conversion",
                         "subject": "丁预备", "votes_for": 3, "votes_against": 0,
                         "votes_abstain": 0}],
    }  # fmt: skip
    before = counts(data)
    r = run_cli(data, "meetings", "add", "--from-json",
                write(tmp_path / "two.json", [theme, conversion]), "--json")  # fmt: skip
    assert r.returncode == 4, r.stderr
    assert r.stderr.startswith("错误 E_DEV_"), r.stderr
    error = json.loads(r.stdout.strip().splitlines()[-1])["error"]
    assert error["params"]["meeting"] == 2
    listed = json.loads(run_cli(data, "meetings", "list", "--json").stdout)
    assert listed == []  # the 主题党日 before it is not stored either
    assert counts(data) == before
    member = json.loads(run_cli(data, "members", "show", "丁预备", "--json").stdout)
    assert member["category"] == "probationary"


def test_a_meeting_shown_edited_and_voided_from_the_command_line(tmp_path):
    """docs/cli.md: every capability is scriptable; a meeting could be added but not changed or
    voided from the CLI (QA). The edit keeps the snapshot and checks the version."""
    data = four_members(tmp_path)
    meeting = COMMON | {"kind": "branch_general", "starts_at": "2025-08-10 09:00",
                        "agenda": ["学习"]}  # fmt: skip
    r = run_cli(data, "meetings", "add", "--from-json", write(tmp_path / "m.json", meeting),
                "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    mid = json.loads(r.stdout)["meetings"][0]["id"]
    shown = json.loads(run_cli(data, "meetings", "show", mid, "--json").stdout)
    assert (shown["version"], shown["place"]) == (1, "党员活动室")
    q = shown["quorum"]
    assert (q["due_total"], q["present_total"], q["voters_due"]) == (4, 4, 3)  # 丁: no vote
    edit = write(tmp_path / "e.json", {"place": "会议室二", "agenda": ["学习", "讨论"]})
    r = run_cli(data, "meetings", "edit", mid, "--from-json", edit, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["version"] == 2
    shown = json.loads(run_cli(data, "meetings", "show", mid, "--json").stdout)
    assert (shown["place"], shown["kind"], shown["starts_at"][:10]) == (
        "会议室二",
        "branch_general",
        "2025-08-10",
    )
    assert (shown["quorum"]["due_total"], shown["quorum"]["voters_due"]) == (4, 3)
    r = run_cli(data, "meetings", "edit", mid, "--from-json", edit, "--version", "1")
    assert r.returncode == 4 and "E_STALE_BASE" in r.stderr, r.stderr
    r = run_cli(data, "meetings", "void", mid, "--reason", "重复录入")
    assert r.returncode == 0, r.stderr
    assert json.loads(run_cli(data, "meetings", "show", mid, "--json").stdout)["voided"]
    r = run_cli(data, "meetings", "edit", mid, "--from-json", edit)
    assert r.returncode == 4 and "E_VOIDED" in r.stderr, r.stderr
    assert run_cli(data, "verify").returncode == 0


def test_a_member_edited_from_the_command_line(tmp_path):
    """`members edit`: the fields FILE names; fields that events own are refused, the version
    is checked, and nothing else of the record moves."""
    data = four_members(tmp_path)
    r = run_cli(data, "members", "edit", "乙正式", "--from-json",
                write(tmp_path / "a.json", {"phone": "13900001111", "education": "大学"}),
                "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["version"] == 2
    shown = json.loads(run_cli(data, "members", "show", "乙正式", "--reveal", "--json").stdout)
    assert (shown["phone"], shown["category"], shown["org_name"]) == (
        "13900001111",
        "full",
        "第一党支部",
    )
    # A field an event set changes through events (a record from paper stays correctable).
    r = run_cli(data, "members", "event", "丙正式", "mobile_out", "--date", "2025-10-01",
                "--details-json", write(tmp_path / "mo.json", {"destination": "深圳"}))  # fmt: skip
    assert r.returncode == 0, r.stderr
    r = run_cli(data, "members", "edit", "丙正式", "--from-json",
                write(tmp_path / "b.json", {"status": "normal"}))  # fmt: skip
    assert r.returncode == 4 and r.stderr.startswith("错误 E_"), r.stderr
    shown = json.loads(run_cli(data, "members", "show", "丙正式", "--json").stdout)
    assert shown["status"] == "mobile"
    r = run_cli(data, "members", "edit", "乙正式", "--version", "1", "--from-json",
                write(tmp_path / "c.json", {"phone": "13900002222"}))  # fmt: skip
    assert r.returncode == 4 and "E_STALE_BASE" in r.stderr, r.stderr
