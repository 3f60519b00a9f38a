"""Records: members, meetings, study. JSON shapes are documented in docs/cli.md."""

from __future__ import annotations

import contextlib
from typing import Any

from ztclient.cli.main import load_json_file
from ztclient.domain import codes, idnumber
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.rules import CODED_FIELDS


def register(sub) -> None:
    members = sub.add_parser("members", help="党员 / members").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    members.required = True
    from ztclient.cli.commands_documents import register_import

    register_import(members)
    p = members.add_parser("list", help="花名册 / roster")
    p.add_argument(
        "--search",
        help="姓名、拼音首字母、身份证或手机号后几位 / name, pinyin initials, last digits",
    )
    p.add_argument("--org", help="组织名称或编号 / organisation name, code or id")
    p.add_argument(
        "--all", action="store_true", help="包括已出党、转出、去世 / include former members"
    )
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_members_list)
    p = members.add_parser("show", help="党员详情 / one member")
    p.add_argument("id")
    p.add_argument(
        "--reveal",
        action="store_true",
        help="显示完整身份证号和电话（记入审计）/ show full numbers (audited)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_members_show)
    p = members.add_parser("add", help="添加党员 / add members from JSON")
    p.add_argument("--from-json", required=True, dest="from_json")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_members_add)

    meetings = sub.add_parser("meetings", help="会议 / meetings").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    meetings.required = True
    p = meetings.add_parser("add", help="记录会议 / record a meeting from JSON")
    p.add_argument("--from-json", required=True, dest="from_json")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings_add)
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
    p = study.add_parser("summary", help="年度学时 / yearly hours against the target")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--org")
    p.add_argument(
        "--short", action="store_true", help="只列未达标 / only members short of the target"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_study_summary)


# -- resolving human-friendly references -----------------------------------------------------
def resolve_org(session, ref: str | None) -> str | None:
    if not ref:
        return None
    if not isinstance(ref, str):
        raise DomainError("E_NOT_FOUND", "org", what="org", id=str(ref))
    rows = session.store.read(
        "SELECT id FROM orgs WHERE id = ? OR code = ? OR name = ?", (ref, ref, ref)
    )
    if len(rows) != 1:
        raise DomainError("E_NOT_FOUND", "org", what="org", id=ref)
    return rows[0]["id"]


def resolve_member(session, ref: str | None, org_id: str | None = None) -> str | None:
    if not ref:
        return None
    if not isinstance(ref, str):
        raise DomainError("E_NOT_FOUND", "member", what="member", id=str(ref))
    params: list[Any] = [ref, ref]
    sql = "SELECT id FROM members WHERE (id = ? OR id_number = ?"
    norm = None
    with contextlib.suppress(DomainError):
        norm = idnumber.normalize(ref)
    if norm:
        sql += " OR id_number = ?"
        params.append(norm)
    sql += " OR name = ?)"
    params.append(ref)
    rows = session.store.read(sql, params)
    if len(rows) > 1 and org_id:
        rows = [
            r
            for r in rows
            if session.store.scalar(
                "SELECT 1 FROM members WHERE id = ? AND (org_id = ? OR group_id = ?)",
                (r["id"], org_id, org_id),
            )
        ]
    if len(rows) != 1:
        raise DomainError(
            "E_NOT_FOUND" if not rows else "E_AMBIGUOUS", "member", what="member", id=ref
        )
    return rows[0]["id"]


def member_fields(session, obj: dict[str, Any]) -> dict[str, Any]:
    """Accept codes or labels for coded fields, and an org by name/code/id."""
    if not isinstance(obj, dict):
        raise DomainError("E_JSON_INVALID", detail="each member must be an object")
    data = dict(obj)
    if "org" in data:
        data["org_id"] = resolve_org(session, data.pop("org"))
    if "group" in data:
        data["group_id"] = resolve_org(session, data.pop("group"))
    data.setdefault("org_id", session.root_org_id)
    for field, table in CODED_FIELDS.items():
        value = data.get(field)
        if value not in (None, ""):
            data[field] = codes.table(table).code_for(str(value), field=field)
    return data


def mask_row(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    if out.get("id_number"):
        try:
            out["id_number"] = idnumber.mask(out["id_number"])
        except Exception:
            out["id_number"] = "*" * len(out["id_number"])
    if out.get("phone"):
        p = out["phone"]
        out["phone"] = p[:3] + "*" * max(0, len(p) - 7) + p[-4:] if len(p) > 7 else "*" * len(p)
    if out.get("address"):
        out["address"] = out["address"][:6] + "…"
    return out


# -- members -----------------------------------------------------------------------------------
def cmd_members_list(ctx) -> int:
    s = ctx.session()
    rows = s.members.list(
        ctx.args.search,
        org_id=resolve_org(s, ctx.args.org),
        include_former=ctx.args.all,
        limit=ctx.args.limit,
    )
    rows = [mask_row(r) for r in rows]
    if ctx.args.json:
        ctx.json(rows)
        return 0
    cat, gen = codes.table("category"), codes.table("gender")
    for r in rows:
        ctx.out(
            "\t".join(
                [
                    r["name"],
                    gen.label(r["gender"], ctx.lang),
                    cat.label(r["category"], ctx.lang),
                    r["org_name"] or "",
                    r["id_number"] or "",
                    r["phone"] or "",
                    r["id"],
                ]
            )
        )
    ctx.out(f"({len(rows)})")
    return 0


def cmd_members_show(ctx) -> int:
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.id)
    row = s.members.get(member_id)
    if ctx.args.reveal:
        for f in ("id_number", "phone", "address"):
            if row.get(f):
                row[f] = s.members.reveal(member_id, f)
    else:
        row = mask_row(row)
    row["history"] = s.members.history(member_id)
    if ctx.args.json:
        ctx.json(row)
        return 0
    for k in (
        "name",
        "gender",
        "id_number",
        "birth_date",
        "ethnicity",
        "education",
        "category",
        "status",
        "org_name",
        "join_date",
        "full_member_date",
        "phone",
        "work_unit",
        "id",
    ):
        ctx.out(f"{k}: {row.get(k) or ''}")
    for e in row["history"]:
        ctx.out(
            f"  {e['date']} {codes.table('event_kind').label(e['kind'], ctx.lang)}"
            + ("（已作废）" if e["voided"] else "")
        )
    return 0


def _as_list(obj: Any, key: str) -> list[Any]:
    if isinstance(obj, dict) and key in obj and isinstance(obj[key], list):
        return obj[key]
    return obj if isinstance(obj, list) else [obj]


def cmd_members_add(ctx) -> int:
    s = ctx.session()
    items = _as_list(load_json_file(ctx.args.from_json), "members")
    rows, errors = [], []
    for i, obj in enumerate(items):
        try:
            rows.append(member_fields(s, obj))
        except DomainError as e:
            e.params.setdefault("row", i + 1)
            errors.append(e)
    if errors:
        raise ValidationErrors(errors)
    ids, _ = s.members.add_many(rows, action="member.add")
    if ctx.args.json:
        ctx.json({"ok": True, "ids": ids})
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(ids)))
        for i in ids:
            ctx.out(i)
    return 0


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
    ids = [s.meetings.add(data)[0] for data in prepared]
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
