"""``orgs post``, ``orgs post-void`` and ``orgs election-void`` as a clerk types them: each says
in a line what it did (who, which post, which organisation, from when; for a void, 已作废 and
the reason), ``--json`` keeps the id; an election entered by mistake is voided with its posts,
and the one before it holds again."""

from __future__ import annotations

import json

import pytest
from tests.helpers import run_cli

MEMBERS = [
    {"org": "第一党支部", "name": n, "gender": "男", "category": "full",
     "join_date": f"{1990 + i}-07-01", "full_member_date": f"{1991 + i}-07-01"}
    for i, n in enumerate(["张书记", "李组织", "王宣传", "赵党员", "钱党员"])
]  # fmt: skip


def ok(r):
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("posts")
    data = tmp / "data"
    ok(run_cli(data, "init", "--unit-name", "中共测试街道工作委员会", "--unit-code", "3301060009"))
    ok(run_cli(data, "orgs", "add", "--name", "第一党支部", "--code", "B001"))
    members = tmp / "m.json"
    members.write_text(json.dumps(MEMBERS, ensure_ascii=False), encoding="utf-8")
    ok(run_cli(data, "members", "add", "--from-json", str(members)))
    for day, secretary in (("2020-06-01", "张书记"), ("2023-06-01", "李组织")):
        e = tmp / f"e{day}.json"
        e.write_text(json.dumps([{"member": secretary, "post": "书记"}], ensure_ascii=False),
                     encoding="utf-8")  # fmt: skip
        ok(run_cli(data, "orgs", "elect", "B001", "--date", day, "--from-json", str(e)))
    return data


def test_post_and_post_void_say_who_what_where_and_when(unit):
    out = ok(run_cli(unit, "orgs", "post", "B001", "赵党员", "纪检委员", "--from", "2024-03-01"))
    assert out == "已任命：赵党员 任 第一党支部 纪检委员，自 2024-03-01 起\n"
    out = ok(run_cli(unit, "orgs", "post-void", "B001", "赵党员", "--reason", "录错人"))
    assert out == (
        "已作废：赵党员 任 第一党支部 纪检委员，自 2024-03-01 起；原因：录错人（记录仍保留）\n"
    )
    out = ok(run_cli(unit, "--lang", "en", "orgs", "post", "B001", "钱党员", "委员",
                     "--from", "2024-03-01", "--to", "2024-12-31"))  # fmt: skip
    assert out == "Post given: 钱党员, 第一党支部, Committee member, 2024-03-01 to 2024-12-31\n"
    done = json.loads(ok(run_cli(unit, "orgs", "post-void", "B001", "钱党员", "--reason", "误录",
                                 "--json")))  # fmt: skip
    assert done["ok"] is True and len(done["id"]) == 36


def test_election_void_from_the_cli(unit):
    shown = ok(run_cli(unit, "orgs", "show", "B001"))
    assert "换届选举：\n  2023-06-01\t任期 3 年\t1 人\n  2020-06-01\t任期 3 年\t1 人\n" in shown
    r = run_cli(unit, "orgs", "election-void", "B001", "--date", "2020-06-01", "--reason", "录错")
    assert r.returncode == 4 and "E_ELECTION_LATER" in r.stderr
    r = run_cli(unit, "orgs", "election-void", "B001", "--date", "2021-06-01", "--reason", "录错")
    assert r.returncode == 4 and "E_NOT_FOUND" in r.stderr
    out = ok(run_cli(unit, "orgs", "election-void", "B001", "--date", "2023-06-01",
                     "--reason", "日期录错"))  # fmt: skip
    assert out == (
        "已作废：第一党支部 2023-06-01 换届选举；原因：日期录错（记录仍保留）。"
        "它选出的 1 项任职一并作废，它结束的 1 项任职已恢复\n"
    )
    shown = json.loads(ok(run_cli(unit, "orgs", "show", "B001", "--as-of", "2024-01-01",
                                  "--json")))  # fmt: skip
    assert [(p["post"], p["member_name"]) for p in shown["committee"]] == [("secretary", "张书记")]
    assert shown["elected_on"] == "2020-06-01"
    assert [e["date"] for e in shown["elections"]] == ["2020-06-01"]


def test_elect_says_who_was_elected_and_the_term(unit, tmp_path):
    e = tmp_path / "e2026.json"
    e.write_text(json.dumps([{"member": "李组织", "post": "书记"},
                             {"member": "赵党员", "post": "组织委员"}], ensure_ascii=False),
                 encoding="utf-8")  # fmt: skip
    out = ok(run_cli(unit, "orgs", "elect", "B001", "--date", "2026-06-01", "--from-json", str(e)))
    assert out == (
        "已记录：第一党支部 2026-06-01 换届选举，任期 3 年，至 2029-06-01；"
        "当选 2 人：李组织（书记）、赵党员（组织委员）\n"
    )
