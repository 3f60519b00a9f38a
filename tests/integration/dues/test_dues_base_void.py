"""作废 a 党费 base entered by mistake (issue: a base "from July" could be overwritten, never
taken back, so July–December stayed priced on a base that never held). The base is kept,
marked voided with its reason, audited and sent up as a ``void`` op like an approval's; the
months it priced fall back to the base before. Refused, nothing written: no reason, voided
already, a month it priced is paid (the receipt states what was paid on it), or the year's first
base while a later one stands.

By hand (在职, domain facts §6: 3,000–5,000 → 1 %, 5,000–10,000 → 1.5 %): 5,000.00 → 50.00 a
month; 8,000.00 → 120.00; 6,000.00 → 90.00."""

from __future__ import annotations

import json

import pytest
from tests.integration.dues.conftest import add_member

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error


def counts(s):
    q = s.store.scalar
    return (
        q("SELECT count(*) FROM outbox"),
        q("SELECT count(*) FROM audit"),
        q("SELECT count(*) FROM dues_bases WHERE voided = 0"),
    )


@pytest.fixture
def mistaken(dues_unit):
    """张三: 5,000 from January, January to March paid (150.00), 8,000 from July by mistake."""
    _app, s, branch = dues_unit
    m = add_member(s, branch, "张三")
    s.dues.set_base(m, 2025, "employed", income="5000")
    s.dues.pay(m, "2025-01", "150", "2025-03-10", months=3)
    july, _rate, _ = s.dues.set_base(m, 2025, "employed", income="8000", from_month="2025-07")
    return s, m, july


def _line(s):
    return s.dues.ledger(2025).to_dict()["members"][0]


def test_a_mistaken_july_base_is_voided_and_the_year_falls_back(mistaken):
    s, m, july = mistaken
    assert _line(s)["due"] == "1020.00"  # 6 × 50 + 6 × 120, before
    ops, audit, live = counts(s)
    changes = s.dues.void_base(july, "误录：7月并未调资")
    assert changes.dues
    line = _line(s)
    assert (line["monthly"], line["income"]) == ("50.00", "5000.00")
    assert (line["months_due"], line["due"], line["paid"]) == (12, "600.00", "150.00")
    assert (line["arrears_months"], line["arrears"]) == (9, "450.00")  # 9 × 50
    assert counts(s) == (ops + 1, audit + 1, live - 1)
    row = s.store.read_one("SELECT voided, void_reason FROM dues_bases WHERE id = ?", (july,))
    assert (row["voided"], row["void_reason"]) == (1, "误录：7月并未调资")  # kept, never deleted
    op = s.store.read_one("SELECT entity, op, fields FROM outbox ORDER BY seq DESC LIMIT 1")
    assert (op["entity"], op["op"]) == ("dues_base", "void")
    assert json.loads(op["fields"]) == {"reason": "误录：7月并未调资"}
    # the right change can be entered afterwards, from the same month: 6 × 50 + 6 × 90
    again, _rate, _ = s.dues.set_base(m, 2025, "employed", income="6000", from_month="2025-07")
    assert again != july and _line(s)["due"] == "840.00"
    assert [r["from_month"] for r in s.dues.base_history(m, 2025)] == [1, 7, 7]


def test_refusals_write_nothing(mistaken):
    s, m, july = mistaken
    before = counts(s)
    for reason in ("", "  "):
        with pytest.raises(DomainError) as e:
            s.dues.void_base(july, reason)
        assert e.value.code == "E_FIELD_REQUIRED"
    with pytest.raises(DomainError) as e:
        s.dues.void_base("no-such-base", "误录")
    assert e.value.code == "E_NOT_FOUND"
    # the January base priced January to March, which are paid: the receipt says 50.00 each
    january = s.store.scalar(
        "SELECT id FROM dues_bases WHERE member_id = ? AND from_month = 1", (m,)
    )
    with pytest.raises(DomainError) as e:
        s.dues.void_base(january, "误录")
    assert (e.value.code, e.value.params["month"]) == ("E_DUES_BASE_PAID", "2025-01")
    assert render_error(e.value).startswith("2025-01的党费已按此基数交纳（收据")
    assert counts(s) == before
    s.dues.void_base(july, "误录")
    with pytest.raises(DomainError) as e:
        s.dues.void_base(july, "再作废一次")
    assert e.value.code == "E_VOIDED"


def test_a_paid_month_of_the_base_and_the_first_base_are_kept(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "李四")
    january, _r, _ = s.dues.set_base(m, 2025, "employed", income="5000")
    july, _r, _ = s.dues.set_base(m, 2025, "employed", income="8000", from_month="2025-07")
    before = counts(s)
    # January's base (no month paid) while July's stands: January to June would have none
    with pytest.raises(DomainError) as e:
        s.dues.void_base(january, "误录")
    assert (e.value.code, e.value.params["month"]) == ("E_DUES_BASE_VOID_FIRST", "2025-07")
    assert counts(s) == before
    s.dues.pay(m, "2025-08", "120", "2025-08-10")  # August, at July's base
    with pytest.raises(DomainError) as e:
        s.dues.void_base(july, "误录")
    assert (e.value.code, e.value.params["month"]) == ("E_DUES_BASE_PAID", "2025-08")
    assert counts(s)[2] == before[2]  # both bases stand (the payment wrote its own op)
    assert s.store.scalar("SELECT voided FROM dues_bases WHERE id = ?", (july,)) == 0


def test_no_base_from_that_month_is_said_in_words(mistaken):
    """`dues base void 张三 --year 2025 --from 2025-12` with no base from December: the message
    names a 党费计算基数 (it said “找不到该dues_base”, the entity's code)."""
    s, m, _july = mistaken
    with pytest.raises(DomainError) as e:
        s.dues.live_base(m, 2025, "2025-12")
    assert e.value.code == "E_NOT_FOUND"
    assert render_error(e.value).startswith("找不到该党费计算基数")
    assert "dues_base" not in render_error(e.value, "en")


def test_a_reduction_below_the_mistaken_base_keeps_it(mistaken):
    """少交 approved at 80.00 a month for July–December, below the July base (120.00): voiding
    that base would leave the months at the January base (50.00) with an approved 少交 of 80.00
    — more than the standard, charged as 应交. Refused (void the approval first); nothing
    written."""
    s, m, july = mistaken
    s.dues.add_approval(m, "reduce", "2025-07", "2025-12", "2025-06-20", "困难", monthly="80")
    assert _line(s)["due"] == "780.00"  # 6 × 50 + 6 × 80
    before = counts(s)
    with pytest.raises(DomainError) as e:
        s.dues.void_base(july, "误录")
    assert e.value.code == "E_DUES_BASE_VOID_REDUCE"
    assert (e.value.params["month"], e.value.params["amount"], e.value.params["standard"]) == (
        "2025-07", "80.00", "50.00",
    )  # fmt: skip
    assert counts(s) == before and _line(s)["due"] == "780.00"
