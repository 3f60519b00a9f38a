"""党员: add, edit, events (never delete), list and search, history, audited reveal."""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping, Sequence
from typing import Any

from ztclient.domain import idnumber, rules, text_norm
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.ids import uuid7
from ztclient.domain.model import Category, EventKind, Status
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.member_events import EventService, status_against_meetings
from ztclient.services.org_scope import members_under
from ztclient.services.ports import Clock, Store
from ztclient.services.search_text import search_line
from ztclient.services.versioned import update_versioned
from ztprotocol.roll import is_current

# Fields a clerk (or an import, or a sync op) may set directly. Status, category and the
# development dates also change through events; setting them directly is allowed at creation
# (records carried over from paper) and flagged by the rules when inconsistent.
EDITABLE = (
    "org_id",
    "group_id",
    "name",
    "gender",
    "id_number",
    "ethnicity",
    "birth_date",
    "native_place",
    "education",
    "degree",
    "job",
    "work_unit",
    "title",
    "phone",
    "address",
    "category",
    "status",
    "status_since",
    "exit_kind",
    "voting_suspended",
    "application_date",
    "activist_date",
    "candidate_date",
    "join_date",
    "full_member_date",
    "probation_end",
    "work_start_date",
    "note",
)
SENSITIVE = ("id_number", "phone", "address")
LIST_COLUMNS = (
    "m.id, m.org_id, m.group_id, m.name, m.gender, m.id_number, m.ethnicity, m.birth_date, "
    "m.education, m.job, m.work_unit, m.phone, m.category, m.status, m.join_date, "
    "m.full_member_date, m.version, o.name AS org_name"
)


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = [k for k in fields if k not in EDITABLE]
    if unknown:
        raise DomainError("E_FIELD_UNKNOWN", unknown[0], fields=", ".join(unknown))
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip() or None
        out[key] = value
    if out.get("id_number"):
        out["id_number"] = idnumber.normalize(out["id_number"])
    if isinstance(out.get("name"), str):
        out["name"] = text_norm.name(out["name"]) or None  # 赵　磊 is 赵磊 (domain/text_norm.py)
    return out


class MemberService:
    def __init__(
        self, store: Store, journal: Journal, clock: Clock, events: EventService | None = None
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.events = events or EventService(store, journal, clock, meetings=None)

    # -- writing -----------------------------------------------------------------------------
    def validate(
        self, fields: Mapping[str, Any], *, member_id: str | None = None
    ) -> list[DomainError]:
        """All rule failures for a would-be member record (used by forms as you type)."""
        data = _clean(fields)
        errors = rules.validate_member(data, self.clock.today())
        if data.get("org_id") and not self.store.scalar(
            "SELECT 1 FROM orgs WHERE id = ?", (data["org_id"],)
        ):
            errors.append(DomainError("E_NOT_FOUND", "org_id", what="org", id=data["org_id"]))
        if data.get("id_number"):
            other = self.store.scalar(  # a voided record (录入错误作废) owns nothing
                "SELECT id FROM members WHERE id_number = ? AND id != ? AND status != 'voided'",
                (data["id_number"], member_id or ""),
            )
            if other:
                errors.append(DomainError("E_DUPLICATE_ID_NUMBER", "id_number", other=other))
        return errors

    @staticmethod
    def _new(fields: Mapping[str, Any]) -> dict[str, Any]:
        """A new record's fields, cleaned, with the defaults of a member carried over from paper."""
        data = _clean(fields)
        data.setdefault("category", Category.FULL.value)
        data.setdefault("status", Status.NORMAL.value)
        data.setdefault("voting_suspended", 0)
        if data["category"] == Category.PROBATIONARY.value and not data.get("probation_end"):
            # 预备期满 one year after the join date (党章 art. 7), as the admitted event sets it:
            # the due list, the 转正 date and its meeting read it (a given value, which may
            # carry an extension, stays and is checked by the rules).
            end = rules.probation_end_of({"join_date": data.get("join_date")})
            if end is not None:
                data["probation_end"] = end.isoformat()
        return data

    @staticmethod
    def _follow_join(current: Mapping[str, Any], changed: dict[str, Any]) -> None:
        """A paper record's corrected join date moves a probation end derived from the old one
        (join + 1 year, no extension), unless the clerk changed the end too."""
        if "join_date" not in changed or "probation_end" in changed:
            return
        if (changed.get("category") or current.get("category")) != Category.PROBATIONARY.value:
            return
        stored = current.get("probation_end")
        old = rules.probation_end_of({"join_date": current.get("join_date")})
        if stored and (old is None or stored != old.isoformat()):
            return  # an extension or a value of its own: the rules judge it against the new date
        new = rules.probation_end_of({"join_date": changed["join_date"]})
        if new is not None:
            changed["probation_end"] = new.isoformat()

    def _create(self, tx: Store, data: dict[str, Any], now: str, action: str | None = None) -> str:
        """Insert one checked member with its search line and its outbox op (inside ``tx``)."""
        member_id = uuid7()
        row = {
            **dict.fromkeys(EDITABLE),
            **data,
            "id": member_id,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        tx.insert("members", row)
        self._index(tx, member_id, row)
        self.journal.record(
            tx, entity="member", record_id=member_id, op="create", fields=data, action=action
        )
        return member_id

    def notices(self, fields: Mapping[str, Any]) -> list[DomainError]:
        """What a clerk should hear about a new record that the rules accept (W_ codes): a
        预备党员 whose probation is already over (rules.probation_overdue)."""
        found = rules.probation_overdue(self._new(fields), self.clock.today())
        return [found] if found else []

    def add(self, fields: Mapping[str, Any]) -> tuple[str, Changes]:
        """Create a member (or an applicant). Raises ValidationErrors; nothing written then."""
        data = self._new(fields)
        errors = self.validate(data)
        if errors:
            raise ValidationErrors(errors)
        with self.store.transaction() as tx:
            member_id = self._create(tx, data, self.journal.timestamp())
        return member_id, Changes(members=True)

    def add_in(self, tx: Store, fields: Mapping[str, Any], *, action: str | None = None) -> str:
        """Create a member inside the caller's transaction (an accepted transfer), under the
        same rules as ``add``. Raises ValidationErrors; the caller's transaction rolls back."""
        data = self._new(fields)
        errors = self.validate(data)
        if errors:
            raise ValidationErrors(errors)
        return self._create(tx, data, self.journal.timestamp(), action)

    def add_many(
        self, rows: Sequence[Mapping[str, Any]], *, action: str = "member.import"
    ) -> tuple[list[str], Changes]:
        """All-or-nothing creation of many members (roster import). One outbox op per member."""
        prepared = []
        problems: list[DomainError] = []
        seen: dict[str, int] = {}
        for index, fields in enumerate(rows):
            data = self._new(fields)
            for err in self.validate(data):
                err.params.setdefault("row", index + 1)
                problems.append(err)
            if data.get("id_number"):
                if data["id_number"] in seen:
                    problems.append(
                        DomainError(
                            "E_DUPLICATE_ID_NUMBER",
                            "id_number",
                            row=index + 1,
                            other_row=seen[data["id_number"]],
                        )
                    )
                seen[data["id_number"]] = index + 1
            prepared.append(data)
        if problems:
            raise ValidationErrors(problems)
        now = self.journal.timestamp()
        with self.store.transaction() as tx:
            ids = [self._create(tx, data, now, action) for data in prepared]
        return ids, Changes(members=True)

    def update(self, member_id: str, fields: Mapping[str, Any], base_version: int) -> Changes:
        """Change some fields of a member edited from ``base_version`` (E_STALE_BASE if outdated)."""
        with self.store.transaction() as tx:
            return self.update_in(tx, member_id, fields, base_version)

    def update_in(
        self, tx: Store, member_id: str, fields: Mapping[str, Any], base_version: int
    ) -> Changes:
        """``update`` inside the caller's transaction (an undo that voids an event too)."""
        data = _clean(fields)
        current = self._require(member_id)
        if current["status"] == Status.VOIDED:  # 录入错误作废: kept as it was, not edited
            raise DomainError("E_VOIDED", id=member_id)
        if current["version"] != base_version:
            raise DomainError(
                "E_STALE_BASE", member_id=member_id, base=base_version, current=current["version"]
            )
        changed = {k: v for k, v in data.items() if current.get(k) != v}
        if not changed:
            return Changes()
        self._event_owned(member_id, changed)
        self._follow_join(current, changed)
        merged = {k: current.get(k) for k in EDITABLE} | changed
        errors = self.validate(merged, member_id=member_id)
        if errors:
            raise ValidationErrors(errors)
        status_against_meetings(self.store, member_id, merged, changed)
        update_versioned(
            tx,
            "members",
            {"id": member_id},
            base_version,
            {**changed, "updated_at": self.journal.timestamp()},
            member_id=member_id,
        )
        self._index(tx, member_id, merged)
        self.journal.record(
            tx,
            entity="member",
            record_id=member_id,
            op="update",
            fields=changed,
            base_version=base_version,
        )
        return Changes(members=True)

    def record_event(
        self,
        member_id: str,
        kind: EventKind | str,
        date: str,
        details: Mapping[str, Any] | None = None,
        *,
        meeting_id: str | None = None,
    ) -> tuple[str, Changes]:
        """Record a dated event (conversion, transfer out, exit…) and apply its effects, under
        the rules of domain/development.py (services/member_events.py does the work)."""
        outcome = self.events.record(member_id, kind, date, details, meeting_id=meeting_id)
        return outcome.event_id, outcome.changes

    def write_event(
        self,
        tx: Store,
        current: Mapping[str, Any],
        kind: EventKind | str,
        date: str,
        details: Mapping[str, Any] | None = None,
    ) -> str:
        """Check and write one event for the member row ``current`` inside the caller's
        transaction (an organisation dissolved or merged moves its members this way); the
        same rules as every other event path (services/member_events.py)."""
        event_id, _warnings = self.events.write(tx, current["id"], kind, date, details)
        return event_id

    def void_event(self, event_id: str, reason: str) -> Changes:
        """Void a mistaken event (it stays in the history, struck through); the member's latest
        event also gives back the fields it changed."""
        return self.events.void(event_id, reason)

    def void(self, member_id: str, reason: str) -> Changes:
        """录入错误作废: take back a member added by mistake (services/member_void.py)."""
        from ztclient.services.member_void import void_member

        return void_member(self.store, self.journal, self.clock, self._index, member_id, reason)

    def _event_owned(self, member_id: str, fields: Mapping[str, Any]) -> None:
        """Fields a live event set (category, status, the stage dates …) change through events:
        void the event, or record the next one. Records carried over from paper, with no such
        event, stay correctable in the form."""
        owned: set[str] = set()
        for text in self.store.column(
            "SELECT effects FROM member_events WHERE member_id = ? AND voided = 0 "
            "AND effects IS NOT NULL",
            (member_id,),
        ):
            owned.update(json.loads(text).get("after", {}))
        for key in fields:
            if key in owned:
                raise DomainError("E_DEV_USE_EVENT", key, what=key)

    def reveal(self, member_id: str, field: str) -> str:
        """The full value of a masked field; each reveal is an audit entry."""
        if field not in SENSITIVE:
            raise DomainError("E_FIELD_UNKNOWN", field)
        row = self._require(member_id)
        with self.store.transaction() as tx:
            self.journal.audit(tx, "member.reveal", f"member:{member_id}", {"field": field})
        return row.get(field) or ""

    def refresh_search(self) -> int:
        """Re-index the members whose names hold a character of the rare-readings dictionary
        (resources/pinyin/rare_names.txt) when it changed since their lines were written, so
        "wj" finds 王𠮷 in a unit made before the reading was known. Search lines are derived
        data: no outbox op, no audit entry. A unit whose sort keys are of another form
        (search_text.SORT_FORMAT) has every line rewritten, once. Returns how many were."""
        from ztclient.services.search_text import SORT_FORMAT, dictionary_version, rare_readings

        version = dictionary_version()
        if self.store.get_meta("search_sort_format") != SORT_FORMAT:
            # another form of sort key (search_text.SORT_FORMAT): every line once, then never
            rows = self.store.read("SELECT * FROM members")
        elif self.store.get_meta("search_dictionary") == version:
            return 0
        else:
            chars = list(rare_readings())
            rows = (
                self.store.read(
                    "SELECT * FROM members WHERE "
                    + " OR ".join("instr(name, ?) > 0" for _ in chars),
                    chars,
                )
                if chars
                else []
            )
        with self.store.transaction() as tx:
            for row in rows:
                self._index(tx, row["id"], row)
            tx.set_meta("search_dictionary", version)
            tx.set_meta("search_sort_format", SORT_FORMAT)
        return len(rows)

    @staticmethod
    def _index(tx: Store, member_id: str, row: Mapping[str, Any]) -> None:
        text, sort_key = search_line(row)
        current = 1 if is_current(row.get("status")) else 0
        tx.execute(
            "INSERT INTO member_search(member_id, text, sort_key, current) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(member_id) DO UPDATE SET text = excluded.text, sort_key = excluded.sort_key, "
            "current = excluded.current",
            (member_id, text, sort_key, current),
        )

    # -- reading -----------------------------------------------------------------------------
    def _require(self, member_id: str) -> dict[str, Any]:
        row = self.store.read_one("SELECT * FROM members WHERE id = ?", (member_id,))
        if row is None:
            raise DomainError("E_NOT_FOUND", what="member", id=member_id)
        return row

    def get(self, member_id: str) -> dict[str, Any]:
        row = self._require(member_id)
        org = self.store.read_one("SELECT name FROM orgs WHERE id = ?", (row["org_id"],))
        row["org_name"] = org["name"] if org else ""
        row["posts"] = self.store.read(
            "SELECT p.*, o.name AS org_name FROM org_posts p JOIN orgs o ON o.id = p.org_id "
            "WHERE p.member_id = ? AND p.voided = 0 ORDER BY p.start_date",
            (member_id,),
        )
        return row

    def history(self, member_id: str) -> list[dict[str, Any]]:
        rows = self.store.read(
            "SELECT * FROM member_events WHERE member_id = ? ORDER BY date, created_at",
            (member_id,),
        )
        for r in rows:
            r["details"] = json.loads(r["details"] or "{}")
        return rows

    def _where(
        self,
        search: str | None,
        org_id: str | None,
        category: str | None,
        status: str | None,
        include_former: bool,
    ) -> tuple[str, list[Any]]:
        # member_search (migration 004) is stored in roster order and carries `current`, so a
        # plain search reads that one table in key order: no join, no sort.
        clauses, params = [], []
        if search and search.strip():
            clauses.append("instr(s.text, ?) > 0")  # the search line is lower-case already
            params.append(search.strip().lower())
        if org_id:
            clause, more = members_under(org_id)
            clauses.append(clause)
            params += more
        if category:
            clauses.append("m.category = ?")
            params.append(category)
        if status:
            clauses.append("m.status = ?")
            params.append(status)
        elif not include_former:
            clauses.append("s.current = 1")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list(
        self,
        search: str | None = None,
        *,
        org_id: str | None = None,
        category: str | None = None,
        status: str | None = None,
        include_former: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Roster rows ordered by pinyin of the name. Sensitive fields come raw: callers mask."""
        where, params = self._where(search, org_id, category, status, include_former)
        sql = (
            f"SELECT {LIST_COLUMNS} FROM members m JOIN member_search s ON s.member_id = m.id "
            f"LEFT JOIN orgs o ON o.id = m.org_id{where} ORDER BY s.sort_key"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self.store.read(sql, params)

    def ids(self, search: str | None = None, **filters: Any) -> builtins.list[str]:
        """Only the ids, in roster order (the UI's table model pages rows in by id)."""
        where, params = self._where(
            search,
            filters.get("org_id"),
            filters.get("category"),
            filters.get("status"),
            filters.get("include_former", False),
        )
        if "m." not in where:  # search and the current flag only: one table, in key order
            sql = f"SELECT s.member_id FROM member_search s{where} ORDER BY s.sort_key, s.member_id"
        else:
            sql = (
                f"SELECT m.id FROM member_search s JOIN members m ON m.id = s.member_id{where} "
                "ORDER BY s.sort_key, s.member_id"
            )
        return self.store.column(sql, params)

    def found(
        self, search: str | None, limit: int, **filters: Any
    ) -> builtins.list[dict[str, Any]]:
        """The first ``limit`` members a search finds, as rows in roster order (the pickers)."""
        ids = self.ids(search, **filters)[:limit]
        rows = self.rows_by_id(ids)
        return [rows[i] for i in ids if i in rows]

    def rows_by_id(self, ids: builtins.list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        rows = self.store.read(
            f"SELECT {LIST_COLUMNS} FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE m.id IN ({marks})",
            ids,
        )
        return {r["id"]: r for r in rows}

    def count(self, **filters: Any) -> int:
        where, params = self._where(
            filters.get("search"),
            filters.get("org_id"),
            filters.get("category"),
            filters.get("status"),
            filters.get("include_former", False),
        )
        return int(
            self.store.scalar(
                f"SELECT count(*) FROM members m JOIN member_search s ON s.member_id = m.id{where}",
                params,
            )
        )

    def existing_id_numbers(self) -> set[str]:
        sql = "SELECT id_number FROM members WHERE id_number IS NOT NULL AND status != 'voided'"
        return {r["id_number"] for r in self.store.read(sql)}
