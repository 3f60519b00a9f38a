"""The documents port of services/reports.py, implemented by the renderers in this package.

Renderers are imported on first use: reportlab and xlsxwriter cost start-up time that a clerk
who only opens the roster should not pay.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ztclient.services import development_models as dm
from ztclient.services import report_models as rm
from ztclient.services.dues_docs import DuesLedgerDoc, DuesReceiptDoc


class DocumentsAdapter:
    def render_minutes(self, doc: rm.MinutesDoc, out: Path, progress=None) -> rm.RenderReport:
        from ztclient.infra.documents.minutes_pdf import render_minutes

        return render_minutes(doc, out, progress=progress)

    def render_signin(self, doc: rm.SigninDoc, out: Path) -> rm.RenderReport:
        from ztclient.infra.documents.signin_pdf import render_signin

        return render_signin(doc, out)

    def render_card(self, doc: rm.MemberCardDoc, out: Path) -> rm.RenderReport:
        from ztclient.infra.documents.card_pdf import render_card

        return render_card(doc, out)

    def render_recovery(self, doc: rm.RecoverySheetDoc, out: Path) -> rm.RenderReport:
        from ztclient.infra.documents.recovery_pdf import render_recovery

        return render_recovery(doc, out)

    def render_development_record(self, doc: dm.DevelopmentRecordDoc, out: Path) -> rm.RenderReport:
        from ztclient.infra.documents.development_pdf import render_development_record

        return render_development_record(doc, out)

    def render_transfer_letter(self, doc: dm.TransferLetterDoc, out: Path) -> rm.RenderReport:
        from ztclient.infra.documents.transfer_letter_pdf import render_transfer_letter

        return render_transfer_letter(doc, out)

    def write_roster(self, doc: rm.RosterDoc, out: Path) -> None:
        from ztclient.infra.documents.roster_xlsx import write_roster

        write_roster(doc, out)

    def write_meeting_ledger(self, doc: rm.MeetingLedgerDoc, out: Path) -> None:
        from ztclient.infra.documents.ledger_xlsx import write_meeting_ledger

        write_meeting_ledger(doc, out)

    def write_study_hours(self, doc: rm.StudyHoursDoc, out: Path) -> None:
        from ztclient.infra.documents.study_xlsx import write_study_hours

        write_study_hours(doc, out)

    def write_composition(self, doc: rm.CompositionDoc, out: Path) -> None:
        from ztclient.infra.documents.composition_xlsx import write_composition

        write_composition(doc, out)

    def write_dues_ledger(self, doc: DuesLedgerDoc, out: Path) -> None:
        from ztclient.infra.documents.dues_ledger_xlsx import write_dues_ledger

        write_dues_ledger(doc, out)

    def render_dues_receipt(self, doc: DuesReceiptDoc, out: Path) -> rm.RenderReport:
        from ztclient.infra.documents.dues_receipt_pdf import render_dues_receipt

        return render_dues_receipt(doc, out)

    def parse_roster(
        self, path: Path, existing_id_numbers: set[str], today: date
    ) -> rm.ImportReport:
        from ztclient.infra.documents.roster_import import parse_roster

        return parse_roster(path, existing_id_numbers, today)
