"""Membership rules on every path, with a clock fixed at 2026-12-02 (every date written here):
a 正式党员 whose probation cannot have ended, a person under 18 on a stage date."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from meeting_world import FixedClock
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import ValidationErrors
from ztclient.domain.idnumber import check_char

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
        (2, "E_PROBATION_NOT_ENDED", "category"),
        (3, "E_AGE_AT_APPLICATION", "birth_date"),
        (4, "E_AGE_AT_APPLICATION", "activist_date"),
        (5, "E_AGE_AT_APPLICATION", "join_date"),
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
