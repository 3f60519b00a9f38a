"""A base changed in the middle of a year (a pay rise from July) prices the months from then
on; the months before keep the base in force in them, and paid months keep what was paid.

By hand (在职, domain facts §6: ≤ 5,000 → 1 %, 5,000–10,000 → 1.5 %): a base of 5,000.00 costs
50.00 a month (January to June), 8,000.00 from July costs 120.00 a month (July to December):
the year owes 6 × 50 + 6 × 120 = 300 + 720 = 1,020.00."""

from __future__ import annotations

import openpyxl
import pytest
from tests.integration.dues.conftest import add_member

from ztclient.domain.errors import DomainError


def counts(session):
    q = session.store.scalar
    return (
        q("SELECT count(*) FROM outbox"),
        q("SELECT count(*) FROM audit"),
        q("SELECT count(*) FROM dues_bases"),
    )


@pytest.fixture
def raised(dues_unit):
    """张三: 5,000 from January, January to March paid (150.00), 8,000 from July."""
    _app, s, branch = dues_unit
    m = add_member(s, branch, "张三")
    s.dues.set_base(m, 2025, "employed", income="5000")
    s.dues.pay(m, "2025-01", "150", "2025-03-10", months=3)
    _, rate, changes = s.dues.set_base(m, 2025, "employed", income="8000", from_month="2025-07")
    assert changes.dues and rate.to_dict()["monthly"] == "120.00"
    return s, m


def test_each_month_owes_the_base_in_force_in_it(raised):
    s, _m = raised
    line = s.dues.ledger(2025).to_dict()["members"][0]
    assert (line["monthly"], line["income"]) == ("120.00", "8000.00")  # in force on 31 December
    assert (line["months_due"], line["due"], line["paid"]) == (12, "1020.00", "150.00")
    assert (line["arrears_months"], line["arrears"]) == (9, "870.00")  # 3 × 50 + 6 × 120
    by_month = s.dues.ledger(2025).to_dict()["totals"]["by_month"]
    assert [by_month[f"{i:02d}"]["due"] for i in range(1, 13)] == ["50.00"] * 6 + ["120.00"] * 6
    # as of 31 May the July base is not in force yet: five months of 50.00
    may = s.dues.ledger(2025, as_of="2025-05-31").to_dict()["members"][0]
    assert (may["monthly"], may["income"], may["due"], may["arrears"]) == (
        "50.00", "5000.00", "250.00", "100.00",
    )  # fmt: skip


def test_the_collection_and_a_payment_cost_the_month_s_base(raised):
    s, m = raised
    may = {r["member_id"]: r["amount"] for r in s.dues.collection("2025-05")}
    august = {r["member_id"]: r["amount"] for r in s.dues.collection("2025-08")}
    both = {r["member_id"]: r["amount"] for r in s.dues.collection("2025-06", months=2)}
    assert (may[m], august[m], both[m]) == ("50.00", "120.00", "170.00")
    with pytest.raises(DomainError) as e:
        s.dues.pay(m, "2025-04", "360", "2025-12-01", months=3)  # April–June at the new base
    assert e.value.code == "E_DUES_AMOUNT_MISMATCH" and e.value.params["expected"] == "150.00"
    s.dues.pay(m, "2025-04", "150", "2025-12-01", months=3)
    s.dues.pay(m, "2025-07", "720", "2025-12-01", months=6)
    line = s.dues.ledger(2025).to_dict()["members"][0]
    assert (line["due"], line["paid"], line["arrears"]) == ("1020.00", "1020.00", "0.00")


def test_a_month_paid_before_the_change_keeps_what_was_paid(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "李四")
    s.dues.set_base(m, 2025, "employed", income="5000")
    s.dues.pay(m, "2025-01", "350", "2025-06-20", months=7)  # July paid ahead at 50.00
    s.dues.set_base(m, 2025, "employed", income="8000", from_month="2025-07")
    line = s.dues.ledger(2025).to_dict()["members"][0]
    # January–July 7 × 50 = 350 paid; August–December 5 × 120 = 600 owed
    assert (line["due"], line["paid"], line["arrears"]) == ("950.00", "350.00", "600.00")


def test_correcting_the_january_base_leaves_the_july_base(raised):
    s, m = raised
    s.dues.set_base(m, 2025, "employed", income="4000")  # 4,000 → 1 % → 40.00 (Jan–Jun)
    line = s.dues.ledger(2025).to_dict()["members"][0]
    # January–March paid 150 stays; April–June 3 × 40 = 120; July–December 6 × 120 = 720
    assert (line["due"], line["arrears"]) == ("990.00", "840.00")
    assert s.store.scalar("SELECT count(*) FROM dues_bases WHERE member_id = ?", (m,)) == 2


def test_a_reduction_is_below_the_base_of_each_month_it_covers(raised):
    s, m = raised
    with pytest.raises(DomainError) as e:  # 60.00 is not below June's 50.00
        s.dues.add_approval(m, "reduce", "2025-06", "2025-08", "2025-06-01", "困难", "60")
    assert e.value.code == "E_DUES_REDUCE_NOT_LESS" and e.value.params["standard"] == "50.00"
    s.dues.add_approval(m, "reduce", "2025-07", "2025-09", "2025-06-01", "困难", "60")


@pytest.mark.parametrize(
    ("month", "code"),
    [
        ("2026-07", "E_DUES_BASE_MONTH"),  # not in the year
        ("2025-13", "E_DUES_MONTH_FORMAT"),
        ("七月", "E_DUES_MONTH_FORMAT"),
    ],
)
def test_a_month_outside_the_year_is_refused_and_nothing_written(dues_unit, month, code):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "王五")
    s.dues.set_base(m, 2025, "employed", income="5000")
    before = counts(s)
    with pytest.raises(DomainError) as e:
        s.dues.set_base(m, 2025, "employed", income="8000", from_month=month)
    assert e.value.code == code
    assert counts(s) == before


def test_a_change_before_the_year_s_first_base_is_refused(dues_unit):
    _app, s, branch = dues_unit
    m = add_member(s, branch, "赵六")
    before = counts(s)
    with pytest.raises(DomainError) as e:  # no 2025 base yet: January–June would have none
        s.dues.set_base(m, 2025, "employed", income="8000", from_month="2025-07")
    assert e.value.code == "E_DUES_BASE_FIRST" and e.value.params["year"] == 2025
    with pytest.raises(DomainError) as e:
        s.dues.set_base(m, 2025, "employed", income="-8000", from_month="2025-01")
    assert e.value.code == "E_DUES_AMOUNT_FORMAT"
    assert counts(s) == before


def test_carrying_bases_takes_the_one_in_force_in_december(raised):
    s, _m = raised
    assert s.dues.carry_bases(2025, 2026)[0] == 1
    (row,) = s.store.read("SELECT * FROM dues_bases WHERE year = 2026")
    assert (row["income_fen"], row["monthly_fen"], row["from_month"]) == (800000, 12000, 1)


def test_the_ledger_xlsx_shows_each_month_at_its_base(raised, tmp_path):
    s, _m = raised
    out = tmp_path / "dues.xlsx"
    s.dues.export_ledger(2025, out)
    wb = openpyxl.load_workbook(out)
    row = [c.value for c in wb["党费收缴台账"][4]]
    assert row[2] == "张三" and row[4:6] == [8000, 120]  # the base in force on 31 December
    assert row[6:9] == [50, 50, 50] and row[9:18] == [None] * 9
    assert row[18:] == [12, 1020, 150, 0, 9, 870]
    month = wb["按月汇总"]
    rows = [[c.value for c in r] for r in month.iter_rows(min_row=4, max_row=16)]
    assert rows[0] == ["1月", 50, 50, 0]
    assert rows[3] == ["4月", 50, 0, 50]
    assert rows[6] == ["7月", 120, 0, 120]
    assert rows[12] == ["合计", 1020, 150, 870]
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True) if r and r[0]}
    assert "各月按当月适用的基数" in notes["计算基数"]


def test_a_base_kept_before_the_upgrade_is_the_year_s_base_from_january(tmp_path):
    """Migration 016 keeps every base's meaning: the year's base, from January."""
    from ztclient.infra.crypto.keyfile import KeyFile
    from ztclient.infra.db import migrations, page_mac
    from ztclient.infra.db import store as db

    _keyfile, dek, _code = KeyFile.create("测试口令 016")
    path = tmp_path / "unit.db"
    conn = db._connect(path, dek, check=False, mac=page_mac.SHA512)
    store = db.Store(conn, path)
    store.migrate(upto=15)
    with store.transaction() as tx:
        tx.insert("orgs", {"id": "o1", "kind": "branch", "name": "第一党支部", "version": 1,
                           "updated_at": "t0"})  # fmt: skip
        tx.insert("members", {"id": "m1", "org_id": "o1", "name": "张三", "gender": "1",
                              "category": "full", "status": "normal", "created_at": "t0",
                              "updated_at": "t0"})  # fmt: skip
        tx.insert("dues_bases", {"id": "b1", "member_id": "m1", "year": 2025,
                                 "kind": "employed", "income_fen": 500000, "monthly_fen": 5000,
                                 "rate": "0.01", "table_version": 1, "note": "工资条",
                                 "version": 2, "created_at": "t0", "updated_at": "t1"})  # fmt: skip
    assert store.migrate() == migrations.latest() >= 16
    (row,) = store.read("SELECT * FROM dues_bases")
    assert row == {
        "id": "b1", "member_id": "m1", "year": 2025, "from_month": 1, "kind": "employed",
        "income_fen": 500000, "monthly_fen": 5000, "rate": "0.01", "table_version": 1,
        "note": "工资条", "version": 2, "created_at": "t0", "updated_at": "t1",
        "voided": 0, "void_reason": None,  # 017: a base may be voided; this one stands
    }  # fmt: skip
    conn.close()


def test_a_base_set_below_an_approved_reduction_is_refused(dues_unit):
    """少交 is less than the standard (E_DUES_REDUCE_NOT_LESS), checked when it is approved —
    and now also when a base changes under it: 5,000 (50.00) with 少交 at 40.00 for the year;
    correcting the base to 3,000 (0.5 % → 15.00), or a new base from July at that, would leave
    40.00 charged as 应交 for months whose standard is 15.00. Refused, nothing written."""
    _app, s, branch = dues_unit
    m = add_member(s, branch, "王五")
    s.dues.set_base(m, 2025, "employed", income="5000")
    s.dues.add_approval(m, "reduce", "2025-01", "2025-12", "2025-01-05", "困难", monthly="40")
    before = counts(s)
    for start in (None, "2025-07"):
        with pytest.raises(DomainError) as e:
            s.dues.set_base(m, 2025, "employed", income="3000", from_month=start)
        assert (e.value.code, e.value.params["amount"], e.value.params["standard"]) == (
            "E_DUES_REDUCE_NOT_LESS", "40.00", "15.00",
        )  # fmt: skip
    assert counts(s) == before
    s.dues.set_base(m, 2025, "employed", income="4500")  # 45.00: still above 40.00
    assert s.dues.ledger(2025).to_dict()["members"][0]["due"] == "480.00"  # 12 × 40
