"""An organisation's 成立日期 (``founded_on``, migration 015) against the other dates it carries:
its parent's and its children's founding days, the meetings and 换届选举 it held, its current
term's election day (``elected_on``) and the first day of each post on its committee. Nothing
of an organisation happens before it was founded, whichever of the two dates is entered last.
The unit's top organisation's founding month is also the first month anyone owes 党费: it is not
moved past a live payment's month (a payment for a month before it is refused when entered,
E_DUES_MONTH_BEFORE_FOUNDED, services/dues_payments.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.ports import Store


def check_founded(
    store: Store, name: str, founded: str | None, parent_id: str | None, org_id: str | None = None
) -> None:
    """Not founded before its parent, nor (an existing one) after an organisation under it, a
    meeting or election it held, or the first day of a post on its committee, when both dates
    are known (E_ORG_FOUNDED_BEFORE_PARENT, E_ORG_FOUNDED_AFTER_CHILD,
    E_ORG_FOUNDED_AFTER_MEETING, E_ORG_FOUNDED_AFTER_POST); the unit's top organisation, nor
    in a month after a live 党费 payment's month (E_ORG_FOUNDED_AFTER_DUES)."""
    if not founded:
        return
    parent = store.read_one("SELECT name, founded_on FROM orgs WHERE id = ?", (parent_id or "",))
    if parent and parent["founded_on"] and founded < parent["founded_on"]:
        raise DomainError(
            "E_ORG_FOUNDED_BEFORE_PARENT", "founded_on", org=name, date=founded,
            parent=parent["name"], parent_date=parent["founded_on"],
        )  # fmt: skip
    child = store.read_one(
        "SELECT name, founded_on FROM orgs WHERE parent_id = ? AND founded_on < ? "
        "ORDER BY founded_on LIMIT 1",
        (org_id or "", founded),
    )
    if child:
        raise DomainError(
            "E_ORG_FOUNDED_AFTER_CHILD", "founded_on", org=name, date=founded,
            child=child["name"], child_date=child["founded_on"],
        )  # fmt: skip
    first = store.scalar(  # the first meeting or 换届选举 it held
        "SELECT min(d) FROM (SELECT min(starts_at) AS d FROM meetings WHERE org_id = ? AND "
        "voided = 0 UNION ALL SELECT min(date) FROM elections WHERE org_id = ? AND voided = 0)",
        (org_id or "", org_id or ""),
    )
    if first and first[:10] < founded:
        raise DomainError("E_ORG_FOUNDED_AFTER_MEETING", "founded_on", org=name,
                          date=founded, meeting_date=first[:10])  # fmt: skip
    post = store.scalar(
        "SELECT min(start_date) FROM org_posts WHERE org_id = ? AND voided = 0", (org_id or "",)
    )
    if post and post[:10] < founded:
        raise DomainError("E_ORG_FOUNDED_AFTER_POST", "founded_on", org=name, date=founded,
                          post_date=post[:10])  # fmt: skip
    if org_id and org_id == store.get_meta("root_org_id"):
        _check_dues(store, name, founded)


def _check_dues(store: Store, name: str, founded: str) -> None:
    """The unit's first owed month (dues_context.founding_day reads the top organisation's
    成立日期, as the payment rule does) not after a month a live payment covers: the first
    such month, its person and receipt number are named. A 党费计算基数 for a month before the
    founding is not refused when entered (only owed months are charged), nor here."""
    paid = store.read_one(
        "SELECT pm.month, p.receipt_no, m.name FROM dues_payment_months pm "
        "JOIN dues_payments p ON p.id = pm.payment_id JOIN members m ON m.id = pm.member_id "
        "WHERE pm.voided = 0 AND p.voided = 0 AND pm.month < ? "
        "ORDER BY pm.month, m.name, p.receipt_no LIMIT 1",
        (founded[:7],),
    )
    if paid:
        raise DomainError("E_ORG_FOUNDED_AFTER_DUES", "founded_on", org=name, date=founded,
                          name=paid["name"], month=paid["month"],
                          receipt=paid["receipt_no"] or "—")  # fmt: skip


def check_elected(name: str, founded: str | None, elected: str | None) -> None:
    """本届选举日期 (``elected_on``) not before the 成立日期, whichever is set last."""
    if founded and elected and str(elected)[:10] < str(founded)[:10]:
        raise DomainError("E_ELECTED_ON_BEFORE_FOUNDED", "elected_on", org=name,
                          founded=str(founded)[:10], date=str(elected)[:10])  # fmt: skip


def check_post_start(org: Mapping[str, Any], start: str) -> None:
    """A post's first day not before the organisation's 成立日期."""
    founded = org.get("founded_on")
    if founded and start < str(founded)[:10]:
        raise DomainError("E_POST_BEFORE_FOUNDED", "start_date", org=org["name"],
                          founded=str(founded)[:10], date=start)  # fmt: skip
