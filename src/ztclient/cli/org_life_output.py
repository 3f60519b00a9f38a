"""Helpers of the org-life commands: organisation references that prefer live organisations,
warnings printed after a write, due items as plain data and as one line of text."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

from ztclient.domain.errors import DomainError


def resolve_org(session, ref: str | None) -> str | None:
    """An organisation by id, code or name, for every command. A name that a dissolved organisation shares with a
    live one means the live one; a dissolved one is found too (services refuse to change it)."""
    if not ref:
        return None
    if not isinstance(ref, str):  # a number or a list in a JSON file
        raise DomainError("E_NOT_FOUND", "org", what="org", id=str(ref))
    rows = session.store.read(
        "SELECT id, dissolved_on FROM orgs WHERE id = ? OR code = ? OR name = ?", (ref, ref, ref)
    )
    if len(rows) > 1:
        rows = [r for r in rows if not r["dissolved_on"]] or rows
    if len(rows) > 1:
        raise DomainError("E_ORG_AMBIGUOUS", "org", org=ref)
    if not rows:
        raise DomainError("E_NOT_FOUND", "org", what="org", id=ref)
    return rows[0]["id"]


def print_warnings(ctx, warnings) -> None:
    """Norms not met (W_ codes) on stderr, after the write went through."""
    from ztclient.domain.messages import render_error

    label = "提醒" if ctx.lang != "en" else "note"
    for w in warnings:
        print(f"{label} {w.code}: {render_error(w, ctx.lang)}", file=sys.stderr)


def plain(obj: Any) -> Any:
    """Dataclasses (e.g. a missing meeting period) as dicts, for JSON."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: plain(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [plain(v) for v in obj]
    return obj


# What each due kind is called; sources added later print their kind code until named here.
DUE_LABELS: dict[str, tuple[str, str]] = {
    "probation_ending": ("预备期满", "probation ending"),
    "meetings_missing": ("会议未开", "meetings not held"),
    "study_short": ("学时不足", "study hours short"),
    "transfer_receipt": ("转出回执未收到", "transfer receipt outstanding"),
    "term_ending": ("换届", "election due"),
    "secretary_lecture": ("书记讲党课", "secretary's lecture"),
    "talks_missing": ("谈心谈话", "talks"),
    "appraisal_follow_up": ("评议处置", "appraisal follow-up"),
    "rectification_due": ("整改", "rectification"),
    "dues_behind": ("党费欠交", "dues unpaid"),
    "dues_no_base": ("党费基数", "dues base"),
}


def due_line(item, lang: str) -> str:
    """One due item as a line: when, what, who, and the figures that matter."""
    zh = lang != "en"
    label = DUE_LABELS.get(item.kind, (item.kind, item.kind))[0 if zh else 1]
    p = item.params
    detail = ""
    if item.kind == "term_ending":
        late = p.get("state") != "ending"
        detail = (
            (f"已超期 {-p['days_left']} 天" if late else f"还有 {p['days_left']} 天")
            if zh
            else (f"{-p['days_left']} days overdue" if late else f"{p['days_left']} days left")
        )
    elif item.kind == "talks_missing":
        detail = (
            f"书记{p.get('secretary') or '—'}尚未谈话 {p['members_missing']} 人，委员之间尚缺 "
            f"{p['pairs_missing']} 对"
            if zh
            else f"secretary {p.get('secretary') or '—'}: "
            f"{p['members_missing']} not yet talked with; {p['pairs_missing']} committee pairs"
        )
    elif item.kind == "secretary_lecture":
        detail = (
            f"书记{p.get('secretary')}本年尚未讲党课"
            if zh
            else f"secretary {p.get('secretary')} has not lectured this year"
        )
    elif item.kind == "appraisal_follow_up":
        detail = f"{p.get('org', '')} {p.get('year')} {p.get('grade')} {p.get('state')}"
    elif item.kind == "rectification_due":
        detail = f"{p.get('problem')}（{p.get('owner')}）"
    elif item.kind == "study_short":
        detail = (
            f"{p.get('year')}年有 {p.get('count')} 人未达到目标学时"
            if zh
            else f"{p.get('count')} members under their {p.get('year')} target"
        )
    elif item.kind == "meetings_missing":
        from ztclient.domain.codes import table

        kinds = table("meeting_kind")
        late = set(p.get("overdue_items", []))
        over = "，已过期" if zh else ", overdue"
        detail = "、".join(
            f"{kinds.label(m.kind, lang)}（{m.label(lang)}）{over if i in late else ''}"
            for i, m in enumerate(p.get("items", []))
        )
    elif item.kind == "dues_behind":
        detail = (
            f"{p.get('org', '')} 连续{p.get('months')}个月未交，欠交 {p.get('amount')} 元"
            if zh
            else f"{p.get('org', '')}: {p.get('months')} months unpaid, {p.get('amount')} yuan"
        )
    elif item.kind == "dues_no_base":
        detail = (
            f"{p.get('year')}年有 {p.get('count')} 名党员尚未登记基数"
            if zh
            else f"{p.get('count')} members without a {p.get('year')} base"
        )
    elif item.kind == "probation_ending":
        detail = p.get("org", "")
    return "\t".join([item.when or "", label, item.subject, detail]).rstrip()
