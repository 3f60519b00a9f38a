"""党费 on two devices of one unit (an office PC and a laptop): what one records — a base, an
approval, a payment, its void — reaches the other through the centre, so both ledgers say the
same and a month paid on one cannot be paid again on the other."""

from __future__ import annotations

import pytest
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import DomainError

ZHANG = "110105198001010016"


def _ledger(s) -> dict:
    line = s.dues.ledger(2026, "2026-06-30").to_dict()["members"][0]
    return {k: line[k] for k in ("monthly", "months_due", "due", "paid", "arrears", "months")}


def test_dues_recorded_on_one_device_reach_the_other(central, make_unit, tmp_path):
    from ztclient.bootstrap import App

    _, pc = make_unit("U610", name="中共U610支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        "中共U610支部委员会", "U610", PASSPHRASE, "branch"
    )
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit("U610", tmp_path / f"e-{tag}.json"))
    zhang, _ = pc.members.add({
        "org_id": pc.root_org_id, "name": "张伟", "gender": "1", "id_number": ZHANG,
        "birth_date": "1980-01-01", "join_date": "2010-07-01", "full_member_date": "2011-07-01",
    })  # fmt: skip
    pc.dues.set_base(zhang, 2026, "在职", income="4500")  # 45.00
    paid, _ = pc.dues.pay(zhang, "2026-01", "135", "2026-03-05", months=3)
    pc.dues.add_approval(zhang, "exempt", "2026-05", "2026-05", "2026-04-20", "住院")
    for _ in range(2):
        pc.sync.sync()
        laptop.sync.sync()

    # by hand, as of 30 June: January–March paid (135.00), May exempt, April and June owed
    want = {"monthly": "45.00", "months_due": 5, "due": "225.00", "paid": "135.00",
            "arrears": "90.00", "months": {"01": "paid", "02": "paid", "03": "paid",
            "04": "unpaid", "05": "exempt", "06": "unpaid", "07": "upcoming", "08": "upcoming",
            "09": "upcoming", "10": "upcoming", "11": "upcoming", "12": "upcoming"}}  # fmt: skip
    assert _ledger(pc) == want
    assert _ledger(laptop) == want
    with pytest.raises(DomainError) as e:  # paid on the PC: not again on the laptop
        laptop.dues.pay(zhang, "2026-03", "45", "2026-06-01")
    assert e.value.code == "E_DUES_MONTH_PAID"

    # the laptop records April; the PC voids its payment (the wrong member, say)
    laptop.dues.pay(zhang, "2026-04", "45", "2026-06-01")
    pc.dues.void_payment(paid, "记错了人")
    for _ in range(2):
        pc.sync.sync()
        laptop.sync.sync()
    want["months"].update({"01": "unpaid", "02": "unpaid", "03": "unpaid", "04": "paid"})
    want.update(paid="45.00", arrears="180.00")
    assert _ledger(pc) == want
    assert _ledger(laptop) == want

    # both take June offline: each keeps its own, the other's is kept failed for review (a month
    # is paid once), and sync goes on
    pc.dues.pay(zhang, "2026-06", "45", "2026-06-20", receipt_no="PC-1")
    laptop.dues.pay(zhang, "2026-06", "45", "2026-06-21", receipt_no="LT-1")
    for _ in range(2):
        pc.sync.sync()
        laptop.sync.sync()
    for s, own in ((pc, "PC-1"), (laptop, "LT-1")):
        assert s.store.column(
            "SELECT p.receipt_no FROM dues_payment_months m JOIN dues_payments p "
            "ON p.id = m.payment_id WHERE m.month = '2026-06' AND m.voided = 0"
        ) == [own]
        assert (
            s.store.scalar(
                "SELECT count(*) FROM sync_down_items WHERE state = 'failed' AND code = ?",
                ("E_SYNC_DUES_PAID_HERE",),
            )
            == 1
        )
        other = "LT-1" if own == "PC-1" else "PC-1"  # on the 待核对 list, in words
        assert [(p["code"], p["params"]) for p in s.sync.problems()] == [
            ("E_SYNC_DUES_PAID_HERE", {"name": "张伟", "month": "2026-06", "receipt": other})
        ]

    # the laptop's clerk finds LT-1 was the double: voided, the PC's payment goes in there at
    # the next sync (the failed item is tried again) and the row leaves its list
    lt1 = laptop.store.scalar("SELECT id FROM dues_payments WHERE receipt_no = 'LT-1'")
    laptop.dues.void_payment(lt1, "与办公室电脑重复收取，已退还")
    laptop.sync.sync()
    assert laptop.store.column(
        "SELECT p.receipt_no FROM dues_payment_months m JOIN dues_payments p "
        "ON p.id = m.payment_id WHERE m.month = '2026-06' AND m.voided = 0"
    ) == ["PC-1"]
    assert laptop.sync.problems() == []


def test_a_base_voided_on_one_device_is_voided_on_the_other(central, make_unit, tmp_path):
    """The PC sets 4,500 from January (45.00) and, by mistake, 8,000 from July (120.00), then
    voids July's: the laptop keeps the base voided too (the December base is 45.00 again on
    both) and may then set the right one from July (6,000 → 90.00), which the PC takes in —
    the voided base claims no month."""
    from ztclient.bootstrap import App

    _, pc = make_unit("U611", name="中共U611支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        "中共U611支部委员会", "U611", PASSPHRASE, "branch"
    )
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit("U611", tmp_path / f"e-{tag}.json"))
    zhang, _ = pc.members.add({
        "org_id": pc.root_org_id, "name": "张伟", "gender": "1", "id_number": ZHANG,
        "birth_date": "1980-01-01", "join_date": "2010-07-01", "full_member_date": "2011-07-01",
    })  # fmt: skip
    pc.dues.set_base(zhang, 2026, "在职", income="4500")
    july, _r, _ = pc.dues.set_base(zhang, 2026, "在职", income="8000", from_month="2026-07")

    def sync() -> None:
        for _ in range(2):
            pc.sync.sync()
            laptop.sync.sync()

    sync()
    assert laptop.dues.bases(2026)[zhang]["monthly_fen"] == 12000
    pc.dues.void_base(july, "误录")
    sync()
    for s in (pc, laptop):
        assert s.dues.bases(2026)[zhang]["monthly_fen"] == 4500
        assert s.store.read_one(
            "SELECT voided, void_reason FROM dues_bases WHERE id = ?", (july,)
        ) == {"voided": 1, "void_reason": "误录"}
    right, _r, _ = laptop.dues.set_base(zhang, 2026, "在职", income="6000", from_month="2026-07")
    sync()
    for s in (pc, laptop):
        assert s.dues.bases(2026)[zhang]["id"] == right
        assert s.dues.bases(2026)[zhang]["monthly_fen"] == 9000
