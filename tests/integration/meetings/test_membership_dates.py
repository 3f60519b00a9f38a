"""Membership rules on every path, with a clock fixed at 2026-12-02 (every date written here):
a 正式党员 whose probation cannot have ended, a person under 18 on a stage date, a 预备党员
carried over from paper (probation end set on add and import, read as join + 1 year where an
older record has none), and a roster as of a past day that shows no later date."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from meeting_world import FixedClock
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import ValidationErrors
from ztclient.domain.idnumber import check_char
from ztclient.domain.messages import render_error
from ztclient.services.due import due_items

TODAY = date(2026, 12, 2)


def idn(birth: str, seq: int) -> str:
    first = f"110101{birth.replace('-', '')}{seq:03d}"
    return first + check_char(first)


def person(branch, name, birth, seq, **fields):
    return {"org_id": branch, "name": name, "gender": "1", "birth_date": birth,
            "id_number": idn(birth, seq), **fields}  # fmt: skip


@pytest.fixture
def world(tmp_path):
    from ztclient.bootstrap import App

    app = App(tmp_path / "data", clock=FixedClock(TODAY))
    s, _ = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第一党支部"})
    voters = []
    for i, name in enumerate(["甲一", "甲二", "甲三", "甲四", "甲五"]):
        mid, _ = s.members.add(
            person(
                branch,
                name,
                f"197{i}-01-05",
                11 + 2 * i,
                category="full",
                join_date="1997-07-01",
                full_member_date="1998-07-01",
            )
        )
        voters.append(mid)
    yield s, branch, voters
    s.close()


def refused(fn, *args) -> list[tuple[str, str | None]]:
    with pytest.raises(ValidationErrors) as info:
        fn(*args)
    return [(e.code, e.field) for e in info.value.errors]


def roster_book(path, rows) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "公民身份号码", "出生日期", "所在党支部", "人员类别", "入党日期",
               "转正日期", "确定为入党积极分子日期"])  # fmt: skip
    for name, birth, seq, category, join, activist in rows:
        ws.append([name, "男", idn(birth, seq), birth, "第一党支部", category, join, "", activist])
    wb.save(path)


def test_add_and_import_refuse_a_full_member_mid_probation_and_anyone_under_18(world, tmp_path):
    s, branch, _ = world
    add = s.members.add
    # joined 2026-06-01, no 转正日期: probation ends 2027-06-01
    assert refused(add, person(branch, "乙一", "1990-01-01", 101, category="full",
                               join_date="2026-06-01")) == [("E_PROBATION_NOT_ENDED", "category")]  # fmt: skip
    # an applicant aged 16 today (no application date), an activist made one at 13
    assert refused(add, person(branch, "乙二", "2010-01-01", 103, category="applicant")) == [
        ("E_AGE_AT_APPLICATION", "birth_date")
    ]
    assert refused(add, person(branch, "乙三", "2012-01-01", 105, category="activist",
                               activist_date="2025-01-01")) == [("E_AGE_AT_APPLICATION", "activist_date")]  # fmt: skip
    # joined at 16
    assert refused(add, person(branch, "乙四", "2010-03-01", 107, category="probationary",
                               join_date="2026-06-01")) == [("E_AGE_AT_APPLICATION", "join_date")]  # fmt: skip
    # probation over on 2026-12-02 exactly: a full member without a 转正日期 is accepted
    add(person(branch, "乙六", "1990-02-01", 111, category="full", join_date="2025-12-02"))

    roster_book(tmp_path / "r.xlsx", [
        ("丙一", "1991-01-01", 201, "正式党员", "2026-06-01", ""),
        ("丙二", "2010-02-01", 203, "入党申请人", "", ""),
        ("丙三", "2012-02-01", 205, "入党积极分子", "", "2025-03-01"),
        ("丙四", "2010-04-01", 207, "预备党员", "2026-06-01", ""),
    ])  # fmt: skip
    report, new, _ = s.reports.import_roster(tmp_path / "r.xlsx")
    assert new == []
    assert sorted((i.row, i.code, i.column) for i in report.issues if i.severity == "error") == [
        (2, "E_PROBATION_NOT_ENDED", "人员类别"),  # each column as the sheet heads it
        (3, "E_AGE_AT_APPLICATION", "出生日期"),
        (4, "E_AGE_AT_APPLICATION", "确定为入党积极分子日期"),
        (5, "E_AGE_AT_APPLICATION", "入党日期"),
    ]
    names = {m["name"] for m in s.members.list()}
    assert names == {"甲一", "甲二", "甲三", "甲四", "甲五", "乙六"}


def test_a_stage_event_at_17_is_refused_for_an_applicant_without_an_application_date(world):
    s, branch, _ = world
    # born 2008-06-01: 18 on 2026-06-01; an applicant from paper with no application date
    mid, _ = s.members.add(person(branch, "丁二", "2008-06-01", 121, category="applicant"))
    with pytest.raises(Exception) as info:
        s.members.record_event(mid, "activist", "2026-03-01")
    assert info.value.code == "E_AGE_AT_APPLICATION" and info.value.field == "activist_date"
    assert s.members.get(mid)["category"] == "applicant"
    s.members.record_event(mid, "activist", "2026-06-01")
    assert s.members.get(mid)["activist_date"] == "2026-06-01"


def meeting(branch, voters, day, seq, kind, subject, title):
    return {
        "org_id": branch, "kind": "branch_general", "seq_no": seq, "title": "支部党员大会",
        "starts_at": f"{day}T09:00", "ends_at": f"{day}T11:00", "place": "会议室",
        "chair_id": voters[0], "recorder_id": voters[1], "agenda": [title], "minutes": "记录",
        "attendance": [{"member_id": m, "status": "present"} for m in voters],
        "resolutions": [{"title": title, "kind": kind, "subject_member_id": subject,
                         "votes_for": 5, "votes_against": 0, "votes_abstain": 0}],
    }  # fmt: skip


def test_a_probationary_member_from_paper_gets_a_probation_end_and_is_reminded(world, tmp_path):
    s, branch, _ = world
    mid, _ = s.members.add(person(branch, "乙五", "1990-05-01", 109, category="probationary",
                                  join_date="2025-06-01"))  # fmt: skip
    leap, _ = s.members.add(person(branch, "戊二", "1992-03-01", 131, category="probationary",
                                   join_date="2024-02-29"))  # fmt: skip
    # an explicit end with a six-month extension stays
    ext, _ = s.members.add(person(branch, "戊三", "1992-04-01", 133, category="probationary",
                                  join_date="2025-06-01", probation_end="2026-12-01"))  # fmt: skip
    roster_book(tmp_path / "r.xlsx", [("丙五", "1991-05-01", 209, "预备党员", "2025-06-01", "")])
    _report, (imported,), _ = s.reports.import_roster(tmp_path / "r.xlsx")
    ends = {m: s.members.get(m)["probation_end"] for m in (mid, leap, ext, imported)}
    assert ends == {mid: "2026-06-01", leap: "2025-02-28", ext: "2026-12-01",
                    imported: "2026-06-01"}  # fmt: skip
    due = [(i.subject, i.when) for i in due_items(s, TODAY) if i.kind == "probation_ending"]
    assert due == [("戊二", "2025-02-28"), ("丙五", "2026-06-01"), ("乙五", "2026-06-01"),
                   ("戊三", "2026-12-01")]  # fmt: skip
    # a corrected join date moves an end derived from it (no extension in it)
    s.members.update(mid, {"join_date": "2025-07-01"}, base_version=1)
    assert s.members.get(mid)["probation_end"] == "2026-07-01"


@pytest.fixture
def stored_without_end(world):
    """乙五 (joined 2025-06-01) and 丁一 (joined 2026-06-01), 预备党员 kept without a
    probation end, as records added before the fix were."""
    s, branch, voters = world
    old, _ = s.members.add(person(branch, "乙五", "1990-05-01", 109, category="probationary",
                                  join_date="2025-06-01"))  # fmt: skip
    early, _ = s.members.add(person(branch, "丁一", "1992-01-01", 301, category="probationary",
                                    join_date="2026-06-01"))  # fmt: skip
    with s.store.transaction() as tx:
        tx.execute("UPDATE members SET probation_end = NULL WHERE id IN (?, ?)", (old, early))
    return s, branch, voters, old, early


def test_a_record_stored_without_a_probation_end_is_reminded(stored_without_end):
    s, *_ = stored_without_end
    due = [(i.subject, i.when) for i in due_items(s, TODAY) if i.kind == "probation_ending"]
    assert due == [("乙五", "2026-06-01")]  # 丁一's ends 2027-06-01, beyond two months


def test_a_record_stored_without_a_probation_end_is_converted_on_its_anniversary(
    stored_without_end,
):
    s, branch, voters, old, _ = stored_without_end
    # the conversion voted on 2026-06-10, after the anniversary: full from 2026-06-01
    s.development.record_step(old, "conversion_application", "2026-05-20")
    s.meetings.add(meeting(branch, voters, "2026-06-10", 1, "conversion", old, "乙五转正"))
    m = s.members.get(old)
    assert (m["category"], m["full_member_date"]) == ("full", "2026-06-01")


def test_an_extension_before_a_stored_without_end_probation_ends_is_refused(stored_without_end):
    s, branch, voters, _, early = stored_without_end
    # decided on 2026-11-30, before 丁一's probation ends (2027-06-01)
    data = meeting(branch, voters, "2026-11-30", 2, "extension", early, "丁一延长预备期六个月")
    with pytest.raises(Exception) as info:
        s.meetings.add(data)
    assert info.value.code == "E_DEV_DECISION_EARLY"
    assert s.meetings.list() == []
    assert s.members.get(early)["probation_end"] is None


def test_a_roster_as_of_a_past_day_shows_no_later_date(world):
    s, branch, _ = world
    s.members.add(person(branch, "丁预备", "1995-04-04", 403, category="full",
                         join_date="2024-09-01", full_member_date="2025-09-01",
                         work_start_date="2025-07-01"))  # fmt: skip
    doc = s.reports.roster_doc(as_of=date(2025, 3, 15))
    (row,) = [r for r in doc.rows if r.name == "丁预备"]
    assert (row.category, row.join_date, row.full_member_date, row.work_start_date) == (
        "预备党员",
        date(2024, 9, 1),
        None,
        None,
    )
    (later,) = [r for r in s.reports.roster_doc(as_of=date(2025, 9, 1)).rows if r.name == "丁预备"]
    assert (later.category, later.full_member_date, later.work_start_date) == (
        "正式党员",
        date(2025, 9, 1),
        date(2025, 7, 1),
    )


def test_a_probationary_member_whose_probation_is_over_is_added_with_a_warning(world, tmp_path):
    """A 预备党员 carried over from paper whose year (or extension) is over should have been
    转正, 延长 or 取消 (domain facts §2): the record is kept — the 支部大会 may still be owed —
    and the clerk is told, on the form, `members add` and the roster import; the due list
    keeps reminding."""
    s, branch, _ = world
    stale = person(branch, "己一", "1990-07-01", 141, category="probationary",
                   join_date="2025-06-01")  # fmt: skip
    (w,) = s.members.notices(stale)
    assert w.code == "W_PROBATION_OVERDUE"
    assert render_error(w) == (
        "己一的预备期已于 2026-06-01 期满（入党日期 2025-06-01）：应及时召开支部党员大会讨论转正、"
        "延长预备期或取消预备党员资格（已列入待办）"
    )
    # still in probation (an extension to 2026-12-10), or the end is today: nothing to say
    assert s.members.notices({**stale, "probation_end": "2026-12-10"}) == []
    assert s.members.notices({**stale, "join_date": "2025-12-02"}) == []
    assert s.members.notices({**stale, "category": "full"}) == []

    roster_book(tmp_path / "r.xlsx", [("庚一", "1991-07-01", 211, "预备党员", "2025-03-01", "")])
    report, (imported,), _ = s.reports.import_roster(tmp_path / "r.xlsx")
    assert [(i.row, i.column, i.code, i.severity) for i in report.issues] == [
        (2, "入党日期", "W_PROBATION_OVERDUE", "warning")
    ]
    assert s.members.get(imported)["category"] == "probationary"
    due = [i.subject for i in due_items(s, TODAY) if i.kind == "probation_ending"]
    assert due == ["庚一"]


def test_members_add_says_the_probation_is_over(tmp_path):
    import json

    from tests.helpers import run_cli

    from ztclient.bootstrap import App

    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    s.close()
    people = [{"name": "辛一", "gender": "男", "category": "预备党员", "join_date": "2020-05-01"},
              {"name": "辛二", "gender": "男", "category": "正式党员", "join_date": "2000-05-01",
               "full_member_date": "2001-05-01"}]  # fmt: skip
    (tmp_path / "m.json").write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    r = run_cli(app.data_dir, "members", "add", "--from-json", str(tmp_path / "m.json"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [(w["code"], w["params"]["name"], w["params"]["end"]) for w in out["warnings"]] == [
        ("W_PROBATION_OVERDUE", "辛一", "2021-05-01")
    ]
    assert "提醒 W_PROBATION_OVERDUE: 辛一的预备期已于 2021-05-01 期满" in r.stderr
