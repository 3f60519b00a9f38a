"""`sync review ID`: a clerk at the command line marks a 待核对 row 已核对, as the 同步 page's
button does — the same service method, so the same who (this program's operator), the same
audit entry. `sync status` prints each open row's number in brackets; an unknown number, or a
row already reviewed (here or by the committee), is a coded error in Chinese, exit 4.

The rows are set up in-process (two study records of one op, for two members voided on another
device: two rows since migration 023); every command under test goes through the real CLI."""

from __future__ import annotations

import json

import pytest
from tests.helpers import run_cli


def _voided(s, item_id: str, op_id: str, record_id: str, member: str) -> None:
    body = {"conflict_id": f"c-{item_id}", "op_id": op_id, "entity": "study_log",
            "record_id": record_id, "field": "member_id", "yours": member, "theirs": "voided"}  # fmt: skip
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES (?, 'conflict', ?, 1, '2026-12-02T12:00:00Z', 'pending')",
            (item_id, json.dumps(body, ensure_ascii=False)),
        )
    s.sync.downlink.process()


@pytest.fixture
def world(unit):
    """(app, op id, {name: problem id}, {name: study record id}) with the session closed, as a clerk finds the unit."""
    app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    ids = {}
    for name, idn in (("王错录", "110105199003030031"), ("李重录", "110105198001010016")):
        ids[name], _ = s.members.add(
            {"org_id": branch, "name": name, "gender": "1", "id_number": idn,
             "birth_date": f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}",
             "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
        )  # fmt: skip
    logs, _ = s.study.add(
        [{"member_id": ids[n], "date": "2026-01-05", "hours": 2, "form": "self", "topic": "党章"}
         for n in ("王错录", "李重录")]
    )  # fmt: skip
    op = s.store.scalar("SELECT op_id FROM outbox WHERE entity = 'study_log'")
    _voided(s, "i-1", op, logs[0], ids["王错录"])
    _voided(s, "i-2", op, logs[1], ids["李重录"])
    rows = {
        r["yours_name"].split("（")[0]: r["id"]
        for r in s.sync.problems()  # named in-process: the names are the service's
    }
    s.close()
    return app, op, rows, {"王错录": logs[0], "李重录": logs[1]}


def _line(pid: int, name: str) -> str:
    return (
        f"  [{pid}] E_MEMBER_VOIDED #5 学习记录 2026-01-05 党章 · {name}（第一党支部） 党员："
        f"{name}（第一党支部） / 该党员已作废（录入错误）"
    )


def _audit(app) -> list[dict]:
    from tests.helpers import PASSPHRASE

    s = app.unlock(PASSPHRASE)
    try:
        return s.store.read(
            "SELECT a.actor, a.action, a.object, o.entity, o.record_id, o.fields FROM audit a "
            "LEFT JOIN outbox o ON o.seq = a.op_seq "
            "WHERE a.action = 'sync.problem_reviewed' ORDER BY a.seq"
        )
    finally:
        s.close()


def test_status_numbers_the_rows_and_review_closes_one(world):
    app, op, rows, logs = world
    wang, li = rows["王错录"], rows["李重录"]
    out = run_cli(app.data_dir, "sync", "status")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert _line(wang, "王错录") in lines and _line(li, "李重录") in lines, out.stdout

    out = run_cli(app.data_dir, "sync", "review", str(li))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        f"已核对第 {li} 条：E_MEMBER_VOIDED #5 学习记录 2026-01-05 党章 · 李重录（第一党支部） "
        "党员：李重录（第一党支部） / 该党员已作废（录入错误）"
    ]

    out = run_cli(app.data_dir, "sync", "status").stdout
    assert _line(wang, "王错录") in out.splitlines() and f"[{li}]" not in out
    assert "已核对（本机，" in out and "李重录" in out

    # the audit entry is the 同步 page's: the operator, the action, the row; the centre holds
    # this conflict too, so the entry is the one of the conflict_review op that tells it, naming
    # the op, the field and 李重录's study record
    [entry] = _audit(app)
    fields = json.loads(entry.pop("fields"))
    assert entry == {"actor": "clerk", "action": "sync.problem_reviewed",
                     "object": f"sync_problem:{li}", "entity": "conflict_review", "record_id": op}  # fmt: skip
    assert (fields["field"], fields["reviewed_by"], fields["entity"], fields["record"]) == (
        "member_id",
        "clerk",
        "study_log",
        logs["李重录"],
    )


def test_the_page_and_the_cli_write_the_same_entry(world):
    from tests.helpers import PASSPHRASE

    app, _op, rows, logs = world
    s = app.unlock(PASSPHRASE)
    s.sync.mark_reviewed(rows["王错录"])  # what the 同步 page's button calls
    s.close()
    assert run_cli(app.data_dir, "sync", "review", str(rows["李重录"])).returncode == 0
    page, cli = _audit(app)
    same = ("actor", "action", "entity", "record_id")
    assert [page[k] for k in same] == [cli[k] for k in same]
    assert [json.loads(e["fields"])["record"] for e in (page, cli)] == [
        logs["王错录"],
        logs["李重录"],
    ]
    assert (page["object"], cli["object"]) == (
        f"sync_problem:{rows['王错录']}",
        f"sync_problem:{rows['李重录']}",
    )


def test_an_unknown_number_is_a_coded_error(world):
    app, _op, _rows, _logs = world
    for given in ("999", "abc"):
        out = run_cli(app.data_dir, "sync", "review", given)
        assert out.returncode == 4, out.stdout + out.stderr
        assert out.stderr.strip() == (
            f"错误 E_PROBLEM_UNKNOWN: 待核对列表中没有第 {given} 条："
            "编号请看 sync status 每行开头方括号里的数字"
        )
    assert _audit(app) == []


def test_a_row_reviewed_before_is_a_coded_error(world):
    app, _op, rows, _logs = world
    li = rows["李重录"]
    assert run_cli(app.data_dir, "sync", "review", str(li)).returncode == 0
    from tests.helpers import PASSPHRASE

    s = app.unlock(PASSPHRASE)
    at = s.sync.problem(li)["reviewed_at"]
    with s.store.transaction() as tx:  # the committee closed the other (上级已核对)
        tx.execute(
            "UPDATE sync_problems SET reviewed = 1, reviewed_by = '张三', reviewed_at = "
            "'2026-12-02T11:40:05Z', reviewed_where = 'above' WHERE id = ?",
            (rows["王错录"],),
        )
    s.close()

    out = run_cli(app.data_dir, "sync", "review", str(li))
    assert out.returncode == 4
    assert out.stderr.strip() == (
        f"错误 E_PROBLEM_REVIEWED_HERE: 第 {li} 条已经在本机核对过了（clerk，{at}），不用再核对"
    )
    out = run_cli(app.data_dir, "sync", "review", str(rows["王错录"]), "--json")
    assert out.returncode == 4
    assert json.loads(out.stdout) == {
        "ok": False,
        "error": {"code": "E_PROBLEM_REVIEWED_ABOVE", "field": None,
                  "params": {"id": rows["王错录"], "by": "张三", "at": "2026-12-02T11:40:05Z"}},
    }  # fmt: skip
    assert out.stderr.strip() == (
        f"错误 E_PROBLEM_REVIEWED_ABOVE: 第 {rows['王错录']} 条上级已核对"
        "（张三，2026-12-02T11:40:05Z），不用再核对"
    )
    assert len(_audit(app)) == 1  # the first review only


def test_review_json(world):
    app, _op, rows, _logs = world
    out = run_cli(app.data_dir, "sync", "review", str(rows["王错录"]), "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    p = got["problem"]
    assert got["ok"] is True
    assert (p["id"], p["reviewed"], p["reviewed_where"], p["reviewed_by"]) == (
        rows["王错录"], 1, "here", "clerk",
    )  # fmt: skip
    assert p["record_name"] == "2026-01-05 党章 · 王错录（第一党支部）"
