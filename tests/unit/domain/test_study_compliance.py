"""Study-hour targets (domain facts §5) and required meeting frequencies (§3)."""

from __future__ import annotations

from datetime import date

from ztclient.domain import compliance, study_rules
from ztclient.domain.compliance import DEFAULT_RULES, missing, required_count


def test_targets():
    assert study_rules.target_for([], 2026) == 32
    assert study_rules.target_for(["group_leader"], 2026) == 32
    assert study_rules.target_for(["secretary"], 2026) == 56
    assert study_rules.target_for(["organisation", "group_leader"], 2026) == 56
    assert study_rules.target_for(["no_such_post"], 2026) == 32
    custom = {"member": 40, "leader": 60}
    assert study_rules.target_for(["publicity"], 2026, custom) == 60


def test_target_with_dated_posts():
    post = {"post": "secretary", "start_date": "2024-03-01", "end_date": "2025-02-28"}
    assert study_rules.target_for([post], 2024) == 56
    assert study_rules.target_for([post], 2025) == 56
    assert study_rules.target_for([post], 2026) == 32
    assert study_rules.target_for([post], 2023) == 32


def test_yearly_totals_split_by_date_and_skip_voided():
    logs = [
        ("m1", "2025-12-31", 4, 0),
        ("m1", "2026-01-01", 8, 0),
        ("m1", "2026-03-01", 2.5, 0),
        ("m1", "2026-03-02", 100, 1),
        ("m2", date(2026, 5, 1), 1, False),
    ]
    assert study_rules.yearly_totals(logs) == {"m1": {2025: 4.0, 2026: 10.5}, "m2": {2026: 1.0}}


def test_short_of_target():
    logs = [("m1", "2026-02-01", 32, 0), ("m2", "2026-02-01", 40, 0)]
    short = study_rules.short_of_target(["m1", "m2", "m3"], logs, {"m2": ["secretary"]}, 2026)
    assert [(s.member_id, s.hours, s.target, s.short) for s in short] == [
        ("m2", 40.0, 56.0, 16.0),
        ("m3", 0.0, 32.0, 32.0),
    ]


def test_convert_hours():
    assert study_rules.convert_hours("intensive", days=3) == 24  # 细则 art. 17: 3 days = 24 学时
    assert study_rules.convert_hours("lecture", half_days=1) == 4
    assert study_rules.convert_hours("collective", hours=1.5) == 1.5


def test_required_counts_for_a_year():
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    assert required_count("branch_committee", start, end) == 12
    assert required_count("branch_general", start, end) == 4
    assert required_count("lecture", start, end) == 4
    assert required_count("theme_day", start, end) == 12
    assert required_count("org_life", start, end) == 1
    assert required_count("appraisal", start, end) == 1
    assert required_count("group", start, end, has_groups=False) == 0
    assert required_count("topic", start, end) == 0


def test_incomplete_periods_not_required_unless_asked():
    start, end = date(2026, 1, 1), date(2026, 11, 23)
    assert required_count("branch_committee", start, end) == 10
    assert required_count("branch_committee", start, end, include_partial=True) == 11
    assert required_count("org_life", start, end) == 0


def test_missing_periods_and_labels():
    start, end = date(2026, 1, 1), date(2026, 6, 30)
    meetings = [
        ("branch_committee", "2026-01-15"),
        ("branch_committee", "2026-02-10"),
        ("branch_committee", "2026-04-01"),
        ("branch_committee", "2026-05-01"),
        ("branch_committee", "2026-06-30"),
        ("branch_general", "2026-03-31"),
        ("lecture", date(2026, 2, 1)),
        ("lecture", date(2026, 5, 1)),
    ]
    for month in range(1, 7):
        meetings.append(("theme_day", f"2026-{month:02d}-05"))
    gaps = missing(meetings, start, end, has_groups=False)
    assert [(m.kind, m.period_label) for m in gaps] == [
        ("branch_committee", "2026年3月"),
        ("branch_general", "2026年第2季度"),
    ]
    assert gaps[1].label("en") == "2026 Q2"
    with_groups = missing(meetings, start, end, has_groups=True)
    assert sum(1 for m in with_groups if m.kind == "group") == 6


def test_yearly_rules_and_custom_rules():
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    gaps = missing([("org_life", "2025-12-20")], start, end, has_groups=False)
    assert ("appraisal", "2025年") in [(m.kind, m.period_label) for m in gaps]
    assert ("org_life", "2025年") not in [(m.kind, m.period_label) for m in gaps]
    rules = dict(DEFAULT_RULES, lecture=compliance.MONTHLY)
    gaps = missing([], start, end, has_groups=False, rules=rules)
    assert sum(1 for m in gaps if m.kind == "lecture") == 12


def test_a_committee_meeting_is_owed_only_where_there_is_a_committee():
    from ztclient.domain.compliance import committee_needed

    jan, mar = date(2026, 1, 1), date(2026, 3, 31)
    secretary = ("secretary", "2024-01-01", None)
    assert committee_needed([], jan, mar)  # nothing recorded: owed
    assert not committee_needed([secretary], jan, mar)
    assert not committee_needed([secretary, ("deputy_secretary", "2025-05-01", None)], jan, mar)
    assert committee_needed([secretary, ("organisation", "2025-05-01", None)], jan, mar)
    # a 委员 whose post ended before the period, or begins after it, does not make a committee
    assert not committee_needed([secretary, ("publicity", "2024-01-01", "2025-12-31")], jan, mar)
    assert not committee_needed([secretary, ("publicity", "2026-04-01", None)], jan, mar)
    assert committee_needed([secretary, ("publicity", "2026-03-31", None)], jan, mar)
