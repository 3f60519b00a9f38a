"""A record voided as entered in error (录入错误作废) owns nothing: the clerk who voided a
mistaken entry enters the person again with the same 公民身份号码 — by hand, in a batch, from a
roster file — and the voided record is neither a duplicate nor a suspected duplicate of them."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from ztclient.cli.commands_records import resolve_member
from ztclient.domain.errors import ValidationErrors

ID = "110101199003077571"


def _fields(session, name="张三", **extra):
    return {"name": name, "org_id": session.store.get_meta("test_branch_id"), "gender": "1",
            "category": "full", "join_date": "2015-07-01", "full_member_date": "2016-07-01",
            **extra}  # fmt: skip


def _voided(session, **extra):
    mid, _ = session.members.add(_fields(session, **extra))
    session.members.void(mid, "录错支部")
    return mid


def test_the_id_number_of_a_voided_record_is_free_for_the_person(unit):
    _app, session, _code = unit
    wrong = _voided(session, id_number=ID)
    assert session.members.validate(_fields(session, id_number=ID)) == []
    again, _ = session.members.add(_fields(session, id_number=ID))
    assert again != wrong
    # a live record still owns its number
    with pytest.raises(ValidationErrors) as info:
        session.members.add(_fields(session, name="张叁", id_number=ID))
    assert [e.code for e in info.value.errors] == ["E_DUPLICATE_ID_NUMBER"]
    # the command line's 姓名/身份证号 finds the live one, the voided one by its id
    assert resolve_member(session, ID) == again
    assert resolve_member(session, "张三") == again
    assert resolve_member(session, wrong) == wrong


def test_a_batch_re_enters_a_voided_person(unit):
    _app, session, _code = unit
    _voided(session, id_number=ID)
    ids, _ = session.members.add_many([_fields(session, id_number=ID)])
    assert len(ids) == 1
    assert session.members.count() == 1


def test_a_roster_file_re_enters_a_voided_person_without_a_warning(unit, tmp_path):
    """王五 (with his number) and 李四 (no number, same birth date) were voided; the file
    names both again: both imported, no E_DUPLICATE_ID_NUMBER, no suspected duplicate."""
    _app, session, _code = unit
    _voided(session, name="王五", id_number=ID)
    _voided(session, name="李四", birth_date="1970-02-03")
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "公民身份号码", "出生日期", "所在党支部", "入党时间",
               "转正时间"])  # fmt: skip
    ws.append([1, "王五", "男", ID, "1990-03-07", "第一党支部", "2015.07", "2016.07"])
    ws.append([2, "李四", "男", None, "1970-02-03", "第一党支部", "1995.07", "1996.07"])
    path = tmp_path / "again.xlsx"
    wb.save(path)
    report, ids, _ = session.reports.import_roster(path)
    assert [(i.row, i.code) for i in report.issues if i.code.startswith(("E_", "W_IMPORT"))] == []
    assert len(ids) == 2
    assert session.members.count() == 2
