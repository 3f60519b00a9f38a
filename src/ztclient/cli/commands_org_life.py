"""``talks``, ``appraisal``, ``rectify`` and ``due``: the organisation's life and the whole due
list as data (docs/cli.md, 组织生活)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from ztclient.cli.commands_records import resolve_member
from ztclient.cli.main import load_json_file
from ztclient.cli.org_life_output import due_line, plain, print_warnings, resolve_org
from ztclient.domain import codes
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError


def register(sub) -> None:
    talks = sub.add_parser("talks", help="谈心谈话 / heart-to-heart talks")
    talks = talks.add_subparsers(dest="sub", metavar="ACTION")
    talks.required = True
    p = talks.add_parser("add", help="登记谈话 / record talks from JSON")
    p.add_argument("--from-json", dest="from_json", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_talks_add)
    p = talks.add_parser("list", help="谈话记录 / the register")
    p.add_argument("--year", type=int)
    p.add_argument("--org")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_talks_list)

    ap = sub.add_parser("appraisal", help="民主评议党员 / democratic appraisal")
    ap = ap.add_subparsers(dest="sub", metavar="ACTION")
    ap.required = True
    p = ap.add_parser("record", help="录入评议结果 / record grades from JSON")
    p.add_argument("--year", required=True)
    p.add_argument("--from-json", dest="from_json", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_appraisal_record)
    p = ap.add_parser("list", help="评议结果 / grades of a year")
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--org")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_appraisal_list)
    p = ap.add_parser("follow-up", help="处置措施及完成 / decide or complete a follow-up")
    p.add_argument("member")
    p.add_argument("--year", required=True, type=int)
    p.add_argument("--measure")
    p.add_argument("--deadline")
    p.add_argument("--done", dest="done_on")
    p.add_argument("--outcome")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_appraisal_follow_up)

    rc = sub.add_parser("rectify", help="组织生活会整改事项 / rectification items")
    rc = rc.add_subparsers(dest="sub", metavar="ACTION")
    rc.required = True
    p = rc.add_parser("add", help="登记问题和整改措施 / add items from JSON")
    p.add_argument("--from-json", dest="from_json", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rectify_add)
    p = rc.add_parser("list", help="整改事项（含上年未完成）/ items, open ones carried over")
    p.add_argument("--year", type=int)
    p.add_argument("--org")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rectify_list)
    p = rc.add_parser("done", help="整改完成 / mark an item done")
    p.add_argument("id")
    p.add_argument("--date", required=True)
    p.add_argument("--result")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rectify_done)

    p = sub.add_parser("due", help="待办事项 / the whole due list")
    p.add_argument("--as-of", dest="as_of", help="日期（默认今天）/ as of a date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due)


def _items(obj: Any, key: str) -> list[Any]:
    if isinstance(obj, dict) and key in obj:
        obj = obj[key]
    if isinstance(obj, dict):
        return [obj]
    if not isinstance(obj, list):
        raise DomainError("E_JSON_INVALID", detail=f"an object, a list, or {{'{key}': [...]}}")
    return obj


def _member(s, obj: dict[str, Any], name: str, field: str) -> None:
    if name in obj:
        obj[field] = resolve_member(s, obj.pop(name))


# -- talks -------------------------------------------------------------------------------------
def cmd_talks_add(ctx) -> int:
    s = ctx.session()
    items = []
    for obj in _items(load_json_file(ctx.args.from_json), "talks"):
        if not isinstance(obj, dict):
            raise DomainError("E_JSON_INVALID", detail="a talk is an object")
        obj = dict(obj)
        _member(s, obj, "talker", "talker_id")
        _member(s, obj, "talkee", "talkee_id")
        if "org" in obj:
            obj["org_id"] = resolve_org(s, obj.pop("org"))
        items.append(obj)
    ids, _ = s.talks.add_many(items)
    if ctx.args.json:
        ctx.json({"ok": True, "ids": ids})
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(ids)))
    return 0


def cmd_talks_list(ctx) -> int:
    s = ctx.session()
    rows = s.talks.list(ctx.args.year, resolve_org(s, ctx.args.org))
    if ctx.args.json:
        ctx.json(rows)
        return 0
    for r in rows:
        ctx.out(
            "\t".join(
                [r["date"], r["talker_name"], r["talkee_name"], r["topic"], r["follow_up"]]
            ).rstrip()
        )
    ctx.out(f"({len(rows)})")
    return 0


# -- appraisal ---------------------------------------------------------------------------------
def cmd_appraisal_record(ctx) -> int:
    s = ctx.session()
    obj = load_json_file(ctx.args.from_json)
    meeting = obj.get("meeting") if isinstance(obj, dict) else None
    rows = []
    for r in _items(obj, "grades"):
        if not isinstance(r, dict):
            raise DomainError("E_JSON_INVALID", detail="a grade is an object")
        r = dict(r)
        _member(s, r, "member", "member_id")
        if "meeting" in r:
            r["meeting_id"] = r.pop("meeting")
        if meeting and "meeting_id" not in r:
            r["meeting_id"] = meeting
        rows.append(r)
    graded = s.appraisals.record(ctx.args.year, rows)
    if ctx.args.json:
        ctx.json(
            {
                "ok": True,
                "ids": list(graded.ids),
                "warnings": [w.to_dict() for w in graded.warnings],
            }
        )
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(graded.ids)))
    print_warnings(ctx, graded.warnings)
    return 0


def cmd_appraisal_list(ctx) -> int:
    s = ctx.session()
    rows = s.appraisals.list(ctx.args.year, resolve_org(s, ctx.args.org))
    if ctx.args.json:
        ctx.json(rows)
        return 0
    grades, measures = codes.table("appraisal_grade"), codes.table("appraisal_measure")
    for r in rows:
        measure = measures.label(r["measure"], ctx.lang) if r["measure"] else ""
        ctx.out(
            "\t".join(
                [
                    r["org_name"],
                    r["member_name"],
                    grades.label(r["grade"], ctx.lang),
                    measure,
                    r["deadline"] or "",
                    r["done_on"] or "",
                ]
            ).rstrip()
        )
    ctx.out(f"({len(rows)})")
    return 0


def cmd_appraisal_follow_up(ctx) -> int:
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.member)
    row = next((r for r in s.appraisals.list(ctx.args.year) if r["member_id"] == member_id), None)
    if row is None:
        raise DomainError("E_NOT_FOUND", "member", what="appraisal", id=ctx.args.member)
    fields = {k: getattr(ctx.args, k) for k in ("measure", "deadline", "done_on", "outcome")}
    s.appraisals.follow_up(
        row["id"], {k: v for k, v in fields.items() if v is not None}, row["version"]
    )
    if ctx.args.json:
        ctx.json({"ok": True, "id": row["id"]})
    return 0


# -- rectification -----------------------------------------------------------------------------
def cmd_rectify_add(ctx) -> int:
    s = ctx.session()
    ids = []
    checked = []
    for obj in _items(load_json_file(ctx.args.from_json), "items"):
        if not isinstance(obj, dict):
            raise DomainError("E_JSON_INVALID", detail="an item is an object")
        obj = dict(obj)
        obj["org_id"] = resolve_org(s, obj.pop("org", None)) or obj.get("org_id")
        owner = obj.get("owner")
        if isinstance(owner, str) and owner.strip():  # a member's name or id, else a body's name
            with contextlib.suppress(DomainError):
                obj["owner_id"], obj["owner"] = resolve_member(s, owner.strip()), None
        if "meeting" in obj:
            obj["meeting_id"] = obj.pop("meeting")
        checked.append(obj)
    ids = s.rectifications.add_many(checked)[0]
    if ctx.args.json:
        ctx.json({"ok": True, "ids": ids})
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(ids)))
    return 0


def cmd_rectify_list(ctx) -> int:
    s = ctx.session()
    rows = s.rectifications.list(resolve_org(s, ctx.args.org), ctx.args.year)
    if ctx.args.json:
        ctx.json(rows)
        return 0
    for r in rows:
        ctx.out(
            "\t".join(
                [
                    str(r["year"]),
                    r["org_name"],
                    r["problem"],
                    r["owner_label"],
                    r["deadline"] or "",
                    r["state"],
                    r["id"],
                ]
            )
        )
    ctx.out(f"({len(rows)})")
    return 0


def cmd_rectify_done(ctx) -> int:
    s = ctx.session()
    row = s.rectifications.rows.get(ctx.args.id)
    fields = {"done_on": ctx.args.date}
    if ctx.args.result is not None:
        fields["result"] = ctx.args.result
    s.rectifications.update(row["id"], fields, row["version"])
    if ctx.args.json:
        ctx.json({"ok": True, "id": row["id"]})
    return 0


# -- due ---------------------------------------------------------------------------------------
def cmd_due(ctx) -> int:
    s = ctx.session()
    today = parse_date(ctx.args.as_of, "as_of") if ctx.args.as_of else s.clock.today()
    assert isinstance(today, date)
    from ztclient.services.due import due_items

    items = due_items(s, today)
    if ctx.args.json:
        ctx.json(
            {
                "as_of": today.isoformat(),
                "items": [
                    {
                        "kind": i.kind,
                        "subject": i.subject,
                        "when": i.when,
                        "params": plain(i.params),
                        "record_id": i.record_id,
                    }
                    for i in items
                ],
            }
        )
        return 0
    for i in items:
        ctx.out(due_line(i, ctx.lang))
    ctx.out(f"({len(items)})")
    return 0
