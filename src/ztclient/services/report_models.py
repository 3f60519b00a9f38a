"""The input of every printed or exported document, and what rendering and import report back.

Plain frozen dataclasses: a service fills them from the store (labels already resolved from the
code tables, dates as ``date``/``datetime``), and ``infra.documents`` turns them into PDF and
XLSX without touching the store. The roster import goes the other way and hands back member
field dicts keyed by the column names of the ``members`` table (migration 001).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Source = Literal["confirmed", "draft"]


@dataclass(frozen=True)
class ReportProvenance:
    """Who made a report, when, and from which data (制表单位 / 制表时间 / 数据来源).

    ``source`` is "confirmed" when every change the report reads has been confirmed by the
    central server (receipt verified), else "draft": the report is then marked 草稿.
    """

    unit_name: str
    unit_code: str
    made_at: datetime
    made_by: str
    source: Source = "draft"
    last_confirmed_seq: int | None = None

    @property
    def is_draft(self) -> bool:
        return self.source != "confirmed"


@dataclass(frozen=True)
class MissingGlyph:
    """A character that no available font can print, and the record it belongs to."""

    char: str
    name: str  # Unicode name, e.g. "CJK UNIFIED IDEOGRAPH-2003E"
    where: str  # e.g. "缺席人员: 张𠀾"


@dataclass(frozen=True)
class RenderReport:
    """What a PDF renderer tells its caller: the characters it could not print."""

    path: str
    pages: int
    missing_glyphs: tuple[MissingGlyph, ...] = ()


# --- PDFs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """决议 / 表决情况 of one item: the vote, and who carries it out by when."""

    title: str
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    written_opinions: int = 0  # 书面意见 from absent voting members
    voters_due: int | None = None  # 应到会有表决权人数
    voters_present: int | None = None  # 实到会有表决权人数
    passed: bool | None = None  # None: no vote was taken
    owner: str = ""  # 责任人
    deadline: date | None = None  # 完成时限
    verdict: str = ""  # 通过 / 未通过 / 未表决, worded by domain.quorum (one wording everywhere)
    lines: tuple[str, ...] = ()  # this resolution's votes and verdict in sentences


@dataclass(frozen=True)
class MinutesDoc:
    """会议记录 in the layout of domain facts §4."""

    unit_name: str
    org_name: str
    kind_label: str  # 支部党员大会, 支部委员会会议, 党小组会, 党课 ...
    title: str
    starts_at: datetime
    seq_no: int | None = None  # 第X次
    ends_at: datetime | None = None
    place: str = ""
    chair_name: str = ""
    chair_post: str = ""
    recorder_name: str = ""
    recorder_post: str = ""
    lecturer: str = ""  # 党课授课人
    due: int = 0  # 应到人数
    present: int = 0  # 实到人数
    absent_count: int = 0  # 缺席人数
    absent: tuple[tuple[str, str], ...] = ()  # (name, reason)
    guests: tuple[tuple[str, str, str], ...] = ()  # 列席: (name, post, reason)
    agenda: tuple[str, ...] = ()  # 会议议题
    minutes: str = ""  # 会议内容: reports and speeches, paragraphs split by blank lines
    resolutions: tuple[Resolution, ...] = ()
    summary: str = ""  # 主持人小结
    quorum_lines: tuple[str, ...] = ()  # attendance and the quorum, in sentences
    closing: str = "散会"  # or 休会


@dataclass(frozen=True)
class SigninDoc:
    """签到表 printed before a meeting: one line per member due, blank lines for guests."""

    unit_name: str
    org_name: str
    title: str
    starts_at: datetime
    kind_label: str = ""
    place: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (name, 党小组 and 职务 on the day)
    guest_lines: int = 4
    due: int | None = None  # 应到人数 as the minutes state it (None: one per name)


@dataclass(frozen=True)
class MemberCardDoc:
    """党员基本信息登记卡 (表一 of the 一卡一表 kit, domain facts §1.1)."""

    unit_name: str
    org_name: str
    name: str
    gender: str = ""
    ethnicity: str = ""
    birth_date: date | None = None
    native_place: str = ""
    id_number: str = ""  # as it should print: masked unless the clerk asked for it in full
    education: str = ""
    degree: str = ""
    job: str = ""
    work_unit: str = ""
    title: str = ""  # 专业技术职务
    phone: str = ""
    address: str = ""
    category: str = ""  # 正式党员 / 预备党员
    join_date: date | None = None
    full_member_date: date | None = None
    work_start_date: date | None = None
    party_posts: tuple[str, ...] = ()
    history: tuple[tuple[date, str], ...] = ()  # (date, event text): transfers, mobility ...
    made_at: date | None = None


@dataclass(frozen=True)
class RecoverySheetDoc:
    """恢复码 sheet: the printed code that unlocks the data key when the passphrase is lost."""

    unit_name: str
    unit_code: str
    made_at: datetime
    code: str  # groups separated by "-" or spaces; printed in large monospace groups
    number: str = ""  # 恢复码编号 (recovery_code.sheet_number): which sheet is the valid one
    made_by: str = ""


# --- XLSX -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """One line of 党员花名册; codes already turned into labels (男, 汉族, 大学 ...)."""

    name: str
    gender: str = ""
    ethnicity: str = ""
    birth_date: date | None = None
    id_number: str = ""  # full number; the writer masks it unless RosterDoc.full_id_numbers
    native_place: str = ""
    education: str = ""
    degree: str = ""
    job: str = ""
    work_unit: str = ""
    title: str = ""
    phone: str = ""
    address: str = ""
    category: str = ""  # 正式党员 / 预备党员
    status: str = ""  # 正常 / 流动党员 / 失去联系 ...
    join_date: date | None = None
    full_member_date: date | None = None
    work_start_date: date | None = None
    org_name: str = ""  # 所在党支部
    group_name: str = ""  # 党小组
    party_post: str = ""
    note: str = ""


@dataclass(frozen=True)
class RosterDoc:
    provenance: ReportProvenance
    rows: tuple[RosterRow, ...]
    as_of: date
    full_id_numbers: bool = False


@dataclass(frozen=True)
class LedgerMeeting:
    """One meeting held, as the 三会一课台账 lists it."""

    org_name: str
    kind: str  # domain.model.MeetingKind value
    kind_label: str
    held_on: date
    title: str
    seq_no: int | None = None
    due: int = 0  # 应到, from the meeting's snapshot (domain.quorum)
    present: int = 0  # 实到, likewise
    chair: str = ""
    recorder: str = ""
    group_name: str = ""  # the 党小组 that held it (its own line in the ledger), else ""


@dataclass(frozen=True)
class LedgerRequirement:
    """How often a kind of meeting is due (domain facts §3): per month, quarter or year."""

    kind: str
    kind_label: str
    per: Literal["month", "quarter", "year"]
    count: int = 1


@dataclass(frozen=True)
class MeetingLedgerDoc:
    provenance: ReportProvenance
    year: int
    branches: tuple[str, ...]
    meetings: tuple[LedgerMeeting, ...]
    requirements: tuple[LedgerRequirement, ...]
    as_of: date  # periods that have not ended by this day are not reported missing
    groups: tuple[tuple[str, str], ...] = ()  # (branch, 党小组): each must meet on its own
    # (branch, 党小组 or "", day it was dissolved): no period ending after that day is due
    dissolved: tuple[tuple[str, str, date], ...] = ()
    # (branch, month) with a 书记 and no 支部委员会 (fewer than 7 正式党员): no 支委会 is due
    no_committee: tuple[tuple[str, int], ...] = ()
    # (branch, 党小组 or "", its 成立日期): no period ending before that day is due
    founded: tuple[tuple[str, str, date], ...] = ()


@dataclass(frozen=True)
class StudyRow:
    org_name: str
    name: str
    role: str  # 党员 / 支部书记 / 支委 ...
    target: float  # 32 or 56 (configurable)
    hours_by_form: tuple[tuple[str, float], ...] = ()  # (study form label, hours)
    counted: float | None = None  # hours that count towards the target (None: all forms do)


@dataclass(frozen=True)
class StudyHoursDoc:
    provenance: ReportProvenance
    year: int
    forms: tuple[str, ...]  # column order of study-form labels
    rows: tuple[StudyRow, ...]
    counted_forms: tuple[str, ...] = ()  # labels of the forms that count (empty: all)
    as_of: date | None = None  # hours up to this day (None: the whole year)


@dataclass(frozen=True)
class CompositionDoc:
    """党员队伍构成统计: counts per dimension as of 12月31日 or 6月30日 (domain facts §7)."""

    provenance: ReportProvenance
    as_of: date
    scope: str  # the organisation counted
    total: int
    dimensions: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # (dimension, ((label, n)))
    notes: tuple[str, ...] = ()
    # Dimensions whose rows are "of which" figures (女, 少数民族 …), not a division of the
    # total: no 未填写 line is made up for them.
    of_which: tuple[str, ...] = ()


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """One problem in an imported roster: Excel row number, column header, code, parameters."""

    row: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Literal["error", "warning"] = "error"


@dataclass(frozen=True)
class ImportRow:
    row: int  # the Excel row number the clerk sees
    fields: dict[str, Any]  # members column -> value (codes, ISO dates)
    raw: dict[str, Any]  # header text -> cell value as read
    # Not members columns; the service resolves them: org_name (所在党支部), group_name
    # (党小组), party_post (党内职务).
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportReport:
    """Dry run result. Nothing is written unless ``ok``: then the service writes all rows."""

    sheet: str
    header_row: int
    columns: dict[str, str]  # header text -> members column
    rows: tuple[ImportRow, ...]
    issues: tuple[ImportIssue, ...]
    # With --create-orgs (services/roster_orgs.py): the organisations the import creates (or,
    # in a dry run, would create) as {name, kind, parent}, and the committee posts it assigns.
    orgs_to_create: tuple[dict[str, str], ...] = ()
    posts: int = 0

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def suspected(self) -> tuple[int, ...]:
        """Rows that may be a person already on record or an earlier row (one of the two has
        no ID number): not imported unless the clerk asks (services/roster_duplicates.py)."""
        codes = ("W_IMPORT_SUSPECTED_DUPLICATE", "W_IMPORT_SUSPECTED_DUPLICATE_ROW")
        return tuple(sorted({i.row for i in self.issues if i.code in codes}))

    @property
    def valid_rows(self) -> tuple[dict[str, Any], ...]:
        """Member field dicts of the rows without errors."""
        bad = {i.row for i in self.errors}
        return tuple(r.fields for r in self.rows if r.row not in bad)
