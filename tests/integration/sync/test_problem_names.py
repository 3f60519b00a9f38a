"""同步 → 待核对 names what a clerk knows: a row about a record added for a member voided on
another device (E_MEMBER_VOIDED) says whose study record it is and names the person, not two
uuids; a meeting's conflict names the meeting (title and date) and the people its fields hold;
an organisation's id is its name. The names are read by the service, so the page and `sync
status` say the same."""

from __future__ import annotations

import json

import pytest
from tests.helpers import run_cli_ok


def _conflict_item(s, item_id: str, body: dict) -> None:
    """A ``conflict`` item as Downlink.take keeps it (pending), then acted on."""
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_down_items (item_id, type, body, down_seq, received_at, state) "
            "VALUES (?, 'conflict', ?, 1, '2026-12-02T12:00:00Z', 'pending')",
            (item_id, json.dumps(body, ensure_ascii=False)),
        )
    s.sync.downlink.process()


def _problem(s, op_id: str, entity: str, record_id: str, field: str, yours, theirs) -> None:
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, record_id, "
            "field, yours, theirs, params, created_at) VALUES (?, 7, 'b1', 'conflict', "
            "'E_MERGE_CONFLICT', ?, ?, ?, ?, ?, '{}', '2026-12-01T08:00:00Z')",
            (op_id, entity, record_id, field, json.dumps(yours), json.dumps(theirs)),
        )


@pytest.fixture
def people(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    out = {"branch": branch}
    for name, idn in (("王错录", "110105199003030031"), ("张伟", "110105198001010016")):
        out[name], _ = s.members.add(
            {"org_id": branch, "name": name, "gender": "1", "id_number": idn,
             "birth_date": f"{idn[6:10]}-{idn[10:12]}-{idn[12:14]}",
             "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
        )  # fmt: skip
    return s, out


def test_a_record_for_a_member_voided_elsewhere_names_the_person(unit, people):
    s, p = people
    (log_id,), _ = s.study.add(
        [{"member_id": p["王错录"], "date": "2026-01-05", "hours": 2, "form": "self",
          "topic": "党章"}]
    )  # fmt: skip
    op = s.store.scalar("SELECT op_id FROM outbox WHERE entity = 'study_log'")
    _conflict_item(
        s,
        "i-1",
        {"conflict_id": "c-1", "op_id": op, "entity": "study_log", "record_id": log_id,
         "field": "member_id", "yours": p["王错录"], "theirs": "voided"},
    )  # fmt: skip

    [row] = s.sync.status()["problems"]
    assert row["code"] == "E_MEMBER_VOIDED"
    assert row["record_name"] == "2026-01-05 党章 · 王错录（第一党支部）"
    assert row["yours_name"] == "王错录（第一党支部）"
    assert row["theirs_name"] is None  # "voided": a word, not a record (the page says it)

    app = unit[0]
    s.close()
    out = run_cli_ok(app.data_dir, "sync", "status").stdout
    assert (
        "E_MEMBER_VOIDED #5 学习记录 2026-01-05 党章 · 王错录（第一党支部） 党员："
        "王错录（第一党支部） / 该党员已作废（录入错误）" in out
    ), out
    assert log_id not in out and p["王错录"] not in out


def test_a_meetings_conflict_names_the_meeting_and_its_people(people):
    s, p = people
    mid, _ = s.meetings.add(
        {"org_id": p["branch"], "kind": "branch_general", "title": "支部党员大会",
         "starts_at": "2026-11-20 09:00"}
    )  # fmt: skip
    _problem(s, "op-1", "meeting", mid, "chair_id", p["张伟"], p["王错录"])
    _problem(s, "op-2", "attendance", f"{mid}/{p['张伟']}", "member_id", p["张伟"], "voided")
    _problem(s, "op-3", "member", p["张伟"], "org_id", p["branch"], s.root_org_id)

    rows = {r["op_id"]: r for r in s.sync.problems()}
    chair = rows["op-1"]
    assert chair["record_name"] == "支部党员大会（2026-11-20）"
    assert (chair["yours_name"], chair["theirs_name"]) == (
        "张伟（第一党支部）",
        "王错录（第一党支部）",
    )
    assert rows["op-2"]["record_name"] == "支部党员大会（2026-11-20） · 张伟（第一党支部）"
    moved = rows["op-3"]
    assert moved["record_name"] == "张伟（第一党支部）"
    assert (moved["yours_name"], moved["theirs_name"]) == ("第一党支部", "中共测试街道工作委员会")


def test_a_record_this_device_does_not_have_keeps_its_id(people):
    s, _p = people
    _problem(s, "op-1", "member", "m-gone", "org_id", "o-gone", None)
    [row] = s.sync.problems()
    assert (row["record_name"], row["yours_name"], row["theirs_name"]) == (None, None, None)


def test_a_whole_records_sides_name_the_ids_in_them(people):
    """Two devices wrote the same study record differently (field "*"): each side is the whole
    record, its member named."""
    s, p = people
    mine = {"id": "l1", "member_id": p["张伟"], "date": "2026-01-05", "hours": 2}
    _problem(s, "op-1", "study_log", "l1", "*", mine, {**mine, "hours": 3})
    [row] = s.sync.problems()
    assert row["yours_name"] == {**mine, "member_id": "张伟（第一党支部）"}
    assert row["theirs_name"] == {**mine, "hours": 3, "member_id": "张伟（第一党支部）"}
