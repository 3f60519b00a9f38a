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
