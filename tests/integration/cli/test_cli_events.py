"""``members event`` and ``members void-event``: each timing rule of 发展党员 refused with exit 4
and the rule named in Chinese, and accepted on the right date (issue 12). The history a rule
looks at is set up in-process; every event under test goes through the real CLI."""

from __future__ import annotations

import json

import pytest
from tests.helpers import PASSPHRASE, run_cli

from ztclient.domain import idnumber


def _id(birth: str, seq: int) -> str:
    first = f"110105{birth}{seq:03d}"
    return first + idnumber.check_char(first)


@pytest.fixture
def world(unit):
    app, s, _ = unit
    branch = s.store.get_meta("test_branch_id")
    full = []
    for i in range(6):
        mid, _ = s.members.add(
            {
                "org_id": branch,
                "name": f"党员{i}",
                "gender": "1",
                "id_number": _id("19800101", 11 + 2 * i),
                "category": "full",
                "join_date": "2005-07-01",
                "full_member_date": "2006-07-01",
            }
        )
        full.append(mid)
    applicant, _ = s.members.add(
        {
            "org_id": branch,
            "name": "张申请",
            "gender": "1",
            "id_number": _id("20000305", 15),
            "category": "applicant",
        }
    )
    return app, s, branch, full, applicant


def cli(app, *args):
    return run_cli(app.data_dir, *args)


def refused(r, code: str, words: str) -> None:
    assert r.returncode == 4, (r.returncode, r.stdout, r.stderr)
    assert code in r.stderr and words in r.stderr, r.stderr


def meeting_json(tmp_path, name, branch, full, day, resolution) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(
        json.dumps(
            {
                "org_id": branch,
                "kind": "branch_general",
                "starts_at": f"{day}T09:00",
                "title": "支部党员大会",
                "resolutions": [resolution],
                "attendance": [{"member_id": m, "status": "present"} for m in full],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return str(path)


def test_each_timing_rule_through_members_event(world, tmp_path):
    app, s, branch, full, p = world
    a, b = ({"member_id": full[0]}, {"member_id": full[1]})

    # 年满十八岁: born 2000-03-05
    refused(
        cli(app, "members", "event", p, "applied", "--date", "2018-03-04"),
        "E_AGE_AT_APPLICATION",
        "未满18周岁",
    )
    r = cli(app, "members", "event", p, "递交入党申请书", "--date", "2018-03-05", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["category"] == "applicant"

    s.development.record_step(p, "talk", "2018-03-20", ["王书记"])
    assert cli(app, "members", "event", p, "activist", "--date", "2018-06-01").returncode == 0
    s.development.record_step(p, "mentors", "2018-06-05", [a, b])
    s.development.record_step(p, "activist_filed", "2018-06-10")
    s.development.record_step(p, "assessment", "2018-12-01")
    s.development.record_step(p, "assessment", "2019-05-25")

    # 积极分子满一年才能确定为发展对象
    refused(
        cli(app, "members", "event", p, "candidate", "--date", "2019-05-31"),
        "E_ACTIVIST_TOO_SHORT",
        "不满一年",
    )
    assert cli(app, "members", "event", p, "candidate", "--date", "2019-06-01").returncode == 0
    for step, day, people, details in [
        ("candidate_filed", "2019-06-05", [], {}),
        ("sponsors", "2019-06-10", [a, b], {}),
        ("political_review", "2019-08-01", [], {"result": "qualified"}),
        ("training", "2019-09-10", [], {"days": 3}),
        ("committee_review", "2019-11-01", [], {}),
        ("pre_review", "2019-11-15", [], {}),
        ("volunteer_form", "2019-11-20", [], {}),
    ]:
        s.development.record_step(p, step, day, people, details)

    # 接收预备党员: only by a vote of the branch's 支部党员大会, dated that day
    refused(
        cli(app, "members", "event", p, "admitted", "--date", "2019-12-01"),
        "E_DEV_MEETING_REQUIRED",
        "须经支部党员大会讨论通过",
    )
    admission = {
        "title": "接收张申请为预备党员",
        "kind": "admission",
        "votes_for": 6,
        "votes_against": 0,
        "votes_abstain": 0,
        "subject_member_id": p,
    }
    r = cli(
        app,
        "meetings",
        "add",
        "--from-json",
        meeting_json(tmp_path, "m1", branch, full, "2019-12-01", admission),
    )
    assert r.returncode == 0, r.stderr
    m1 = r.stdout.split()[0]
    shown = json.loads(cli(app, "members", "show", p, "--json").stdout)
    assert (shown["category"], shown["join_date"], shown["probation_end"]) == (
        "probationary",
        "2019-12-01",
        "2020-12-01",
    )
    [auto] = [e for e in shown["history"] if e["kind"] == "admitted"]
    assert auto["meeting_id"] == m1 and auto["date"] == "2019-12-01"

    # the recorded event can be voided and recorded again by hand, on the meeting's day only
    assert cli(app, "members", "void-event", auto["id"], "--reason", "重新登记").returncode == 0
    assert s.members.get(p)["category"] == "candidate"
    refused(
        cli(app, "members", "event", p, "admitted", "--date", "2019-12-02", "--meeting", m1),
        "E_DEV_DATE_MEETING",
        "支部党员大会通过之日 2019-12-01",
    )
    r = cli(app, "members", "event", p, "admitted", "--date", "2019-12-01", "--meeting", m1)
    assert r.returncode == 0, r.stderr

    for step, day in [
        ("approval", "2020-01-20"),
        ("oath", "2020-02-01"),
        ("conversion_application", "2020-11-20"),
    ]:
        s.development.record_step(p, step, day)

    # 转正 a month after admission: refused; only on the day probation ends, after the vote
    refused(
        cli(app, "members", "event", p, "converted", "--date", "2020-01-01"),
        "E_DEV_MEETING_REQUIRED",
        "须经支部党员大会讨论通过",
    )
    conversion = {**admission, "title": "张申请转正", "kind": "conversion"}
    early = cli(
        app,
        "meetings",
        "add",
        "--from-json",
        meeting_json(tmp_path, "m2", branch, full, "2020-01-02", conversion),
    )
    refused(early, "E_DEV_DECISION_EARLY", "预备期至 2020-12-01 才满")
    assert s.meetings.list(start="2020-01-02", end="2020-01-02") == []  # nothing written
    r = cli(
        app,
        "meetings",
        "add",
        "--from-json",
        meeting_json(tmp_path, "m3", branch, full, "2020-12-03", conversion),
    )
    assert r.returncode == 0, r.stderr
    m3 = r.stdout.split()[0]
    member = s.members.get(p)
    assert (member["category"], member["full_member_date"]) == ("full", "2020-12-01")
    [auto] = [e for e in s.members.history(p) if e["kind"] == "converted"]
    assert cli(app, "members", "void-event", auto["id"], "--reason", "重新登记").returncode == 0
    refused(
        cli(app, "members", "event", p, "converted", "--date", "2020-12-03", "--meeting", m3),
        "E_DEV_CONVERSION_DATE",
        "转正日期应为预备期满之日 2020-12-01",
    )
    r = cli(app, "members", "event", p, "转正", "--date", "2020-12-01", "--meeting", m3, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["category"] == "full"

    # an earlier event cannot be voided while a later one stands
    [admitted] = [e for e in s.members.history(p) if e["kind"] == "admitted" and not e["voided"]]
    refused(
        cli(app, "members", "void-event", admitted["id"], "--reason", "x"),
        "E_DEV_VOID_ORDER",
        "请先作废",
    )
    assert s.verify() == []


def test_probation_extension_six_to_twelve_months(world, tmp_path):
    app, s, branch, full, _ = world
    q, _ = s.members.add(
        {
            "org_id": branch,
            "name": "李预备",
            "gender": "1",
            "id_number": _id("19950101", 17),
            "category": "probationary",
            "join_date": "2025-06-01",
            "probation_end": "2026-06-01",
        }
    )
    extension = {
        "title": "延长李预备预备期",
        "kind": "extension",
        "votes_for": 6,
        "votes_against": 0,
        "subject_member_id": q,
        "extension_months": 4,
    }
    refused(
        cli(
            app,
            "meetings",
            "add",
            "--from-json",
            meeting_json(tmp_path, "e1", branch, full, "2026-06-05", extension),
        ),
        "E_EXTENSION_LENGTH",
        "6至12个月",
    )
    refused(
        cli(app, "members", "event", q, "probation_extended", "--date", "2026-06-05"),
        "E_EVENT_DETAIL_MISSING",
        "延长月数",
    )
    # the meeting editor has no months column: the title says it ("六个月")
    titled = {k: v for k, v in extension.items() if k != "extension_months"}
    titled["title"] = "延长李预备同志预备期六个月"
    r = cli(
        app,
        "meetings",
        "add",
        "--from-json",
        meeting_json(tmp_path, "e2", branch, full, "2026-06-05", titled),
    )
    assert r.returncode == 0, r.stderr
    assert s.members.get(q)["probation_end"] == "2026-12-01"


def test_every_event_kind_is_accepted_by_the_verb(world, tmp_path):
    """The verb knows all 21 kinds, by code and by Chinese name, as it parses them; unknown ones
    are a coded refusal, not a traceback; one kind goes all the way through the process."""
    from ztclient.cli.main import build_parser
    from ztclient.domain import codes
    from ztclient.domain.model import EventKind

    table = codes.table("event_kind")
    assert len(EventKind) == len(table.entries) == 21
    parser = build_parser()
    for kind in EventKind:
        for typed in (kind.value, table.label(kind.value, "zh")):
            args = parser.parse_args(["members", "event", "张三", typed, "--date", "2026-01-01"])
            assert table.code_for(args.kind, field="kind") == kind.value, typed
    app, _s, _branch, full, _ = world
    r = cli(app, "members", "event", full[2], "promoted", "--date", "2026-01-01")
    refused(r, "E_CODE_UNKNOWN", "党员事件")
    details = tmp_path / "out.json"
    details.write_text(
        json.dumps(
            {
                "to_org": "中共某县委组织部",
                "letter_no": "012",
                "dues_paid_to": "2026-10",
                "valid_days": 30,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    r = cli(
        app,
        "members",
        "event",
        full[2],
        "transfer_out",
        "--date",
        "2026-11-02",
        "--details-json",
        str(details),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["status"] == "transferred_out"
    assert PASSPHRASE  # the helper's passphrase opened the unit made by the fixture


def test_transfer_out_takes_dues_paid_to_from_the_ledger(world, tmp_path):
    """党费交至 on the 介绍信 is what the 党费 ledger says when the clerk does not type it: a
    4,500 元 base paid January to October 2026 gives 2026-10 (issue 14, the transfer letter)."""
    app, s, _branch, full, _ = world
    s.dues.set_base(full[3], 2026, "在职", income="4500")
    s.dues.pay(full[3], "2026-01", "450.00", "2026-10-20", months=10, way="transfer")
    details = tmp_path / "out.json"
    details.write_text(
        json.dumps({"to_org": "中共某县委组织部", "letter_no": "013", "valid_days": 30}),
        encoding="utf-8",
    )
    r = cli(app, "members", "event", full[3], "transfer_out", "--date", "2026-11-02",
            "--details-json", str(details), "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    event_id = json.loads(r.stdout)["event_id"]
    row = s.store.read_one("SELECT details FROM member_events WHERE id = ?", (event_id,))
    assert json.loads(row["details"])["dues_paid_to"] == "2026-10"
