"""党费 records that hold across the unit's devices: the receipt numbers the program gives are
unique across them (each device numbers its own series), the same number on two payments of
one unit (typed by hand on two devices) is a conflict 审核 lists and the device is told of, and
a base that arrives from another device is taken but flagged when an approved 少交 would then be
not below the standard (docs/domain-rules.md, 党费)."""

from __future__ import annotations

from tests.helpers import PASSPHRASE

ZHANG = "110105198001010016"
LI = "110105198202020026"


def _two_devices(central, make_unit, tmp_path, code: str):
    from ztclient.bootstrap import App

    _, pc = make_unit(code, name=f"中共{code}支部委员会")
    laptop, _ = App(tmp_path / "laptop").create_unit(
        f"中共{code}支部委员会", code, PASSPHRASE, "branch"
    )
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit(code, tmp_path / f"e-{tag}.json"))
    zhang, _ = pc.members.add({
        "org_id": pc.root_org_id, "name": "张伟", "gender": "1", "id_number": ZHANG,
        "birth_date": "1980-01-01", "join_date": "2010-07-01", "full_member_date": "2011-07-01",
    })  # fmt: skip
    li, _ = pc.members.add({
        "org_id": pc.root_org_id, "name": "李娜", "gender": "2", "id_number": LI,
        "birth_date": "1982-02-02", "join_date": "2012-07-01", "full_member_date": "2013-07-01",
    })  # fmt: skip
    pc.dues.set_base(zhang, 2026, "在职", income="4500")  # 45.00
    pc.dues.set_base(li, 2026, "在职", income="4500")

    def sync() -> None:
        for _ in range(2):
            pc.sync.sync()
            laptop.sync.sync()

    sync()
    return pc, laptop, zhang, li, sync


def _receipt(s, payment_id: str) -> str:
    return str(s.store.scalar("SELECT receipt_no FROM dues_payments WHERE id = ?", (payment_id,)))


def _open_conflicts(central, unit: str) -> list[dict]:
    with central.db().tx() as tx:
        return tx.all(
            "SELECT entity, field, record_id, status FROM conflicts WHERE unit = $1 "
            "ORDER BY record_id",
            (unit,),
        )


def test_receipts_the_program_gives_differ_across_the_units_devices(central, make_unit, tmp_path):
    """Both clerks record a payment without a receipt number, offline, the same day: before,
    each device gave 2026-00001 (the largest number it knew + 1)."""
    pc, laptop, zhang, li, sync = _two_devices(central, make_unit, tmp_path, "U620")
    on_pc, _ = pc.dues.pay(zhang, "2026-01", "45", "2026-02-03")
    on_laptop, _ = laptop.dues.pay(li, "2026-01", "45", "2026-02-03")
    sync()
    numbers = {_receipt(pc, on_pc), _receipt(laptop, on_laptop)}
    assert len(numbers) == 2
    assert {_receipt(pc, on_laptop), _receipt(laptop, on_pc)} == numbers  # each has both
    assert _open_conflicts(central, "U620") == []
    # each device goes on in its own series: its second number is its first + 1
    second, _ = pc.dues.pay(zhang, "2026-02", "45", "2026-02-04")
    first = _receipt(pc, on_pc)
    assert _receipt(pc, second) == first[:-5] + f"{int(first[-5:]) + 1:05d}"


def test_one_receipt_number_on_two_payments_is_a_conflict_to_review(central, make_unit, tmp_path):
    """Numbers typed by the clerk stay as typed: the same paper receipt book on two devices
    gives two payments the number 0001. The centre keeps both (a fact is not refused), lists
    the pair in 审核 and tells the device whose payment came second."""
    pc, laptop, zhang, li, sync = _two_devices(central, make_unit, tmp_path, "U621")
    first, _ = pc.dues.pay(zhang, "2026-01", "45", "2026-02-03", receipt_no="0001")
    pc.sync.sync()
    second, _ = laptop.dues.pay(li, "2026-01", "45", "2026-02-03", receipt_no="0001")
    sync()
    assert _open_conflicts(central, "U621") == [
        {"entity": "dues_payment", "field": "receipt_no", "record_id": second, "status": "open"}
    ]
    with central.db().tx() as tx:
        kept = tx.scalar(
            "SELECT count(*) FROM records WHERE unit = 'U621' AND entity = 'dues_payment' "
            "AND voided = 0"
        )
    assert kept == 2  # both payments stand at the centre
    [c] = laptop.sync.status()["conflicts"]
    assert (c["code"], c["field"], c["record_id"]) == ("E_MERGE_CONFLICT", "receipt_no", second)
    assert "李娜" in c["yours"] and "张伟" in c["theirs"]
    assert laptop.sync.status()["pending"] == 0  # taken, flagged: nothing resent
    # both voided, a third payment may carry the number again: no new conflict
    pc.dues.void_payment(first, "收据号记错")
    laptop.dues.void_payment(second, "收据号记错")
    sync()
    pc.dues.pay(zhang, "2026-02", "45", "2026-03-03", receipt_no="0001")
    sync()
    assert len(_open_conflicts(central, "U621")) == 1


def test_a_base_from_another_device_under_an_approved_reduction_is_flagged(
    central, make_unit, tmp_path
):
    """The PC records an approved 少交 of 30.00 a month for July–December (张伟's base 45.00);
    the laptop, not yet knowing it, lowers his base from July to 2,500 (12.50 a month). Set on
    the PC, that base is refused (E_DUES_REDUCE_NOT_LESS); arriving from the laptop it was
    applied without a word. It is taken (a fact from elsewhere) and flagged: on the PC's 同步
    page (W_DUES_BASE_UNDER_REDUCE, naming July, 30.00 and 12.50) and in 审核 at the centre,
    whose conflict goes to the laptop too."""
    pc, laptop, zhang, _li, sync = _two_devices(central, make_unit, tmp_path, "U622")
    pc.dues.add_approval(zhang, "reduce", "2026-07", "2026-12", "2026-06-10", "困难", monthly="30")
    low, _r, _ = laptop.dues.set_base(zhang, 2026, "在职", income="2500", from_month="2026-07")
    sync()
    assert pc.dues.bases(2026)[zhang]["monthly_fen"] == 1250  # taken, not refused
    [flag] = [p for p in pc.sync.status()["problems"] if p["entity"] == "dues_base"]
    assert (flag["code"], flag["record_id"]) == ("W_DUES_BASE_UNDER_REDUCE", low)
    assert flag["params"] == {"name": "张伟", "month": "2026-07", "amount": "30.00",
                              "standard": "12.50"}  # fmt: skip
    assert _open_conflicts(central, "U622") == [
        {"entity": "dues_base", "field": "monthly_fen", "record_id": low, "status": "open"}
    ]
    told = [c for c in laptop.sync.status()["conflicts"] if c["entity"] == "dues_base"]
    assert [(c["record_id"], c["field"]) for c in told] == [(low, "monthly_fen")]
    # syncing again flags nothing more
    sync()
    assert len([p for p in pc.sync.status()["problems"] if p["entity"] == "dues_base"]) == 1
    assert len(_open_conflicts(central, "U622")) == 1
