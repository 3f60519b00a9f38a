"""An unlocked unit: the services over one open store. Closing it is locking."""

from __future__ import annotations

from ztclient.services.audit_check import verify_journal
from ztclient.services.development import DevelopmentService
from ztclient.services.dues import DuesService
from ztclient.services.journal import Journal
from ztclient.services.meetings import MeetingService
from ztclient.services.member_events import EventService
from ztclient.services.members import MemberService
from ztclient.services.orgs import OrgService
from ztclient.services.ports import Clock, Store
from ztclient.services.resolution_events import ResolutionEvents
from ztclient.services.study import StudyService
from ztclient.services.transfers import TransferService
from ztprotocol.roll import CURRENT_SQL


class Session:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        actor: str = "clerk",
        documents=None,
        sync_engine=None,
        sync_policy=None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.journal = Journal(clock, store.chain_keys, actor)
        self.journal.ensure_keyed(store)  # the chain's first keyed entry, or one after a rekey
        self.orgs = OrgService(store, self.journal, clock)
        self.meetings = MeetingService(store, self.journal, clock)
        self.events = EventService(store, self.journal, clock, self.meetings)
        self.members = MemberService(store, self.journal, clock, self.events)
        self.development = DevelopmentService(store, self.journal, clock, self.events)
        self.meetings.resolution_events = ResolutionEvents(self.events)
        self.transfers = TransferService(store, self.journal, clock, self.members, self.events)
        self.study = StudyService(store, self.journal, clock)
        self._org_life()
        self.reports = None
        if documents is not None:  # the documents adapter comes from the composition root
            from ztclient.services.reports import ReportService

            self.reports = ReportService(
                store,
                self.journal,
                clock,
                documents,
                self.members,
                self.meetings,
                self.study,
                orgs=self.orgs,
            )
        self.development_docs = None
        if documents is not None:
            from ztclient.services.development_docs import DevelopmentDocs

            self.development_docs = DevelopmentDocs(
                store, self.journal, clock, documents, self.development
            )
        self.dues = DuesService(
            store,
            self.journal,
            clock,
            documents,
            self.reports.provenance if self.reports is not None else None,
        )
        self.sync = None
        if sync_engine is not None:  # the sync adapter comes from the composition root
            from ztclient.services.sync import SyncService

            self.sync = SyncService(
                store,
                clock,
                sync_engine,
                members=self.members,
                transfers=self.transfers,
                audit=self.journal.audit,
                record=self.journal.record,
                operator=lambda: self.journal.actor,
                policy=sync_policy,
            )
        self.closed = False

    def _org_life(self) -> None:
        """组织 and its life: restructuring, elections, 谈心谈话, 民主评议, 整改, and replies to the
        centre's notices (issue 13)."""
        from ztclient.services.appraisals import AppraisalService
        from ztclient.services.elections import ElectionService
        from ztclient.services.notices import NoticeService
        from ztclient.services.org_restructure import OrgRestructure
        from ztclient.services.rectifications import RectificationService
        from ztclient.services.talks import TalkService

        self.restructure = OrgRestructure(self.orgs, self.members)
        self.elections = ElectionService(self.orgs)
        self.talks = TalkService(self.orgs)
        self.appraisals = AppraisalService(self.orgs)
        self.rectifications = RectificationService(self.orgs)
        self.notices = NoticeService(self.store, self.journal, self.clock)

    @property
    def unit_name(self) -> str:
        return self.store.get_meta("unit_name") or ""

    @property
    def unit_code(self) -> str:
        return self.store.get_meta("unit_code") or ""

    @property
    def device_id(self) -> str:
        return self.store.get_meta("device_id") or ""

    @property
    def root_org_id(self) -> str | None:
        return self.store.get_meta("root_org_id")

    def verify(self) -> list[str]:
        """Integrity (SQLite and SQLCipher), the keyed audit chain, the outbox sequence, every
        op's audit entry, the centre's anchored head and the study totals."""
        problems = list(self.store.integrity_problems())
        if not problems:
            problems += verify_journal(self.store)
            problems += self._verify_study_totals()
            problems += self.dues.problems()
        return problems

    def _verify_study_totals(self) -> list[str]:
        drift = self.store.read(
            "SELECT l.member_id, l.year, l.hours, coalesce(t.hours, 0) AS kept FROM "
            "(SELECT member_id, CAST(substr(date, 1, 4) AS INTEGER) AS year, form, "
            " sum(hours) AS hours FROM study_logs WHERE voided = 0 GROUP BY 1, 2, 3) l "
            "LEFT JOIN study_totals t ON t.member_id = l.member_id AND t.year = l.year "
            "AND t.form = l.form "
            "WHERE abs(l.hours - coalesce(t.hours, 0)) > 0.001 LIMIT 5"
        )
        return [
            f"study_totals: {d['member_id']} {d['year']} kept {d['kept']} but logs sum {d['hours']}"
            for d in drift
        ]

    def counts(self) -> dict[str, int]:
        q = self.store.scalar
        return {
            "orgs": int(q("SELECT count(*) FROM orgs")),
            "members": int(q(f"SELECT count(*) FROM members WHERE status IN {CURRENT_SQL}")),
            "members_all": int(q("SELECT count(*) FROM members")),
            "meetings": int(q("SELECT count(*) FROM meetings WHERE voided = 0")),
            "study_logs": int(q("SELECT count(*) FROM study_logs WHERE voided = 0")),
            "outbox_pending": int(q("SELECT count(*) FROM outbox WHERE sync_state != 'synced'")),
        }

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.store.close()
