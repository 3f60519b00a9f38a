"""Meetings keep the state of each person on their date (issue 10 items 1, 2, 4), against a real
encrypted store. The people and their dates are in conftest.py; each expected figure below is
counted by hand from that table, not by the code under test.

On 2026-09-10 the branch had 8 members due: 王建国, 李文华, 陈红, 周伟, 赵磊, 钱进 (full, voting),
孙丽 (full, 留党察看: no vote) and 刘洋 (probationary: no vote). 吴新 joined on 2026-11-05 and
was not yet a member. 周伟 was absent (sick). So 应到 8, 实到 7, 缺席 1, 有表决权应到 6, 实到 5,
threshold 4 (more than half of 6).
"""

from __future__ import annotations

import json

import pytest
from meeting_world import MEETING_DAY, add, general_meeting

from ztclient.domain.errors import DomainError, ValidationErrors


def outbox_count(s):
    return s.store.scalar("SELECT count(*) FROM outbox")


def test_figures_come_from_the_snapshot_of_the_day(branch_unit):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    q = s.meetings.result(mid)
    assert (q.due_total, q.present_total, q.absent_total) == (8, 7, 1)
    assert (q.voters_due, q.voters_present) == (6, 5)
    first, second = q.resolutions
    assert (first.needed, first.passed, first.verdict) == (4, True, "通过")
    assert (second.needed, second.passed, second.verdict) == (4, False, "未通过")
    people = {a.name: a for a in s.meetings.snapshot(mid)}
    assert "吴新" not in people  # joined in November: not on September's list
    assert people["孙丽"].due and not people["孙丽"].voting and people["孙丽"].voting_suspended
    assert people["刘洋"].category == "probationary" and not people["刘洋"].voting
    assert people["钱进"].member_status == "normal"  # died after the meeting
    assert people["王建国"].posts == ("secretary",)
    listed = s.meetings.list()[0]
    assert (listed["due"], listed["present"]) == (8, 7)  # the list view counts the same


def test_the_op_carries_the_snapshot_and_the_figures(branch_unit):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    op = s.store.read_one("SELECT fields FROM outbox WHERE record_id = ?", (mid,))
    fields = json.loads(op["fields"])
    assert fields["figures"]["due"] == 8 and fields["figures"]["voters_due"] == 6
    assert [r["passed"] for r in fields["figures"]["resolutions"]] == [True, False]
    rows = {r["name"]: r for r in fields["attendance"]}
    assert rows["孙丽"]["due"] == 1 and rows["孙丽"]["voting"] == 0
    assert rows["周伟"]["status"] == "absent" and rows["周伟"]["reason"] == "sick"


def test_roster_changes_after_the_meeting_change_nothing(branch_unit):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    before = (
        s.meetings.result(mid).to_dict(),
        s.reports.minutes_doc(mid),
        s.reports.signin_doc(mid),
    )
    add(s, ids["branch"], "新来的", "2015-01-05")  # added to the roster afterwards
    s.members.record_event(ids["陈红"], "transfer_out", "2026-11-01", {"to_org": "某县委"})
    s.members.record_event(ids["周伟"], "mobile_out", "2026-11-02", {"destination": "深圳"})
    after = (
        s.meetings.result(mid).to_dict(),
        s.reports.minutes_doc(mid),
        s.reports.signin_doc(mid),
    )
    assert after == before
    assert "新来的" not in [n for n, _ in after[2].names]


def test_an_edit_keeps_the_snapshot_and_a_new_date_takes_a_new_one(branch_unit):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    add(s, ids["branch"], "后来者", "2015-01-05")
    s.meetings.update(mid, {"summary": "会议开得很好。"}, base_version=1)
    assert s.meetings.result(mid).due_total == 8  # the same people as when first saved
    moved = {"starts_at": "2026-11-20T09:00", "ends_at": None}
    # 钱进, marked present, died on 10-20: the record cannot have him attend on 11-20
    with pytest.raises(ValidationErrors) as info:
        s.meetings.update(mid, moved, base_version=2)
    assert [e.code for e in info.value.errors] == ["E_ATTENDEE_NOT_ON_ROLL"]
    s.meetings.update(mid, {**moved, "attendance": _living(ids)}, base_version=2)
    q = s.meetings.result(mid)
    # On 2026-11-20: 吴新 has joined (probationary), 后来者 is on the roster, 钱进 has died.
    names = {a.name for a in s.meetings.snapshot(mid) if a.counted}
    assert {"吴新", "后来者"} <= names and "钱进" not in names
    assert q.due_total == 9


def test_an_unknown_resolution_kind_is_refused_naming_row_and_field(branch_unit):
    s, ids = branch_unit
    data = general_meeting(ids)
    data["resolutions"][1]["kind"] = "acclamation"
    before = outbox_count(s)
    with pytest.raises(ValidationErrors) as info:
        s.meetings.add(data)
    err = info.value.errors[0]
    assert (err.code, err.field, err.params["row"]) == ("E_CODE_UNKNOWN", "resolutions[2].kind", 2)
    assert outbox_count(s) == before and s.store.scalar("SELECT count(*) FROM meetings") == 0


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"ends_at": f"{MEETING_DAY}T08:00"}, "E_DATE_ORDER", "ends_at"),
        ({"kind": "tea_party"}, "E_CODE_UNKNOWN", "kind"),
        ({"seq_no": "三"}, "E_NUMBER_INVALID", "seq_no"),
        ({"starts_at": "九月十日"}, "E_DATE_FORMAT", "starts_at"),
        ({"attendance": ["王建国"]}, "E_INVALID", "attendance[1]"),
        (
            {"attendance": [{"member_id": "nobody", "status": "present"}]},
            "E_NOT_FOUND",
            "attendance[1].member_id",
        ),
        (
            {"attendance": [{"member_id": "x", "status": "asleep"}]},
            "E_NOT_FOUND",
            "attendance[1].member_id",
        ),
        ({"guests": "孙志强"}, "E_INVALID", "guests"),
        (
            {"resolutions": [{"title": "a", "votes_for": -1}]},
            "E_NUMBER_INVALID",
            "resolutions[1].votes_for",
        ),
        (
            {"resolutions": [{"title": "a", "votes_for": "abc"}]},
            "E_NUMBER_INVALID",
            "resolutions[1].votes_for",
        ),
        (
            {"resolutions": [{"title": "a", "votes_for": True}]},
            "E_NUMBER_INVALID",
            "resolutions[1].votes_for",
        ),
        (
            {"resolutions": [{"title": "", "votes_for": 1}]},
            "E_FIELD_REQUIRED",
            "resolutions[1].title",
        ),
        (
            {"resolutions": [{"title": "a", "deadline": "下周"}]},
            "E_DATE_FORMAT",
            "resolutions[1].deadline",
        ),
        (
            {"resolutions": [{"title": "a", "votes_for": 5, "votes_against": 1}]},
            "E_VOTES_EXCEED",
            "resolutions[1].votes_for",
        ),  # 6 votes, 5 voters present
        (
            {"resolutions": [{"title": "a", "votes_for": 4, "written_opinions": 2}]},
            "E_WRITTEN_EXCEED",
            "resolutions[1].written_opinions",
        ),  # only 1 voter absent
        ({"place": "会" * 201}, "E_TEXT_TOO_LONG", "place"),
        ({"colour": "red"}, "E_FIELD_UNKNOWN", "colour"),
    ],
)
def test_every_bad_field_is_a_coded_error_and_nothing_is_written(branch_unit, change, code, field):
    s, ids = branch_unit
    before = outbox_count(s)
    with pytest.raises(DomainError) as info:
        s.meetings.add(general_meeting(ids, **change))
    errors = getattr(info.value, "errors", [info.value])
    assert (errors[0].code, errors[0].field) == (code, field)
    assert outbox_count(s) == before


def test_numbers_typed_as_text_are_accepted(branch_unit):
    s, ids = branch_unit
    data = general_meeting(ids, seq_no="3")
    data["resolutions"][0].update(votes_for="4", votes_against="0", written_opinions="1")
    mid, _ = s.meetings.add(data)
    assert s.meetings.result(mid).resolutions[0].passed is True


def test_a_deceased_member_cannot_chair_but_one_who_died_later_could(branch_unit):
    s, ids = branch_unit
    with pytest.raises(ValidationErrors) as info:
        s.meetings.add(general_meeting(ids, starts_at="2026-11-01T09:00", ends_at=None,
                                       chair_id=ids["钱进"]))  # fmt: skip
    err = info.value.errors[0]
    assert (err.code, err.field, err.params["status"]) == (
        "E_ROLE_NOT_ON_ROLL",
        "chair_id",
        "deceased",
    )
    from ztclient.domain.messages import render_error

    assert render_error(err) == "钱进在会议当日（2026-11-01）已是“死亡”，不能担任主持人"
    mid, _ = s.meetings.add(general_meeting(ids, recorder_id=ids["钱进"]))  # 2026-09-10: alive
    assert mid
    with pytest.raises(ValidationErrors) as info:
        s.meetings.add(general_meeting(ids, recorder_id=ids["吴新"]))
    assert info.value.errors[0].code == "E_ROLE_NOT_MEMBER"


def test_a_chair_who_transferred_in_later_was_not_yet_here_not_transferred_out(branch_unit):
    from meeting_world import add as add_member

    from ztclient.domain.messages import render, render_error

    s, ids = branch_unit
    ren = add_member(s, ids["branch"], "壬转入", "2015-07-01")
    s.events.record(ren, "transfer_in", "2026-09-20", {"from_org": "外单位支部"})
    with pytest.raises(ValidationErrors) as info:
        s.meetings.add(general_meeting(ids, chair_id=ren))  # 2026-09-10: ten days before
    err = info.value.errors[0]
    assert (err.code, err.field, err.params["transfer_date"]) == (
        "E_ROLE_NOT_YET_IN",
        "chair_id",
        "2026-09-20",
    )
    assert render_error(err) == (
        "壬转入在会议当日（2026-09-10）尚未转入本组织（2026-09-20转入），不能担任主持人"
    )
    assert render(err.code, **err.params) == render_error(err)  # the CLI renders it so


def test_one_groups_meeting_does_not_count_for_the_branch_or_the_other_group(branch_unit):
    from datetime import date

    s, ids = branch_unit
    s.meetings.add({"org_id": ids["g1"], "kind": "group", "starts_at": "2026-09-15T15:00",
                    "attendance": [{"member_id": ids["王建国"], "status": "present"}]})  # fmt: skip
    missing = s.meetings.compliance(ids["branch"], date(2026, 9, 1), date(2026, 9, 30))
    groups = [(m.kind, m.org_name) for m in missing if m.kind == "group"]
    assert groups == [("group", "第二党小组")]  # 第一党小组 met; 第二党小组 did not
    assert ("branch_committee", "") in [(m.kind, m.org_name) for m in missing]
    g1 = s.meetings.list(org_id=ids["g1"])[0]
    assert (g1["due"], g1["present"]) == (2, 1)  # the group's own members on the day


def test_due_list_for_the_editor_is_as_of_the_meeting_date(branch_unit):
    s, ids = branch_unit
    sept = {r["name"] for r in s.meetings.due_members(ids["branch"], "branch_general", MEETING_DAY)}
    assert sept == {"王建国", "李文华", "陈红", "周伟", "赵磊", "孙丽", "刘洋", "钱进"}
    dec = {r["name"] for r in s.meetings.due_members(ids["branch"], "branch_general", "2026-12-01")}
    assert "吴新" in dec and "钱进" not in dec
    committee = s.meetings.due_members(ids["branch"], "branch_committee", MEETING_DAY)
    assert [r["name"] for r in committee] == ["李文华", "王建国"]


def test_a_meeting_op_coming_down_is_checked_like_any_input(branch_unit):
    """What another device of the unit sends goes through the same checks (issue 10 item 4):
    a good op round-trips; a doctored one is refused naming its field."""
    from ztclient.services.meeting_input import from_op

    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    fields = json.loads(
        s.store.read_one("SELECT fields FROM outbox WHERE record_id = ?", (mid,))["fields"]
    )
    s.meetings.check(from_op(fields))  # the op as sent passes the checks again
    fields["resolutions"][0]["kind"] = "acclamation"
    fields["attendance"][0]["status"] = "asleep"
    with pytest.raises(ValidationErrors) as info:
        s.meetings.check(from_op(fields))
    assert {e.field for e in info.value.errors} == {"attendance[1].status", "resolutions[1].kind"}
    with pytest.raises(DomainError):
        s.meetings.check(from_op(["not", "a", "meeting"]))


def _living(ids):
    """The 2026-09-10 marks without 钱进 (died 2026-10-20), for a meeting after his death."""
    return [a for a in general_meeting(ids)["attendance"] if a["member_id"] != ids["钱进"]]


def test_a_snapshot_taken_before_the_meeting_is_retaken_at_the_first_edit_after_it(branch_unit):
    """A meeting saved ahead (to print its sign-in sheet) holds a forecast of who is due; the
    first edit after the day takes the snapshot of the day; later edits keep it."""
    from datetime import date

    s, ids = branch_unit
    agenda = [
        {"title": "同意转正", "kind": "conversion"},
        {"title": "调整活动经费"},
    ]  # no votes yet
    ahead = general_meeting(ids, starts_at="2026-12-10T09:00", ends_at=None, resolutions=agenda,
                            attendance=_living(ids))  # fmt: skip
    mid, _ = s.meetings.add(ahead)
    assert s.meetings.result(mid).due_total == 8  # as known on 12-01 (钱进 died on 10-20,
    # 吴新 joined 11-05: 王 李 陈 周 赵 孙 刘 吴)
    s.clock._today = date(2026, 12, 11)
    add(s, ids["branch"], "新党员", "2026-12-05", full=False)  # admitted after the save
    s.meetings.update(mid, {"summary": "补记。"}, base_version=1)
    assert "新党员" in {a.name for a in s.meetings.snapshot(mid) if a.counted}
    assert s.meetings.result(mid).due_total == 9
    add(s, ids["branch"], "再后来", "2026-12-09", full=False)  # recorded after the retake
    s.meetings.update(mid, {"place": "会议室"}, base_version=2)
    assert s.meetings.result(mid).due_total == 9  # the snapshot of the day is kept now


def test_a_meeting_saved_ahead_carries_no_votes_until_its_day(branch_unit):
    """Vote figures on a meeting whose day has not come were taken (QA): a 支部党员大会 of
    12-10 saved on 12-01 could already say 4 for, 0 against. Saved ahead it may hold its
    agenda items; the figures are entered once the day has come."""
    from datetime import date

    from ztclient.domain.errors import ValidationErrors
    from ztclient.domain.messages import render_error

    s, ids = branch_unit
    voted = general_meeting(
        ids, starts_at="2026-12-10T09:00", ends_at=None, attendance=_living(ids)
    )
    with pytest.raises(ValidationErrors) as info:
        s.meetings.add(voted)
    assert [(e.code, e.field) for e in info.value.errors] == [
        ("E_VOTES_BEFORE_MEETING", "resolutions[1].votes_for"),
        ("E_VOTES_BEFORE_MEETING", "resolutions[2].votes_for"),
    ]
    assert render_error(info.value.errors[0]).startswith(
        "“同意转正”有表决票数，但会议日期 2026-12-10 还没到"
    )
    assert s.meetings.list(start="2026-12-10", end="2026-12-10") == []
    agenda = [{"title": "同意转正", "kind": "conversion"}, {"title": "调整活动经费"}]
    mid, _ = s.meetings.add({**voted, "resolutions": agenda})
    s.clock._today = date(2026, 12, 10)  # the day has come: the figures go in
    s.meetings.update(mid, {"resolutions": voted["resolutions"]}, base_version=1)
    assert [r.votes_for for r in s.meetings.result(mid).resolutions] == [4, 2]
