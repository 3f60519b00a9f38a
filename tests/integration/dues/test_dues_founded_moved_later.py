"""The unit's 成立日期 set or moved later after 党费 payments exist: a payment for a month before
the founding month is refused when entered (E_DUES_MONTH_BEFORE_FOUNDED), so the founding date
cannot be moved past a live payment's month either (E_ORG_FOUNDED_AFTER_DUES, naming person,
month and receipt number). Before, `orgs set <root> --founded 2026-05-01` with January–April
paid was taken silently, and the ledger then owed nothing for months the payments said were
paid. Arriving by sync (the org record) it is a fact: kept, and each payment before it goes on
the 待核对 list (W_DUES_PAID_BEFORE_FOUNDED), once."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

import pytest
from tests.integration.dues.conftest import FixedClock, add_member

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render, render_error
from ztclient.services.sync import records_in


@pytest.fixture
def clock():
    return FixedClock(date(2026, 6, 30))


@pytest.fixture
def paid(dues_unit):
    """张三 paid January to April 2026 (receipt 2026-0007); 李四's January (2026-0008) was
    voided; no 成立日期 yet."""
    _app, s, branch = dues_unit
    zhang = add_member(s, branch, "张三")
    li = add_member(s, branch, "李四")
    for m in (zhang, li):
        s.dues.set_base(m, 2026, "employed", income="5000")
    s.dues.pay(zhang, "2026-01", "200", "2026-04-20", months=4, receipt_no="2026-0007")
    pid, _ = s.dues.pay(li, "2026-01", "50", "2026-01-20", receipt_no="2026-0008")
    s.dues.void_payment(pid, "录错了人")
    return s, branch


def set_founded(s, org_id: str, day: str) -> None:
    s.orgs.update(org_id, {"founded_on": day}, s.orgs.get(org_id)["version"])


def pending(s) -> int:
    return s.store.scalar("SELECT count(*) FROM outbox WHERE sync_state != 'synced'")


def test_founding_after_a_paid_month_is_refused(paid):
    s, _branch = paid
    root = s.root_org_id
    before = pending(s)
    with pytest.raises(DomainError) as e:
        set_founded(s, root, "2026-05-01")
    assert (e.value.code, e.value.field) == ("E_ORG_FOUNDED_AFTER_DUES", "founded_on")
    assert e.value.params == {
        "org": "中共测试街道工作委员会",
        "date": "2026-05-01",
        "name": "张三",
        "month": "2026-01",
        "receipt": "2026-0007",
    }
    text = render_error(e.value)
    assert text.startswith("“中共测试街道工作委员会”的成立日期不能改为 2026-05-01")
    assert "张三2026-01" in text and "2026-0007" in text
    assert s.orgs.get(root)["founded_on"] is None  # nothing written
    assert pending(s) == before

    # February: January is still paid (the voided payment of 李四 does not count)
    with pytest.raises(DomainError) as e:
        set_founded(s, root, "2026-02-01")
    assert (e.value.params["month"], e.value.params["name"]) == ("2026-01", "张三")


def test_the_founding_month_of_the_first_payment_is_taken(paid):
    """Founded on 2026-01-31: January is the founding month, owed and paid."""
    s, _branch = paid
    root = s.root_org_id
    set_founded(s, root, "2026-01-31")
    assert s.orgs.get(root)["founded_on"] == "2026-01-31"
    set_founded(s, root, "2025-03-01")  # earlier again: nothing against it
    assert s.orgs.get(root)["founded_on"] == "2025-03-01"


def test_a_voided_payment_does_not_hold_it_back(paid):
    s, _branch = paid
    [pid] = s.store.column("SELECT id FROM dues_payments WHERE voided = 0")
    s.dues.void_payment(pid, "月份录错")
    set_founded(s, s.root_org_id, "2026-05-01")
    assert s.orgs.get(s.root_org_id)["founded_on"] == "2026-05-01"


def test_a_branch_founding_date_is_not_the_units(paid):
    """The month rule for entering a payment reads the unit's top organisation's 成立日期
    (E_DUES_MONTH_BEFORE_FOUNDED): a branch's own founding date does not refuse it, nor is it
    refused here."""
    s, branch = paid
    set_founded(s, branch, "2026-05-01")
    assert s.orgs.get(branch)["founded_on"] == "2026-05-01"


def test_by_sync_the_org_record_is_kept_and_the_payments_flagged(paid):
    """Another device set the unit's 成立日期 to 2026-03-15 (it did not have the payments yet):
    the record is taken, and 张三's payment (January–April, from January) is listed for the
    clerk — once, however often the record comes; 李四's voided payment is not."""
    s, _branch = paid
    root = s.root_org_id
    org = s.orgs.get(root)
    data = {k: org[k] for k in ("name", "kind", "parent_id")}
    body = {"entity": "org", "id": root, "version": org["version"] + 1,
            "data": {**data, "founded_on": "2026-03-15"}}  # fmt: skip
    ctx = SimpleNamespace(store=s.store, now=lambda: "2026-06-30T08:00:00Z")
    changes = records_in.apply_record(ctx, body, lambda *_a: None)
    assert changes.orgs and changes.dues and changes.sync
    assert s.orgs.get(root)["founded_on"] == "2026-03-15"
    records_in.apply_record(ctx, {**body, "version": org["version"] + 2}, lambda *_a: None)
    flags = s.store.read("SELECT * FROM sync_problems WHERE code = 'W_DUES_PAID_BEFORE_FOUNDED'")
    assert len(flags) == 1
    [flag] = flags
    zhang_payment = s.store.scalar("SELECT id FROM dues_payments WHERE receipt_no = '2026-0007'")
    assert (flag["kind"], flag["entity"], flag["record_id"], flag["field"]) == (
        "review",
        "dues_payment",
        zhang_payment,
        "month",
    )
    assert json.loads(flag["params"]) == {
        "name": "张三",
        "month": "2026-01",
        "founded": "2026-03-15",
        "receipt": "2026-0007",
    }
    text = render(flag["code"], **json.loads(flag["params"]))
    assert "张三2026-01" in text and "2026-0007" in text and "2026-03-15" in text


def test_by_sync_a_branch_record_or_an_earlier_date_flags_nothing(paid):
    s, branch = paid
    ctx = SimpleNamespace(store=s.store, now=lambda: "2026-06-30T08:00:00Z")
    for oid, day in ((branch, "2026-05-01"), (s.root_org_id, "2026-01-01")):
        org = s.orgs.get(oid)
        data = {k: org[k] for k in ("name", "kind", "parent_id")}
        body = {"entity": "org", "id": oid, "version": org["version"] + 1,
                "data": {**data, "founded_on": day}}  # fmt: skip
        records_in.apply_record(ctx, body, lambda *_a: None)
        assert s.orgs.get(oid)["founded_on"] == day
    assert s.store.scalar("SELECT count(*) FROM sync_problems") == 0
