"""录入错误作废 of a 换届选举 entered by mistake: in one transaction the election is voided,
the posts it seated are voided with the same reason, the previous committee's posts it ended
are held again as they were, and the organisation's term goes back (docs/domain-rules.md).

Refused (nothing written) when a later election of the organisation exists — it ended this
one's posts, so the later one is voided first (E_ELECTION_LATER) — and when a post given back
would clash with a post entered since (E_POST_TAKEN, E_POST_OVERLAP: end or void that first).

An election keeps what it changed in ``effects``, sent with it, so a device of the unit that
received it through the centre voids it the same way. For one recorded before migration 022
(or received from a device that did not send them yet) the ends are inferred: the
organisation's posts that end the day before the election and started before it, held open
again; the term goes back to the previous election's, if any.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ztclient.domain import committee as committee_rules
from ztclient.domain.errors import DomainError
from ztclient.services.ports import Store
from ztclient.services.voiding import clean_reason, void_row

if TYPE_CHECKING:
    from ztclient.services.orgs import OrgService


@dataclass(frozen=True)
class Undone:
    """What voiding an election undid: its posts voided, the posts it ended held again."""

    posts_voided: int
    posts_restored: int


def void_election(orgs: OrgService, election_id: str, reason: str) -> Undone:
    reason = clean_reason(reason)
    with orgs.store.transaction() as tx:
        row = tx.read_one("SELECT * FROM elections WHERE id = ?", (election_id,))
        if row is not None and not row["voided"]:
            later = tx.scalar(
                "SELECT min(date) FROM elections WHERE org_id = ? AND voided = 0 AND date > ?",
                (row["org_id"], row["date"]),
            )
            if later:
                raise DomainError("E_ELECTION_LATER", later=later, date=row["date"])
        void_row(tx, orgs.journal, "elections", "election", election_id, reason)
        assert row is not None  # void_row refused a missing one
        seated = tx.read(
            "SELECT id FROM org_posts WHERE election_id = ? AND voided = 0", (election_id,)
        )
        for p in seated:
            void_row(tx, orgs.journal, "org_posts", "org_post", p["id"], reason)
        effects = json.loads(row["effects"]) if row.get("effects") else _inferred(tx, row)
        restored = _give_back_posts(orgs, tx, row["org_id"], effects["ended"])
        _give_back_term(orgs, tx, row, effects["term"])
    return Undone(len(seated), restored)


def _inferred(tx: Store, election: dict[str, Any]) -> dict[str, Any]:
    """``effects`` of an election recorded before they were kept (migration 022)."""
    last = (date.fromisoformat(election["date"]) - timedelta(days=1)).isoformat()
    ended = [
        {"id": p["id"], "end_date": None, "ended": last}
        for p in tx.read(
            "SELECT id FROM org_posts WHERE org_id = ? AND voided = 0 AND end_date = ? "
            "AND start_date < ? AND (election_id IS NULL OR election_id != ?)",
            (election["org_id"], last, election["date"], election["id"]),
        )
    ]
    before = tx.read_one(
        "SELECT date, term_years FROM elections WHERE org_id = ? AND voided = 0 AND date < ? "
        "ORDER BY date DESC LIMIT 1",
        (election["org_id"], election["date"]),
    )
    term = {"elected_on": before["date"], "term_years": before["term_years"]} if before else {}
    return {"ended": ended, "term": term}


def _give_back_posts(orgs: OrgService, tx: Store, org_id: str, ended: list[dict]) -> int:
    """Hold again the posts the election ended, where they still end that day (a later hand
    edit is kept), refusing any that would clash with the organisation's other posts; returns
    how many."""
    count = 0
    for kept in ended:
        post = tx.read_one("SELECT * FROM org_posts WHERE id = ?", (kept["id"],))
        if post is None or post["voided"] or post["end_date"] != kept["ended"]:
            continue
        back = committee_rules.Post.of({**post, "end_date": kept["end_date"]})
        orgs.check_post_clash(tx, org_id, back, except_id=post["id"])
        orgs.write_post_end(tx, post, kept["end_date"])
        count += 1
    return count


def _give_back_term(orgs: OrgService, tx: Store, election: dict, before: dict) -> None:
    """The organisation's 本届 as it was, field by field, where the election's value is still
    there (a later hand edit is kept)."""
    org = tx.read_one("SELECT * FROM orgs WHERE id = ?", (election["org_id"],))
    assert org is not None
    set_by_it = {"elected_on": election["date"], "term_years": election["term_years"]}
    changed = {k: v for k, v in before.items() if org.get(k) == set_by_it[k] and org.get(k) != v}
    if changed:
        orgs.write_update(tx, org, changed)
