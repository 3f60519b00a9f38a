"""Study logs are records of the unit's members on their date: a day on which the member was
not on this unit's roll (not yet transferred in; already transferred out, exited or dead) is
refused, on its own row, and a batch with such a row writes nothing."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render_error


def _member(session, branch, name):
    mid, _ = session.members.add(
        {"name": name, "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01"}
    )  # fmt: skip
    return mid


def _log(mid, day):
    return {"member_id": mid, "date": day, "hours": 2, "form": "self", "topic": "党章"}


def _refused(session, logs) -> list[DomainError]:
    before = session.store.scalar("SELECT count(*) FROM study_logs")
    ops = session.store.scalar("SELECT count(*) FROM outbox")
    with pytest.raises(ValidationErrors) as info:
        session.study.add(logs)
    assert session.store.scalar("SELECT count(*) FROM study_logs") == before
    assert session.store.scalar("SELECT count(*) FROM outbox") == ops
    return info.value.errors


def test_no_study_recorded_for_a_day_off_the_roll(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    members = session.members
    left = _member(session, branch, "王转出")
    members.record_event(left, "transfer_out", "2025-06-01", {"to_org": "中共某县委组织部"})
    dead = _member(session, branch, "李故去")
    members.record_event(dead, "deceased", "2025-03-10")
    came = _member(session, branch, "赵转入")
    members.record_event(came, "transfer_in", "2025-04-01", {"from_org": "外单位党委"})

    # Days on the roll are taken: before the transfer out, before death, after the 转入.
    ids, _ = session.study.add(
        [_log(left, "2025-05-31"), _log(dead, "2025-03-09"), _log(came, "2025-04-01")]
    )
    assert len(ids) == 3

    errors = _refused(
        session,
        [_log(came, "2025-05-01"), _log(left, "2025-06-02"), _log(dead, "2025-03-11"),
         _log(came, "2025-03-31")],
    )  # fmt: skip
    assert [(e.code, e.params["row"]) for e in errors] == [
        ("E_STUDY_OFF_ROLL", 2),
        ("E_STUDY_OFF_ROLL", 3),
        ("E_STUDY_NOT_YET_IN", 4),
    ]
    assert render_error(errors[0]) == (
        "第2行：王转出在 2025-06-02 已是“已转出”，不在本单位名册上，不能记这一天的学习"
    )
    assert render_error(errors[1]).startswith("第3行：李故去在 2025-03-11 已是“死亡”")
    assert render_error(errors[2]) == (
        "第4行：赵转入在 2025-03-31 还没有转入本单位，不能记这一天的学习"
    )
    assert "off this unit's roll" in render_error(errors[0], "en")


def test_a_member_who_came_back_may_study_again(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    mid = _member(session, branch, "钱回来")
    session.members.record_event(mid, "transfer_out", "2024-03-01", {"to_org": "外单位"})
    session.members.record_event(mid, "transfer_in", "2025-02-01", {"from_org": "外单位"})
    errors = _refused(session, [_log(mid, "2024-09-01")])
    assert [e.code for e in errors] == ["E_STUDY_OFF_ROLL"]
    ids, _ = session.study.add([_log(mid, "2024-02-29"), _log(mid, "2025-02-01")])
    assert len(ids) == 2


def test_no_study_recorded_before_the_person_joined(unit):
    """党员教育培训学时 are a member's (domain facts §5): a day before the 入党日期 (the 支部大会
    that made them a 预备党员) is refused, naming both dates; an 积极分子's training is kept in
    the development record (集中培训), not here."""
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    new, _ = session.members.add(
        {"name": "孙预备", "org_id": branch, "category": "probationary", "gender": "1",
         "join_date": "2025-06-01"}
    )  # fmt: skip
    keen, _ = session.members.add(
        {"name": "周积极", "org_id": branch, "category": "activist", "gender": "1",
         "activist_date": "2025-01-10"}
    )  # fmt: skip
    errors = _refused(session, [_log(new, "2025-06-01"), _log(new, "2025-05-31"),
                                _log(keen, "2025-03-01")])  # fmt: skip
    assert [(e.code, e.params["row"]) for e in errors] == [
        ("E_STUDY_NOT_YET_MEMBER", 2),
        ("E_STUDY_NOT_MEMBER", 3),
    ]
    assert render_error(errors[0]) == (
        "第2行：孙预备的入党日期是 2025-06-01，在 2025-05-31 还不是党员，不能记这一天的学习"
    )
    assert render_error(errors[1]) == (
        "第3行：周积极在 2025-03-01 还不是党员（入党积极分子），不能记党员学习学时；"
        "入党积极分子、发展对象的培训记在发展党员的“集中培训”里"
    )
    assert "before joining on 2025-06-01" in render_error(errors[0], "en")
    # the meeting path is the same rule: everyone present gets the same check
    ids, _ = session.study.add([_log(new, "2025-06-01")])
    assert len(ids) == 1


def test_hours_dated_before_joining_do_not_count_anywhere(unit, tmp_path):
    """A log before the 入党日期 already on file (kept by an older version, or the join date
    corrected later) counts neither in the 学习 page's total nor in the 学习学时统计."""
    from datetime import date

    from ztclient.services import reports_statistics

    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    new, _ = session.members.add(
        {"name": "孙预备", "org_id": branch, "category": "probationary", "gender": "1",
         "join_date": "2025-06-01"}
    )  # fmt: skip
    session.study.add([_log(new, "2025-06-01"), {**_log(new, "2025-07-01"), "form": "collective"}])
    with session.store.transaction() as tx:  # as an older version let it in
        for day, form, hours in (("2025-05-20", "collective", 10), ("2025-01-05", "self", 4)):
            tx.insert("study_logs", {"id": f"old-{day}", "member_id": new, "date": day,
                                     "hours": hours, "form": form, "topic": "入党前",
                                     "voided": 0, "created_at": "2025-05-20T00:00:00Z"})  # fmt: skip
    (row,) = session.study.summary(2025)
    # by hand: 2 self + 2 collective after joining; the 10 + 4 before do not count
    assert (row["name"], row["hours"], row["all_hours"], row["short"]) == ("孙预备", 2.0, 4.0, 30.0)
    doc = reports_statistics.study_doc(
        session.store, session.study, session.reports.provenance(), 2025, date(2025, 12, 31)
    )
    (line,) = doc.rows
    assert line.counted == 2.0
    assert sum(h for _label, h in line.hours_by_form) == 4.0
