"""Org-life records of the unit's other devices, taken in (services/sync/records_in.py): a 民主评议
grade is one per member and year here (appraisals_member_year). Another device's grade of a
member this device graded for the same year itself (both graded offline: two records at the
centre) is not written over this one: the item is kept, failed, for review, as a 党费 base of a
year this device has its own of. A voided grade claims no year."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ztclient.domain.errors import DomainError
from ztclient.services.sync import records_in

OTHER = "01900000-0000-7000-8000-0000000000a1"


def _grade(s, branch):
    yi, _ = s.members.add(
        {"org_id": branch, "name": "乙", "gender": "1", "category": "full",
         "join_date": "2001-07-01", "full_member_date": "2002-07-01"}
    )  # fmt: skip
    (mine,) = s.appraisals.record(2023, [{"member_id": yi, "grade": "合格"}]).ids
    return yi, mine


def _body(yi, branch, voided=False):
    data = {"year": 2023, "member_id": yi, "org_id": branch, "grade": "excellent",
            "meeting_id": None, "measure": None, "deadline": None, "note": None}  # fmt: skip
    return {"entity": "appraisal", "id": OTHER, "version": 1, "voided": voided, "data": data}


def _rows(s):
    return s.store.read("SELECT id, grade, voided FROM appraisals ORDER BY voided, id")


def test_a_second_grade_of_the_year_from_another_device_is_kept_for_review(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    yi, mine = _grade(s, branch)
    ctx = SimpleNamespace(store=s.store, now=lambda: "2024-02-01T08:00:00Z")
    with pytest.raises(DomainError) as e:
        records_in.apply_record(ctx, _body(yi, branch), lambda *_a: None)
    assert (e.value.code, e.value.params) == (
        "E_SYNC_GRADE_HERE",
        {"name": "乙", "year": "2023", "theirs": "优秀", "mine": "合格"},
    )
    assert _rows(s) == [{"id": mine, "grade": "qualified", "voided": 0}]


def test_a_voided_grade_of_the_year_from_another_device_is_taken(unit):
    _app, s, _code = unit
    branch = s.store.get_meta("test_branch_id")
    yi, mine = _grade(s, branch)
    ctx = SimpleNamespace(store=s.store, now=lambda: "2024-02-01T08:00:00Z")
    changes = records_in.apply_record(ctx, _body(yi, branch, voided=True), lambda *_a: None)
    assert changes.org_life
    assert _rows(s) == [
        {"id": mine, "grade": "qualified", "voided": 0},
        {"id": OTHER, "grade": "excellent", "voided": 1},
    ]
