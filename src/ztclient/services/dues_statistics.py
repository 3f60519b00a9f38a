"""The 补充资料 counts of a year's dues ledger (domain/dues_statistics.py), read from the store.

The ledger itself knows which months are paid but not on which day, nor each payment's 自愿多交
apart (it sums them): two more queries, made only for the documents and ``dues ledger`` that
show the counts, so the 党费 page and the 工作台 do not wait for them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ztclient.domain import dues_statistics
from ztclient.domain.dues_statistics import DuesCounts
from ztclient.services.dues_ledger import Ledger
from ztclient.services.ports import Store


def supplementary(store: Store, ledger: Ledger) -> DuesCounts:
    """按时按标准交纳, 经批准少交, 免交 and 自愿一次性多交1000元以上 among the ledger's members
    at the unit on its as-of date (payments recorded by that date, as the ledger counts them)."""
    year, as_of = ledger.year, ledger.as_of.isoformat()
    paid_on: dict[str, dict[int, date]] = defaultdict(dict)
    for r in store.read(
        "SELECT pm.member_id, pm.month, p.paid_on FROM dues_payment_months pm "
        "JOIN dues_payments p ON p.id = pm.payment_id "
        "WHERE pm.voided = 0 AND pm.month BETWEEN ? AND ? AND p.paid_on <= ?",
        (f"{year}-01", f"{year}-12", as_of),
    ):
        paid_on[r["member_id"]][int(r["month"][5:7])] = date.fromisoformat(r["paid_on"][:10])
    extras: dict[str, list[int]] = defaultdict(list)
    for r in store.read(  # the ledger's year of a payment: the year of its first month
        "SELECT member_id, extra_fen FROM dues_payments WHERE voided = 0 AND extra_fen > 0 "
        "AND first_month BETWEEN ? AND ? AND paid_on <= ?",
        (f"{year}-01", f"{year}-12", as_of),
    ):
        extras[r["member_id"]].append(int(r["extra_fen"]))
    return dues_statistics.count(
        (
            (ln.dues, paid_on.get(ln.member_id, {}), extras.get(ln.member_id, ()))
            for ln in ledger.lines
        ),
        ledger.as_of,
    )
