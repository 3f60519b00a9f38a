"""Which months a member owes dues for, from dates and events, as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain import dues_months as M
from ztclient.domain.errors import DomainError

D = date.fromisoformat


def months(member, events=(), year=2025, as_of="2025-12-31", up_to=None):
    periods = M.periods(member, list(events), D(as_of))
    return [M.text(i) for i in M.months_in_year(periods, year, up_to)]


def ev(kind, day, **details):
    return {"kind": kind, "date": day, "details": details, "voided": 0}


FULL = {"category": "full", "join_date": "2001-07-01", "status": "normal"}


def test_month_text_and_parse():
    assert M.text(M.index(2025, 1)) == "2025-01"
    assert M.parse("2025-03") == M.index(2025, 3)
    assert M.parse("2025-3") == M.index(2025, 3)
    assert M.parse("2025年3月") == M.index(2025, 3)
    assert M.parse(" 2025/12 ") == M.index(2025, 12)
    for bad in ("2025-13", "2025-00", "25-03", "March", "", "1999-01", "2025-03-01"):
        with pytest.raises(DomainError) as e:
            M.parse(bad)
        assert e.value.code == "E_DUES_MONTH_FORMAT"


def test_a_full_member_owes_every_month():
    assert len(months(FULL)) == 12
    assert months(FULL, as_of="2025-12-31", up_to=M.index(2025, 3)) == [
        "2025-01",
        "2025-02",
        "2025-03",
    ]


def test_probationary_from_the_month_after_admission():
    m = {"category": "probationary", "join_date": "2025-03-15", "status": "normal"}
    assert months(m)[0] == "2025-04" and len(months(m)) == 9
    m31 = {"category": "probationary", "join_date": "2025-12-31", "status": "normal"}
    assert months(m31) == []
    assert months(m31, year=2026, as_of="2026-02-01")[0] == "2026-01"
    # as of a date before the admission: nothing yet
    assert months(m, as_of="2025-03-01") == []


def test_non_members_owe_nothing():
    for cat in ("applicant", "activist", "candidate"):
        assert months({"category": cat, "status": "normal"}) == []


def test_transfer_out_through_the_month_and_transfer_in_after_paid_to():
    out = [ev("transfer_out", "2025-05-20", to_org="某县委组织部")]
    assert months({**FULL, "status": "transferred_out"}, out)[-1] == "2025-05"
    assert len(months({**FULL, "status": "transferred_out"}, out)) == 5
    # as of April the transfer has not happened: still a member
    assert len(months(FULL, out, as_of="2025-04-30")) == 12

    came = {"category": "full", "join_date": "1999-07-01", "status": "normal"}
    assert months(came, [ev("transfer_in", "2025-03-10", from_org="x")])[0] == "2025-04"
    with_letter = [ev("transfer_in", "2025-03-10", from_org="x", dues_paid_to="2025-01")]
    assert months(came, with_letter)[0] == "2025-02"
    bad_letter = [ev("transfer_in", "2025-03-10", from_org="x", dues_paid_to="一月")]
    assert months(came, bad_letter)[0] == "2025-04"


def test_leaving_and_coming_back():
    evs = [
        ev("transfer_out", "2025-02-10", to_org="a"),
        ev("transfer_in", "2025-06-01", from_org="a"),
    ]
    assert months(FULL, evs) == ["2025-01", "2025-02"] + [f"2025-{m:02d}" for m in range(7, 13)]


@pytest.mark.parametrize("kind", ["exited", "deceased", "suspended", "probation_revoked"])
def test_endings_stop_before_the_month(kind):
    assert months(FULL, [ev(kind, "2025-04-20")]) == ["2025-01", "2025-02", "2025-03"]


def test_restored_after_suspension():
    evs = [ev("suspended", "2025-02-01"), ev("restored", "2025-09-15")]
    assert months(FULL, evs) == ["2025-01", "2025-10", "2025-11", "2025-12"]


def test_voided_events_do_not_count():
    e = ev("deceased", "2025-04-20")
    e["voided"] = 1
    assert len(months(FULL, [e])) == 12


def test_paper_statuses_end_without_events():
    dead = {**FULL, "status": "deceased", "status_since": "2025-06-03"}
    assert months(dead)[-1] == "2025-05"
    gone = {**FULL, "status": "transferred_out", "status_since": "2025-06-03"}
    assert months(gone)[-1] == "2025-06"
    # mobile and lost-contact members still owe dues
    assert len(months({**FULL, "status": "lost_contact", "status_since": "2025-01-05"})) == 12
    assert len(months({**FULL, "status": "mobile", "status_since": "2025-01-05"})) == 12
    # status changed after the as-of date: not yet
    assert len(months(dead, as_of="2025-05-31")) == 12


def test_member_without_join_date_owes_from_the_first_month_asked():
    assert len(months({"category": "full", "status": "normal"})) == 12
