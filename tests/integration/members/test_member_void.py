"""录入错误作废: a member added by mistake is taken back with a reason. The record stays (found
under 已作废 with the reason), but the person leaves every current count and list, as of any
day; a member with anything real on record is refused, naming what to void first."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error
from ztclient.services.dashboard import Dashboard
from ztclient.services.members import EDITABLE


def _add(session, name, **extra):
    branch = session.store.get_meta("test_branch_id")
    mid, _ = session.members.add(
        {"name": name, "org_id": branch, "category": "full", "gender": "1",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01", **extra}
    )  # fmt: skip
    return mid


def _counts(session):
    return (
        session.store.scalar("SELECT count(*) FROM outbox"),
        session.store.scalar("SELECT count(*) FROM audit"),
        session.store.scalar("SELECT group_concat(status || version) FROM members"),
    )


def test_a_reason_is_required_and_nothing_is_written_without_one(unit):
    _app, session, _code = unit
    mid = _add(session, "王错录")
    before = _counts(session)
    for reason in ("", "   "):
        with pytest.raises(DomainError) as info:
            session.members.void(mid, reason)
        assert render_error(info.value) == "请填写“原因”"
    assert _counts(session) == before


def test_a_voided_member_leaves_the_roll_and_stays_in_history(unit):
    _app, session, _code = unit
    a = _add(session, "张甲")
    b = _add(session, "李乙")
    wrong = _add(session, "王错录")
    assert session.members.count() == 3
    ops = session.store.scalar("SELECT count(*) FROM outbox")

    session.members.void(wrong, "  重复录入 ")

    row = session.members.get(wrong)
    assert (row["status"], row["void_reason"]) == ("voided", "重复录入")
    assert row["version"] == 2
    # out of the roster, the search and the counts …
    assert session.members.count() == 2
    assert set(session.members.ids()) == {a, b}
    assert session.members.ids("王错录") == []
    # … found under every status, and on its own
    assert wrong in session.members.ids(include_former=True)
    assert session.members.ids(status="voided") == [wrong]
    # one op, for the centre and the unit's other devices; one audit entry
    assert session.store.scalar("SELECT count(*) FROM outbox") == ops + 1
    op = session.store.read_one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
    assert (op["entity"], op["record_id"], op["op"], op["base_version"]) == (
        "member",
        wrong,
        "void",
        1,
    )
    fields = json.loads(op["fields"])
    today = session.clock.today().isoformat()
    assert fields == {"reason": "重复录入", "status": "voided", "status_since": today}
    audit = session.store.read_one("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")
    assert (audit["action"], audit["object"]) == ("member.void", f"member:{wrong}")


def test_a_voided_member_is_not_editable(unit):
    _app, session, _code = unit
    wrong = _add(session, "王错录")
    session.members.void(wrong, "测试录入")
    version = session.members.get(wrong)["version"]
    before = _counts(session)
    with pytest.raises(DomainError) as info:
        session.members.update(wrong, {"phone": "13800000000"}, version)
    assert info.value.code == "E_VOIDED"
    with pytest.raises(DomainError) as info:
        session.members.record_event(wrong, "mobile_out", "2026-01-05", {"destination": "杭州"})
    assert info.value.code == "E_VOIDED"
    with pytest.raises(DomainError) as info:
        session.members.void(wrong, "再作废一次")
    assert info.value.code == "E_VOIDED"
    with pytest.raises(DomainError):
        session.study.add(
            [
                {
                    "member_id": wrong,
                    "date": "2026-01-05",
                    "hours": 2,
                    "form": "self",
                    "topic": "党章",
                }
            ]
        )
    assert _counts(session) == before


def test_the_status_is_not_set_by_hand_or_by_an_import(unit):
    _app, session, _code = unit
    mid = _add(session, "张甲")
    row = session.members.get(mid)
    errors = session.members.validate({**{k: row[k] for k in EDITABLE}, "status": "voided"})
    assert [e.code for e in errors] == ["E_MEMBER_VOID_USE"]
    assert render_error(errors[0]).startswith("“已作废”不能直接填写")


def test_refused_while_the_record_holds_real_records(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    mid = _add(session, "王有据")
    session.study.add(
        [{"member_id": mid, "date": "2026-01-05", "hours": 2, "form": "self", "topic": "党章"}]
    )
    event_id, _ = session.members.record_event(
        mid, "mobile_out", "2026-02-01", {"destination": "杭州"}
    )
    session.orgs.assign_post(branch, mid, "secretary", "2026-01-01")
    before = _counts(session)
    with pytest.raises(DomainError) as info:
        session.members.void(mid, "重复录入")
    err = info.value
    assert err.code == "E_MEMBER_VOID_HAS_RECORDS"
    assert render_error(err) == (
        "王有据已有在案记录（人员事件1条、学习记录1条、党内职务1项），不能作为录入错误作废；"
        "如确属误录，请先作废这些记录"
    )
    assert "1 member event(s), 1 study log(s), 1 party post(s)" in render_error(err, "en")
    assert _counts(session) == before

    # voided logs and events no longer hold the record
    session.members.void_event(event_id, "误录")
    log_id = session.study.logs(mid)[0]["id"]
    session.study.void(log_id, "误录")
    with pytest.raises(DomainError) as info:
        session.members.void(mid, "重复录入")
    assert info.value.params["records"] == [["党内职务1项", "1 party post(s)"]]


def test_refused_with_attendance_at_a_saved_meeting(unit):
    _app, session, _code = unit
    branch = session.store.get_meta("test_branch_id")
    mid = _add(session, "王到会")
    meeting_id, _ = session.meetings.add(
        {"org_id": branch, "kind": "branch_general", "starts_at": "2026-03-10T09:00",
         "attendance": [{"member_id": mid, "status": "present"}]}
    )  # fmt: skip
    with pytest.raises(DomainError) as info:
        session.members.void(mid, "重复录入")
    assert "会议出席记录1条" in render_error(info.value)
    session.meetings.void(meeting_id, "误录")  # a voided meeting no longer holds it
    session.members.void(mid, "重复录入")
    assert session.members.get(mid)["status"] == "voided"


def test_counts_reports_and_due_lists_leave_the_voided_member_out(unit):
    _app, session, _code = unit
    _add(session, "张甲", birth_date="1980-01-01")
    _add(session, "李乙", birth_date="1990-01-01", gender="2")
    wrong = _add(session, "王错录", birth_date="1985-01-01")
    year = session.clock.today().year
    past = date(year - 1, 12, 31)
    dash = Dashboard(session)
    # by hand: three full members before, two after
    assert dash.counts()["members"] == 3
    assert dict(dash.composition()["category"]) == {"full": 3}
    assert len(session.study.summary(year)) == 3
    assert len(session.study.summary(year - 1)) == 3
    assert len(session.reports.roster_doc(as_of=past).rows) == 3
    assert len(session.dues.ledger(year).lines) == 3

    session.members.void(wrong, "重复录入")

    assert dash.counts()["members"] == 2
    assert dict(dash.composition()["category"]) == {"full": 2}
    assert dict(dash.composition()["gender"]) == {"1": 1, "2": 1}
    assert len(session.study.summary(year)) == 2
    # as of a day before the void too: the record never was true
    assert len(session.study.summary(year - 1)) == 2
    names = [r.name for r in session.reports.roster_doc(as_of=past).rows]
    assert sorted(names) == ["张甲", "李乙"]
    assert [r.name for r in session.reports.roster_doc().rows].count("王错录") == 0
    assert len(session.dues.ledger(year).lines) == 2
    assert len(session.dues.ledger(year - 1).lines) == 2
