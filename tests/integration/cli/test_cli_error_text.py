"""What the CLI prints for refused input names the field in words (出党方式, 结束时间, 赞成票),
never a "—" where the field belongs, in Chinese and in English (QA, exploratory round)."""

from __future__ import annotations

import json

import pytest
from tests.helpers import run_cli, run_cli_ok

from ztclient.domain import idnumber


def _id(birth: str, seq: int) -> str:
    first = f"110105{birth}{seq:03d}"
    return first + idnumber.check_char(first)


@pytest.fixture(scope="module")
def branch(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli-errors") / "data"
    run_cli_ok(data, "init", "--unit-name", "测试党支部", "--unit-code", "T001",
               "--unit-kind", "branch")  # fmt: skip
    people = [
        {"name": name, "gender": "男", "birth_date": "1970-01-05",
         "id_number": _id("19700105", 11 + 2 * i), "category": "full",
         "join_date": "1997-07-01", "full_member_date": "1998-07-01"}
        for i, name in enumerate(["甲一", "甲二", "甲三"])
    ]  # fmt: skip
    path = data.parent / "base.json"
    path.write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    run_cli_ok(data, "members", "add", "--from-json", str(path))
    return data


def refused(data, tmp_path, *args, obj=None, lang="zh"):
    if obj is not None:
        path = tmp_path / "in.json"
        path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
        args = (*args, "--from-json", str(path))
    r = run_cli(data, "--lang", lang, *args)
    assert r.returncode == 4, (r.returncode, r.stdout, r.stderr)
    assert "—" not in r.stderr, r.stderr
    return r.stderr


PERSON = {"name": "乙", "gender": "男", "category": "full", "join_date": "2000-01-01"}


def test_a_missing_exit_kind_is_named(branch, tmp_path):
    obj = {**PERSON, "status": "exited"}
    assert "请填写“出党方式”" in refused(branch, tmp_path, "members", "add", obj=obj)
    err = refused(branch, tmp_path, "members", "add", obj=obj, lang="en")
    assert "Please fill in “exit kind”" in err


def test_an_unknown_key_is_named(branch, tmp_path):
    obj = {"id": "abc", **PERSON}
    assert "不认识的栏目“id”" in refused(branch, tmp_path, "members", "add", obj=obj)


def test_meeting_fields_are_named(branch, tmp_path):
    meeting = {
        "kind": "branch_general", "starts_at": "2025-06-10 09:00", "ends_at": "2025-06-10 1x:00",
        "chair": "甲一", "recorder": "甲二", "agenda": ["a"], "all_present": True,
        "resolutions": [{"title": "t", "kind": "ordinary", "votes_for": -1}],
    }  # fmt: skip
    err = refused(branch, tmp_path, "meetings", "add", obj=meeting)
    assert "“结束时间”" in err and "“赞成票”应为不小于0的整数" in err
    err = refused(branch, tmp_path, "meetings", "add", obj=meeting, lang="en")
    assert "“end time”" in err and "“votes for” must be a whole number" in err


def test_export_as_of_is_named(branch, tmp_path):
    err = refused(branch, tmp_path, "export", "roster", "--as-of", "2025-13-01",
                  "--out", str(tmp_path / "r.xlsx"))  # fmt: skip
    assert "统计截止日" in err


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "2025-06-10 25:00"}, "结束时间"),
        ({"starts_at": "2025-02-30 09:00"}, "开始时间"),
    ],
)
def test_a_day_or_time_that_does_not_exist_is_not_a_format_error(branch, tmp_path, change, field):
    meeting = {"kind": "branch_general", "starts_at": "2025-06-10 09:00", "chair": "甲一",
               "recorder": "甲二", "agenda": ["a"], "all_present": True, **change}  # fmt: skip
    err = refused(branch, tmp_path, "meetings", "add", obj=meeting)
    value = next(iter(change.values()))
    assert f"E_DATE_INVALID: [{next(iter(change))}] “{field}”填的 {value} 不存在" in err, err
    assert "应写成" not in err and "E_DATE_FORMAT" not in err
    err = refused(branch, tmp_path, "meetings", "add", obj=meeting, lang="en")
    assert f"{value} does not exist" in err


def test_impossible_dates_elsewhere(branch, tmp_path):
    err = refused(branch, tmp_path, "export", "roster", "--as-of", "2025-02-30",
                  "--out", str(tmp_path / "r.xlsx"))  # fmt: skip
    assert "E_DATE_INVALID" in err and "“统计截止日”填的 2025-02-30 不存在" in err
    obj = {**PERSON, "join_date": "2001-02-29"}
    err = refused(branch, tmp_path, "members", "add", obj=obj)
    assert "E_DATE_INVALID" in err and "“入党日期”填的 2001-02-29 不存在" in err
    err = refused(branch, tmp_path, "members", "add", obj={**PERSON, "join_date": "2001/02/01"})
    assert "E_DATE_FORMAT" in err and "应写成 年-月-日" in err


def test_event_details_take_the_chinese_label(branch, tmp_path):
    """docs/cli.md: coded fields take the code or the Chinese label; 退党除名 was refused as
    “出党方式”中没有“退党除名”这一项."""
    details = tmp_path / "exit.json"
    details.write_text(json.dumps({"exit_kind": "退党除名"}, ensure_ascii=False), encoding="utf-8")
    r = run_cli(branch, "members", "event", "甲三", "exited", "--date", "2025-10-01",
                "--details-json", str(details), "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    shown = json.loads(run_cli_ok(branch, "members", "show", "甲三", "--json").stdout)
    assert shown["status"] == "exited" and shown["exit_kind"] == "withdrawal_removed"
    exited = [h for h in shown["history"] if h["kind"] == "exited"]
    assert exited and exited[0]["details"]["exit_kind"] == "withdrawal_removed"
    lost = tmp_path / "lost.json"
    lost.write_text(json.dumps({"reason": "外出务工经商"}, ensure_ascii=False), encoding="utf-8")
    r = run_cli(branch, "members", "event", "甲二", "lost_contact", "--date", "2025-10-01",
                "--details-json", str(lost))  # fmt: skip
    assert r.returncode == 0, r.stderr
