"""组织生活会 问题清单 and 整改: problems found at a year's 组织生活会, each with a measure, an owner
and a deadline, open until done, and carried to the next year's meeting (domain/rectification.py)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ztclient.domain import rectification as rules
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.services.changes import Changes
from ztclient.services.org_life_rows import RowWriter
from ztclient.services.orgs import OrgService

ITEM_KEYS = (
    "org_id",
    "year",
    "meeting_id",
    "problem",
    "measure",
    "owner_id",
    "owner",
    "deadline",
    "done_on",
    "result",
)
EDITABLE = ("problem", "measure", "owner_id", "owner", "deadline", "done_on", "result")
CHANGES = Changes(org_life=True)


class RectificationService:
    def __init__(self, orgs: OrgService) -> None:
        self.orgs = orgs
        self.store = orgs.store
        self.clock = orgs.clock
        self.rows = RowWriter(orgs.store, orgs.journal, "rectifications", "rectification")

    def _check(self, data: Mapping[str, Any]) -> dict[str, Any]:
        norm = rules.check_item(data)
        if norm["owner_id"] and not self.store.scalar(
            "SELECT 1 FROM members WHERE id = ?", (norm["owner_id"],)
        ):
            raise DomainError("E_NOT_FOUND", "owner_id", what="member", id=norm["owner_id"])
        if norm["done_on"] and norm["done_on"] > self.clock.today().isoformat():
            raise DomainError("E_DATE_FUTURE", "done_on", what="done_on", date=norm["done_on"])
        return norm

    def add(self, data: Mapping[str, Any]) -> tuple[str, Changes]:
        ids, changes = self.add_many([data])
        return ids[0], changes

    def add_many(self, items: Sequence[Mapping[str, Any]]) -> tuple[list[str], Changes]:
        """Add items (the 问题清单 of a meeting); all or nothing, each error with its row."""
        rows, errors = [], []
        for i, data in enumerate(items, 1):
            try:
                rows.append(self._prepare(data))
            except DomainError as e:
                errors.append(DomainError(e.code, e.field, **{**e.params, "row": i}))
        if errors:
            raise ValidationErrors(errors)
        if not rows:
            raise DomainError("E_FIELD_REQUIRED", "problem")
        with self.store.transaction() as tx:
            ids = [self.rows.insert(tx, row) for row in rows]
        return ids, CHANGES

    def _prepare(self, data: Mapping[str, Any]) -> dict[str, Any]:
        unknown = [k for k in data if k not in ITEM_KEYS]
        if unknown:
            raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
        org = self.orgs.live(str(data.get("org_id") or ""))
        try:
            year = int(data.get("year") or self.clock.today().year)
        except (TypeError, ValueError):
            raise DomainError("E_APPRAISAL_YEAR", "year", year=str(data.get("year"))) from None
        if year > self.clock.today().year:
            raise DomainError("E_APPRAISAL_YEAR", "year", year=str(year))
        meeting_id = data.get("meeting_id") or None
        if meeting_id:
            mt = self.store.read_one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
            if mt is None or mt["voided"]:
                raise DomainError("E_NOT_FOUND", "meeting_id", what="meeting", id=meeting_id)
        return {"org_id": org["id"], "year": year, "meeting_id": meeting_id, **self._check(data)}

    def update(self, item_id: str, fields: Mapping[str, Any], base_version: int) -> Changes:
        """Edit an item or mark it done (done_on, result)."""
        row = self.rows.current(item_id, base_version)
        refused = [k for k in fields if k not in EDITABLE]
        if refused:
            raise DomainError("E_FIELD_UNKNOWN", refused[0], fields=", ".join(refused))
        norm = self._check({**{k: row.get(k) for k in EDITABLE}, **fields})
        changed = {k: norm[k] for k in EDITABLE if row.get(k) != norm[k]}
        with self.store.transaction() as tx:
            self.rows.update(tx, row, changed)
        return CHANGES if changed else Changes()

    def void(self, item_id: str, reason: str) -> Changes:
        self.rows.void(item_id, reason)
        return CHANGES

    # -- reading -----------------------------------------------------------------------------
    def list(
        self,
        org_id: str | None = None,
        year: int | None = None,
        carried: bool = True,
        today: date | None = None,
    ) -> list[dict[str, Any]]:
        """Items of ``year`` (all years if None) and, with ``carried``, the open items of
        earlier years: what the year's 组织生活会 reviews. Each row has its ``state``."""
        where = ["r.voided = 0"]
        params: list[Any] = []
        if org_id:
            where.append("r.org_id = ?")
            params.append(org_id)
        if year:
            where.append("(r.year = ? OR (? AND r.year < ? AND r.done_on IS NULL))")
            params += [int(year), int(carried), int(year)]
        rows = self.store.read(
            "SELECT r.*, o.name AS org_name, m.name AS owner_name FROM rectifications r "
            "JOIN orgs o ON o.id = r.org_id LEFT JOIN members m ON m.id = r.owner_id "
            f"WHERE {' AND '.join(where)} ORDER BY r.year, r.deadline, r.created_at",
            params,
        )
        today = today or self.clock.today()
        for r in rows:
            r["state"] = rules.item_state(r, today)
            r["carried"] = bool(year and r["year"] < int(year))
            r["owner_label"] = r["owner_name"] or r["owner"] or ""
        return rows

    def open_items(self, today: date | None = None) -> builtins.list[dict[str, Any]]:
        """Items not done, in any year, with their state on ``today``."""
        return [r for r in self.list(today=today) if r["state"] != "done"]
