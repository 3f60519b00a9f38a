"""The meeting's people on every path (issue 9 item 3): a lecturer from the roster by id, an
outside lecturer by name, a resolution's subject member shown by name; unknown ids refused."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import ValidationErrors


def _member(session, branch_id, name):
    mid, _ = session.members.add(
        {
            "name": name,
            "org_id": branch_id,
            "category": "full",
            "gender": "1",
            "join_date": "2010-07-01",
            "full_member_date": "2011-07-01",
        }
    )
    return mid


def test_lecturer_by_id_or_by_name_and_subject_member(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    teacher = _member(session, branch, "王𠮷")
    subject = _member(session, branch, "李四")
    mid, _ = session.meetings.add(
        {
            "org_id": branch,
            "kind": "lecture",
            "starts_at": "2026-11-20T09:00",
            "ends_at": "2026-11-20T10:30",
            "lecturer_id": teacher,
            "resolutions": [{"title": "同意李四按期转正", "subject_member_id": subject}],
        }
    )
    got = session.meetings.get(mid)
    assert got["lecturer_id"] == teacher
    assert got["lecturer"] == "王𠮷" == got["lecturer_name"]  # the printed name follows the id
    assert got["resolutions"][0]["subject_name"] == "李四"
    # an update of one field keeps the rest (subject_name is never written back)
    session.meetings.update(mid, {"place": "会议室", "lecturer_id": None, "lecturer": "张教授"}, 1)
    got = session.meetings.get(mid)
    assert got["lecturer_id"] is None and got["lecturer"] == "张教授"
    assert got["resolutions"][0]["subject_member_id"] == subject


def test_unknown_lecturer_id_and_end_before_start_are_refused(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    with pytest.raises(ValidationErrors) as caught:
        session.meetings.add(
            {
                "org_id": branch,
                "kind": "lecture",
                "starts_at": "2026-11-20T09:00",
                "ends_at": "2026-11-20T08:00",
                "lecturer_id": "no-such-member",
            }
        )
    codes = {(e.code, e.field) for e in caught.value.errors}
    assert ("E_NOT_FOUND", "lecturer_id") in codes and ("E_DATE_ORDER", "ends_at") in codes
    assert session.meetings.list(limit=10) == []
