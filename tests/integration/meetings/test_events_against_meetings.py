"""A member's leaving (转出, 出党, 停止党籍, 取消预备党员资格, 去世) and the meetings saved for the
days after it must tell one story: a back-dated event that a saved meeting contradicts — the
person marked present, or chairing or keeping the record, on or after that day — is refused,
naming the meeting; one the meeting only counts as due (absent) is recorded with a warning.
The other way round, a person off the roll on the meeting's day cannot be marked present.
The world and its dates: meeting_world.py (the 支部党员大会 of 2026-09-10)."""

from __future__ import annotations

import pytest
from meeting_world import general_meeting

from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render_error


def _state(s, mid):
    events = s.store.scalar("SELECT count(*) FROM member_events WHERE member_id = ?", (mid,))
    return s.members.get(mid)["status"], events, s.store.scalar("SELECT count(*) FROM outbox")


def test_an_exit_dated_before_a_meeting_the_member_attended_is_refused(branch_unit):
    s, ids = branch_unit
    s.meetings.add(general_meeting(ids))
    before = _state(s, ids["赵磊"])
    with pytest.raises(DomainError) as info:
        s.members.record_event(ids["赵磊"], "deceased", "2026-09-01")
    assert info.value.code == "E_EVENT_AFTER_MEETING"
    assert render_error(info.value) == (
        "“死亡”的日期（2026-09-01）早于赵磊到会的“2026年第三季度支部党员大会”（2026-09-10）："
        "会议记录里此人出席。请核对日期，或先更正该次会议的出席记录"
    )
    assert "2026-09-10" in render_error(info.value, "en")
    assert _state(s, ids["赵磊"]) == before  # nothing written
    # the recorder, on the meeting's own day (on that day the roll no longer holds them)
    with pytest.raises(DomainError) as info:
        s.members.record_event(
            ids["李文华"], "transfer_out", "2026-09-10", {"to_org": "县委组织部"}
        )
    assert info.value.code == "E_EVENT_AFTER_MEETING"
    # 停止党籍 and 出党 alike; after the meeting, all is well
    with pytest.raises(DomainError):
        s.members.record_event(ids["陈红"], "suspended", "2026-08-01")
    with pytest.raises(DomainError):
        s.members.record_event(ids["陈红"], "exited", "2026-08-01", {"exit_kind": "退党除名"})
    outcome = s.members.events.record(ids["赵磊"], "deceased", "2026-09-11")
    assert outcome.warnings == ()


def test_an_exit_before_a_meeting_that_counts_the_member_as_due_is_recorded_with_a_warning(
    branch_unit,
):
    s, ids = branch_unit
    s.meetings.add(general_meeting(ids))  # 周伟 absent (病假): due, not present
    outcome = s.members.events.record(
        ids["周伟"], "exited", "2026-09-01", {"exit_kind": "退党除名"}
    )
    assert [w.code for w in outcome.warnings] == ["W_EVENT_BEFORE_MEETING_DUE"]
    assert render_error(outcome.warnings[0]) == (
        "周伟在“2026年第三季度支部党员大会”（2026-09-10）仍计为应到会：该会议的应到、表决人数"
        "按会议当日的名单保存，不随补录的事件改变；如需更正，请修改该次会议"
    )
    assert s.members.get(ids["周伟"])["status"] == "exited"


def test_a_voided_meeting_does_not_stand_in_the_way(branch_unit):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    s.meetings.void(mid, "录错")
    outcome = s.members.events.record(ids["赵磊"], "deceased", "2026-09-01")
    assert outcome.warnings == ()


def test_no_one_off_the_roll_on_the_day_is_marked_present(branch_unit):
    s, ids = branch_unit
    # 钱进 died on 2026-10-20; a meeting of 2026-11-10 cannot have him present
    data = general_meeting(ids, starts_at="2026-11-10T09:00", ends_at="2026-11-10T11:00",
                           seq_no=4, resolutions=[])  # fmt: skip
    before = s.store.scalar("SELECT count(*) FROM meetings")
    with pytest.raises(ValidationErrors) as info:
        s.meetings.add(data)
    (err,) = info.value.errors
    assert err.code == "E_ATTENDEE_NOT_ON_ROLL"
    assert render_error(err) == "第8行：钱进在会议当日（2026-11-10）已是“死亡”，不能记为出席"
    assert s.store.scalar("SELECT count(*) FROM meetings") == before
    # marked absent he is listed as before: not due, not counted
    data["attendance"][-1] = {"member_id": ids["钱进"], "status": "absent"}
    s.meetings.add(data)


def test_study_by_meeting_logs_the_members_present_and_not_a_candidate_sitting_in(branch_unit):
    """A 发展对象 sitting in on a 支部党员大会 (吴新, a member only from 2026-11-05) is listed
    present; logging the meeting's hours gives them to the members present and leaves him out,
    rather than refusing the whole batch (his training is the development record's)."""
    s, ids = branch_unit
    data = general_meeting(ids, resolutions=[])
    data["attendance"].append({"member_id": ids["吴新"], "status": "present"})
    mid, _ = s.meetings.add(data)
    logged, _ = s.study.add_for_meeting(mid, 2, "collective")
    names = {r["name"] for r in s.study.logs() if r["id"] in logged}
    assert names == {"王建国", "李文华", "陈红", "赵磊", "孙丽", "刘洋", "钱进"}


def test_a_paper_record_typed_as_dead_before_a_meeting_it_attended_is_refused(branch_unit):
    """The same story on the other road: a record carried over from paper (no events) whose
    status is corrected by hand, with a 状态日期 before a meeting that records the person present."""
    s, ids = branch_unit
    s.meetings.add(general_meeting(ids))
    version = s.members.get(ids["陈红"])["version"]
    with pytest.raises(DomainError) as info:
        s.members.update(ids["陈红"], {"status": "deceased", "status_since": "2026-09-01"}, version)
    assert info.value.code == "E_STATUS_AFTER_MEETING"
    assert render_error(info.value) == (
        "陈红自 2026-09-01 起已是“死亡”，但“2026年第三季度支部党员大会”（2026-09-10）记录此人出席："
        "请核对日期，或先更正该次会议的出席记录"
    )
    assert s.members.get(ids["陈红"])["status"] == "normal"
    s.members.update(ids["陈红"], {"status": "deceased", "status_since": "2026-09-11"}, version)


def test_a_paper_record_typed_as_dead_with_no_date_is_checked_against_every_meeting(
    branch_unit,
):
    """A gone status typed with no 状态日期 holds on every day (member_state): 陈红 attended the
    meeting of 2026-09-10, so 死亡 with no date is refused as the dated one is; with a date
    after the meeting it is taken, and clearing that date again is refused. Once the meeting
    is voided, 赵磊 (who was there) may be 出党 with no date."""
    s, ids = branch_unit
    s.meetings.add(general_meeting(ids))
    version = s.members.get(ids["陈红"])["version"]
    with pytest.raises(DomainError) as info:
        s.members.update(ids["陈红"], {"status": "deceased"}, version)
    assert info.value.code == "E_STATUS_UNDATED_AFTER_MEETING"
    assert render_error(info.value) == (
        "陈红的状态“死亡”没有填写状态日期（即一向如此），但“2026年第三季度支部党员大会”"
        "（2026-09-10）记录此人出席：请填写状态日期，或先更正该次会议的出席记录"
    )
    assert s.members.get(ids["陈红"])["status"] == "normal"
    s.members.update(ids["陈红"], {"status": "deceased", "status_since": "2026-09-11"}, version)
    with pytest.raises(DomainError) as info:
        s.members.update(ids["陈红"], {"status_since": None}, version + 1)
    assert info.value.code == "E_STATUS_UNDATED_AFTER_MEETING"
    zhao = s.members.get(ids["赵磊"])
    s.meetings.void(s.meetings.list()[0]["id"], "测试")
    s.members.update(ids["赵磊"], {"status": "exited", "exit_kind": "expelled"}, zhao["version"])


def test_the_meeting_that_revoked_a_probation_can_still_be_edited(branch_unit):
    """The 预备党员 whose status the meeting itself revoked was there (present): an edit that
    keeps the day keeps the marks it already had, and is not refused for them."""
    from meeting_world import add

    s, ids = branch_unit
    old = add(s, ids["branch"], "预备乙", "2025-06-01", full=False)
    revoke = {"title": "取消预备乙的预备党员资格", "kind": "revocation", "subject_member_id": old,
              "votes_for": 5, "votes_against": 0, "votes_abstain": 0}  # fmt: skip
    data = general_meeting(ids, resolutions=[revoke])
    data["attendance"].append({"member_id": old, "status": "present"})
    mid, _ = s.meetings.add(data)
    assert s.members.get(old)["status"] == "exited"
    s.meetings.update(mid, {"summary": "补记。"}, base_version=1)
    assert s.meetings.get(mid)["summary"] == "补记。"


def test_a_meeting_with_study_logged_from_it_can_still_be_edited(branch_unit):
    """按会议批量登记学习 links each log to the meeting; an edit of the meeting afterwards (its
    summary, who came) failed with a raw FOREIGN KEY error, the meeting row being deleted and
    written again. The edit goes through, and the logs still point at it."""
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids, resolutions=[]))
    logged, _ = s.study.add_for_meeting(mid, 2, "collective")
    s.meetings.update(mid, {"summary": "补记。"}, base_version=1)
    got = s.meetings.get(mid)
    assert (got["summary"], got["version"]) == ("补记。", 2)
    assert {r["meeting_id"] for r in s.study.logs() if r["id"] in logged} == {mid}
    with pytest.raises(DomainError) as info:  # the version check still holds
        s.meetings.update(mid, {"summary": "又一次"}, base_version=1)
    assert info.value.code == "E_STALE_BASE"
