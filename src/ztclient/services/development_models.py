"""The input of the 发展党员工作纪实表 and of the 组织关系介绍信, as plain frozen dataclasses.

Like services/report_models.py: a service fills them (labels resolved, dates as ``date``),
infra/documents renders them without touching the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class RecordEntry:
    """One recorded step (or stage event) on the 纪实表's line for its step."""

    date: date
    people: str = ""  # 谈话人 / 培养联系人 / 入党介绍人 …, joined with 、
    note: str = ""  # the meeting and its vote, the conclusion, hours, document number …
    voided: bool = False
    void_reason: str = ""


@dataclass(frozen=True)
class RecordLine:
    """One of the 25 steps (plus 公示, 延长预备期 …) with what is recorded for it."""

    stage: int  # 1–5
    number: str  # "1" … "25" as the official list numbers the steps; "" for extra lines
    label: str
    entries: tuple[RecordEntry, ...] = ()


@dataclass(frozen=True)
class DevelopmentRecordDoc:
    """发展党员工作纪实表: who, the five dates, every step of the five stages."""

    unit_name: str
    org_name: str
    name: str
    gender: str = ""
    ethnicity: str = ""
    birth_date: date | None = None
    id_number: str = ""  # as it should print: masked unless asked for in full
    education: str = ""
    work_unit: str = ""
    category: str = ""
    application_date: date | None = None
    activist_date: date | None = None
    candidate_date: date | None = None
    join_date: date | None = None
    full_member_date: date | None = None
    lines: tuple[RecordLine, ...] = ()
    made_at: datetime | None = None
    made_by: str = ""


@dataclass(frozen=True)
class TransferLetterDoc:
    """中国共产党党员组织关系介绍信 (组通字〔2006〕45号): 存根, 介绍信 and 回执 on one sheet."""

    letter_no: str
    name: str
    gender: str  # 男 / 女
    age: int | None
    ethnicity: str
    category: str  # 正式 / 预备
    id_number: str
    from_org: str
    to_org: str
    addressee: str  # who the letter is written to (the receiving organisation)
    dues_paid_to: str  # capital numerals: 贰零贰陆年壹拾月
    valid_days: str  # capital numerals: 叁拾
    issued_on: date
    member_contact: str = ""
    org_address: str = ""
    org_phone: str = ""
    org_fax: str = ""
    org_postcode: str = ""
    receipt_due: date | None = None  # the 回执 comes back within a month (§1.12)
