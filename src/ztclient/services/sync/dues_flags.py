"""党费 records from the unit's other devices or the centre, checked after they are taken in.

A base lowered here so that an approved 少交 would come out not below the standard is refused
(E_DUES_REDUCE_NOT_LESS, E_DUES_BASE_VOID_REDUCE: services/dues_bases.py). The same base, or the
approval, arriving by sync is a fact from elsewhere: it is taken, not refused, and the pair is
put on the 同步 page's 待核对 list (W_DUES_BASE_UNDER_REDUCE) for the clerk to set right —
correct the base, or void the approval. The centre flags it alike for 审核 (ztcentral.apply).

A payment for a month before the unit's founding month is refused here
(E_DUES_MONTH_BEFORE_FOUNDED); recorded on a device that did not know the founding date yet, it
arrives as a fact: kept, and put on the same list (W_DUES_PAID_BEFORE_FOUNDED) to be voided and
entered again, or the founding date corrected. The founding date moved past a payment's month is
refused here (E_ORG_FOUNDED_AFTER_DUES, services/org_founding.py); the unit's top organisation's
record arriving with such a date is taken, and each live payment with a month before it goes on
the same list, once per payment however it came to be flagged.
"""

from __future__ import annotations

from typing import Any

from ztclient.domain import dues_months as months_
from ztclient.domain.dues_money import fmt
from ztclient.services.dues_bases import reductions
from ztclient.services.dues_context import founding_day
from ztclient.services.ports import Store
from ztclient.services.sync.context import dumps
from ztprotocol.dues_price import bases_by_month, reduction_over

CODE = "W_DUES_BASE_UNDER_REDUCE"
BEFORE_FOUNDED = "W_DUES_PAID_BEFORE_FOUNDED"


def _years(entity: str, row: dict[str, Any]) -> list[int]:
    if entity == "dues_base":
        return [int(row["year"])]
    if row.get("kind") != "reduce" or row.get("voided"):
        return []
    first, last = months_.parse(row["first_month"]), months_.parse(row["last_month"])
    return list(range(first // 12, last // 12 + 1))


def flag_reductions(tx: Store, entity: str, rid: str, version: int, now: str) -> bool:
    """After a ``dues_base`` or ``dues_approval`` record was written: the first month of the
    member's affected years where an approved 少交 is not below the base in force goes on the
    待核对 list (once per record version). True when it was flagged."""
    table = "dues_bases" if entity == "dues_base" else "dues_approvals"
    row = tx.read_one(f"SELECT * FROM {table} WHERE id = ?", (rid,))
    if row is None:
        return False
    member = str(row["member_id"])
    for year in _years(entity, row):
        bases = bases_by_month(
            tx.read(
                "SELECT year, from_month, monthly_fen FROM dues_bases WHERE member_id = ? "
                "AND year = ? AND voided = 0",
                (member, year),
            )
        )
        first, last = months_.index(year, 1), months_.index(year, 12)
        over = reduction_over(reductions(tx, member, first, last), bases, first, last)
        if over is None:
            continue
        amount, month, standard = over
        name = tx.scalar("SELECT name FROM members WHERE id = ?", (member,)) or member
        params = {"name": name, "month": months_.text(month), "amount": fmt(amount),
                  "standard": fmt(standard)}  # fmt: skip
        tx.execute(
            "INSERT OR IGNORE INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
            "record_id, field, params, created_at) VALUES (?, NULL, '', 'review', ?, ?, ?, "
            "'monthly_fen', ?, ?)",
            (f"{entity}:{rid}@{version}", CODE, entity, rid, dumps(params), now),
        )
        return True
    return False


def flag_before_founding(tx: Store, row: dict[str, Any], now: str) -> bool:
    """After a payment from elsewhere was written: its first month before the unit's founding
    month goes on the 待核对 list (once per payment). True when it was flagged."""
    founded = founding_day(tx)
    months = [str(ln.get("month")) for ln in row.get("lines") or []] or [str(row["first_month"])]
    if founded is None or min(months) >= founded[:7]:
        return False
    member = str(row["member_id"])
    name = tx.scalar("SELECT name FROM members WHERE id = ?", (member,)) or member
    params = {"name": name, "month": min(months), "founded": founded,
              "receipt": row.get("receipt_no") or "—"}  # fmt: skip
    tx.execute(
        "INSERT OR IGNORE INTO sync_problems (op_id, seq, bundle_id, kind, code, entity, "
        "record_id, field, params, created_at) VALUES (?, NULL, '', 'review', ?, "
        "'dues_payment', ?, 'month', ?, ?)",
        (f"dues_payment:{row['id']}@founded", BEFORE_FOUNDED, row["id"], dumps(params), now),
    )
    return True


def flag_paid_before_founding(tx: Store, org_id: str, now: str) -> bool:
    """After an organisation's record from elsewhere was written: when it is the unit's top
    organisation (whose 成立日期 governs 党费, ``founding_day``), each live payment with a month
    before the founding month goes on the 待核对 list, as if it had just arrived. True when one
    was flagged."""
    if org_id != tx.get_meta("root_org_id"):
        return False
    founded = founding_day(tx)
    if founded is None:
        return False
    flagged = False
    for row in tx.read(
        "SELECT p.id, p.member_id, p.receipt_no, min(pm.month) AS first_month "
        "FROM dues_payments p JOIN dues_payment_months pm ON pm.payment_id = p.id "
        "WHERE p.voided = 0 AND pm.voided = 0 GROUP BY p.id, p.member_id, p.receipt_no "
        "HAVING min(pm.month) < ? ORDER BY p.id",
        (founded[:7],),
    ):
        flagged = flag_before_founding(tx, dict(row), now) or flagged
    return flagged
