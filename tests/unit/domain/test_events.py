"""The member event state machine."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.events import allowed, apply_event, normalise_details, required_details
from ztclient.domain.messages import render_error
from ztclient.domain.model import EventKind as K


def member(**fields):
    base = {"category": "full", "status": "normal", "voting_suspended": 0,
            "join_date": "2020-07-01", "probation_end": "2021-07-01"}  # fmt: skip
    base.update(fields)
    return base


def refused(m, kind, day="2024-01-01", details=None):
    with pytest.raises(DomainError) as info:
        apply_event(m, kind, day, details or {})
    return info.value


def test_development_path():
    m: dict = {"category": None, "status": None}
    steps = [
        (K.APPLIED, "2022-03-01", {"category": "applicant", "application_date": "2022-03-01"}),
        (K.ACTIVIST, "2022-06-01", {"category": "activist", "activist_date": "2022-06-01"}),
        (K.CANDIDATE, "2023-06-10", {"category": "candidate", "candidate_date": "2023-06-10"}),
        (
            K.ADMITTED,
            "2023-12-01",
            {"category": "probationary", "join_date": "2023-12-01", "probation_end": "2024-12-01"},
        ),
        (K.CONVERTED, "2024-12-01", {"category": "full", "full_member_date": "2024-12-01"}),
    ]
    for kind, day, expected in steps:
        changes = apply_event(m, kind, day, {})
        if m.get("status") is None:
            assert changes.pop("status") == "normal"
            assert changes.pop("status_since") == day
        assert changes == expected
        m.update(changes)
        m["status"] = m.get("status") or "normal"


def test_converting_a_full_member_is_refused():
    err = refused(member(), K.CONVERTED)
    assert err.code == "E_EVENT_NOT_ALLOWED"
    assert err.params == {"kind": "converted", "category": "full", "status": "normal"}


def test_skipping_a_stage_is_refused():
    assert refused({"category": "applicant", "status": "normal"}, K.ADMITTED).code == (
        "E_EVENT_NOT_ALLOWED"
    )


def test_stage_date_before_previous_is_refused():
    m = {"category": "activist", "status": "normal", "activist_date": "2023-01-01"}
    assert refused(m, K.CANDIDATE, "2022-12-31").code == "E_DATE_ORDER"


def test_probation_extension():
    m = member(category="probationary", join_date="2023-12-01", probation_end="2024-12-01")
    assert apply_event(m, K.PROBATION_EXTENDED, "2024-11-20", {"months": 6}) == {
        "probation_end": "2025-06-01"
    }
    assert refused(m, K.PROBATION_EXTENDED, details={"months": 3}).code == "E_EXTENSION_LENGTH"
    assert refused(m, K.PROBATION_EXTENDED, details={"months": 13}).code == "E_EXTENSION_LENGTH"
    assert refused(m, K.PROBATION_EXTENDED).code == "E_EVENT_DETAIL_MISSING"
    # Only once.
    again = dict(m, probation_end="2025-06-01")
    assert refused(again, K.PROBATION_EXTENDED, details={"months": 6}).code == (
        "E_EVENT_NOT_ALLOWED"
    )
    assert refused(member(), K.PROBATION_EXTENDED, details={"months": 6}).code == (
        "E_EVENT_NOT_ALLOWED"
    )


def test_probation_revoked():
    m = member(category="probationary")
    assert apply_event(m, K.PROBATION_REVOKED, "2024-05-01") == {
        "status": "exited",
        "status_since": "2024-05-01",
        "exit_kind": "probation_revoked",
    }


def test_transfer_out_and_back():
    details = {"to_org": "中共某街道工委", "letter_no": "2024-017", "dues_paid_to": "2024-06",
               "valid_days": 30, "whole_unit": False}  # fmt: skip
    out = apply_event(member(), K.TRANSFER_OUT, "2024-07-01", details)
    assert out == {"status": "transferred_out", "status_since": "2024-07-01"}
    gone = member(**out)
    assert apply_event(gone, K.TRANSFER_RECEIPT, "2024-07-20", {}) == {}
    assert refused(gone, K.MOBILE_OUT, details={"destination": "深圳"}).code == (
        "E_EVENT_NOT_ALLOWED"
    )
    back = apply_event(gone, K.TRANSFER_IN, "2025-01-01", {"from_org": "中共某街道工委"})
    assert back == {"status": "normal", "status_since": "2025-01-01"}


def test_transfer_out_details_checked():
    assert refused(member(), K.TRANSFER_OUT).code == "E_EVENT_DETAIL_MISSING"
    bad_month = {"to_org": "x", "dues_paid_to": "2024-13"}
    assert refused(member(), K.TRANSFER_OUT, details=bad_month).code == "E_DATE_INVALID"
    bad_form = {"to_org": "x", "dues_paid_to": "2024年3月"}
    assert refused(member(), K.TRANSFER_OUT, details=bad_form).code == "E_DATE_FORMAT"
    bad_days = {"to_org": "x", "valid_days": "三十"}
    assert refused(member(), K.TRANSFER_OUT, details=bad_days).code == "E_INVALID"


def test_new_record_transferred_in():
    assert apply_event({"category": "full", "status": "normal"}, K.TRANSFER_IN, "2024-03-01",
                       {"from_org": "x"}) == {}  # fmt: skip


def test_mobile_and_lost_contact():
    assert apply_event(member(), K.MOBILE_OUT, "2024-02-01", {"destination": "广东深圳"}) == {
        "status": "mobile",
        "status_since": "2024-02-01",
    }
    assert apply_event(member(status="mobile"), K.MOBILE_BACK, "2024-09-01") == {
        "status": "normal",
        "status_since": "2024-09-01",
    }
    assert apply_event(member(status="mobile"), K.LOST_CONTACT, "2024-09-01", {"reason": "1"})[
        "status"
    ] == ("lost_contact")
    assert refused(member(), K.LOST_CONTACT, details={"reason": "9"}).code == "E_CODE_UNKNOWN"
    assert apply_event(member(status="lost_contact"), K.CONTACT_RESTORED, "2024-10-01")[
        "status"
    ] == ("normal")
    assert refused(member(), K.CONTACT_RESTORED).code == "E_EVENT_NOT_ALLOWED"


@pytest.mark.parametrize("category", ["applicant", "activist", "candidate"])
@pytest.mark.parametrize(
    ("kind", "details"),
    [(K.MOBILE_OUT, {"destination": "广东深圳"}), (K.LOST_CONTACT, {"reason": "1"}),
     (K.SUSPENDED, {})],
)  # fmt: skip
def test_mobility_contact_and_suspension_are_for_party_members_only(category, kind, details):
    """流动党员 (§1.11), 失联党员 and 停止党籍 (§1.13) are states of a member's 党籍: an applicant,
    activist or 发展对象 has none; their file moves by transfer."""
    person = member(category=category, join_date=None, probation_end=None)
    error = refused(person, kind, details=details)
    assert error.code == "E_EVENT_NOT_ALLOWED"
    assert not allowed(person, kind)
    assert allowed(person, K.TRANSFER_OUT)
    assert apply_event(member(category="probationary"), kind, "2024-01-01", details)["status"]


def test_suspension():
    lost = member(status="lost_contact")
    assert apply_event(lost, K.SUSPENDED, "2024-01-01")["status"] == "suspended"
    assert apply_event(member(status="suspended"), K.RESTORED, "2025-01-01")["status"] == "normal"
    assert refused(member(), K.RESTORED).code == "E_EVENT_NOT_ALLOWED"


def test_discipline_probation_suspends_vote():
    assert apply_event(member(), K.DISCIPLINE_PROBATION, "2024-01-01") == {"voting_suspended": 1}
    assert apply_event(member(voting_suspended=1), K.DISCIPLINE_ENDED, "2025-01-01") == {
        "voting_suspended": 0
    }
    assert refused(member(), K.DISCIPLINE_ENDED).code == "E_EVENT_NOT_ALLOWED"
    assert refused(member(category="probationary"), K.DISCIPLINE_PROBATION).code == (
        "E_EVENT_NOT_ALLOWED"
    )


def test_exit_and_death_close_the_record():
    assert refused(member(), K.EXITED).code == "E_EVENT_DETAIL_MISSING"
    assert refused(member(), K.EXITED, details={"exit_kind": "逃跑"}).code == "E_CODE_UNKNOWN"
    assert refused(member(), K.EXITED, details={"exit_kind": "probation_revoked"}).code == (
        "E_EVENT_NOT_ALLOWED"
    )
    out = apply_event(member(status="suspended"), K.EXITED, "2024-01-01",
                      {"exit_kind": "lapsed_removed"})  # fmt: skip
    assert out == {"exit_kind": "lapsed_removed", "status": "exited", "status_since": "2024-01-01"}
    assert apply_event(member(), K.DECEASED, "2024-01-01") == {
        "status": "deceased",
        "status_since": "2024-01-01",
    }
    for closed in ("exited", "deceased"):
        for kind in K:
            details = {"months": 6, "to_org": "x", "from_org": "x", "destination": "x",
                       "reason": "1", "exit_kind": "expelled", "org_id": "b2"}  # fmt: skip
            assert refused(member(status=closed), kind, details=details).code == (
                "E_EVENT_NOT_ALLOWED"
            )
            assert not allowed(member(status=closed), kind)


def test_org_changed():
    assert apply_event(member(group_id="g1"), K.ORG_CHANGED, "2024-01-01", {"org_id": "b2"}) == {
        "org_id": "b2",
        "group_id": None,
    }
    assert apply_event(member(), K.ORG_CHANGED, "2024-01-01", {"group_id": "g2"}) == {
        "group_id": "g2"
    }
    assert refused(member(), K.ORG_CHANGED).code == "E_EVENT_DETAIL_MISSING"


def test_dates_checked():
    assert refused(member(), K.DECEASED, "2024/01/01").code == "E_DATE_FORMAT"
    with pytest.raises(DomainError) as info:
        apply_event(member(), K.DECEASED, "2030-01-01", today=date(2026, 1, 1))
    assert info.value.code == "E_DATE_FUTURE"


def test_required_details():
    assert required_details(K.EXITED) == ("exit_kind",)
    assert required_details("transfer_out") == ("to_org",)
    assert required_details(K.CONVERTED) == ()
    assert allowed(member(), K.MOBILE_OUT) and not allowed(member(), K.CONVERTED)


@pytest.mark.parametrize(
    ("kind", "details", "stored"),
    [
        (K.EXITED, {"exit_kind": "退党除名"}, {"exit_kind": "withdrawal_removed"}),  # the label
        (K.EXITED, {"exit_kind": "开除"}, {"exit_kind": "expelled"}),  # an alias
        (K.EXITED, {"exit_kind": "expelled"}, {"exit_kind": "expelled"}),  # the code
        (K.LOST_CONTACT, {"reason": "外出务工经商"}, {"reason": "1"}),
        (K.LOST_CONTACT, {"reason": 1}, {"reason": "1"}),
        (K.ACTIVIST, {"method": "党员推荐"}, {"method": "member"}),
        (K.TRANSFER_OUT, {"to_org": "外单位", "reason": "工作调动"}, None),  # free text stays
    ],
)
def test_coded_details_take_code_label_or_alias(kind, details, stored):
    """docs/cli.md: coded fields take the code or the Chinese label (QA: 退党除名 was refused)."""
    assert normalise_details(kind, details) == (stored or details)
    if kind == K.EXITED:
        out = apply_event(member(), kind, "2024-01-01", details)
        assert out["exit_kind"] == stored["exit_kind"]
    if kind == K.LOST_CONTACT:
        assert apply_event(member(), kind, "2024-01-01", details)["status"] == "lost_contact"


def test_unknown_coded_details_are_refused_by_name():
    with pytest.raises(DomainError) as info:
        normalise_details(K.EXITED, {"exit_kind": "逃跑"})
    assert (info.value.code, info.value.field) == ("E_CODE_UNKNOWN", "exit_kind")
    with pytest.raises(DomainError) as info:
        normalise_details(K.ACTIVIST, {"method": "自荐"})
    assert (info.value.code, info.value.field) == ("E_CODE_UNKNOWN", "method")


# -- an event is checked on its own date (member_state.state_on), in date order ------------------
def ev(kind, day, **details):
    return {"kind": kind, "date": day, "details": details, "voided": 0, "created_at": day}


def refused_with(m, events, kind, day, details=None):
    with pytest.raises(DomainError) as info:
        apply_event(m, kind, day, details or {}, events=events)
    return info.value


# 甲五: transferred out on 2026-09-01, back on 2026-11-01 (the record says 正常 since then).
AWAY = [ev("transfer_out", "2026-09-01", to_org="外单位"), ev("transfer_in", "2026-11-01",
        from_org="外单位")]  # fmt: skip
BACK = {"status_since": "2026-11-01", "birth_date": "1974-01-05", "full_member_date": "1998-07-01",
        "join_date": "1997-07-01"}  # fmt: skip


def test_an_event_dated_while_transferred_out_is_refused_on_that_day():
    err = refused_with(member(**BACK), AWAY, K.MOBILE_OUT, "2026-10-01", {"destination": "深圳"})
    assert (err.code, err.params) == (
        "E_EVENT_NOT_ALLOWED_ON",
        {"kind": "mobile_out", "date": "2026-10-01", "category": "full",
         "status": "transferred_out"},
    )  # fmt: skip
    assert render_error(err) == (
        "该人员在2026-10-01为“正式党员”、“已转出”，不能登记该日的“外出流动”"
    )


def test_a_stage_dated_while_transferred_out_is_refused():
    m = {"category": "activist", "status": "normal", "status_since": "2026-05-01",
         "application_date": "2024-01-01", "activist_date": "2025-01-01"}  # fmt: skip
    away = [ev("transfer_out", "2026-03-01", to_org="外单位"),
            ev("transfer_in", "2026-05-01", from_org="外单位")]  # fmt: skip
    err = refused_with(m, away, K.CANDIDATE, "2026-04-01")
    assert err.code == "E_EVENT_NOT_ALLOWED_ON" and err.params["status"] == "transferred_out"


def test_a_record_changing_event_before_a_later_one_is_refused():
    # Out 2026-03-01, back 2026-06-01; 失联 on 2026-05-01 was allowed that day (外出流动) but
    # would leave the record 失联 although the later return made it 正常.
    m = member(status_since="2026-06-01")
    moves = [ev("mobile_out", "2026-03-01", destination="深圳"), ev("mobile_back", "2026-06-01")]
    err = refused_with(m, moves, K.LOST_CONTACT, "2026-05-01", {"reason": "1"})
    assert (err.code, err.params) == (
        "E_EVENT_BACKDATED",
        {"kind": "lost_contact", "date": "2026-05-01", "later_kind": "mobile_back",
         "later_date": "2026-06-01"},
    )  # fmt: skip
    text = render_error(err)
    assert text.startswith("“失去联系”的日期（2026-05-01）早于最近一次事件（2026-06-01 ")
    assert text.endswith("）：请先作废后面的事件再补录")
    # A voided later event no longer counts; the same day and later days are fine.
    voided = [moves[0], {**moves[1], "voided": 1}]
    assert apply_event(member(status="mobile"), K.LOST_CONTACT, "2026-05-01", {"reason": "1"},
                       events=voided)["status"] == "lost_contact"  # fmt: skip
    assert apply_event(m, K.LOST_CONTACT, "2026-06-01", {"reason": "1"}, events=moves)
    assert apply_event(m, K.LOST_CONTACT, "2026-07-01", {"reason": "1"}, events=moves)


def test_discipline_is_checked_on_its_date():
    # Full member only from 2021-07-01: 留党察看 dated in the probation year is refused.
    m = member(full_member_date="2021-07-01")
    err = refused_with(m, [], K.DISCIPLINE_PROBATION, "2021-03-01")
    assert (err.code, err.params["category"]) == ("E_EVENT_NOT_ALLOWED_ON", "probationary")
    assert apply_event(m, K.DISCIPLINE_PROBATION, "2021-07-01", {}) == {"voting_suspended": 1}


def test_nothing_before_a_first_transfer_in():
    m = member(status_since="2025-07-01")
    err = refused_with(m, [ev("transfer_in", "2025-07-01", from_org="外单位")],
                       K.DISCIPLINE_PROBATION, "2025-06-10")  # fmt: skip
    assert (err.code, err.params["transfer_date"]) == ("E_EVENT_NOT_YET_IN", "2025-07-01")
    assert render_error(err) == (
        "该人员2025-07-01才转入本组织，2025-06-10时尚未转入，不能登记该日的“留党察看”"
    )


def test_no_event_before_birth_and_no_membership_event_before_joining():
    m = member(birth_date="1981-03-03", join_date="2012-07-01", full_member_date="2013-07-01")
    err = refused_with(m, [], K.DECEASED, "1979-01-01")
    assert (err.code, err.params) == (
        "E_EVENT_DATE_BEFORE",
        {"kind": "deceased", "date": "1979-01-01", "what": "birth_date", "anchor": "1981-03-03"},
    )
    assert render_error(err) == "“死亡”的日期（1979-01-01）早于出生日期（1981-03-03）"
    err = refused_with(m, [], K.TRANSFER_OUT, "2000-01-01", {"to_org": "外单位"})
    assert (err.params["what"], err.params["anchor"]) == ("join_date", "2012-07-01")
    assert render_error(err) == "“转出组织关系”的日期（2000-01-01）早于入党日期（2012-07-01）"
    # Birth from the ID number when the record has no birth date (110105 1981-03-03 …).
    no_birth = member(id_number="110105198103030317", join_date=None, probation_end=None,
                      category="applicant")  # fmt: skip
    assert refused_with(no_birth, [], K.TRANSFER_OUT, "1980-01-01",
                        {"to_org": "外单位"}).params["anchor"] == "1981-03-03"  # fmt: skip
