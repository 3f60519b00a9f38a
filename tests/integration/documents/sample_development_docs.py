"""Sample inputs for the 发展党员工作纪实表 and the 组织关系介绍信 (tests, bench/documents.py and
docs/samples). 刘洋 is the candidate admitted at the sample minutes' meeting (sample_docs.py):
the 纪实表 shows the same date and meeting."""

from __future__ import annotations

from datetime import date, datetime

from sample_docs import ORG, UNIT

from ztclient.services.development_docs import RECORD_LINES
from ztclient.services.development_models import (
    DevelopmentRecordDoc,
    RecordEntry,
    RecordLine,
    TransferLetterDoc,
)

MEETING = "2026年第四季度支部党员大会（2026-11-20）；赞成20票，反对0票，弃权1票"
ENTRIES: dict[str, tuple[RecordEntry, ...]] = {
    "applied": (RecordEntry(date(2024, 3, 5)),),
    "talk": (RecordEntry(date(2024, 3, 20), "王建国"),),
    "activist": (RecordEntry(date(2024, 6, 10), note="党员推荐"),),
    "activist_filed": (RecordEntry(date(2024, 6, 20), note="文号：青机党〔2024〕9号"),),
    "mentors": (RecordEntry(date(2024, 6, 12), "陈红、周伟"),),
    "assessment": (
        RecordEntry(date(2024, 12, 5), note="表现良好"),
        RecordEntry(date(2025, 6, 2), note="表现良好"),
    ),
    "candidate": (RecordEntry(date(2025, 6, 18)),),
    "candidate_filed": (RecordEntry(date(2025, 6, 25)),),
    "sponsors": (RecordEntry(date(2025, 6, 28), "陈红、周伟"),),
    "political_review": (RecordEntry(date(2025, 9, 1), note="结论：合格"),),
    "training": (
        RecordEntry(date(2025, 10, 14), note="2天；16学时"),
        RecordEntry(date(2025, 10, 21), note="8学时"),
        RecordEntry(date(2025, 10, 20), note="4学时", voided=True, void_reason="日期有误"),
    ),
    "committee_review": (RecordEntry(date(2026, 10, 9)),),
    "public_notice": (RecordEntry(date(2026, 10, 10), note="5天"),),
    "pre_review": (RecordEntry(date(2026, 10, 28), note="文号：青机党〔2026〕31号"),),
    "volunteer_form": (RecordEntry(date(2026, 11, 2)),),
    "admitted": (RecordEntry(date(2026, 11, 20), note=MEETING),),
}


def development_record() -> DevelopmentRecordDoc:
    lines = tuple(
        RecordLine(stage, number, label, tuple(x for c in what for x in ENTRIES.get(c, ())))
        for stage, number, label, what in RECORD_LINES
    )
    return DevelopmentRecordDoc(
        unit_name=UNIT,
        org_name="青山镇机关第一党支部",
        name="刘洋",
        gender="男",
        ethnicity="汉族",
        birth_date=date(1996, 8, 14),
        id_number="3701**********3519",
        education="大学",
        work_unit="青山镇人民政府 科员",
        category="预备党员",
        application_date=date(2024, 3, 5),
        activist_date=date(2024, 6, 10),
        candidate_date=date(2025, 6, 18),
        join_date=date(2026, 11, 20),
        lines=lines,
        made_at=datetime(2026, 11, 23, 9, 30),
        made_by="李文华",
    )


def transfer_letter() -> TransferLetterDoc:
    return TransferLetterDoc(
        letter_no="025",
        name="陈红",
        gender="女",
        age=41,
        ethnicity="汉族",
        category="正式",
        id_number="370102198503121248",
        from_org=ORG,
        to_org="中共济南市历下区教育局委员会",
        addressee="中共济南市历下区教育局委员会",
        dues_paid_to="贰零贰陆年壹拾月",
        valid_days="叁拾",
        issued_on=date(2026, 11, 2),
        member_contact="13805310000",
        org_address="山东省济南市青山镇政府路1号",
        org_phone="0531-88880001",
        org_fax="0531-88880002",
        org_postcode="250014",
        receipt_due=date(2026, 12, 2),
    )
