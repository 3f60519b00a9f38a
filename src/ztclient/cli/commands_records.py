"""Records: members (organisations: commands_orgs.py; meetings and study: commands_meetings.py).
JSON shapes are documented in docs/cli.md."""

from __future__ import annotations

import contextlib
from typing import Any

from ztclient.cli.main import load_json_file
from ztclient.cli.org_life_output import print_warnings, resolve_org
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
    from ztclient.cli.commands_development import register_member_verbs

    register_member_verbs(members)
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
    register_edit(members, "修改党员信息 / change some fields of a member", cmd_members_edit)
    p = members.add_parser(
        "void", help="录入错误作废（记录保留）/ take back a member entered in error (kept)"
    )
    p.add_argument("id")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_members_void)


def register_edit(sub, help_text: str, func) -> None:
    """``edit ID --from-json FILE [--version N] [--json]``: the same shape for every record."""
    p = sub.add_parser("edit", help=help_text)
    p.add_argument("id")
    p.add_argument("--from-json", required=True, dest="from_json")
    p.add_argument(
        "--version",
        type=int,
        help="所依据的版本（默认当前版本）/ the version the edit is based on (default: current)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=func)


# -- resolving human-friendly references -----------------------------------------------------
def resolve_member(session, ref: str | None, org_id: str | None = None) -> str | None:
    if not ref:
        return None
    if not isinstance(ref, str):
        raise DomainError("E_NOT_FOUND", "member", what="member", id=str(ref))
    params: list[Any] = [ref, ref]
    sql = "SELECT id, status FROM members WHERE (id = ? OR id_number = ?"
    norm = None
    with contextlib.suppress(DomainError):
        norm = idnumber.normalize(ref)
    if norm:
        sql += " OR id_number = ?"
        params.append(norm)
    sql += " OR name = ?)"
    params.append(ref)
    rows = session.store.read(sql, params)
    if len(rows) > 1 and any(r["status"] != "voided" for r in rows):
        # a record voided as entered in error and the person entered again: the live one
        rows = [r for r in rows if r["status"] != "voided" or r["id"] == ref]
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


def member_fields(session, obj: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Accept codes or labels for coded fields, and an org by name/code/id. ``partial``: the
    fields of an edit (no default branch for a field the edit leaves alone)."""
    if not isinstance(obj, dict):
        raise DomainError("E_JSON_INVALID", detail="each member must be an object")
    data = dict(obj)
    if "org" in data:
        data["org_id"] = resolve_org(session, data.pop("org"))
    if "group" in data:
        data["group_id"] = resolve_org(session, data.pop("group"))
    if not partial:
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
    status = codes.table("status")
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
                # 录入错误作废: said on the row (the list shows every status with --all)
                + ([status.label("voided", ctx.lang)] if r["status"] == "voided" else [])
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
        value = row.get(k) or ""
        if k == "status" and value:
            value = codes.table("status").label(value, ctx.lang)
        ctx.out(f"{k}: {value}")
    if row.get("status") == "voided":
        ctx.out(f"void_reason: {row.get('void_reason') or ''}")
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
    warnings = [w for r in rows for w in s.members.notices(r)]
    if ctx.args.json:
        ctx.json({"ok": True, "ids": ids, "warnings": [w.to_dict() for w in warnings]})
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(ids)))
        for i in ids:
            ctx.out(i)
    print_warnings(ctx, warnings)
    return 0

    return 0


def cmd_members_void(ctx) -> int:
    """录入错误作废: the member leaves every count; the record stays (services/member_void.py)."""
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.id)
    s.members.void(member_id, ctx.args.reason)
    if ctx.args.json:
        ctx.json({"ok": True, "id": member_id})
    else:
        ctx.out(ctx.msg("I_VOIDED"))
    return 0


def cmd_members_edit(ctx) -> int:
    """The fields FILE names, as the 党员 page saves them: rules checked on the whole record,
    fields that events own (status, category, their dates) refused, and the version checked
    in the UPDATE itself (E_STALE_BASE when another edit came first)."""
    s = ctx.session()
    member_id = resolve_member(s, ctx.args.id)
    fields = member_fields(s, load_json_file(ctx.args.from_json), partial=True)
    base = ctx.args.version if ctx.args.version is not None else s.members.get(member_id)["version"]
    changes = s.members.update(member_id, fields, base)
    version = s.members.get(member_id)["version"]
    if ctx.args.json:
        ctx.json({"ok": True, "id": member_id, "changed": changes.any, "version": version})
    else:
        ctx.out(ctx.msg("I_SAVED", version=version) if changes.any else ctx.msg("I_UNCHANGED"))
    return 0
