"""Printing for 发展党员 and transfers: the 发展党员工作纪实表 and the 组织关系介绍信.

A full ID number on a printed page is an explicit choice and an audit entry (the 介绍信 needs
it: it is the official form the receiving committee checks the person against).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from ztclient.domain import codes, idnumber
from ztclient.domain.dates import add_months, age_on, parse_date
from ztclient.domain.errors import DomainError
from ztclient.domain.numerals import capital_number, capital_year_month
from ztclient.services import development_models as dm
from ztclient.services import operator
from ztclient.services.journal import Journal
from ztclient.services.ports import Clock, Store
from ztclient.services.report_models import RenderReport

#: The 纪实表's lines: (stage, official step number, label, what is recorded on the line).
RECORD_LINES: tuple[tuple[int, str, str, tuple[str, ...]], ...] = (
    (1, "1", "递交入党申请书", ("applied",)),
    (1, "2", "党组织派人谈话", ("talk",)),
    (2, "3", "推荐和确定入党积极分子", ("activist",)),
    (2, "4", "上级党委备案", ("activist_filed",)),
    (2, "5", "指定培养联系人", ("mentors",)),
    (2, "6", "培养教育考察", ("assessment",)),
    (3, "7", "确定发展对象", ("candidate",)),
    (3, "8", "报上级党委备案", ("candidate_filed",)),
    (3, "9", "确定入党介绍人", ("sponsors",)),
    (3, "10", "进行政治审查", ("political_review",)),
    (3, "11", "开展集中培训", ("training",)),
    (4, "12", "支部委员会审查", ("committee_review",)),
    (4, "", "公示", ("public_notice",)),
    (4, "13", "上级党委预审", ("pre_review",)),
    (4, "14", "填写入党志愿书", ("volunteer_form",)),
    (4, "15", "支部大会讨论", ("admitted",)),
    (4, "16", "上级党委派人谈话", ("upper_talk",)),
    (4, "17", "上级党委审批", ("approval",)),
    (4, "18", "再上一级党委组织部门备案", ("upper_filing",)),
    (5, "19", "编入党支部和党小组", ("grouped",)),
    (5, "20", "入党宣誓", ("oath",)),
    (5, "21", "继续教育考察", ("probation_assessment",)),
    (5, "22", "提出转正申请", ("conversion_application",)),
    (5, "23", "支部大会讨论", ("converted", "probation_extended", "probation_revoked")),
    (5, "24", "上级党委审批", ("conversion_approval",)),
    (5, "25", "材料归档", ("archived",)),
)
RECEIPT_MONTHS = 1  # the receiving 基层党委 returns the 回执 within a month (§1.12)


class Documents(Protocol):
    def render_development_record(
        self, doc: dm.DevelopmentRecordDoc, out: Path
    ) -> RenderReport: ...
    def render_transfer_letter(self, doc: dm.TransferLetterDoc, out: Path) -> RenderReport: ...


def _d(value: str | None) -> date | None:
    return parse_date(value, "date") if value else None


def _label(table: str, code: Any) -> str:
    t = codes.table(table)
    return t.label(code) if code and code in t else (code or "")


class DevelopmentDocs:
    def __init__(
        self, store: Store, journal: Journal, clock: Clock, documents: Documents, development: Any
    ) -> None:
        self.store = store
        self.journal = journal
        self.clock = clock
        self.documents = documents
        self.development = development  # services.development.DevelopmentService

    def _audit(self, action: str, obj: str, details: dict[str, Any]) -> None:
        with self.store.transaction() as tx:
            self.journal.audit(tx, action, obj, details)

    # -- the 纪实表 -------------------------------------------------------------------------------
    def _note(self, member_id: str, e: dict[str, Any]) -> str:
        """What the 纪实表 says about one entry: the meeting and its vote, the conclusion …"""
        d, parts = e["details"], []
        if e.get("meeting_id"):
            parts.append(f"{e['meeting_title'] or '会议'}（{e['meeting_date']}）")
            vote = self.store.read_one(
                "SELECT votes_for, votes_against, votes_abstain FROM resolutions WHERE "
                "meeting_id = ? AND subject_member_id = ? AND votes_for IS NOT NULL",
                (e["meeting_id"], member_id),
            )
            if vote and e["source"] == "event":
                parts.append(
                    f"赞成{vote['votes_for']}票，反对{vote['votes_against'] or 0}票，"
                    f"弃权{vote['votes_abstain'] or 0}票"
                )
        if d.get("method"):
            parts.append(_label("activist_method", d["method"]))
        if d.get("result"):
            parts.append(f"结论：{_label('political_review_result', d['result'])}")
        if d.get("days") or d.get("hours"):
            amount = [
                f"{d['days']}天" if d.get("days") else "",
                f"{d['hours']}学时" if d.get("hours") else "",
            ]
            parts.append("".join(a for a in amount if a))
        if e["step"] == "probation_extended" and d.get("months"):
            parts.append(f"延长预备期{d['months']}个月")
        elif e["step"] == "probation_revoked":
            parts.append("取消预备党员资格")
        for key, label in (
            ("document_no", "文号："),
            ("training_exempt_reason", "特殊情况："),
            ("note", ""),
        ):
            if d.get(key):
                parts.append(f"{label}{d[key]}")
        return "；".join(parts)

    def record_doc(self, member_id: str, full_ids: bool = False) -> dm.DevelopmentRecordDoc:
        record = self.development.record(member_id)
        m = record["member"]
        by_code: dict[str, list[dm.RecordEntry]] = {}
        for e in record["entries"]:
            by_code.setdefault(e["step"], []).append(
                dm.RecordEntry(
                    date=parse_date(e["date"], "date"),
                    people="、".join(p.get("name", "") for p in e["people"]),
                    note=self._note(member_id, e),
                    voided=bool(e["voided"]),
                    void_reason=e.get("void_reason") or "",
                )
            )
        lines = tuple(
            dm.RecordLine(stage, number, label, tuple(x for c in what for x in by_code.get(c, ())))
            for stage, number, label, what in RECORD_LINES
        )
        id_number = m["id_number"] or ""
        if id_number and not full_ids:
            id_number = idnumber.mask(id_number)
        return dm.DevelopmentRecordDoc(
            unit_name=self.store.get_meta("unit_name") or "",
            org_name=m["org_name"] or "",
            name=m["name"],
            gender=_label("gender", m["gender"]),
            ethnicity=_label("ethnicity", m["ethnicity"]),
            birth_date=_d(m["birth_date"]),
            id_number=id_number,
            education=_label("education", m["education"]),
            work_unit=m["work_unit"] or "",
            category=_label("category", m["category"]),
            application_date=_d(m["application_date"]),
            activist_date=_d(m["activist_date"]),
            candidate_date=_d(m["candidate_date"]),
            join_date=_d(m["join_date"]),
            full_member_date=_d(m["full_member_date"]),
            lines=lines,
            made_at=self.clock.now().astimezone(),
            made_by=operator.name_of(self.store),  # 填表人: the 经办人, else a line to write on
        )

    def print_record(self, member_id: str, out: Path, full_ids: bool = False) -> RenderReport:
        doc = self.record_doc(member_id, full_ids)
        if full_ids:
            self._audit(
                "development.record.full_id", f"member:{member_id}", {"file": Path(out).name}
            )
        return self.documents.render_development_record(doc, Path(out))

    # -- the 介绍信 -------------------------------------------------------------------------------
    def letter_doc(self, event_id: str) -> dm.TransferLetterDoc:
        e = self.store.read_one(
            "SELECT * FROM member_events WHERE id = ? AND kind = 'transfer_out'", (event_id,)
        )
        if e is None:
            raise DomainError("E_NOT_FOUND", "event", what="event", id=event_id)
        d = json.loads(e["details"] or "{}")
        m = self.store.read_one(
            "SELECT m.*, o.name AS org_name FROM members m LEFT JOIN orgs o ON o.id = m.org_id "
            "WHERE m.id = ?",
            (e["member_id"],),
        )
        assert m is not None  # an event's member is never deleted
        issued = parse_date(e["date"], "date")
        birth = _d(m["birth_date"]) or (
            idnumber.birth_date(m["id_number"]) if m["id_number"] else None
        )
        paid = d.get("dues_paid_to")
        days = d.get("valid_days")
        if not paid or not days:
            raise DomainError(
                "E_EVENT_DETAIL_MISSING",
                "dues_paid_to" if not paid else "valid_days",
                kind="transfer_out",
                detail="dues_paid_to" if not paid else "valid_days",
            )
        category = m["category"]
        if e["effects"]:  # the category as it was when the letter was written
            category = json.loads(e["effects"]).get("before", {}).get("category") or category
        if category not in ("probationary", "full"):
            # a 党员's letter (正式/预备); an 积极分子's or 发展对象's file moves without one
            raise DomainError("E_TRANSFER_LETTER_NOT_MEMBER", "event", name=m["name"],
                              category=category)  # fmt: skip
        unit = self.store.get_meta("unit_name") or ""
        return dm.TransferLetterDoc(
            letter_no=str(d.get("letter_no") or ""),
            name=m["name"],
            gender=_label("gender", m["gender"]),
            age=age_on(birth, issued) if birth else None,
            ethnicity=_label("ethnicity", m["ethnicity"]),
            category="预备" if category == "probationary" else "正式",
            id_number=m["id_number"] or "",
            from_org=d.get("from_org") or unit,
            to_org=str(d.get("to_org") or ""),
            addressee=str(d.get("addressee") or d.get("to_org") or ""),
            dues_paid_to=capital_year_month(int(str(paid)[:4]), int(str(paid)[5:7])),
            valid_days=capital_number(int(days)),
            issued_on=issued,
            member_contact=str(d.get("member_contact") or ""),
            org_address=str(d.get("org_address") or ""),
            org_phone=str(d.get("org_phone") or ""),
            org_fax=str(d.get("org_fax") or ""),
            org_postcode=str(d.get("org_postcode") or ""),
            receipt_due=add_months(issued, RECEIPT_MONTHS),
        )

    def print_transfer_letter(self, event_id: str, out: Path) -> RenderReport:
        """The 介绍信 of a transfer_out event (full ID number: audited)."""
        doc = self.letter_doc(event_id)
        self._audit("transfer.letter.print", f"event:{event_id}", {"file": Path(out).name})
        return self.documents.render_transfer_letter(doc, Path(out))
