"""党费 through the service on a real SQLCipher store: bases, payments, approvals, the ledger,
and the journal (one outbox op and one audit entry per change, nothing written on a refusal)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from tests.integration.dues.conftest import add_member

from ztclient.domain.errors import DomainError, ValidationErrors


def counts(session):
    q = session.store.scalar
    return (
        q("SELECT count(*) FROM outbox"),
        q("SELECT count(*) FROM audit"),
        q("SELECT count(*) FROM dues_payments"),
        q("SELECT count(*) FROM dues_bases"),
        q("SELECT count(*) FROM dues_approvals"),
    )


def test_base_4500_paid_january_to_october_owes_90_at_year_end(dues_unit):
    _app, s, branch = dues_unit
    zhang = add_member(s, branch, "张三")
    _, rate, changes = s.dues.set_base(zhang, 2025, "在职", income="4500")
    assert changes.dues and rate.to_dict()["monthly"] == "45.00"
    s.dues.pay(zhang, "2025-01", "450.00", "2025-10-20", months=10, way="transfer")
    line = s.dues.ledger(2025).to_dict()["members"][0]
    assert (line["name"], line["monthly"], line["months_due"]) == ("张三", "45.00", 12)
    assert (line["paid"], line["arrears_months"], line["arrears"]) == ("450.00", 2, "90.00")
    # as of 31 October nothing was owed
    early = s.dues.ledger(2025, as_of="2025-10-31").to_dict()["members"][0]
    assert (early["months_due"], early["arrears_months"]) == (10, 0)
    # as of a day before the payment, nine months were owed: October was still to pay (待交)
    before = s.dues.ledger(2025, as_of="2025-10-19").to_dict()
    line = before["members"][0]
    assert (line["months_due"], line["arrears_months"], line["arrears"], line["paid"]) == (
        9, 9, "405.00", "0.00",
    )  # fmt: skip
    assert (line["months"]["10"], line["months"]["11"]) == ("pending", "upcoming")
    assert (before["totals"]["pending"], before["totals"]["members_pending"]) == ("45.00", 1)


def test_a_paid_month_is_refused_and_nothing_is_written(dues_unit):
    _app, s, branch = dues_unit
    li = add_member(s, branch, "李四")
    s.dues.set_base(li, 2025, "employed", income="3000")
    s.dues.pay(li, "2025-03", "15", "2025-03-05")
    before = counts(s)
    with pytest.raises(DomainError) as e:
        s.dues.pay(li, "2025-02", "30.00", "2025-03-05", months=2)
    assert e.value.code == "E_DUES_MONTH_PAID" and e.value.params["month"] == "2025-03"
    assert counts(s) == before


def test_every_change_is_one_outbox_op_and_one_audit_entry(dues_unit):
    _app, s, branch = dues_unit
    a = add_member(s, branch, "王五")
    b = add_member(s, branch, "赵六")
    for m in (a, b):
        s.dues.set_base(m, 2025, "retired", income="5000.01")
    outbox0, audit0, *_ = counts(s)
    ids, _ = s.dues.collect(
        [
            {"member_id": a, "month": "2025-06", "amount": "50", "paid_on": "2025-06-28"},
            {"member_id": b, "month": "2025-06", "amount": "50", "paid_on": "2025-06-28"},
        ]
    )
    outbox1, audit1, payments, *_ = counts(s)
    assert (outbox1 - outbox0, audit1 - audit0, payments) == (1, 1, 2)
    op = s.store.read_one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
    assert (op["entity"], op["op"]) == ("dues_payment", "insert_many")
    rows = json.loads(op["fields"])["rows"]
    assert [r["id"] for r in rows] == ids
    assert rows[0]["lines"] == [{"month": "2025-06", "amount_fen": 5000}]
    mark = s.store.get_meta("receipt_series")  # this device's series (domain/dues_receipts.py)
    assert rows[0]["receipt_no"] == f"2025-{mark}-00001"
    assert rows[1]["receipt_no"] == f"2025-{mark}-00002"
    # the same base again changes nothing; a new base is an update op from version 1
    assert not s.dues.set_base(a, 2025, "retired", income="5000.01")[2].any
    s.dues.set_base(a, 2025, "retired", income="4000")
    op = s.store.read_one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
    assert (op["entity"], op["op"], op["base_version"]) == ("dues_base", "update", 1)
    assert json.loads(op["fields"]) == {"monthly_fen": 2000, "rate": "0.005", "income_fen": 400000}
    assert s.verify() == []


def test_a_collection_is_all_or_nothing_with_every_problem_listed(dues_unit):
    _app, s, branch = dues_unit
    a = add_member(s, branch, "钱七")
    b = add_member(s, branch, "孙八")
    s.dues.set_base(a, 2025, "student")
    before = counts(s)
    with pytest.raises(ValidationErrors) as e:
        s.dues.collect(
            [
                {"member_id": a, "month": "2025-06", "amount": "0.20", "paid_on": "2025-06-28"},
                {"member_id": b, "month": "2025-06", "amount": "1", "paid_on": "2025-06-28"},
                {"member_id": a, "month": "2025-06", "amount": "0.20", "paid_on": "2025-06-28"},
                {"member_id": a, "month": "2025/13", "amount": "x", "paid_on": "2026-01-02"},
            ]
        )
    got = [(x.code, x.params.get("row")) for x in e.value.errors]
    assert ("E_DUES_NO_BASE", 2) in got
    assert ("E_DUES_MONTH_PAID", 3) in got  # the same month twice in one collection
    assert {("E_DUES_MONTH_FORMAT", 4), ("E_DUES_AMOUNT_FORMAT", 4), ("E_DATE_FUTURE", 4)} <= set(
        got
    )
    assert counts(s) == before


def test_short_and_extra_payments(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "周九")
    s.dues.set_base(m, 2025, "employed", income="12000")  # 240.00 a month
    with pytest.raises(DomainError) as e:
        s.dues.pay(m, "2025-01", "100", "2025-01-10")
    assert e.value.code == "E_DUES_AMOUNT_SHORT"
    with pytest.raises(DomainError) as e:
        s.dues.pay(m, "2025-01", "1240", "2025-01-10")
    assert e.value.code == "E_DUES_AMOUNT_MISMATCH"
    pid, _ = s.dues.pay(m, "2025-01", "1240", "2025-01-10", extra=True)
    row = s.store.read_one("SELECT * FROM dues_payments WHERE id = ?", (pid,))
    assert (row["amount_fen"], row["extra_fen"]) == (124000, 100000)
    # an approved 少交 makes the smaller amount right
    s.dues.add_approval(m, "reduce", "2025-02", "2025-12", "2025-01-20", "家庭困难", monthly="100")
    s.dues.pay(m, "2025-02", "100", "2025-02-10")
    line = s.dues.ledger(2025).to_dict()["members"][0]
    assert line["paid"] == "1340.00" and line["extra"] == "1000.00"
    assert line["arrears_months"] == 10 and line["arrears"] == "1000.00"
    with pytest.raises(DomainError) as e:
        s.dues.add_approval(m, "exempt", "2025-12", "2026-01", "2025-01-20", "x")
    assert (e.value.code, e.value.params["month"]) == ("E_DUES_APPROVAL_OVERLAP", "2025-12")


def test_void_a_payment_frees_its_months(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "吴十")
    s.dues.set_base(m, 2025, "student")
    pid, _ = s.dues.pay(m, "2025-01", "0.60", "2025-03-01", months=3, receipt_no="A-001")
    with pytest.raises(DomainError) as e:
        s.dues.pay(m, "2025-04", "0.20", "2025-04-01", receipt_no="A-001")
    assert e.value.code == "E_DUES_RECEIPT_DUPLICATE"
    with pytest.raises(DomainError):
        s.dues.void_payment(pid, " ")
    s.dues.void_payment(pid, "金额记错")
    with pytest.raises(DomainError) as e:
        s.dues.void_payment(pid, "again")
    assert e.value.code == "E_VOIDED"
    s.dues.pay(m, "2025-01", "0.60", "2025-03-01", months=3, receipt_no="A-001")
    assert s.dues.ledger(2025).to_dict()["members"][0]["months_paid"] == 3
    assert s.verify() == []
    with s.store.transaction() as tx:  # a payment whose months no longer add up
        tx.execute("UPDATE dues_payments SET amount_fen = 61 WHERE voided = 0")
    assert s.verify()[0].startswith("dues: payment ")


def test_months_not_owed_and_non_members(dues_unit):
    _app, s, branch = dues_unit
    new = add_member(
        s, branch, "郑新", category="probationary", join_date="2025-05-20", full_member_date=None
    )
    s.dues.set_base(new, 2025, "employed", income="3000")
    with pytest.raises(DomainError) as e:
        s.dues.pay(new, "2025-05", "15", "2025-06-01")
    assert (e.value.code, e.value.params["month"]) == ("E_DUES_MONTH_NOT_DUE", "2025-05")
    s.dues.pay(new, "2025-06", "15", "2025-06-01")
    applicant = add_member(
        s, branch, "冯申", category="applicant", join_date=None, full_member_date=None,
        application_date="2025-03-01",
    )  # fmt: skip
    with pytest.raises(DomainError) as e:
        s.dues.set_base(applicant, 2025, "employed", income="3000")
    assert e.value.code == "E_DUES_NOT_MEMBER"
    line = s.dues.ledger(2025).to_dict()["members"]
    assert [x["name"] for x in line] == ["郑新"]
    assert line[0]["months_due"] == 7 and line[0]["months"]["05"] == "none"


def test_transfer_out_ends_dues_and_org_filter(dues_unit):
    _app, s, branch = dues_unit
    other, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第二党支部"})
    a = add_member(s, branch, "陈一")
    b = add_member(s, other, "褚二")
    s.members.record_event(
        a, "transfer_out", "2025-04-10", {"to_org": "某县委", "dues_paid_to": "2025-04"}
    )
    for m in (a, b):
        s.dues.set_base(m, 2025, "employed", income="3000")
    led = s.dues.ledger(2025).to_dict()
    by = {x["name"]: x for x in led["members"]}
    assert by["陈一"]["months_due"] == 4 and by["褚二"]["months_due"] == 12
    assert led["totals"]["due"] == "240.00" and led["totals"]["arrears_months"] == 16
    only = s.dues.ledger(2025, org_id=other).to_dict()["members"]
    assert [x["name"] for x in only] == ["褚二"]


def test_members_behind(dues_unit, clock):
    _app, s, branch = dues_unit
    a = add_member(s, branch, "蒋甲")
    b = add_member(s, branch, "沈乙")
    for m in (a, b):
        s.dues.set_base(m, 2025, "employed", income="3000")
    s.dues.pay(a, "2025-01", "90", "2025-06-01", months=6)  # July on unpaid
    s.dues.pay(b, "2025-01", "165", "2025-11-01", months=11)
    # on 31 December (the clock) December has fallen due at the end of the day: Jul–Dec, six
    behind = s.dues.behind(at_least=3)
    assert [(x.name, x.months, x.arrears_fen) for x in behind] == [("蒋甲", 6, 9000)]
    assert [x.name for x in s.dues.behind(at_least=6)] == ["蒋甲"]
    # on 15 December, December is still to pay: Jul–Nov, five, 75.00 owed
    mid = s.dues.behind(date(2025, 12, 15), at_least=3)
    assert [(x.name, x.months, x.arrears_fen) for x in mid] == [("蒋甲", 5, 7500)]
    assert s.dues.behind(date(2025, 12, 15), at_least=6) == []


def test_province_table_sent_down_replaces_the_shipped_one(dues_unit):
    _app, s, _branch = dues_unit
    from ztclient import resources

    doc = json.loads(resources.read_text("codes", "dues_kind.json"))
    doc["entries"][4].update(basis="fixed", amount="0.50")  # this province: 农民 0.50 元
    with s.store.transaction() as tx:
        tx.execute(
            "INSERT INTO sync_code_tables (name, version, rows, item_id, received_at) "
            "VALUES ('dues_kind', 2, ?, 'x', '2025-01-01')",
            (json.dumps(doc, ensure_ascii=False),),
        )
    assert s.dues.rate("farmer").to_dict()["monthly"] == "0.50"
    assert s.dues.schedule().version == 2
    with s.store.transaction() as tx:  # a broken table is not used
        tx.execute("UPDATE sync_code_tables SET rows = '{\"entries\": []}', version = 3")
    assert s.dues.schedule().version == 1
    assert s.verify() == []  # a province's bad table is not damage of the unit's data


def test_the_due_list_names_members_behind(dues_unit, clock):
    _app, s, branch = dues_unit
    from datetime import date

    from ztclient.services.due import due_items

    a = add_member(s, branch, "韩甲")
    b = add_member(s, branch, "杨乙")
    for m in (a, b):
        s.dues.set_base(m, 2025, "employed", income="3000")
    s.dues.pay(b, "2025-01", "135", "2025-09-01", months=9)  # Oct, Nov, Dec unpaid
    items = [i for i in due_items(s, date(2026, 1, 1)) if i.kind == "dues_behind"]
    assert [(i.subject, i.params["months"], i.params["amount"]) for i in items] == [
        ("韩甲", 12, "180.00"),
        ("杨乙", 3, "45.00"),
    ]
    assert items[0].params["through"] == "2025-12"
    # on 30 December, and all through the 31st, December is still to pay: 杨乙 has two months
    # behind, not listed (on the 31st the list counted December from the morning)
    for day in (date(2025, 12, 30), date(2025, 12, 31)):
        clock.day = day  # the ledgers the list reads are as of the session's today
        items = [i for i in due_items(s, day) if i.kind == "dues_behind"]
        assert [(i.subject, i.params["months"], i.params["amount"]) for i in items] == [
            ("韩甲", 11, "165.00")
        ]
        assert items[0].params["through"] == "2025-11"
    assert items[0].params["overdue"] and items[0].record_id == a
    assert [i for i in due_items(s, date(2025, 12, 31)) if i.kind == "dues_no_base"] == []
    c = add_member(s, branch, "朱丙")
    missing = [i for i in due_items(s, date(2025, 12, 31)) if i.kind == "dues_no_base"]
    assert [(i.params["count"], i.params["year"]) for i in missing] == [(1, 2025)]
    s.dues.set_base(c, 2025, "student")
    # a run reaches back into last year
    s.dues.set_base(a, 2024, "employed", income="3000")
    s.dues.pay(a, "2025-01", "45", "2025-03-01", months=3)
    items = [i for i in due_items(s, date(2025, 3, 15)) if i.kind == "dues_behind"]
    assert [(i.subject, i.params["months"]) for i in items] == []
    # as of 20 January (the payment above not made yet): all of 2024 unpaid for 韩甲; 杨乙 has
    # no 2024 base (that year was kept elsewhere): not called arrears
    items = [i for i in due_items(s, date(2025, 1, 20)) if i.kind == "dues_behind"]
    assert [(i.subject, i.params["months"], i.params["overdue"]) for i in items] == [
        ("韩甲", 12, True)
    ]


def test_carry_last_years_bases(dues_unit):
    _app, s, branch = dues_unit
    a = add_member(s, branch, "秦一")
    b = add_member(s, branch, "尤二")
    c = add_member(s, branch, "许三")
    s.dues.set_base(a, 2024, "employed", income="5000.01")
    s.dues.set_base(b, 2024, "farmer", monthly="0.50")
    s.dues.set_base(c, 2024, "retired", income="4000")
    s.dues.set_base(c, 2025, "retired", income="4200")  # already set: left alone
    outbox = s.store.scalar("SELECT count(*) FROM outbox")
    n, changes = s.dues.carry_bases(2024, 2025)
    assert n == 2 and changes.dues
    assert s.store.scalar("SELECT count(*) FROM outbox") == outbox + 2  # one op per base
    bases = s.dues.bases(2025)
    assert (bases[a]["kind"], bases[a]["monthly_fen"]) == ("employed", 7500)
    assert (bases[b]["kind"], bases[b]["monthly_fen"]) == ("farmer", 50)
    assert bases[c]["income_fen"] == 420000
    assert s.dues.carry_bases(2024, 2025)[0] == 0


def test_paid_through_for_the_transfer_letter(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "何四")
    assert s.dues.paid_through(m) is None
    s.dues.set_base(m, 2025, "employed", income="3000")
    s.dues.pay(m, "2025-01", "45", "2025-03-01", months=3)
    s.dues.pay(m, "2025-06", "15", "2025-06-01")  # April and May still owed
    assert s.dues.paid_through(m) == "2025-03"
    s.dues.add_approval(m, "exempt", "2025-04", "2025-05", "2025-04-01", "病")
    assert s.dues.paid_through(m) == "2025-06"


def test_a_reduction_must_be_less_than_the_standard(dues_unit):
    """少交 is paying less than the standard (domain facts §6): 李四's base 2,800 gives 14.00 a
    month, so an approved 少交 at 20.00 (or at 14.00) is no reduction — refused, nothing
    written; 10.00 is recorded, and the ledger's eleven unpaid months cost 10.00 each."""
    _app, s, branch = dues_unit
    li = add_member(s, branch, "李四")
    s.dues.set_base(li, 2025, "在职", income="2800")  # 14.00
    s.dues.pay(li, "2025-01", "14", "2025-01-10")
    before = counts(s)
    for monthly in ("20", "14.00"):
        with pytest.raises(DomainError) as e:
            s.dues.add_approval(li, "reduce", "2025-02", "2025-12", "2025-01-20", "困难",
                                monthly=monthly)  # fmt: skip
        assert e.value.code == "E_DUES_REDUCE_NOT_LESS"
        assert (e.value.params["year"], e.value.params["standard"]) == (2025, "14.00")
    assert counts(s) == before
    s.dues.add_approval(li, "reduce", "2025-02", "2025-12", "2025-01-20", "困难", monthly="10")
    line = s.dues.ledger(2025).to_dict()["members"][0]
    assert (line["due"], line["arrears_months"], line["arrears"]) == ("124.00", 11, "110.00")


def test_an_exemption_over_months_already_paid_is_refused(dues_unit):
    """张三 paid January to October (45.00 each) on 20 October; a 免交 approved on 1 November
    for September to December would make September and October paid and exempt at once —
    the state a payment for an exempt month is refused to avoid (E_DUES_MONTH_EXEMPT) — and the
    ledger due 360 beside 450 paid and no arrears. Refused, naming September, nothing written;
    for November and December it is recorded (by hand: 10 months due, 450.00, no arrears)."""
    _app, s, branch = dues_unit
    zhang = add_member(s, branch, "张三")
    s.dues.set_base(zhang, 2025, "在职", income="4500")
    s.dues.pay(zhang, "2025-01", "450", "2025-10-20", months=10)
    before = counts(s)
    with pytest.raises(DomainError) as e:
        s.dues.add_approval(zhang, "exempt", "2025-09", "2025-12", "2025-11-01", "生病住院")
    assert (e.value.code, e.value.params["month"]) == ("E_DUES_APPROVAL_PAID", "2025-09")
    assert counts(s) == before
    s.dues.add_approval(zhang, "exempt", "2025-11", "2025-12", "2025-11-01", "生病住院")
    line = s.dues.ledger(2025).to_dict()["members"][0]
    assert (line["months_due"], line["due"], line["paid"]) == (10, "450.00", "450.00")
    assert (line["arrears_months"], line["arrears"]) == (0, "0.00")


def test_a_payment_dated_before_admission_is_refused(dues_unit):
    """郑新 was admitted on 20 May 2025 (owes from June). A payment for June dated 1 January
    2019 — a slip of the year — would stand, numbered 2019-00001 and counted 按时 (paid ahead):
    no one pays dues before being a member. Refused, nothing written; on the day of admission
    it is recorded."""
    _app, s, branch = dues_unit
    new = add_member(
        s, branch, "郑新", category="probationary", join_date="2025-05-20", full_member_date=None
    )
    s.dues.set_base(new, 2025, "employed", income="3000")
    before = counts(s)
    with pytest.raises(DomainError) as e:
        s.dues.pay(new, "2025-06", "15", "2019-01-01")
    assert e.value.code == "E_DUES_PAID_BEFORE_JOIN"
    assert (e.value.params["date"], e.value.params["join_date"]) == ("2019-01-01", "2025-05-20")
    assert counts(s) == before
    s.dues.pay(new, "2025-06", "15", "2025-05-20")


@pytest.mark.parametrize(
    ("extra", "code"),
    [("false", "E_DUES_AMOUNT_MISMATCH"), ("否", "E_DUES_AMOUNT_MISMATCH"),
     ("maybe", "E_DUES_EXTRA_FORMAT"), (2, "E_DUES_EXTRA_FORMAT")],
)  # fmt: skip
def test_extra_in_a_collection_is_yes_or_no(dues_unit, extra, code):
    """A collection's item says 自愿多交 with true/false (or 是/否): the text "false" is no, so
    140.00 for a 14.00 month is a mismatch, not 126.00 自愿多交 (bool("false") is true);
    anything else is refused by name. Nothing written."""
    _app, s, branch = dues_unit
    li = add_member(s, branch, "李四")
    s.dues.set_base(li, 2025, "在职", income="2800")  # 14.00
    before = counts(s)
    item = {"member_id": li, "month": "2025-06", "amount": "140", "paid_on": "2025-06-05",
            "extra": extra}  # fmt: skip
    with pytest.raises(DomainError) as e:
        s.dues.collect([item])
    assert e.value.code == code
    assert counts(s) == before
    ids, _ = s.dues.collect([{**item, "extra": "是"}])
    assert s.store.scalar("SELECT extra_fen FROM dues_payments WHERE id = ?", (ids[0],)) == 12600
