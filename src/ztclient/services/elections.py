"""换届选举: an election is an event of the organisation. It records the date, the term, the
election meeting's figures and the committee elected with their posts; the previous committee's
posts end the day before and the new ones start that day; the organisation's current term
(``elected_on``, ``term_years``) follows. One transaction: nothing half-elected.

Rules (domain/terms.py, domain/committee.py): term 3 or 5 years (default by kind and unit type);
present ≥ 4/5 of voters due; each elected with votes for > half of voters due; post holders are
正式党员 of the organisation; one 书记. Size norms are warnings returned with the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ztclient.domain import committee as committee_rules
from ztclient.domain import terms
from ztclient.domain.codes import table
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.domain.model import OrgKind
from ztclient.services import election_void
from ztclient.services.changes import Changes
from ztclient.services.orgs import OrgService
from ztprotocol.roll import CURRENT_SQL

ELECTION_KEYS = (
    "date",
    "term_years",
    "meeting_id",
    "voters_due",
    "voters_present",
    "committee",
    "note",
)


@dataclass(frozen=True)
class Recorded:
    """What a write that may carry warnings returns: the new record's id, what changed, and the
    norms it does not meet (coded, rendered like errors; the write itself went through)."""

    id: str
    changes: Changes
    warnings: tuple[DomainError, ...] = field(default=())


class ElectionService:
    def __init__(self, orgs: OrgService) -> None:
        self.orgs = orgs
        self.store = orgs.store
        self.journal = orgs.journal
        self.clock = orgs.clock

    def _full_members(self, org_id: str) -> int:
        return int(
            self.store.scalar(
                "SELECT count(*) FROM members WHERE org_id = ? AND category = 'full' "
                f"AND status IN {CURRENT_SQL}",
                (org_id,),
            )
        )

    def check(self, org_id: str, data: Mapping[str, Any]) -> tuple[dict[str, Any], list]:
        """Validate an election; returns (normalised data, warnings). All errors at once."""
        unknown = [k for k in data if k not in ELECTION_KEYS]
        if unknown:
            raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
        org = self.orgs.live(org_id)
        if org["kind"] == OrgKind.GROUP:
            raise DomainError("E_ORG_GROUP_TERM", "org_id")
        day = parse_date(data.get("date") or "", "date")
        if day > self.clock.today():
            raise DomainError("E_DATE_FUTURE", "date", what="date", date=day.isoformat())
        if org.get("founded_on") and day.isoformat() < org["founded_on"][:10]:
            raise DomainError("E_ELECTION_BEFORE_FOUNDED", "date", org=org["name"],
                              founded=org["founded_on"][:10], date=day.isoformat())  # fmt: skip
        years = data.get("term_years")
        years = (
            terms.check_term_years(years)
            if years not in (None, "")
            else terms.default_term_years(org["kind"], org.get("unit_type"))
        )
        rows = data.get("committee") or []
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise DomainError("E_JSON_INVALID", "committee", detail="committee: [{member, post}]")
        errors: list[DomainError] = []
        elected = []
        for r in terms.elected_from(rows):
            try:
                code = table("party_post").code_for(r.post, "post")
                self.orgs.check_post_holder(org, r.member_id, code, day)
                elected.append(terms.Elected(r.member_id, code, r.votes_for))
            except DomainError as e:
                errors.append(e)
        if errors:
            raise ValidationErrors(errors)
        full = self._full_members(org_id) if org["kind"] == OrgKind.BRANCH else None
        errs, warnings = committee_rules.check_committee(
            [(e.member_id, e.post) for e in elected], full
        )
        figures: dict[str, int | None] = {}
        for name in ("voters_due", "voters_present"):
            try:
                figures[name] = terms.whole_number(data.get(name), name)
            except DomainError as e:
                errs.append(e)
        due, present = figures.get("voters_due"), figures.get("voters_present")
        if len(figures) == 2:
            errs += terms.check_election_votes(due, present, elected)
        meeting_id = data.get("meeting_id") or None
        if meeting_id:
            mt = self.store.read_one(
                "SELECT org_id, starts_at, voided FROM meetings WHERE id = ?", (meeting_id,)
            )
            if mt is None or mt["voided"]:
                errs.append(DomainError("E_NOT_FOUND", "meeting_id", what="meeting", id=meeting_id))
            elif mt["org_id"] != org_id or mt["starts_at"][:10] != day.isoformat():
                errs.append(DomainError("E_ELECTION_MEETING", "meeting_id", date=day.isoformat()))
        latest = self.store.scalar(
            "SELECT max(date) FROM elections WHERE org_id = ? AND voided = 0", (org_id,)
        )
        later_posts = self.store.scalar(
            "SELECT max(start_date) FROM org_posts WHERE org_id = ? AND voided = 0 "
            "AND start_date >= ?",
            (org_id, day.isoformat()),
        )
        if (latest and latest >= day.isoformat()) or later_posts:
            errs.append(
                DomainError(
                    "E_ELECTION_ORDER", "date", date=day.isoformat(), latest=latest or later_posts
                )
            )
        for problem in [*errs, *warnings]:
            if "member" in problem.params:
                problem.params["member"] = self.orgs.member_name(problem.params["member"])
            if problem.code == "E_DUPLICATE":
                problem.params["id"] = self.orgs.member_name(problem.params["id"])
        if errs:
            raise ValidationErrors(errs)
        norm = {
            "org_id": org_id,
            "date": day.isoformat(),
            "term_years": years,
            "term_end": terms.term_end(day, years).isoformat(),
            "meeting_id": meeting_id,
            "voters_due": due,
            "voters_present": present,
            "committee": [
                {"member_id": e.member_id, "post": e.post, "votes_for": e.votes_for}
                for e in elected
            ],
            "note": (str(data.get("note") or "").strip() or None),
        }
        return norm, warnings

    def elect(self, org_id: str, data: Mapping[str, Any]) -> Recorded:
        """Record a 换届选举 and seat the committee it elected."""
        norm, warnings = self.check(org_id, data)
        org = self.orgs.get(org_id)
        election_id = uuid7()
        now = self.journal.timestamp()
        day = norm["date"]
        last = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        term = {"elected_on": day, "term_years": norm["term_years"]}
        with self.store.transaction() as tx:
            ending = tx.read(
                "SELECT * FROM org_posts WHERE org_id = ? AND voided = 0 "
                "AND (end_date IS NULL OR end_date >= ?)",
                (org_id, day),
            )
            ended = [{"id": p["id"], "end_date": p["end_date"], "ended": max(last, p["start_date"])}
                     for p in ending]  # fmt: skip
            # what it changes, kept so that voiding it gives them back — on any device of the
            # unit: sent with the election, the others void it with the same effects
            effects = {"ended": ended, "term": {k: org.get(k) for k in term}}
            row = {**norm, "committee": json.dumps(norm["committee"], ensure_ascii=False)}
            tx.insert(
                "elections",
                {
                    **row,
                    "id": election_id,
                    "voided": 0,
                    "void_reason": None,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "effects": json.dumps(effects, ensure_ascii=False),
                },
            )
            self.journal.record(
                tx,
                entity="election",
                record_id=election_id,
                op="create",
                fields={**norm, "effects": effects},
            )
            for p, e in zip(ending, ended, strict=True):
                self.orgs.write_post_end(tx, p, e["ended"])
            for e in norm["committee"]:
                post = committee_rules.Post(e["member_id"], e["post"], day)
                self.orgs.write_post(tx, org_id, post, election_id)
            changed = {k: v for k, v in term.items() if org.get(k) != v}
            if changed:
                self.orgs.write_update(tx, org, changed)
        return Recorded(
            election_id, Changes(orgs=True, members=True, org_life=True), tuple(warnings)
        )

    def void(self, election_id: str, reason: str) -> tuple[election_void.Undone, Changes]:
        """录入错误作废 of an election entered by mistake (election_void.void_election)."""
        undone = election_void.void_election(self.orgs, election_id, reason)
        return undone, Changes(orgs=True, members=True, org_life=True, study=True)

    # -- reading -----------------------------------------------------------------------------
    def list(self, org_id: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT e.*, o.name AS org_name FROM elections e JOIN orgs o ON o.id = e.org_id "
            "WHERE e.voided = 0"
        )
        params: list[Any] = []
        if org_id:
            sql += " AND e.org_id = ?"
            params.append(org_id)
        rows = self.store.read(sql + " ORDER BY e.date DESC", params)
        names: dict[str, str] = {}
        for r in rows:
            r.pop("effects", None)  # local bookkeeping (election_void)
            r["committee"] = json.loads(r["committee"] or "[]")
            for c in r["committee"]:
                mid = c["member_id"]
                names.setdefault(mid, self.orgs.member_name(mid))
                c["member_name"] = names[mid]
        return rows
