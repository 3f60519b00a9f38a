"""Roster import, the use case: parse (infra/documents/roster_import.py, dry run with coded
issues per row), place each row in its branch and group and read its posts
(services/roster_orgs.py), check every row with the member rules, set aside the suspected
duplicates of rows without an ID number (services/roster_duplicates.py), then write all rows
or none in one transaction, together with any organisations and posts the file brings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ztclient.domain.messages import FIELD_LABELS, error_params
from ztclient.services import report_models as rm
from ztclient.services.changes import Changes
from ztclient.services.roster_duplicates import suspected_duplicates
from ztclient.services.roster_orgs import Placement


def import_roster(
    reports: Any,
    path: Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    create_orgs: bool = False,
    import_suspected: bool = False,
) -> tuple[rm.ImportReport, list[str], Changes]:
    """Check every row (dry run), then write all rows or none. ``skip_invalid`` writes the
    valid rows only; ``create_orgs`` creates the branches and groups the file names (in the
    same transaction). Branch, group and 党内职务 are placed by services/roster_orgs.py. A
    suspected duplicate (``report.suspected``) is a warning and is left out unless
    ``import_suspected``. Returns (report, new member ids, changes)."""
    report = reports.documents.parse_roster(
        Path(path), reports.members.existing_id_numbers(), reports.clock.today()
    )
    placement = Placement(
        reports.store,
        reports.store.get_meta("root_org_id"),
        create_orgs,
        day=reports.clock.today().isoformat(),
    )
    issues = list(report.issues)
    # A rule's field named as the clerk headed its column, like the reader's own issues.
    headers = {target: header for header, target in report.columns.items()}
    rows = []
    bad = {i.row for i in report.errors}
    for row in report.rows:
        fields = dict(row.fields)
        placed = placement.place(row, fields)
        issues += placed
        if any(i.severity == "error" for i in placed):
            bad.add(row.row)
        if row.row not in bad:
            for err in reports.members.validate(fields):
                if err.code == "E_NOT_FOUND" and placement.is_planned(fields.get(err.field or "")):
                    continue  # an organisation this import creates
                column = headers.get(err.field or "") or _label(err.field)
                issues.append(rm.ImportIssue(row.row, column, err.code, error_params(err)))
                bad.add(row.row)
        if row.row not in bad:  # accepted, but the clerk should know (a probation over)
            for w in reports.members.notices(fields):
                column = headers.get(w.field or "") or _label(w.field)
                issues.append(rm.ImportIssue(row.row, column, w.code, error_params(w), "warning"))
        rows.append((row.row, fields))
    month = {(i.row, report.columns.get(i.column)) for i in issues if i.code == _DAY_ASSUMED}
    suspects = suspected_duplicates(
        reports.store,
        [(r, f, {t for n, t in month if n == r}) for r, f in rows if r not in bad],
        headers.get("name", "姓名"),
        placement.name_of,
    )
    issues += suspects
    left_out = bad if import_suspected else bad | {i.row for i in suspects}
    issues += placement.settle(left_out)  # 书记 to the first row written; orgs rows join
    to_write = [(r, f) for r, f in rows if r not in left_out]
    final = rm.ImportReport(
        report.sheet,
        report.header_row,
        report.columns,
        report.rows,
        tuple(issues),
        tuple(placement.to_create()),
        sum(len(h) for r, h in placement.posts.items() if r not in left_out),
    )
    if dry_run or not final.rows or (bad and not skip_invalid) or not to_write:
        return final, [], Changes()
    day = reports.clock.today().isoformat()
    with reports.store.transaction() as tx:
        if reports.orgs is not None:
            placement.create(tx, reports.orgs)
        ids = {r: reports.members.add_in(tx, f, action="member.import") for r, f in to_write}
        if reports.orgs is not None:
            placement.assign(tx, reports.orgs, ids, day)
    return final, list(ids.values()), Changes(members=True, orgs=bool(placement.planned))


_DAY_ASSUMED = "W_DATE_DAY_ASSUMED"  # a date given to the month only: compared to the month


def _label(field: str | None) -> str:
    """A record field a rule names but the sheet has no column for, in words (出生日期)."""
    if not field:
        return ""
    return FIELD_LABELS[field][0] if field in FIELD_LABELS else field
