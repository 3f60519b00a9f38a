"""A member as they were on a day (domain/member_state.py): category from the development dates,
status, voting rights and organisation from the dated events, the record where nothing says
otherwise. Every expected value is written by hand from the dates in the test."""

from __future__ import annotations

from datetime import date

from ztclient.domain.meeting_text import default_title, heading, join_name, with_seq
from ztclient.domain.member_state import category_on, state_on

D = date.fromisoformat


def member(**kw):
    base = {"id": "m1", "org_id": "b1", "group_id": "g1", "category": "full", "status": "normal",
            "voting_suspended": 0, "application_date": "2015-03-01", "activist_date": "2015-06-01",
            "candidate_date": "2016-07-01", "join_date": "2016-11-20",
            "full_member_date": "2017-11-20"}  # fmt: skip
    return base | kw


def ev(kind, day, **details):
    return {"kind": kind, "date": day, "details": details, "voided": 0, "created_at": day}


def test_category_follows_the_development_dates():
    m = member()
    assert category_on(m, D("2017-11-20")) == ("full", True)
    assert category_on(m, D("2017-11-19")) == ("probationary", True)
    assert category_on(m, D("2016-11-19")) == ("candidate", True)
    assert category_on(m, D("2015-05-31")) == ("applicant", True)
    assert category_on(m, D("2015-02-28")) == (None, True)  # not yet in the records


def test_a_member_who_joined_in_november_was_not_a_member_in_september():
    m = member(category="probationary", join_date="2026-11-05", full_member_date=None)
    s = state_on(m, [], D("2026-09-10"))
    assert s.category == "candidate" and not s.is_member and not s.due


def test_missing_stage_dates_inherit_the_earlier_one_and_no_dates_mean_the_record():
    carried = member(full_member_date=None, application_date=None, activist_date=None,
                     candidate_date=None, join_date="2001-07-01")  # fmt: skip
    assert category_on(carried, D("2001-07-01")) == ("full", True)
    assert category_on(carried, D("2001-06-30")) == ("candidate", True)  # undated stages before
    bare = member(full_member_date=None, application_date=None, activist_date=None,
                  candidate_date=None, join_date=None)  # fmt: skip
    assert category_on(bare, D("1990-01-01")) == ("full", False)
    assert state_on(bare, [], D("1990-01-01")).basis == "record"


def test_status_is_undone_from_later_events():
    m = member(status="transferred_out", status_since="2026-10-01")
    events = [ev("mobile_out", "2025-03-01", destination="深圳"), ev("mobile_back", "2025-09-01"),
              ev("transfer_out", "2026-10-01", to_org="某县委")]  # fmt: skip
    assert state_on(m, events, D("2026-09-30")).status == "normal"
    assert state_on(m, events, D("2026-10-01")).status == "transferred_out"
    assert state_on(m, events, D("2025-05-01")).status == "mobile"
    assert state_on(m, events, D("2025-05-01")).due  # mobile members stay due at home
    assert state_on(m, events, D("2024-01-01")).status == "normal"


def test_transfer_in_means_not_here_before_and_voided_events_are_ignored():
    m = member()
    events = [ev("transfer_in", "2026-06-01", from_org="某街道"),
              {**ev("deceased", "2026-07-01"), "voided": 1}]  # fmt: skip
    assert state_on(m, events, D("2026-05-31")).status == "transferred_out"
    assert not state_on(m, events, D("2026-05-31")).due
    assert state_on(m, events, D("2026-08-01")).status == "normal"


def test_before_a_first_transfer_in_the_person_was_not_yet_here_not_transferred_out():
    m = member()
    events = [ev("transfer_in", "2025-07-01", from_org="某街道")]
    before = state_on(m, events, D("2025-06-10"))
    assert before.not_yet_in and before.transfer_in_on == D("2025-07-01")
    assert not before.on_roll and not before.due
    assert not state_on(m, events, D("2025-07-01")).not_yet_in
    # Out on 2026-09-01 and back on 2026-11-01: in between truly transferred out.
    back = [ev("transfer_out", "2026-09-01", to_org="外单位"),
            ev("transfer_in", "2026-11-01", from_org="外单位")]  # fmt: skip
    away = state_on(m, back, D("2026-10-01"))
    assert (away.status, away.not_yet_in) == ("transferred_out", False)


def test_a_status_typed_in_directly_after_the_day_is_assumed_normal_before():
    m = member(status="deceased", status_since="2026-10-01")
    s = state_on(m, [], D("2026-09-01"))
    assert (s.status, s.basis) == ("normal", "assumed")
    assert state_on(m, [], D("2026-10-02")).status == "deceased"


def test_voting_rights_and_organisation_on_the_day():
    m = member(voting_suspended=0, org_id="b2", group_id=None)
    events = [
        ev("discipline_probation", "2025-01-10"),
        ev("discipline_ended", "2026-01-10"),
        ev("org_changed", "2026-03-01", org_id="b2", from_org_id="b1", from_group_id="g1"),
    ]
    s = state_on(m, events, D("2025-06-01"))
    assert s.voting_suspended and s.due and not s.voting
    assert (s.org_id, s.group_id) == ("b1", "g1")
    later = state_on(m, events, D("2026-03-01"))
    assert not later.voting_suspended and later.voting and later.org_id == "b2"
    old_style = [ev("org_changed", "2026-03-01", org_id="b2")]  # before from_* were recorded
    assert state_on(m, old_style, D("2025-06-01")).basis == "assumed"


def test_meeting_names_say_each_word_once():
    assert join_name("青山镇机关第一党支部", "支部党员大会") == "青山镇机关第一党支部党员大会"
    assert join_name("第一党支部第1党小组", "党小组会") == "第一党支部第1党小组会"
    assert join_name("第一党支部", "党课") == "第一党支部党课"
    assert heading("青山镇机关第一党支部", "支部党员大会") == "青山镇机关第一党支部党员大会记录"
    assert (
        with_seq("2026年第四季度支部党员大会（第4次）", 4) == "2026年第四季度支部党员大会（第4次）"
    )
    assert with_seq("2026年第四季度支部党员大会", 4) == "2026年第四季度支部党员大会（第4次）"
    assert default_title("第一党支部", "branch_general", "支部党员大会", 4) == (
        "第一党支部党员大会（第4次）"
    )
    assert default_title("第一党支部", "branch_committee", "支部委员会会议", 3) == (
        "第一党支部委员会第3次会议"
    )
