"""Undo for every edit kind (issue 9 item 2): each undo is one more audited edit through the
public service methods — the first edit stays in the outbox and the audit chain."""

from __future__ import annotations

from ztclient.services import undo


def _member(session, branch, name="张三"):
    mid, _ = session.members.add(
        {
            "name": name,
            "org_id": branch,
            "category": "full",
            "gender": "1",
            "join_date": "2010-07-01",
            "full_member_date": "2011-07-01",
        }
    )
    return mid


def _ops(session):
    return session.store.scalar("SELECT count(*) FROM outbox")


def test_meeting_new_and_edited_are_undone(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    meetings = session.meetings
    mid, _ = meetings.add({"org_id": branch, "kind": "lecture", "starts_at": "2026-11-20T09:00"})
    before = meetings.get(mid)
    meetings.update(mid, {"place": "会议室", "title": "改过的名称"}, before["version"])
    n = _ops(session)
    undo.meeting_save(meetings, mid, before)()
    back = meetings.get(mid)
    assert back["place"] is None and back["title"] == before["title"]
    assert _ops(session) == n + 1  # one more op, nothing rewritten
    undo.meeting_save(meetings, mid, None)()  # as if it had just been made
    assert meetings.get(mid)["voided"]


def test_member_update_event_and_study_are_undone(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    members = session.members
    mid = _member(session, branch)
    old = members.get(mid)
    members.update(mid, {"work_unit": "错填的单位"}, old["version"])
    undo.member_update(members, mid, {"work_unit": old["work_unit"]})()
    assert members.get(mid)["work_unit"] == old["work_unit"]
    event_id, _ = members.record_event(mid, "mobile_out", "2026-11-01", {"destination": "深圳"})
    assert members.get(mid)["status"] == "mobile"
    undo.member_event(members, event_id, old)()
    assert members.get(mid)["status"] == "normal"
    ids, _ = session.study.add(
        [{"member_id": mid, "date": "2026-11-02", "hours": 2, "form": "self", "topic": "党章"}]
    )
    undo.study_logs(session.study, ids)()
    assert session.store.scalar("SELECT count(*) FROM study_logs WHERE voided = 0") == 0


def _three_logs(session) -> list[str]:
    """One batch: 2 hours of 集体学习 for 张三, 李四 and 王五 on 2026-11-02."""
    branch = session.store.get_meta("test_branch_id")
    ids, _ = session.study.add(
        [
            {"member_id": _member(session, branch, name), "date": "2026-11-02", "hours": 2,
             "form": "collective", "topic": "党章"}
            for name in ("张三", "李四", "王五")
        ]
    )  # fmt: skip
    return ids


def test_undoing_study_logs_skips_one_voided_meanwhile(unit):
    """学习 → 学习记录 → 作废… can void one log of a batch (a member marked present by
    mistake) while the batch's 撤销 is still offered. Before, that 撤销 voided the logs before it,
    stopped at the voided one with E_VOIDED and left the rest counting: half undone, with the
    undo entry gone. The logs are to end voided; one that already is is left as it is."""
    _app, session, _code = unit
    ids = _three_logs(session)
    session.study.void(ids[1], "李四未到会")
    n = _ops(session)
    changes = undo.study_logs(session.study, ids)()
    assert changes.study
    rows = {
        r["id"]: (r["voided"], r["void_reason"])
        for r in session.store.read("SELECT id, voided, void_reason FROM study_logs")
    }
    assert rows == {
        ids[0]: (1, undo.UNDO_REASON),
        ids[1]: (1, "李四未到会"),
        ids[2]: (1, undo.UNDO_REASON),
    }
    assert _ops(session) == n + 2  # the two voids the undo made, nothing for the third


def test_undoing_study_logs_is_all_or_nothing(unit, monkeypatch):
    """The undo of a batch voids its logs in one transaction: a failure at the second log (the
    disk gone, here the journal refusing) leaves all three counting, none voided, no op."""
    _app, session, _code = unit
    ids = _three_logs(session)
    n = _ops(session)
    journal = session.study.journal
    real = journal.record
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real(*args, **kwargs)

    monkeypatch.setattr(journal, "record", failing)
    try:
        undo.study_logs(session.study, ids)()
    except OSError:
        pass
    else:
        raise AssertionError("the failing journal should have stopped the undo")
    assert len(calls) == 2
    voided = session.store.column("SELECT id FROM study_logs WHERE voided = 1")
    assert voided == []
    assert _ops(session) == n


def test_undoing_a_member_event_is_one_transaction(unit, monkeypatch):
    """The undo of 登记事件 voids the event and puts back the member's fields it shows changed
    (here 工作单位, edited after the 外出流动 was recorded). Before, these were two commits: a
    failure at the second (the journal refusing the member's update) left the event voided and
    the 工作单位 still changed — half undone. Now nothing is written: the event still stands,
    the member is still 流动, the work unit is still the edited one, no op."""
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    members = session.members
    mid = _member(session, branch)
    old = members.get(mid)
    event_id, _ = members.record_event(mid, "mobile_out", "2026-11-01", {"destination": "深圳"})
    members.update(mid, {"work_unit": "深圳分公司"}, members.get(mid)["version"])
    n = _ops(session)
    journal = members.journal
    real = journal.record
    calls = []

    def failing(*args, **kwargs):
        calls.append(kwargs.get("entity"))
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        return real(*args, **kwargs)

    monkeypatch.setattr(journal, "record", failing)
    try:
        undo.member_event(members, event_id, old)()
    except OSError:
        pass
    else:
        raise AssertionError("the failing journal should have stopped the undo")
    # the void (the status it set given back, the event marked), then the 工作单位 put back
    assert calls == ["member", "member_event", "member"]
    assert session.store.scalar("SELECT voided FROM member_events WHERE id = ?", (event_id,)) == 0
    now = members.get(mid)
    assert (now["status"], now["work_unit"]) == ("mobile", "深圳分公司")
    assert _ops(session) == n
    monkeypatch.setattr(journal, "record", real)
    undo.member_event(members, event_id, old)()  # and it still works once the disk is back
    now = members.get(mid)
    assert (now["status"], now["work_unit"]) == ("normal", old["work_unit"])
    assert _ops(session) == n + 3  # the void (two ops) and the update, together
