"""Meetings and study: record meetings (every field checked, the snapshot of the day kept),
list them, log study and see the yearly hours, and the unit's setting of what counts.
JSON shapes are documented in docs/cli.md."""

from __future__ import annotations

from typing import Any

from ztclient.cli.commands_records import _as_list, register_edit, resolve_member, resolve_org
from ztclient.cli.main import load_json_file
from ztclient.domain import codes
from ztclient.domain.errors import DomainError, ValidationErrors


def register(sub) -> None:
    meetings = sub.add_parser("meetings", help="会议 / meetings").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    meetings.required = True
    p = meetings.add_parser("add", help="记录会议 / record a meeting from JSON")
    p.add_argument("--from-json", required=True, dest="from_json")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings_add)
    p = meetings.add_parser("show", help="会议详情 / one meeting")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings_show)
    register_edit(
        meetings, "修改会议 / change a meeting (the fields FILE names)", cmd_meetings_edit
    )
    p = meetings.add_parser("void", help="作废会议（记录保留）/ void a meeting (kept)")
    p.add_argument("id")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings_void)
    p = meetings.add_parser("list", help="会议列表 / list meetings")
    p.add_argument("--kind")
    p.add_argument("--org")
    p.add_argument("--year", type=int)
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings_list)

    study = sub.add_parser("study", help="学习 / study").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    study.required = True
    p = study.add_parser("add", help="记录学习 / add study logs from JSON")
    p.add_argument("--from-json", required=True, dest="from_json")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_study_add)
    p = study.add_parser("list", help="学习记录 / study logs, newest first (voided ones marked)")
    p.add_argument("--member", help="姓名或身份证号码 / name or ID number")
    p.add_argument("--year", type=int)
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_study_list)
    p = study.add_parser("void", help="作废一条学习记录（记录保留）/ void a study log (kept)")
    p.add_argument("log_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_study_void)
    p = study.add_parser("summary", help="年度学时 / yearly hours against the target")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--org")
    p.add_argument(
        "--short", action="store_true", help="只列未达标 / only members short of the target"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_study_summary)
    p = study.add_parser(
        "counting", help="哪些学习形式计入年度学时目标 / which study forms count towards the target"
    )
    p.add_argument(
        "--set",
        dest="forms",
        help="逗号分隔的学习形式（代码或名称），如 集中培训,集体学习 / comma-separated forms",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_study_counting)


# -- meetings ----------------------------------------------------------------------------------
def meeting_fields(s, obj: Any, index: int = 1) -> dict[str, Any]:
    """Names instead of ids (org, chair, recorder, attendance members, subjects), ``all_present``;
    anything malformed is left for the service to name, never a traceback here."""
    if not isinstance(obj, dict):
        raise DomainError("E_JSON_INVALID", row=index, detail="a meeting must be an object")
    data = dict(obj)
    if "org" in data:
        data["org_id"] = resolve_org(s, data.pop("org"))
    data.setdefault("org_id", s.root_org_id)
    for who in ("chair", "recorder"):
        if who in data:
            data[f"{who}_id"] = resolve_member(s, data.pop(who), data["org_id"])
    if isinstance(data.get("attendance"), list):
        rows = []
        for a in data["attendance"]:
            if isinstance(a, dict) and "member" in a:
                member = a["member"]
                a = {k: v for k, v in a.items() if k != "member"}
                a["member_id"] = resolve_member(s, member, data["org_id"])
            rows.append(a)
        data["attendance"] = rows
    if data.pop("all_present", False):
        due = s.meetings.due_members(
            data["org_id"], data.get("kind", ""), str(data.get("starts_at", ""))[:10] or None
        )
        data["attendance"] = [{"member_id": r["member_id"], "status": "present"} for r in due]
    if isinstance(data.get("resolutions"), list):
        data["resolutions"] = [
            {**{k: v for k, v in r.items() if k != "subject"},
             "subject_member_id": resolve_member(s, r["subject"], data["org_id"])}
            if isinstance(r, dict) and "subject" in r else r
            for r in data["resolutions"]
        ]  # fmt: skip
    return data


def cmd_meetings_add(ctx) -> int:
    """All or nothing: every meeting of the file is checked before the first is written."""
    s = ctx.session()
    items = _as_list(load_json_file(ctx.args.from_json), "meetings")
    prepared, errors = [], []
    for i, obj in enumerate(items, 1):
        try:
            data = meeting_fields(s, obj, i)
            s.meetings.check(data)
            prepared.append(data)
        except DomainError as e:
            for err in getattr(e, "errors", [e]):
                if len(items) > 1:
                    err.params.setdefault("meeting", i)
                errors.append(err)
    if errors:
        raise ValidationErrors(errors)
    # Written in one transaction: the 发展党员 rules a resolution triggers are checked as its
    # meeting is written, so a refusal there rolls back the meetings before it too.
    ids, _ = s.meetings.add_many(prepared)
    if ctx.args.json:
        results = [{"id": mid, "quorum": s.meetings.result(mid).to_dict()} for mid in ids]
        ctx.json({"ok": True, "meetings": results})
    else:
        for meeting_id in ids:
            ctx.out(meeting_id)
            for line in s.meetings.result(meeting_id).explain(ctx.lang):
                ctx.out("  " + line)
    return 0


def cmd_meetings_list(ctx) -> int:
    s = ctx.session()
    start = end = None
    if ctx.args.year:
        start, end = f"{ctx.args.year}-01-01", f"{ctx.args.year}-12-31"
    rows = s.meetings.list(
        org_id=resolve_org(s, ctx.args.org),
        kind=ctx.args.kind,
        start=start,
        end=end,
        limit=ctx.args.limit,
    )
    if ctx.args.json:
        ctx.json(rows)
        return 0
    kinds = codes.table("meeting_kind")
    for r in rows:
        ctx.out(
            "\t".join(
                [
                    r["starts_at"],
                    kinds.label(r["kind"], ctx.lang),
                    r["title"],
                    f"{r['present']}/{r['due']}",
                    r["id"],
                ]
            )
        )
    ctx.out(f"({len(rows)})")
    return 0


# -- study -------------------------------------------------------------------------------------
def cmd_study_add(ctx) -> int:
    s = ctx.session()
    obj = load_json_file(ctx.args.from_json)
    if (
        isinstance(obj, dict)
        and "meeting_id" in obj
        and "member" not in obj
        and "member_id" not in obj
    ):
        ids, _ = s.study.add_for_meeting(
            obj["meeting_id"], obj.get("hours"), obj.get("form"), obj.get("topic")
        )
    else:
        logs = []
        for i, item in enumerate(_as_list(obj, "logs")):
            if not isinstance(item, dict):
                raise DomainError("E_JSON_INVALID", detail=f"item {i + 1} is not an object")
            item = dict(item)
            if "member" in item:
                item["member_id"] = resolve_member(s, item.pop("member"))
            if item.get("form"):
                item["form"] = codes.table("study_form").code_for(str(item["form"]), field="form")
            logs.append(item)
        ids, _ = s.study.add(logs)
    if ctx.args.json:
        ctx.json({"ok": True, "ids": ids})
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(ids)))
    return 0


def cmd_study_list(ctx) -> int:
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.member) if ctx.args.member else None
    rows = s.study.logs(member_id, ctx.args.year, limit=max(1, ctx.args.limit))
    keys = ("id", "date", "name", "hours", "form", "topic", "meeting_id", "voided", "void_reason")
    if ctx.args.json:
        ctx.json([{k: r.get(k) for k in keys} for r in rows])
        return 0
    forms = codes.table("study_form")
    for r in rows:
        mark = f"\t已作废：{r['void_reason']}" if r["voided"] else ""
        ctx.out(f"{r['id']}\t{r['date']}\t{r['name']}\t{r['hours']:g}\t"
                f"{forms.label(r['form'])}\t{r['topic']}{mark}")  # fmt: skip
    return 0


def cmd_study_void(ctx) -> int:
    return _void(ctx, ctx.session().study.void, ctx.args.log_id)


def _void(ctx, void, record_id: str) -> int:
    """Void one record with ``--reason`` and say so (the record is kept)."""
    void(record_id, ctx.args.reason)
    if ctx.args.json:
        ctx.json({"ok": True, "id": record_id})
    else:
        ctx.out(ctx.msg("I_VOIDED"))
    return 0


def cmd_study_summary(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    rows = (
        s.study.short_of_target(ctx.args.year, org_id)
        if ctx.args.short
        else s.study.summary(ctx.args.year, org_id)
    )
    if ctx.args.json:
        ctx.json(
            {
                "year": ctx.args.year,
                "members": rows,
                "short_count": sum(1 for r in rows if r["short"] > 0),
            }
        )
        return 0
    for r in rows:
        ctx.out(
            f"{r['name']}\t{r['org_name'] or ''}\t{r['hours']:g}/{r['target']:g}"
            + ("\t未达标" if r["short"] else "")
        )
    ctx.out(f"({len(rows)})")
    return 0


def cmd_study_counting(ctx) -> int:
    """Show, or set, the unit's study forms that count towards the 32/56-hour target."""
    s = ctx.session()
    if ctx.args.forms is not None:
        s.study.set_counted_forms([f for f in ctx.args.forms.replace("，", ",").split(",") if f])
    counted = s.study.counted_forms()
    table = codes.table("study_form")
    if ctx.args.json:
        ctx.json({"counted": list(counted), "forms": [e.code for e in table.entries]})
        return 0
    for e in table.entries:
        mark = "计入" if e.code in counted else "不计入"
        ctx.out(f"{e.code}\t{e.label(ctx.lang)}\t{mark}")
    return 0


def cmd_meetings_show(ctx) -> int:
    s = ctx.session()
    meeting = s.meetings.get(ctx.args.id)
    result = s.meetings.result(ctx.args.id, meeting)
    if ctx.args.json:
        ctx.json(meeting | {"quorum": result.to_dict()})
        return 0
    kinds = codes.table("meeting_kind")
    ctx.out(f"{meeting['starts_at']}\t{kinds.label(meeting['kind'], ctx.lang)}\t{meeting['title']}")
    ctx.out(f"version: {meeting['version']}" + ("（已作废）" if meeting["voided"] else ""))
    for line in result.explain(ctx.lang):
        ctx.out("  " + line)
    return 0


def cmd_meetings_edit(ctx) -> int:
    """The fields FILE names over the stored meeting, as the 会议 page saves it: checked whole,
    the snapshot (应到, 有表决权) kept unless the date or the organisation changes, the
    version checked in the write itself (E_STALE_BASE when another edit came first)."""
    s = ctx.session()
    current = s.meetings.get(ctx.args.id)
    obj = load_json_file(ctx.args.from_json)
    if not isinstance(obj, dict):
        raise DomainError("E_JSON_INVALID", detail="a meeting edit is an object")
    # Names resolve against the meeting's organisation and day unless the edit changes them.
    stored = {k: current[k] for k in ("org_id", "kind", "starts_at")}
    data = meeting_fields(s, stored | obj)
    base = ctx.args.version if ctx.args.version is not None else current["version"]
    s.meetings.update(ctx.args.id, data, base)
    after = s.meetings.get(ctx.args.id)
    if ctx.args.json:
        result = s.meetings.result(ctx.args.id, after).to_dict()
        ctx.json({"ok": True, "id": ctx.args.id, "version": after["version"], "quorum": result})
    else:
        ctx.out(ctx.msg("I_SAVED", version=after["version"]))
    return 0


def cmd_meetings_void(ctx) -> int:
    return _void(ctx, ctx.session().meetings.void, ctx.args.id)
