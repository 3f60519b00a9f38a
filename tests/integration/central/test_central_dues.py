"""ztcentral and 党费: payments are facts (union, a changed copy is a conflict, void marks them),
bases and approvals merge like master data, a malformed payment op is rejected alone."""

from __future__ import annotations

import json

from tests.integration.central.zc_helpers import Device


def payment(pid: str, member: str = "m1", month: str = "2025-01", fen: int = 4500) -> dict:
    return {
        "id": pid, "member_id": member, "first_month": month, "months": 1, "amount_fen": fen,
        "extra_fen": 0, "paid_on": "2025-01-20", "way": "cash", "receipt_no": f"R-{pid}",
        "note": None, "lines": [{"month": month, "amount_fen": fen}],
    }  # fmt: skip


def rows(central, entity: str) -> dict[str, tuple[dict, int]]:
    with central.db.tx() as tx:
        return {
            r["id"]: (json.loads(r["data"]), r["voided"])
            for r in tx.all(
                "SELECT id, data, voided FROM records WHERE unit = 'U001' AND entity = $1",
                (entity,),
            )
        }


def test_payments_bases_and_approvals(central):
    a, b = Device("U001"), Device("U001")
    a.enrol_direct(central)
    b.enrol_direct(central)
    base = {"member_id": "m1", "year": 2025, "kind": "employed", "income_fen": 450000,
            "monthly_fen": 4500, "rate": "0.01", "table_version": 1, "note": None}  # fmt: skip
    approval = {"member_id": "m1", "kind": "exempt", "first_month": "2025-07",
                "last_month": "2025-12", "monthly_fen": None, "approved_on": "2025-06-20",
                "approver": None, "reason": "病"}  # fmt: skip
    ba = a.seal(
        a.next_ops(
            [
                ("dues_base", "b1", "create", base),
                ("dues_approval", "ap1", "create", approval),
                ("dues_payment", "p1", "insert_many", {"rows": [payment("p1"), payment("p2", "m2")]}),
                ("dues_payment", "bad", "insert_many", {"rows": [{"id": "x", "amount_fen": 1.5}]}),
                ("dues_base", "b1", "update", {"monthly_fen": 2000, "income_fen": 400000}, 1),
            ]
        )
    )  # fmt: skip
    ra = central.process(ba)
    got = [(o["s"], o["code"]) for o in a.verify(ra.receipt, ba).ops]
    assert got == [
        ("applied", None),
        ("applied", None),
        ("applied", None),
        ("rejected", "E_OP_INVALID"),
        ("applied", None),
    ]
    assert rows(central, "dues_base")["b1"][0]["monthly_fen"] == 2000
    assert set(rows(central, "dues_payment")) == {"p1", "p2"}

    # the other device sends p1 again (same content: nothing), p2 changed (a conflict, both
    # kept), voids p1 and the approval
    changed = payment("p2", "m2", fen=9000)
    bb = b.seal(
        b.next_ops(
            [
                ("dues_payment", "p1", "insert_many", {"rows": [payment("p1")]}),
                ("dues_payment", "p2", "insert_many", {"rows": [changed]}),
                ("dues_payment", "p1", "void", {"ids": ["p1"], "reason": "录错"}),
                ("dues_approval", "ap1", "void", {"reason": "撤销"}),
            ]
        )
    )
    rb = central.process(bb)
    got = [(o["s"], o["code"]) for o in b.verify(rb.receipt, bb).ops]
    assert got == [
        ("applied", None),
        ("conflict", "E_MERGE_CONFLICT"),
        ("applied", None),
        ("applied", None),
    ]
    pay = rows(central, "dues_payment")
    assert pay["p1"][1] == 1 and pay["p1"][0]["void_reason"] == "录错"
    assert pay["p2"][0]["amount_fen"] == 4500  # the first copy stays; the other is in conflicts
    assert rows(central, "dues_approval")["ap1"][1] == 1
    with central.db.tx() as tx:
        c = tx.all("SELECT entity, record_id, field FROM conflicts")
    assert [(r["entity"], r["record_id"], r["field"]) for r in c] == [("dues_payment", "p2", "*")]
