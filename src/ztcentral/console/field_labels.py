"""The words for a record's kind and field in 审核's conflicts table, Chinese first: the labels
the clerk's program shows for the same fields (a member's from ztprotocol.member_fields, the
member form's words, which the client's messages read too), so a reviewer reads 党员 · 联系电话,
not ``member.phone``. A field without words is shown as its id."""

from __future__ import annotations

import json

from ztcentral.console.unit_detail import CATEGORY_LABELS
from ztcentral.db import Tx
from ztprotocol.member_fields import MEMBER_FIELD_LABELS

ENTITY_LABELS: dict[str, tuple[str, str]] = {
    "member": ("党员", "member"), "org": ("组织", "organisation"),
    "org_post": ("党内职务", "party post"), "meeting": ("会议", "meeting"),
    "dues_base": ("党费基数", "dues base"), "dues_approval": ("党费审批", "dues approval"),
    "election": ("换届选举", "election"), "talk": ("谈心谈话", "talk"),
    "appraisal": ("民主评议", "appraisal"), "rectification": ("整改", "rectification"),
    "notice_reply": ("通知回执", "notice receipt"), "study_log": ("学习记录", "study record"),
    "member_event": ("党员事件", "member event"), "dues_payment": ("党费缴纳", "dues payment"),
}  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    # on other records, a member field's words stand for the same field, except these two
    **MEMBER_FIELD_LABELS, "title": ("标题", "title"), "org_id": ("所在党组织", "organisation"),
    # 组织, 职务
    "parent_id": ("上级组织", "parent organisation"), "kind": ("类别", "kind"),
    "code": ("组织代码", "code"), "unit_type": ("单位类型", "unit type"),
    "elected_on": ("选举日期", "election date"), "term_years": ("任期年数", "term"),
    "founded_on": ("成立日期", "founded on"), "dissolved_on": ("撤销日期", "dissolved on"),
    "member_id": ("党员", "member"), "post": ("职务", "post"),
    "start_date": ("任职日期", "start date"), "end_date": ("离任日期", "end date"),
    # 会议 and the rest
    "seq_no": ("次序", "number"), "starts_at": ("开始时间", "starts at"),
    "ends_at": ("结束时间", "ends at"), "place": ("地点", "place"), "chair_id": ("主持人", "chair"),
    "recorder_id": ("记录人", "recorder"), "lecturer": ("授课人", "lecturer"),
    "agenda": ("议题", "agenda"), "minutes": ("会议内容", "minutes"), "summary": ("小结", "summary"),
    "voided": ("作废", "voided"), "void_reason": ("作废原因", "void reason"),
    "feedback": ("回复", "reply"), "read_at": ("阅读时间", "read at"),
    "date": ("日期", "date"), "hours": ("学时", "hours"), "form": ("形式", "form"),
    "topic": ("主题", "topic"), "year": ("年度", "year"), "monthly_fen": ("每月应交", "monthly dues"),
    "income_fen": ("缴纳基数", "dues base"), "receipt_no": ("收据号", "receipt number"),
}  # fmt: skip

#: Where one field id means another thing on another kind of record.
BY_ENTITY: dict[tuple[str, str], tuple[str, str]] = {
    ("org", "name"): ("组织名称", "name"),
    ("org", "kind"): ("组织类别", "kind"), ("meeting", "kind"): ("会议类型", "kind"),
    ("org_post", "org_id"): ("所在组织", "organisation"),
    ("dues_payment", "month"): ("缴费月份", "month paid"),
}  # fmt: skip


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    return key if pair is None else pair[0 if lang == "zh" else 1]


def conflict_field(entity: str, field: str, lang: str) -> str:
    """``党员 · 联系电话`` for member.phone; an unknown id as it is."""
    pair = BY_ENTITY.get((entity, field))
    if pair is None and entity == "member":
        pair = MEMBER_FIELD_LABELS.get(field)
    what = pair[0 if lang == "zh" else 1] if pair else _pick(FIELD_LABELS, field, lang)
    return f"{_pick(ENTITY_LABELS, entity, lang)} · {what}"


#: Fields whose value is a code, and the words for it (a code not listed is shown as it is).
CODED: dict[str, dict[str, tuple[str, str]]] = {
    "category": CATEGORY_LABELS,
    "gender": {"1": ("男", "male"), "2": ("女", "female")},
    # a record for a member voided as entered in error (apply.on_voided_member): the centre's
    # side is this word, the device's the member, named as any member is
    "member_id": {"voided": ("该党员已作废（录入错误）", "member voided (entered in error)")},
}
#: Fields whose value is a record's id, and the kind of record it names.
REFERENCES = {"org_id": "org", "parent_id": "org", "group_id": "org", "member_id": "member",
              "chair_id": "member", "recorder_id": "member"}  # fmt: skip


def conflict_value(
    stored: str | None, field: str = "", lang: str = "zh", names: dict[str, str] | None = None
) -> str:
    """A conflict's value as kept (canonical JSON) in words: a text without its quotes, a code
    (人员类别) by its label, a record's id (所在党支部) by the name the unit gave it in ``names``;
    empty as —."""
    if stored is None:
        return "—"
    try:
        value = json.loads(stored)
    except ValueError:
        return stored
    if value is None or value == "":
        return "—"
    if not isinstance(value, str):
        return stored
    if field in REFERENCES and names and value in names:
        return names[value]
    if field in CODED:
        return _pick(CODED[field], value, lang)
    return value


def record_names(tx: Tx, conflicts: list[dict]) -> dict[str, dict[str, str]]:
    """Per unit, the names of the organisations and members its conflicts' values name."""
    units = sorted({c["unit"] for c in conflicts if c["field"] in REFERENCES})
    out: dict[str, dict[str, str]] = {u: {} for u in units}
    for unit in units:
        for r in tx.all(
            "SELECT id, data FROM records WHERE unit = $1 AND entity IN ('org', 'member')",
            (unit,),
        ):
            try:
                name = json.loads(r["data"]).get("name")
            except (ValueError, AttributeError):
                continue
            if isinstance(name, str) and name:
                out[unit][r["id"]] = name
    return out


def conflict_subjects(tx: Tx, conflicts: list[dict]) -> dict[str, str | None]:
    """Per conflict id, whom or what it is about as the clerk knows them: a member (or a record
    about one, e.g. a 党内职务) as 姓名（所在支部）, an organisation by its name, a meeting by
    its title; None when the centre has no such record (the page then shows the id)."""
    cache: dict[tuple[str, str, str], dict | None] = {}

    def data(unit: str, entity: str, rid: object) -> dict | None:
        if not isinstance(rid, str) or not rid:
            return None
        key = (unit, entity, rid)
        if key not in cache:
            raw = tx.scalar(
                "SELECT data FROM records WHERE unit = $1 AND entity = $2 AND id = $3", key
            )
            try:
                value = json.loads(raw) if raw else None
            except ValueError:
                value = None
            cache[key] = value if isinstance(value, dict) else None
        return cache[key]

    def person(unit: str, member_id: object) -> str | None:
        m = data(unit, "member", member_id)
        name = (m or {}).get("name")
        if not isinstance(name, str) or not name:
            return None
        branch = (data(unit, "org", m.get("org_id")) or {}).get("name") if m else None
        return f"{name}（{branch}）" if isinstance(branch, str) and branch else name

    out: dict[str, str | None] = {}
    for c in conflicts:
        unit, entity, rid = c["unit"], c["entity"], c["record_id"]
        if entity == "member":
            out[c["id"]] = person(unit, rid)
            continue
        record = data(unit, entity, rid)
        if record is None:
            out[c["id"]] = None
        elif record.get("member_id"):
            out[c["id"]] = person(unit, record["member_id"])
        else:
            named = record.get("name") or record.get("title")
            out[c["id"]] = named if isinstance(named, str) and named else None
    return out
