"""报表与打印: fill the document inputs (services/report_models.py) from the records and hand
them to the documents port; import rosters all or nothing.

Full ID numbers in an export or on a card are an explicit choice and an audit entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from ztclient.domain import codes
from ztclient.domain.errors import DomainError
from ztclient.domain.model import MeetingKind
from ztclient.services import meeting_people, operator, reports_meetings, reports_statistics
from ztclient.services import report_models as rm
from ztclient.services.changes import Changes
from ztclient.services.journal import Journal
from ztclient.services.meetings import MeetingService
from ztclient.services.members import MemberService
from ztclient.services.ports import Clock, Store
from ztclient.services.study import StudyService

Progress = Callable[[int, int], None] | None


class Documents(Protocol):
    """The documents port (infra/documents provides it)."""

    def render_minutes(
        self, doc: rm.MinutesDoc, out: Path, progress: Progress = None
    ) -> rm.RenderReport: ...
    def render_signin(self, doc: rm.SigninDoc, out: Path) -> rm.RenderReport: ...
    def render_card(self, doc: rm.MemberCardDoc, out: Path) -> rm.RenderReport: ...
    def render_recovery(self, doc: rm.RecoverySheetDoc, out: Path) -> rm.RenderReport: ...
    def write_roster(self, doc: rm.RosterDoc, out: Path) -> None: ...
    def write_meeting_ledger(self, doc: rm.MeetingLedgerDoc, out: Path) -> None: ...
    def write_study_hours(self, doc: rm.StudyHoursDoc, out: Path) -> None: ...
    def write_composition(self, doc: rm.CompositionDoc, out: Path) -> None: ...
    def parse_roster(
        self, path: Path, existing_id_numbers: set[str], today: date
    ) -> rm.ImportReport: ...


def _d(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _d_by(value: str | None, day: date) -> date | None:
    """A date as of ``day``: one after it had not happened yet, so a report as of the day
    leaves it blank (a roster as of March does not show a 转正日期 of September)."""
    d = _d(value)
    return d if d is not None and d <= day else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class ReportService:
    def __init__(
        self,
        store: Store,
        journal: Journal,
        clock: Clock,
        documents: Documents,
        members: MemberService,
        meetings: MeetingService,
        study: StudyService,
        orgs: Any = None,
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.documents = documents
        self.members = members
        self.meetings = meetings
        self.study = study
        self.orgs = orgs  # OrgService: the roster import creates organisations and posts

    # -- provenance --------------------------------------------------------------------------
    def provenance(self) -> rm.ReportProvenance:
        """Draft unless the central server has confirmed every change (verified receipts)."""
        pending = int(self.store.scalar("SELECT count(*) FROM outbox WHERE sync_state != 'synced'"))
        confirmed = self.store.scalar("SELECT max(seq) FROM outbox WHERE sync_state = 'synced'")
        return rm.ReportProvenance(
            unit_name=self.store.get_meta("unit_name") or "",
            unit_code=self.store.get_meta("unit_code") or "",
            made_at=datetime.now().replace(microsecond=0),
            made_by=operator.name_of(self.store),  # blank until a 经办人 is set
            source="confirmed" if pending == 0 and confirmed else "draft",
            last_confirmed_seq=int(confirmed) if confirmed else None,
        )

    def _audit(self, action: str, obj: str, details: dict[str, Any]) -> None:
        with self.store.transaction() as tx:
            self.journal.audit(tx, action, obj, details)

    # -- PDFs --------------------------------------------------------------------------------
    def minutes_doc(self, meeting_id: str) -> rm.MinutesDoc:
        return reports_meetings.minutes_doc(self.store, self.meetings, meeting_id)

    def print_minutes(
        self, meeting_id: str, out: Path, progress: Progress = None
    ) -> rm.RenderReport:
        """The minutes PDF; ``progress(done, total)`` is called often and may raise
        DomainError("E_CANCELLED") to stop (no file is left then)."""
        return self.documents.render_minutes(self.minutes_doc(meeting_id), Path(out), progress)

    def signin_doc(self, meeting_id: str) -> rm.SigninDoc:
        return reports_meetings.signin_doc(self.store, self.meetings, meeting_id)

    def print_signin(self, meeting_id: str, out: Path) -> rm.RenderReport:
        return self.documents.render_signin(self.signin_doc(meeting_id), Path(out))

    def print_card(self, member_id: str, out: Path, full_ids: bool = False) -> rm.RenderReport:
        m = self.members.get(member_id)
        ident = m["id_number"] or ""
        if full_ids and ident:
            self._audit("member.card.full_id", f"member:{member_id}", {"file": Path(out).name})
        elif ident:
            from ztclient.domain import idnumber

            ident = idnumber.mask(ident)
        t = codes.table
        history = tuple(
            (d, t("event_kind").label(e["kind"]))
            for e in self.members.history(member_id)
            if not e["voided"] and (d := _d(e["date"]))
        )
        doc = rm.MemberCardDoc(
            unit_name=self.store.get_meta("unit_name") or "",
            org_name=m["org_name"],
            name=m["name"],
            gender=t("gender").label(m["gender"]) if m["gender"] else "",
            ethnicity=t("ethnicity").label(m["ethnicity"]) if m["ethnicity"] else "",
            birth_date=_d(m["birth_date"]),
            native_place=m["native_place"] or "",
            id_number=ident,
            education=t("education").label(m["education"]) if m["education"] else "",
            degree=m["degree"] or "",
            job=t("job").label(m["job"]) if m["job"] else "",
            work_unit=m["work_unit"] or "",
            title=m["title"] or "",
            phone=m["phone"] or "",
            address=m["address"] or "",
            category=t("category").label(m["category"]),
            join_date=_d(m["join_date"]),
            full_member_date=_d(m["full_member_date"]),
            work_start_date=_d(m["work_start_date"]),
            party_posts=tuple(
                f"{p['org_name']}{t('party_post').label(p['post'])}"
                for p in m["posts"]
                if not p["end_date"]
            ),
            history=history,
            made_at=self.clock.today(),
        )
        return self.documents.render_card(doc, Path(out))

    def print_recovery_sheet(self, code: str, out: Path, number: str = "") -> rm.RenderReport:
        """The sheet of a recovery code; ``number`` is its 恢复码编号 (the key file's)."""
        doc = rm.RecoverySheetDoc(
            unit_name=self.store.get_meta("unit_name") or "",
            unit_code=self.store.get_meta("unit_code") or "",
            made_at=datetime.now().replace(microsecond=0),
            code=code,
            made_by=operator.name_of(self.store),
            number=number,
        )
        return self.documents.render_recovery(doc, Path(out))

    # -- XLSX --------------------------------------------------------------------------------
    def roster_doc(self, full_ids: bool = False, as_of: date | None = None) -> rm.RosterDoc:
        t = codes.table
        groups = {r["id"]: r["name"] for r in self.store.read("SELECT id, name FROM orgs")}
        posts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        today = (as_of or self.clock.today()).isoformat()
        for p in self.store.read(
            "SELECT member_id, post, org_id FROM org_posts WHERE voided = 0 AND start_date <= ? AND "
            "(end_date IS NULL OR end_date >= ?) ORDER BY start_date, post",
            (today, today),
        ):
            posts[p["member_id"]].append((t("party_post").label(p["post"]), p["org_id"]))

        def post_text(m: dict[str, Any]) -> str:
            """书记、组织委员; a post in another organisation names it in brackets, so the
            roster import gives it back to the same organisation (services/roster_orgs.py)."""
            own = (m["org_id"], m["group_id"])
            return "、".join(
                label if org_id in own else f"{label}（{groups.get(org_id, '')}）"
                for label, org_id in posts.get(m["id"], [])
            )

        rows = []
        # The members on the roll on the day, each with the category, status, branch and
        # group of that day (domain/member_state.py), in branch and pinyin order.
        day = as_of or self.clock.today()
        roll = reports_statistics.on_roll(self.store, day)
        keys = meeting_people.sort_keys(self.store.read, [m["id"] for m, _ in roll])
        roll.sort(key=lambda x: (x[1].org_id or "", keys.get(x[0]["id"], "")))
        for m, state in roll:
            m = {**m, "category": state.category, "status": state.status,
                 "org_id": state.org_id, "group_id": state.group_id}  # fmt: skip

            def lab(table: str, code: str | None) -> str:
                return t(table).label(code) if code and code in t(table) else (code or "")

            rows.append(
                rm.RosterRow(
                    name=m["name"],
                    gender=lab("gender", m["gender"]),
                    ethnicity=lab("ethnicity", m["ethnicity"]),
                    birth_date=_d_by(m["birth_date"], day),
                    id_number=m["id_number"] or "",
                    native_place=m["native_place"] or "",
                    education=lab("education", m["education"]),
                    degree=m["degree"] or "",
                    job=lab("job", m["job"]),
                    work_unit=m["work_unit"] or "",
                    title=m["title"] or "",
                    phone=m["phone"] or "",
                    address=m["address"] or "",
                    category=lab("category", m["category"]),
                    status=lab("status", m["status"]),
                    join_date=_d_by(m["join_date"], day),
                    full_member_date=_d_by(m["full_member_date"], day),
                    work_start_date=_d_by(m["work_start_date"], day),
                    org_name=groups.get(m["org_id"], ""),
                    group_name=groups.get(m["group_id"], ""),
                    party_post=post_text(m),
                    note=m["note"] or "",
                )
            )
        return rm.RosterDoc(
            provenance=self.provenance(),
            rows=tuple(rows),
            as_of=as_of or self.clock.today(),
            full_id_numbers=full_ids,
        )

    def export_roster(self, out: Path, full_ids: bool = False, as_of: date | None = None) -> int:
        doc = self.roster_doc(full_ids, as_of)
        if full_ids:
            self._audit("export.roster.full_ids", f"file:{Path(out).name}", {"rows": len(doc.rows)})
        self.documents.write_roster(doc, Path(out))
        return len(doc.rows)

    def _as_of(self, year: int | None, as_of: date | None) -> tuple[int, date]:
        """(year, as-of day): 31 December of the year unless given (today while it runs)."""
        if as_of is not None:
            return (year or as_of.year), as_of
        year = year or self.clock.today().year
        return year, reports_statistics.default_as_of(year, self.clock.today())

    def export_meetings(self, out: Path, year: int, as_of: date | None = None) -> int:
        """三会一课台账 of ``year`` as of a day (default 31 December, or today)."""
        year, day = self._as_of(year, as_of)
        doc = reports_statistics.ledger_doc(self.store, self.provenance(), year, day)
        self.documents.write_meeting_ledger(doc, Path(out))
        return len(doc.meetings)

    def export_study(self, out: Path, year: int, as_of: date | None = None) -> int:
        """学习学时统计 of ``year`` as of a day: the members on the roll that day."""
        year, day = self._as_of(year, as_of)
        doc = reports_statistics.study_doc(self.store, self.study, self.provenance(), year, day)
        self.documents.write_study_hours(doc, Path(out))
        return len(doc.rows)

    def composition_doc(self, as_of: date) -> rm.CompositionDoc:
        return reports_statistics.composition_doc(self.store, self.provenance(), as_of)

    def export_composition(self, out: Path, as_of: date) -> int:
        """党员队伍构成统计 as of a day, category and status as the dated records give them."""
        doc = self.composition_doc(as_of)
        self.documents.write_composition(doc, Path(out))
        return doc.total

    # -- import ------------------------------------------------------------------------------
    def import_roster(
        self,
        path: Path,
        *,
        dry_run: bool = False,
        skip_invalid: bool = False,
        create_orgs: bool = False,
        import_suspected: bool = False,
    ) -> tuple[rm.ImportReport, list[str], Changes]:
        """Check every row (dry run), then write all rows or none (services/roster_import.py);
        suspected duplicates of rows without an ID number only with ``import_suspected``.
        Returns (report, new member ids, changes)."""
        from ztclient.services.roster_import import import_roster

        return import_roster(
            self,
            Path(path),
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            create_orgs=create_orgs,
            import_suspected=import_suspected,
        )


__all__ = ["Documents", "DomainError", "MeetingKind", "ReportService"]
