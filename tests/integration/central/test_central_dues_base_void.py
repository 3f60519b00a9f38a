"""A 党费 base voided on a device reaches the centre as a ``void`` op (as an approval's): the
record is kept, marked voided, and the 党费 sheet prices the months it held by the base before.
By hand: 5,000.00 from January → 50.00; 8,000.00 from July → 120.00 (voided): 12 × 50 = 600.00."""

from __future__ import annotations

from datetime import date

from tests.integration.central.test_central_dues import rows
from tests.integration.central.zc_helpers import Device


def test_a_voided_base_prices_nothing_at_the_centre(central):
    from ztcentral.dues_report import unit_figures

    dev = Device("U001")
    dev.enrol_direct(central)
    member = {"name": "张三", "category": "full", "status": "normal", "join_date": "2001-07-01"}

    def base(first: int, fen: int) -> dict:
        return {"member_id": "m1", "year": 2025, "from_month": first, "kind": "employed",
                "income_fen": fen * 100, "monthly_fen": fen, "rate": "0.01",
                "table_version": 1, "note": None}  # fmt: skip

    bundle = dev.seal(
        dev.next_ops(
            [
                ("member", "m1", "create", member),
                ("dues_base", "jan", "create", base(1, 5000)),
                ("dues_base", "jul", "create", base(7, 12000)),
                ("dues_base", "jul", "void", {"reason": "误录"}),
            ]
        )
    )
    got = [(o["s"], o["code"]) for o in dev.verify(central.process(bundle).receipt, bundle).ops]
    assert got == [("applied", None)] * 4
    data, voided = rows(central, "dues_base")["jul"]
    assert (voided, data["void_reason"]) == (1, "误录")
    with central.db.tx() as tx:
        f = unit_figures(tx, "U001", 2025, date(2025, 12, 31))
    assert [f["months"][m][0] for m in (1, 6, 7, 12)] == [5000] * 4
    assert sum(due for due, _got in f["months"].values()) == 60000
