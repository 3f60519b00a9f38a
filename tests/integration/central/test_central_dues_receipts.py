"""Migration 008 fills ``dues_receipts`` from the payments a centre kept before it, so a payment
arriving after the upgrade with a number one of them carries is found (docs/dues.md)."""

from __future__ import annotations

from ztcentral import schema
from ztprotocol.canonical import canonical


def _payment(pid: str, receipt: str | None) -> str:
    row = {"id": pid, "member_id": "m1", "first_month": "2026-01", "months": 1,
           "amount_fen": 4500, "extra_fen": 0, "paid_on": "2026-02-01", "way": "cash",
           "receipt_no": receipt, "note": None,
           "lines": [{"month": "2026-01", "amount_fen": 4500}]}  # fmt: skip
    return canonical(row).decode()


def test_migration_008_fills_the_receipt_numbers_kept_before_it(central, monkeypatch):
    db = central.db
    # a centre at 007 meets this code as shipped with 008 (the later ones are not its business)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:8])
    monkeypatch.setattr(schema, "LATEST", 8)
    with db.tx() as tx:
        tx.script(["DROP TABLE dues_receipts"])
        tx.run("DELETE FROM schema_migrations WHERE version >= 8")
        for pid, receipt in (("p1", "2026-00001"), ("p2", None), ("p3", "0001")):
            tx.run(
                "INSERT INTO records (unit, entity, id, data, fver, version, voided, review, "
                "updated_at) VALUES ('U1', 'dues_payment', $1, $2, '{}', 1, 0, 0, 'x')",
                (pid, _payment(pid, receipt)),
            )
    assert schema.migrate(db) == ["008_dues_receipts"]
    with db.tx() as tx:
        rows = tx.all("SELECT unit, payment_id, receipt_no FROM dues_receipts ORDER BY payment_id")
    assert rows == [
        {"unit": "U1", "payment_id": "p1", "receipt_no": "2026-00001"},
        {"unit": "U1", "payment_id": "p3", "receipt_no": "0001"},
    ]


def test_review_names_the_dues_conflicts_in_words():
    """审核 lists the two 党费 conflicts in the clerk's words, not receipt_no / monthly_fen."""
    from ztcentral.console.field_labels import conflict_field

    assert conflict_field("dues_payment", "receipt_no", "zh") == "党费缴纳 · 收据号"
    assert conflict_field("dues_base", "monthly_fen", "zh") == "党费基数 · 每月应交"
    assert conflict_field("dues_payment", "receipt_no", "en") == "dues payment · receipt number"
