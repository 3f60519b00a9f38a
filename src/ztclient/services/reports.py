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

from ztclient.domain import codes, compliance, statistics
from ztclient.domain.errors import DomainError
from ztclient.domain.model import MeetingKind
from ztclient.services import report_models as rm
from ztclient.services import reports_meetings
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


DIMENSION_LABELS = {
    "summary": "总体情况",
    "gender": "性别",
    "ethnicity": "民族",
    "age": "年龄",
    "education": "学历",
    "job": "职业（公报口径）",
    "job_group": "工作岗位分类",
    "join_period": "入党时间",
    "standing": "党龄",
}


def _d(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.documents = documents
        self.members = members
        self.meetings = meetings
        self.study = study

    # -- provenance --------------------------------------------------------------------------
    def provenance(self) -> rm.ReportProvenance:
        """Draft unless the central server has confirmed every change (verified receipts)."""
        pending = int(self.store.scalar("SELECT count(*) FROM outbox WHERE sync_state != 'synced'"))
        confirmed = self.store.scalar("SELECT max(seq) FROM outbox WHERE sync_state = 'synced'")
        return rm.ReportProvenance(
            unit_name=self.store.get_meta("unit_name") or "",
            unit_code=self.store.get_meta("unit_code") or "",
            made_at=datetime.now().replace(microsecond=0),
            made_by=self.journal.actor,
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

    def print_recovery_sheet(self, code: str, out: Path) -> rm.RenderReport:
        doc = rm.RecoverySheetDoc(
            unit_name=self.store.get_meta("unit_name") or "",
            unit_code=self.store.get_meta("unit_code") or "",
            made_at=datetime.now().replace(microsecond=0),
            code=code,
        )
        return self.documents.render_recovery(doc, Path(out))

    # -- XLSX --------------------------------------------------------------------------------
    def roster_doc(self, full_ids: bool = False, as_of: date | None = None) -> rm.RosterDoc:
        t = codes.table
        groups = {r["id"]: r["name"] for r in self.store.read("SELECT id, name FROM orgs")}
        posts: dict[str, list[str]] = defaultdict(list)
        today = (as_of or self.clock.today()).isoformat()
        for p in self.store.read(
            "SELECT member_id, post FROM org_posts WHERE start_date <= ? AND "
            "(end_date IS NULL OR end_date >= ?)",
            (today, today),
        ):
            posts[p["member_id"]].append(t("party_post").label(p["post"]))
        rows = []
        for m in self.store.read(
            "SELECT m.* FROM members m JOIN member_search s ON s.member_id = m.id "
            "WHERE m.status IN ('normal','mobile','lost_contact') AND m.category IN ('probationary','full') "
            "ORDER BY m.org_id, s.sort_key"
        ):

            def lab(table: str, code: str | None) -> str:
                return t(table).label(code) if code and code in t(table) else (code or "")

            rows.append(
                rm.RosterRow(
                    name=m["name"],
                    gender=lab("gender", m["gender"]),
                    ethnicity=lab("ethnicity", m["ethnicity"]),
                    birth_date=_d(m["birth_date"]),
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
                    join_date=_d(m["join_date"]),
                    full_member_date=_d(m["full_member_date"]),
                    work_start_date=_d(m["work_start_date"]),
                    org_name=groups.get(m["org_id"], ""),
                    group_name=groups.get(m["group_id"], ""),
                    party_post="、".join(posts.get(m["id"], [])),
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

    def export_meetings(self, out: Path, year: int) -> int:
        t = codes.table("meeting_kind")
        branches = self.store.read(
            "SELECT id, name FROM orgs WHERE kind = 'branch' AND dissolved_on IS NULL ORDER BY code, name"
        )
        branch_of = {b["id"]: b["name"] for b in branches}
        for g in self.store.read("SELECT id, parent_id FROM orgs WHERE kind = 'group'"):
            if g["parent_id"] in branch_of:
                branch_of[g["id"]] = branch_of[g["parent_id"]]
        rows = self.store.read(
            "SELECT mt.*, c.name AS chair, r.name AS recorder, "
            "(SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.status != 'excluded') AS due, "
            "(SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.status = 'present') AS present "
            "FROM meetings mt LEFT JOIN members c ON c.id = mt.chair_id LEFT JOIN members r ON r.id = mt.recorder_id "
            "WHERE mt.voided = 0 AND mt.starts_at BETWEEN ? AND ? ORDER BY mt.starts_at",
            (f"{year}-01-01", f"{year}-12-31T99"),
        )
        meetings = tuple(
            rm.LedgerMeeting(
                org_name=branch_of[r["org_id"]],
                kind=r["kind"],
                kind_label=t.label(r["kind"]),
                held_on=_d(r["starts_at"]),
                title=r["title"],
                seq_no=r["seq_no"],
                due=r["due"],
                present=r["present"],
                chair=r["chair"] or "",
                recorder=r["recorder"] or "",
            )
            for r in rows
            if r["org_id"] in branch_of
        )
        per = {
            compliance.MONTHLY: "month",
            compliance.QUARTERLY: "quarter",
            compliance.YEARLY: "year",
        }
        reqs = tuple(
            rm.LedgerRequirement(kind=k, kind_label=t.label(k), per=per[f])
            for k, f in compliance.DEFAULT_RULES.items()
        )
        doc = rm.MeetingLedgerDoc(
            provenance=self.provenance(),
            year=year,
            branches=tuple(b["name"] for b in branches),
            meetings=meetings,
            requirements=reqs,
            as_of=self.clock.today(),
        )
        self.documents.write_meeting_ledger(doc, Path(out))
        return len(meetings)

    def export_study(self, out: Path, year: int) -> int:
        forms = codes.table("study_form")
        summary = self.study.summary(year)
        by_form: dict[str, dict[str, float]] = defaultdict(dict)
        for r in self.store.read(
            "SELECT member_id, form, sum(hours) AS h FROM study_logs WHERE voided = 0 AND "
            "date BETWEEN ? AND ? GROUP BY member_id, form",
            (f"{year}-01-01", f"{year}-12-31"),
        ):
            label = forms.label(r["form"]) if r["form"] in forms else r["form"]
            by_form[r["member_id"]][label] = round(float(r["h"]), 2)
        form_labels = tuple(e.label() for e in forms.entries)
        rows = tuple(
            rm.StudyRow(
                org_name=s["org_name"] or "",
                name=s["name"],
                role="班子成员" if s["target"] > 32 else "党员",
                target=s["target"],
                hours_by_form=tuple((f, by_form[s["member_id"]].get(f, 0.0)) for f in form_labels),
            )
            for s in summary
        )
        self.documents.write_study_hours(
            rm.StudyHoursDoc(provenance=self.provenance(), year=year, forms=form_labels, rows=rows),
            Path(out),
        )
        return len(rows)

    def export_composition(self, out: Path, as_of: date) -> int:
        members = self.store.read(
            "SELECT * FROM members WHERE category IN ('probationary', 'full') AND "
            "(join_date IS NULL OR join_date <= ?)",
            (as_of.isoformat(),),
        )
        # Who was a member on the day: not yet gone then (status_since after as_of means the
        # member left later and still counts).
        counted = [
            m
            for m in members
            if m["status"] in ("normal", "mobile", "lost_contact")
            or (m["status_since"] and m["status_since"] > as_of.isoformat())
        ]
        for m in counted:
            m["status"] = (
                m["status"] if m["status"] in ("normal", "mobile", "lost_contact") else "normal"
            )
        dims = statistics.composition(counted, as_of)
        gender = codes.table("gender")
        eth = codes.table("ethnicity")
        extra = {
            "gender": sorted(
                ((gender.label(g), n) for g, n in _count(counted, "gender").items()),
                key=lambda x: -x[1],
            ),
            "ethnicity": sorted(
                (
                    (eth.label(e) if e in eth else "未填写", n)
                    for e, n in _count(counted, "ethnicity").items()
                ),
                key=lambda x: -x[1],
            ),
        }
        ordered = [
            ("summary", dims["summary"]),
            ("gender", extra["gender"]),
            ("ethnicity", extra["ethnicity"]),
        ]
        ordered += [(k, v) for k, v in dims.items() if k != "summary"]
        doc = rm.CompositionDoc(
            provenance=self.provenance(),
            as_of=as_of,
            scope=self.store.get_meta("unit_name") or "",
            total=len(counted),
            dimensions=tuple((DIMENSION_LABELS.get(k, k), tuple(v)) for k, v in ordered),
            notes=("统计口径：按正式组织关系统计，含预备党员；年龄、党龄按统计截止日计算。",),
        )
        self.documents.write_composition(doc, Path(out))
        return len(counted)

    # -- import ------------------------------------------------------------------------------
    def import_roster(
        self, path: Path, *, dry_run: bool = False, skip_invalid: bool = False
    ) -> tuple[rm.ImportReport, list[str], Changes]:
        """Check every row (dry run), then write all rows or none. ``skip_invalid`` writes the
        valid rows only. Returns (report, new member ids, changes)."""
        report = self.documents.parse_roster(
            Path(path), self.members.existing_id_numbers(), self.clock.today()
        )
        orgs = {r["name"]: r for r in self.store.read("SELECT id, name, kind, parent_id FROM orgs")}
        root = self.store.get_meta("root_org_id")
        issues = list(report.issues)
        rows = []
        bad = {i.row for i in report.errors}
        for row in report.rows:
            fields = dict(row.fields)
            org_name = (row.extra.get("org_name") or "").strip()
            if org_name:
                org = orgs.get(org_name)
                if org is None:
                    issues.append(
                        rm.ImportIssue(
                            row.row, "所在党支部", "E_IMPORT_ORG_UNKNOWN", {"value": org_name}
                        )
                    )
                    bad.add(row.row)
                    continue
                fields["org_id"] = org["id"]
            else:
                fields.setdefault("org_id", root)
            group = (row.extra.get("group_name") or "").strip()
            if group and group in orgs:
                fields["group_id"] = orgs[group]["id"]
            if row.row not in bad:
                for err in self.members.validate(fields):
                    issues.append(
                        rm.ImportIssue(row.row, err.field or "", err.code, dict(err.params))
                    )
                    bad.add(row.row)
            rows.append((row.row, fields))
        final = rm.ImportReport(
            report.sheet, report.header_row, report.columns, report.rows, tuple(issues)
        )
        to_write = [f for r, f in rows if r not in bad]
        if dry_run or not final.rows or (bad and not skip_invalid) or not to_write:
            return final, [], Changes()
        ids, changes = self.members.add_many(to_write, action="member.import")
        return final, ids, changes


def _count(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        out[r.get(key) or ""] += 1
    return out


__all__ = ["Documents", "DomainError", "MeetingKind", "ReportService"]
