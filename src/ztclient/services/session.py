"""An unlocked unit: the services over one open store. Closing it is locking."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ztclient.services import operator
from ztclient.services.audit_check import verify_journal
from ztclient.services.development import DevelopmentService
from ztclient.services.journal import Journal
from ztclient.services.meetings import MeetingService
from ztclient.services.member_events import EventService
from ztclient.services.members import MemberService
from ztclient.services.operator import OperatorService
from ztclient.services.orgs import OrgService
from ztclient.services.ports import Clock, Store
from ztclient.services.resolution_events import ResolutionEvents
from ztclient.services.study import StudyService
from ztclient.services.transfers import TransferService
from ztprotocol.roll import CURRENT_SQL

if TYPE_CHECKING:
    from ztclient.services.development_docs import DevelopmentDocs
    from ztclient.services.dues import DuesService
    from ztclient.services.reports import ReportService
    from ztclient.services.sync import SyncPolicy, SyncService


T = TypeVar("T")


class _OnFirstUse(Generic[T]):
    """A part of the session made when first asked for, once: ``functools.cached_property``
    with a lock, which Python 3.12 took out of it (the UI's database and network workers may
    both ask first). Once made it sits in the instance's dict and is read without the lock."""

    def __init__(self, make: Callable[[Any], T]) -> None:
        self.make = make
        self.name = make.__name__
        self.__doc__ = make.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _OnFirstUse[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        with obj._making:
            if self.name not in obj.__dict__:
                obj.__dict__[self.name] = self.make(obj)
            return obj.__dict__[self.name]


#: The modules of the services a session builds on first use (below): the composition root
#: imports them before a new unit's first file, and while the clerk types the passphrase.
LATER = (
    "ztclient.services.dues",
    "ztclient.services.reports",
    "ztclient.services.development_docs",
    "ztclient.services.sync",
)


class Session:
    """The services over one open store. Those most runs never touch (documents, 党费, sync:
    ~0.15 s of imports, more than a command line's whole work) are built on first use, so
    ``ztclient-cli members list`` does not pay for them."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        actor: str = operator.ROLE,
        documents=None,
        sync_engine=None,
        sync_policy: Callable[[], SyncPolicy] | None = None,  # made with the sync service
    ) -> None:
        self.store = store
        self.clock = clock
        self._documents = documents
        self._sync_engine = sync_engine
        self._sync_policy = sync_policy
        self._making = threading.RLock()  # dues is made with reports
        # The audit trail names the 经办人 set on this device (services/operator.py), else ``actor``.
        self.journal = Journal(clock, store.chain_keys, operator.name_of(store) or actor)
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
        self.operator = OperatorService(store, self.journal)
        self.closed = False

    @_OnFirstUse
    def reports(self) -> ReportService | None:
        """Printed and exported documents; None without a documents adapter."""
        if self._documents is None:  # the documents adapter comes from the composition root
            return None
        from ztclient.services.reports import ReportService

        return ReportService(
            self.store,
            self.journal,
            self.clock,
            self._documents,
            self.members,
            self.meetings,
            self.study,
            orgs=self.orgs,
        )

    @_OnFirstUse
    def development_docs(self) -> DevelopmentDocs | None:
        if self._documents is None:
            return None
        from ztclient.services.development_docs import DevelopmentDocs

        return DevelopmentDocs(
            self.store, self.journal, self.clock, self._documents, self.development
        )

    @_OnFirstUse
    def dues(self) -> DuesService:
        from ztclient.services.dues import DuesService

        reports = self.reports
        return DuesService(
            self.store,
            self.journal,
            self.clock,
            self._documents,
            reports.provenance if reports is not None else None,
        )

    @_OnFirstUse
    def sync(self) -> SyncService | None:
        """None without a sync adapter (the composition root hands one in)."""
        if self._sync_engine is None:
            return None
        from ztclient.services.sync import SyncService

        return SyncService(
            self.store,
            self.clock,
            self._sync_engine,
            members=self.members,
            transfers=self.transfers,
            audit=self.journal.audit,
            record=self.journal.record,
            operator=lambda: self.journal.actor,
            policy=self._sync_policy() if self._sync_policy is not None else None,
        )

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
