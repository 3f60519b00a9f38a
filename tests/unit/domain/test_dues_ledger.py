"""The ledger of one member and year, the overdue run, and the check of a payment."""

from __future__ import annotations

from datetime import date

import pytest

from ztclient.domain import dues_months as M
from ztclient.domain.dues_ledger import (
    Approval,
    check_approval,
    check_base_month,
    member_year,
    monthly_in_force,
    overdue_run,
    plan_payment,
)
from ztclient.domain.errors import DomainError

D = date.fromisoformat
Y = 2025
ALL = [M.index(Y, m) for m in range(1, 13)]


def idx(m: int, year: int = Y) -> int:
    return M.index(year, m)


def test_base_4500_paid_january_to_october_owes_two_months_at_year_end():
    paid = {idx(m): 4500 for m in range(1, 11)}
    line = member_year(Y, D("2025-12-31"), ALL, 4500, paid=paid)
    d = line.to_dict()
    assert d["monthly"] == "45.00"
    assert d["months_due"] == 12
    assert d["due"] == "540.00"
    assert d["paid"] == "450.00"
    assert d["arrears_months"] == 2
    assert d["arrears"] == "90.00"
    assert d["months"]["11"] == d["months"]["12"] == "unpaid"
    assert d["months"]["10"] == "paid"


def test_as_of_counts_the_months_that_have_fallen_due():
    """党费 is paid by the month: on 5 March, January and February are 欠交; March is still to
    pay (待交), neither due nor in arrears; April is upcoming."""
    line = member_year(Y, D("2025-03-05"), ALL, 1500)
    assert [line.months[m].status for m in (1, 2, 3, 4)] == [
        "unpaid",
        "unpaid",
        "pending",
        "upcoming",
    ]
    assert (line.months_due, line.due_fen, line.arrears_months, line.arrears_fen) == (
        2,
        3000,
        2,
        3000,
    )
    # at the end of March's last day March has fallen due too
    end = member_year(Y, D("2025-03-31"), ALL, 1500)
    assert [end.months[m].status for m in (3, 4)] == ["unpaid", "upcoming"]
    assert (end.months_due, end.arrears_fen) == (3, 4500)
    # March paid within March counts as due and paid: due − paid = arrears still
    paid_now = member_year(Y, D("2025-03-05"), ALL, 1500, paid={idx(3): 1500})
    assert paid_now.months[3].status == "paid"
    assert (paid_now.months_due, paid_now.due_fen, paid_now.paid_fen, paid_now.arrears_fen) == (
        3, 4500, 1500, 3000,
    )  # fmt: skip
    # a month paid ahead counts as paid, not as due yet
    ahead = member_year(Y, D("2025-03-05"), ALL, 1500, paid={idx(4): 1500})
    assert ahead.months[4].status == "paid"
    assert (ahead.months_due, ahead.months_paid, ahead.paid_fen) == (2, 1, 1500)


def test_the_month_in_progress_exempt_or_not_here():
    exempt = Approval("exempt", idx(3), idx(3), D("2025-01-10"))
    line = member_year(Y, D("2025-03-05"), ALL, 1500, [exempt])
    assert line.months[3].status == "exempt" and line.months_due == 2
    joined = member_year(Y, D("2025-03-05"), [idx(3)], 1500)  # a member from March only
    assert joined.months[3].status == "pending"
    assert (joined.months_due, joined.arrears_months) == (0, 0)
    assert member_year(Y, D("2025-03-05"), ALL, None).no_base  # the month to pay has no base


def test_last_fallen_due_by_hand():
    from ztprotocol.dues_price import last_fallen_due

    assert last_fallen_due(D("2025-03-05")) == idx(2)
    assert last_fallen_due(D("2025-03-30")) == idx(2)
    assert last_fallen_due(D("2025-03-31")) == idx(3)
    assert last_fallen_due(D("2025-02-28")) == idx(2)  # not a leap year
    assert last_fallen_due(D("2024-02-28")) == idx(2, 2024) - 1
    assert last_fallen_due(D("2024-02-29")) == idx(2, 2024)
    assert last_fallen_due(D("2025-01-01")) == idx(12, 2024)
    assert last_fallen_due(D("2025-12-31")) == idx(12)
    # as of today, today is not over: on its last day a month has not fallen due yet
    assert last_fallen_due(D("2025-12-31"), today=D("2025-12-31")) == idx(11)
    assert last_fallen_due(D("2025-12-31"), today=D("2026-01-01")) == idx(12)
    assert last_fallen_due(D("2024-02-29"), today=D("2024-02-29")) == idx(1, 2024)
    assert last_fallen_due(D("2025-03-05"), today=D("2025-03-05")) == idx(2)
    assert last_fallen_due(D("2025-03-31"), today=D("2025-03-30")) == idx(2)  # a day ahead


def test_the_last_day_in_progress_through_member_year():
    """As of 31 December asked on the 31st, an unpaid December is 待交; asked later, 欠交."""
    now = member_year(Y, D("2025-12-31"), ALL, 1500, today=D("2025-12-31"))
    later = member_year(Y, D("2025-12-31"), ALL, 1500, today=D("2026-01-01"))
    assert now.months[12].status == "pending" and later.months[12].status == "unpaid"
    assert (now.months_due, now.arrears_fen) == (11, 11 * 1500)
    assert (later.months_due, later.arrears_fen) == (12, 12 * 1500)


def test_not_a_member_that_month():
    line = member_year(Y, D("2025-12-31"), ALL[3:], 4500)
    assert [line.months[m].status for m in (1, 2, 3, 4)] == ["none", "none", "none", "unpaid"]
    assert line.months_due == 9


def test_approvals_reduce_and_exempt():
    reduce = Approval("reduce", idx(1), idx(6), D("2024-12-20"), 500)
    exempt = Approval("exempt", idx(7), idx(12), D("2025-06-20"))
    line = member_year(Y, D("2025-12-31"), ALL, 4500, [reduce, exempt], paid={idx(1): 500})
    assert line.months[1].status == "paid" and line.months[1].approval == "reduce"
    assert line.months[2].amount_fen == 500
    assert line.months[7].status == "exempt"
    assert line.months_due == 6  # exempt months are not owed
    assert line.arrears_fen == 5 * 500
    # as of before the exemption was approved, July was still owed at the full rate
    early = member_year(Y, D("2025-06-15"), ALL, 4500, [reduce, exempt])
    assert early.months[7].status == "upcoming" and early.months[7].amount_fen == 4500


def test_no_base_is_flagged_and_counts_no_money():
    line = member_year(Y, D("2025-12-31"), ALL, None)
    assert line.no_base and line.months_due == 12 and line.arrears_fen == 0
    assert line.to_dict()["monthly"] is None


def test_extra_is_paid_but_not_due():
    line = member_year(Y, D("2025-12-31"), ALL, 100, paid={m: 100 for m in ALL}, extra_fen=100000)
    assert (line.paid_fen, line.due_fen, line.arrears_fen) == (101200, 1200, 0)


def test_overdue_run_counts_finished_months_across_years():
    states = {idx(m, 2024): "paid" for m in range(1, 11)}
    states |= {idx(11, 2024): "unpaid", idx(12, 2024): "unpaid"}
    states |= {idx(1): "unpaid", idx(2): "unpaid"}
    assert overdue_run(states, idx(1)) == 3
    assert overdue_run(states, idx(2)) == 4
    states[idx(12, 2024)] = "exempt"
    assert overdue_run(states, idx(2)) == 2
    assert overdue_run({}, idx(2)) == 0


def plan(months, amount, extra=False, paid=(), exempt=(), amounts=None, belongs=ALL):
    return plan_payment(
        months,
        belongs=set(belongs),
        paid=set(paid),
        amounts=amounts or dict.fromkeys(months, 4500),
        exempt=set(exempt),
        amount_fen=amount,
        extra=extra,
    )


def test_plan_a_quarter():
    lines, extra = plan([idx(1), idx(2), idx(3)], 13500)
    assert lines == [(idx(1), 4500), (idx(2), 4500), (idx(3), 4500)] and extra == 0


@pytest.mark.parametrize(
    "kwargs,code",
    [
        ({"months": [idx(1)], "amount": 4500, "paid": [idx(1)]}, "E_DUES_MONTH_PAID"),
        ({"months": [idx(1)], "amount": 4500, "belongs": ALL[1:]}, "E_DUES_MONTH_NOT_DUE"),
        ({"months": [idx(1)], "amount": 4500, "exempt": [idx(1)]}, "E_DUES_MONTH_EXEMPT"),
        ({"months": [idx(1)], "amount": 4500, "amounts": {idx(1): None}}, "E_DUES_NO_BASE"),
        ({"months": [idx(1)], "amount": 4400}, "E_DUES_AMOUNT_SHORT"),
        ({"months": [idx(1)], "amount": 5000}, "E_DUES_AMOUNT_MISMATCH"),
        ({"months": [], "amount": 5000}, "E_DUES_MONTHS_RANGE"),
        ({"months": list(range(idx(1), idx(1) + 13)), "amount": 1}, "E_DUES_MONTHS_RANGE"),
    ],
)
def test_plan_refusals(kwargs, code):
    with pytest.raises(DomainError) as e:
        plan(**kwargs)
    assert e.value.code == code


def test_plan_extra_and_its_messages():
    assert plan([idx(1)], 100000, extra=True) == ([(idx(1), 4500)], 95500)
    with pytest.raises(DomainError) as e:
        plan([idx(1)], 5000)
    assert e.value.params == {"expected": "45.00", "amount": "50.00"}
    with pytest.raises(DomainError) as e:
        plan([idx(1)], 4500, paid=[idx(1)])
    assert e.value.params == {"month": "2025-01"}


def test_check_approval():
    today = D("2025-06-01")
    check_approval("exempt", idx(1), idx(12), None, D("2025-01-05"), today)
    for args, code in [
        (("waive", idx(1), idx(2), None, today), "E_DUES_APPROVAL_KIND"),
        (("exempt", idx(3), idx(2), None, today), "E_DUES_APPROVAL_SPAN"),
        (("exempt", idx(1), idx(1, 2026), None, today), "E_DUES_APPROVAL_SPAN"),
        (("reduce", idx(1), idx(2), None, today), "E_FIELD_REQUIRED"),
        (("exempt", idx(1), idx(2), None, D("2025-06-02")), "E_DATE_FUTURE"),
    ]:
        with pytest.raises(DomainError) as e:
            check_approval(*args, today)
        assert e.value.code == code


@pytest.mark.parametrize(
    ("first", "count", "paid_on", "back"),
    [
        ("2025-06", 6, "2025-12-20", None),  # June–November: six months back, the limit
        ("2025-05", 7, "2025-12-20", 7),  # May–November: seven back
        ("2025-05", 12, "2025-12-20", 7),  # May 2025–April 2026: seven back, five ahead
        ("2025-01", 12, "2025-01-05", None),  # the year in advance: nothing back
        ("2024-12", 8, "2025-07-01", 7),  # December–June: seven back, July is this month
    ],
)
def test_back_pay_over_six_months_is_said(first, count, paid_on, back):
    from ztclient.domain.dues_ledger import back_pay_warning

    warn = back_pay_warning(M.parse(first), count, D(paid_on))
    if back is None:
        assert warn is None
    else:
        assert warn is not None and warn.code == "W_DUES_BACK_PAY"
        assert (warn.params["count"], warn.params["first"], warn.params["limit"]) == (
            back,
            first,
            6,
        )


def test_each_month_is_priced_by_the_base_in_force_in_it():
    """5,000 from January → 50.00, 8,000 from July → 120.00; 2024's base holds only in 2024."""
    bases = {idx(1): 5000, idx(7): 12000, idx(1, 2024): 4500}
    assert [monthly_in_force(bases, idx(m)) for m in (1, 6, 7, 12)] == [5000, 5000, 12000, 12000]
    assert monthly_in_force(bases, idx(12, 2024)) == 4500
    assert monthly_in_force(bases, idx(1, 2026)) is None  # no base for 2026
    assert monthly_in_force({idx(7): 12000}, idx(6)) is None  # before the year's first base
    line = member_year(Y, D("2025-12-31"), ALL, bases, paid={idx(1): 5000, idx(7): 5000})
    # by hand: January paid 50; February–June 5 × 50 = 250; July paid 50 before the change
    # (kept); August–December 5 × 120 = 600 → due 950, arrears 850 in 10 months
    assert (line.due_fen, line.arrears_fen, line.arrears_months) == (95000, 85000, 10)
    assert line.monthly_fen == 12000 and not line.no_base
    assert member_year(Y, D("2025-03-31"), ALL, bases).monthly_fen == 5000


def test_a_base_holds_from_a_month_of_its_year_after_the_year_s_first():
    check_base_month(Y, idx(1), set())  # the year's base
    check_base_month(Y, idx(7), {idx(1)})  # a change from July
    with pytest.raises(DomainError) as e:
        check_base_month(Y, idx(7, 2026), {idx(1)})
    assert e.value.code == "E_DUES_BASE_MONTH" and e.value.params["month"] == "2026-07"
    with pytest.raises(DomainError) as e:
        check_base_month(Y, idx(7), {idx(1, 2024)})  # last year's base is not this year's
    assert e.value.code == "E_DUES_BASE_FIRST" and e.value.params["year"] == Y
