"""发展党员 and membership events on the command line (docs/cli.md, "Development and events").

``members event`` / ``members void-event`` / ``members step`` / ``members void-step`` record
and void; ``development list|show|print`` read and print. A broken rule is exit 4 with the rule
in Chinese (cli/main.py renders every DomainError); a norm not met is printed as 提示 and the
record is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ztclient.cli.commands_records import resolve_member, resolve_org
from ztclient.cli.main import load_json_file
from ztclient.domain import codes
from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error
from ztclient.domain.rules import DEVELOPMENT_ORDER


def register_member_verbs(members) -> None:
    """``members event|void-event|step|void-step`` (called where ``members`` is built)."""
    p = members.add_parser("event", help="登记党员事件 / record a member event")
    p.add_argument("member", help="姓名、身份证号码或 ID / name, ID number or id")
    p.add_argument("kind", help="事件类型（代码或中文，如 converted、转正）/ event kind")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--details-json", dest="details_json", help="事件详情 JSON 文件 / details")
    p.add_argument("--meeting", help="支部党员大会的会议 ID / the meeting that decided it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_event)
    p = members.add_parser("void-event", help="作废事件 / void a mistaken event")
    p.add_argument("event_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_void_event)
    p = members.add_parser("step", help="登记发展党员步骤 / record a development step")
    p.add_argument("member")
    p.add_argument("step", help="步骤（代码或中文，如 talk、政治审查）/ step")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--people", help="人员，逗号分隔（姓名或身份证号码）/ people, comma-separated")
    p.add_argument("--details-json", dest="details_json")
    p.add_argument("--meeting", help="会议 ID / meeting id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_step)
    p = members.add_parser("void-step", help="作废发展步骤 / void a mistaken step")
    p.add_argument("step_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_void_step)


def register(sub) -> None:
    dev = sub.add_parser("development", help="发展党员 / membership development").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    dev.required = True
    p = dev.add_parser("list", help="发展中人员及下一步 / who is at which stage, what is next")
    p.add_argument("--org", help="组织名称、编号或 ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = dev.add_parser("show", help="一人的发展记录 / one person's record")
    p.add_argument("member")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)
    p = dev.add_parser("print", help="打印发展党员工作纪实表 / print the record (PDF)")
    p.add_argument("member")
    p.add_argument("--out", required=True)
    p.add_argument("--full-ids", action="store_true", help="完整身份证号（记入审计）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_print)


def _details(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    obj = load_json_file(path)
    if not isinstance(obj, dict):
        raise DomainError("E_JSON_INVALID", detail="details must be a JSON object", path=path)
    return obj


def _warnings(ctx, warnings) -> list[dict[str, Any]]:
    out = []
    for w in warnings:
        text = render_error(w, ctx.lang)
        out.append({"code": w.code, "field": w.field, "params": w.params, "message": text})
        if not ctx.args.json:
            ctx.out(f"{'提示' if ctx.lang == 'zh' else 'note'} {w.code}: {text}")
    return out


def cmd_event(ctx) -> int:
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.member)
    kind = codes.table("event_kind").code_for(ctx.args.kind, field="kind")
    details = _details(ctx.args.details_json)
    if kind == "transfer_out" and not details.get("dues_paid_to"):
        paid = s.dues.paid_through(member_id)  # 党费交至 as the ledger has it, when it has one
        if paid:
            details["dues_paid_to"] = paid
    outcome = s.events.record(
        member_id, kind, ctx.args.date, details, meeting_id=ctx.args.meeting or None
    )
    warnings = _warnings(ctx, outcome.warnings)
    member = s.members.get(member_id)
    result = {
        "ok": True,
        "event_id": outcome.event_id,
        "member_id": member_id,
        "kind": kind,
        "category": member["category"],
        "status": member["status"],
        "warnings": warnings,
    }
    if ctx.args.json:
        ctx.json(result)
    else:
        label = codes.table("event_kind").label(kind, ctx.lang)
        ctx.out(
            f"已登记“{label}”：{member['name']} {ctx.args.date}"
            if ctx.lang == "zh"
            else f"Recorded “{label}”: {member['name']} {ctx.args.date}"
        )
        ctx.out(outcome.event_id)
    return 0


def cmd_void_event(ctx) -> int:
    s = ctx.session()
    s.events.void(ctx.args.event_id, ctx.args.reason)
    if ctx.args.json:
        ctx.json({"ok": True, "event_id": ctx.args.event_id})
    else:
        ctx.out("已作废。" if ctx.lang == "zh" else "Voided.")
    return 0


def _people(s, text: str | None) -> list[dict[str, str]]:
    """Comma-separated names; a name (or ID number) on the roll becomes a roster reference."""
    out = []
    for part in (text or "").replace("，", ",").replace("、", ",").split(","):
        name = part.strip()
        if not name:
            continue
        try:
            out.append({"member_id": resolve_member(s, name)})
        except DomainError as err:
            if err.code == "E_AMBIGUOUS":
                raise
            out.append({"name": name})  # someone outside the roll (e.g. the committee's staff)
    return out


def cmd_step(ctx) -> int:
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.member)
    step = codes.table("development_step").code_for(ctx.args.step, field="step")
    outcome = s.development.record_step(
        member_id,
        step,
        ctx.args.date,
        _people(s, ctx.args.people),
        _details(ctx.args.details_json),
        meeting_id=ctx.args.meeting or None,
    )
    warnings = _warnings(ctx, outcome.warnings)
    if ctx.args.json:
        ctx.json({"ok": True, "step_id": outcome.step_id, "step": step, "warnings": warnings})
    else:
        label = codes.table("development_step").label(step, ctx.lang)
        ctx.out(
            f"已登记“{label}” {ctx.args.date}"
            if ctx.lang == "zh"
            else f"Recorded “{label}” {ctx.args.date}"
        )
        ctx.out(outcome.step_id)
    return 0


def cmd_void_step(ctx) -> int:
    s = ctx.session()
    s.development.void_step(ctx.args.step_id, ctx.args.reason)
    if ctx.args.json:
        ctx.json({"ok": True, "step_id": ctx.args.step_id})
    else:
        ctx.out("已作废。" if ctx.lang == "zh" else "Voided.")
    return 0


def _item_label(code: str | None, lang: str) -> str:
    if not code:
        return ""
    for name in ("development_step", "event_kind"):
        t = codes.table(name)
        if code in t:
            return t.label(code, lang)
    return code


def cmd_list(ctx) -> int:
    s = ctx.session()
    rows = s.development.pipeline(org_id=resolve_org(s, ctx.args.org))
    if ctx.args.json:
        ctx.json(rows)
        return 0
    cat = codes.table("category")
    for r in rows:
        when = r["due"] or (f"≥{r['not_before']}" if r["not_before"] else "")
        flag = ("（已逾期）" if ctx.lang == "zh" else " (overdue)") if r["overdue"] else ""
        ctx.out(
            "\t".join(
                [
                    r["name"],
                    cat.label(r["category"], ctx.lang),
                    r["org_name"] or "",
                    _item_label(r["next"], ctx.lang),
                    when + flag,
                    r["id"],
                ]
            )
        )
    ctx.out(f"({len(rows)})")
    return 0


def cmd_show(ctx) -> int:
    s = ctx.session()
    record = s.development.record(resolve_member(s, ctx.args.member))
    member = record["member"]
    if ctx.args.json:
        keep = (
            "id",
            "name",
            "org_name",
            "group_name",
            "category",
            "status",
            *DEVELOPMENT_ORDER,
            "probation_end",
        )
        ctx.json({**record, "member": {k: member.get(k) for k in keep}})
        return 0
    ctx.out(
        f"{member['name']}　{codes.table('category').label(member['category'], ctx.lang)}"
        f"　{member['org_name'] or ''}　第{record['stage']}阶段"
    )
    for e in record["entries"]:
        people = "、".join(p.get("name", "") for p in e["people"])
        meeting = (
            f"　会议 {e['meeting_date']} {e['meeting_title'] or ''}" if e["meeting_id"] else ""
        )
        void = "（已作废）" if e["voided"] else ""
        ctx.out(
            f"  {e['date']}  {_item_label(e['step'], ctx.lang)}{void}"
            f"{('　' + people) if people else ''}{meeting}　{e['id']}"
        )
    for n in record["next"]:
        when = n["due"] or (f"≥{n['not_before']}" if n["not_before"] else "")
        ctx.out(f"  下一步：{_item_label(n['code'], ctx.lang)} {when}".rstrip())
    return 0


def cmd_print(ctx) -> int:
    s = ctx.session()
    out = Path(ctx.args.out)
    result = s.development_docs.print_record(
        resolve_member(s, ctx.args.member), out, full_ids=ctx.args.full_ids
    )
    missing = [{"char": g.char, "name": g.name, "where": g.where} for g in result.missing_glyphs]
    if ctx.args.json:
        ctx.json({"ok": True, "out": str(out), "pages": result.pages, "missing_glyphs": missing})
    else:
        ctx.out(f"已生成 {out}（{result.pages} 页）")
    return 0
