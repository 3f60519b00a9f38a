"""发展党员 rules (domain/development.py): each rule refused, each norm warned, figures by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain.development import Evidence, Person, StepRecord, check_step
from ztclient.domain.development_events import event_outcome
from ztclient.domain.development_next import next_steps, stage_of
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render_error

TODAY = date(2026, 12, 1)
BRANCH = "b1"


def person(**fields):
    # born 2000-03-05 (ID 110105200003050015 → check char computed by the rules' own code)
    base = {
        "id": "p1",
        "org_id": BRANCH,
        "name": "张申请",
        "gender": "1",
        "status": "normal",
        "birth_date": "2000-03-05",
        "category": "applicant",
        "voting_suspended": 0,
    }
    base.update(fields)
    return base


def codes(exc: DomainError) -> list[str]:
    errs = exc.errors if isinstance(exc, ValidationErrors) else [exc]
    return [e.code for e in errs]


def refused(fn, *a, **kw) -> list[str]:
    with pytest.raises(DomainError) as info:
        fn(*a, **kw)
    return codes(info.value)


def H(step, day, people=(), **details):
    return StepRecord(step, date.fromisoformat(day), tuple(people), details)


FULL_A = Person("李党员", "m1", "full")
FULL_B = Person("王党员", "m2", "full")


# -- application and activist ---------------------------------------------------------------------
def test_application_at_seventeen_is_refused_and_at_eighteen_accepted():
    m = person(category=None, status=None)
    assert refused(event_outcome, m, "applied", "2018-03-04", today=TODAY) == [
        "E_AGE_AT_APPLICATION"
    ]
    effects, warnings = event_outcome(m, "applied", "2018-03-05", today=TODAY)
    assert effects["application_date"] == "2018-03-05" and effects["category"] == "applicant"
    assert warnings == []


def test_candidate_one_day_short_of_a_year_is_refused():
    m = person(category="activist", application_date="2022-01-10", activist_date="2022-06-01")
    history = [
        H("mentors", "2022-06-10", [FULL_A]),
        H("activist_filed", "2022-06-15"),
        H("assessment", "2022-12-01"),
        H("assessment", "2023-05-30"),
    ]
    assert refused(event_outcome, m, "candidate", "2023-05-31", history=history, today=TODAY) == [
        "E_ACTIVIST_TOO_SHORT"
    ]
    effects, warnings = event_outcome(m, "candidate", "2023-06-01", history=history, today=TODAY)
    assert effects == {"category": "candidate", "candidate_date": "2023-06-01"}
    assert warnings == []


def test_candidate_warns_about_a_half_year_without_assessment():
    m = person(category="activist", application_date="2022-01-10", activist_date="2022-06-01")
    history = [
        H("mentors", "2022-06-10", [FULL_A]),
        H("activist_filed", "2022-06-15"),
        H("assessment", "2023-01-05"),
    ]  # 2022-06-01 + 6 months = 2022-12-01 < 2023-01-05
    _, warnings = event_outcome(m, "candidate", "2023-06-10", history=history, today=TODAY)
    assert [w.code for w in warnings] == ["W_DEV_ASSESSMENT_GAP"]
    assert warnings[0].params["start"] == "2022-06-01" and warnings[0].params["end"] == "2023-01-05"


# -- steps -----------------------------------------------------------------------------------------
def test_talk_more_than_a_month_after_application_is_a_norm():
    m = person(application_date="2023-03-01")
    assert check_step(m, [], "talk", "2023-04-01", [Person("书记")], today=TODAY) == []
    [w] = check_step(m, [], "talk", "2023-04-02", [Person("书记")], today=TODAY)
    assert w.code == "W_DEV_TALK_LATE"
    assert "晚于收到申请书（2023-03-01）后一个月" in render_error(w)


def test_step_before_its_stage_is_refused():
    m = person(application_date="2023-03-01")
    assert refused(check_step, m, [], "sponsors", "2023-04-01", [FULL_A, FULL_B], today=TODAY) == [
        "E_DEV_STEP_STAGE"
    ]
    m = person(category="activist", application_date="2023-03-01", activist_date="2023-06-01")
    assert refused(check_step, m, [], "mentors", "2023-05-31", [FULL_A], today=TODAY) == [
        "E_DEV_STEP_BEFORE"
    ]


def test_sponsors_are_two_full_members_not_under_discipline():
    m = person(
        category="candidate",
        application_date="2022-01-01",
        activist_date="2022-03-01",
        candidate_date="2023-03-01",
    )
    ok = check_step(m, [], "sponsors", "2023-03-10", [FULL_A, FULL_B], today=TODAY)
    assert ok == []
    assert refused(check_step, m, [], "sponsors", "2023-03-10", [FULL_A], today=TODAY) == [
        "E_DEV_PEOPLE_EXACT"
    ]
    probationary = Person("赵预备", "m3", "probationary")
    suspended = Person("钱察看", "m4", "full", voting_suspended=True)
    assert refused(
        check_step, m, [], "sponsors", "2023-03-10", [FULL_A, probationary], today=TODAY
    ) == ["E_DEV_PERSON_NOT_FULL"]
    assert refused(
        check_step, m, [], "sponsors", "2023-03-10", [FULL_A, suspended], today=TODAY
    ) == ["E_DEV_SPONSOR_SUSPENDED"]
    me = Person("张申请", "p1", "candidate")
    assert refused(check_step, m, [], "sponsors", "2023-03-10", [FULL_A, me], today=TODAY) == [
        "E_DEV_PERSON_SELF"
    ]


def test_volunteer_form_only_after_pre_review_and_only_once():
    m = person(category="candidate", candidate_date="2023-03-01", activist_date="2022-03-01")
    assert refused(check_step, m, [], "volunteer_form", "2023-06-01", today=TODAY) == [
        "E_DEV_STEP_MISSING"
    ]
    history = [H("pre_review", "2023-05-20")]
    assert check_step(m, history, "volunteer_form", "2023-06-01", today=TODAY) == []
    history.append(H("volunteer_form", "2023-06-01"))
    assert refused(check_step, m, history, "volunteer_form", "2023-06-02", today=TODAY) == [
        "E_DEV_STEP_TWICE"
    ]


def test_approval_later_than_three_and_six_months_is_warned():
    m = person(
        category="probationary",
        join_date="2024-09-21",
        probation_end="2025-09-21",
        candidate_date="2023-09-01",
        activist_date="2022-09-01",
    )
    assert check_step(m, [], "approval", "2024-12-21", today=TODAY) == []
    assert [w.code for w in check_step(m, [], "approval", "2024-12-22", today=TODAY)] == [
        "W_DEV_APPROVAL_LATE"
    ]
    assert [w.code for w in check_step(m, [], "approval", "2025-03-22", today=TODAY)] == [
        "W_DEV_APPROVAL_REDO"
    ]


# -- admission, conversion, extension -----------------------------------------------------------------
CANDIDATE = person(
    category="candidate",
    application_date="2022-01-10",
    activist_date="2022-06-01",
    candidate_date="2023-06-10",
)
READY = [
    H("candidate_filed", "2023-06-12"),
    H("sponsors", "2023-06-20", [FULL_A, FULL_B]),
    H("political_review", "2023-08-01", result="qualified"),
    H("training", "2023-09-01", days=2),
    H("training", "2023-10-01", hours=8),  # 2 days + 8 hours: neither reaches 3 days nor 24 hours
    H("committee_review", "2023-11-01"),
    H("pre_review", "2023-11-20"),
    H("volunteer_form", "2023-11-25"),
]


def admission(day="2023-12-01", passed=True, org=BRANCH, kind="branch_general", rkind="admission"):
    return Evidence("mt1", kind, org, date.fromisoformat(day), rkind, passed)


def test_admission_needs_the_full_training_or_a_stated_special_case():
    assert refused(
        event_outcome,
        CANDIDATE,
        "admitted",
        "2023-12-01",
        history=READY,
        evidence=admission(),
        today=TODAY,
    ) == ["E_DEV_TRAINING_SHORT"]
    effects, warnings = event_outcome(
        CANDIDATE,
        "admitted",
        "2023-12-01",
        {"training_exempt_reason": "援藏返回，补训"},
        history=READY,
        evidence=admission(),
        today=TODAY,
    )
    assert effects["join_date"] == "2023-12-01" and effects["probation_end"] == "2024-12-01"
    assert [w.code for w in warnings] == ["W_DEV_TRAINING_EXEMPT"]
    enough = [*READY, H("training", "2023-10-02", hours=16)]  # 8 + 16 = 24 hours
    _, warnings = event_outcome(
        CANDIDATE, "admitted", "2023-12-01", history=enough, evidence=admission(), today=TODAY
    )
    assert warnings == []


def test_admission_is_dated_the_meeting_of_the_own_branch_with_a_passed_vote():
    ready = [*READY, H("training", "2023-10-02", hours=16)]

    def why(day="2023-12-01", **ev):
        return refused(
            event_outcome,
            CANDIDATE,
            "admitted",
            day,
            history=ready,
            evidence=admission(**ev) if ev is not None else None,
            today=TODAY,
        )

    assert why(day="2023-12-02") == ["E_DEV_DATE_MEETING"]
    assert why(passed=False) == ["E_DEV_RESOLUTION_NOT_PASSED"]
    assert why(org="other") == ["E_DEV_MEETING_ORG"]
    assert why(kind="branch_committee") == ["E_DEV_MEETING_KIND"]
    assert why(rkind="ordinary") == ["E_DEV_RESOLUTION_MISSING"]
    assert refused(
        event_outcome, CANDIDATE, "admitted", "2023-12-01", history=ready, today=TODAY
    ) == ["E_DEV_MEETING_REQUIRED"]


def test_admission_lists_every_missing_prerequisite_at_once():
    err = refused(
        event_outcome,
        CANDIDATE,
        "admitted",
        "2023-12-01",
        history=[],
        evidence=admission(),
        today=TODAY,
    )
    assert err == [
        "E_DEV_STEP_MISSING",
        "E_DEV_STEP_MISSING",
        "E_DEV_TRAINING_SHORT",
        "E_DEV_STEP_MISSING",
        "E_DEV_STEP_MISSING",
    ]
    failed = [
        *READY,
        H("training", "2023-10-02", hours=16),
        H("political_review", "2023-08-15", result="unqualified"),
    ]
    assert refused(
        event_outcome,
        CANDIDATE,
        "admitted",
        "2023-12-01",
        history=failed,
        evidence=admission(),
        today=TODAY,
    ) == ["E_DEV_REVIEW_FAILED"]


PROBATIONARY = person(
    category="probationary",
    application_date="2022-01-10",
    activist_date="2022-06-01",
    candidate_date="2023-06-10",
    join_date="2023-12-01",
    probation_end="2024-12-01",
)
DONE = [
    H("approval", "2024-01-15"),
    H("oath", "2024-02-01"),
    H("conversion_application", "2024-11-20"),
]


def conversion(day, passed=True, rkind="conversion", months=None):
    return Evidence("mt2", "branch_general", BRANCH, date.fromisoformat(day), rkind, passed, months)


def test_conversion_only_on_the_day_probation_ends_after_the_meeting():
    # a month after admission: the meeting is too early, the date is not the end of probation,
    # and the member had not yet applied for conversion on that day
    assert refused(
        event_outcome,
        PROBATIONARY,
        "converted",
        "2024-01-01",
        history=DONE,
        evidence=conversion("2024-01-01"),
        today=TODAY,
    ) == ["E_DEV_DECISION_EARLY", "E_DEV_CONVERSION_DATE", "E_DEV_STEP_MISSING"]
    assert refused(
        event_outcome,
        PROBATIONARY,
        "converted",
        "2024-12-05",
        history=DONE,
        evidence=conversion("2024-12-05"),
        today=TODAY,
    ) == ["E_DEV_CONVERSION_DATE"]
    effects, warnings = event_outcome(
        PROBATIONARY,
        "converted",
        "2024-12-01",
        history=DONE,
        evidence=conversion("2024-12-05"),
        today=TODAY,
    )
    assert effects == {"category": "full", "full_member_date": "2024-12-01"}
    assert warnings == []
    # without an application for conversion, or without a meeting at all
    assert refused(
        event_outcome,
        PROBATIONARY,
        "converted",
        "2024-12-01",
        history=DONE[:2],
        evidence=conversion("2024-12-05"),
        today=TODAY,
    ) == ["E_DEV_STEP_MISSING"]
    assert refused(
        event_outcome, PROBATIONARY, "converted", "2024-12-01", history=DONE, today=TODAY
    ) == ["E_DEV_MEETING_REQUIRED"]


def test_extension_by_resolution_six_to_twelve_months():
    ev = conversion("2024-12-05", rkind="extension", months=6)
    effects, _ = event_outcome(
        PROBATIONARY,
        "probation_extended",
        "2024-12-05",
        {"months": 6},
        history=DONE,
        evidence=ev,
        today=TODAY,
    )
    assert effects == {"probation_end": "2025-06-01"}  # 2023-12-01 + 1 year + 6 months
    assert refused(
        event_outcome,
        PROBATIONARY,
        "probation_extended",
        "2024-12-05",
        {"months": 4},
        history=DONE,
        evidence=ev,
        today=TODAY,
    ) == ["E_EXTENSION_LENGTH"]
    assert refused(
        event_outcome,
        PROBATIONARY,
        "probation_extended",
        "2024-12-05",
        {"months": 8},
        history=DONE,
        evidence=ev,
        today=TODAY,
    ) == ["E_DEV_EXTENSION_MISMATCH"]


def test_an_event_may_not_leave_an_invalid_record_but_old_problems_do_not_block():
    # the record already has a bad phone (carried over from paper): events still work
    m = person(
        category="activist",
        application_date="2022-01-10",
        activist_date="2022-06-01",
        phone="12345",
    )
    effects, _ = event_outcome(m, "candidate", "2023-06-01", today=TODAY)
    assert effects["category"] == "candidate"


# -- what is next ------------------------------------------------------------------------------------
def test_next_steps_of_an_activist_and_a_probationary_member():
    m = person(category="activist", application_date="2022-01-10", activist_date="2022-06-01")
    items = next_steps(
        m, [H("mentors", "2022-06-10", [FULL_A]), H("assessment", "2022-11-20")], TODAY
    )
    assert [(n.code, n.due, n.not_before) for n in items] == [
        ("activist_filed", date(2022, 6, 1), None),
        ("assessment", date(2023, 5, 20), None),
        ("candidate", None, date(2023, 6, 1)),
    ]
    assert stage_of(m) == 2
    items = next_steps(PROBATIONARY, [H("approval", "2024-01-15")], TODAY)
    codes_ = [n.code for n in items]
    assert codes_[:3] == ["upper_talk", "upper_filing", "grouped"]
    assert items[-1].code == "converted" and items[-1].due == date(2024, 12, 1)
    assert stage_of(PROBATIONARY, [H("approval", "2024-01-15")]) == 5


# -- a 预备党员 carried over from paper without a stored probation end ---------------------------
PAPER = {k: v for k, v in PROBATIONARY.items() if k != "probation_end"}  # joined 2023-12-01


def test_conversion_and_extension_read_join_plus_one_year_when_no_end_is_stored():
    # a conversion meeting before 2024-12-01 is early, as for a record with the end stored
    assert refused(
        event_outcome,
        PAPER,
        "converted",
        "2024-11-25",
        history=DONE,
        evidence=conversion("2024-11-25"),
        today=TODAY,
    ) == ["E_DEV_DECISION_EARLY", "E_DEV_CONVERSION_DATE"]
    ev = conversion("2024-06-01", rkind="extension", months=6)
    assert refused(
        event_outcome,
        PAPER,
        "probation_extended",
        "2024-06-01",
        {"months": 6},
        history=DONE,
        evidence=ev,
        today=TODAY,
    ) == ["E_DEV_DECISION_EARLY"]
    # after the anniversary the conversion is dated the end of probation, not the meeting
    effects, _ = event_outcome(
        PAPER,
        "converted",
        "2024-12-01",
        history=DONE,
        evidence=conversion("2024-12-10"),
        today=TODAY,
    )
    assert effects == {"category": "full", "full_member_date": "2024-12-01"}
    assert next_steps(PAPER, DONE, TODAY)[-1].due == date(2024, 12, 1)  # 转正 due on the day
