"""``orgs``: the organisation tree, its committees and terms (docs/cli.md, 组织与换届).

Organisations are named by id, code or name (a live one is preferred when a dissolved one has
the same name); members by id, ID number or an unambiguous name.
"""

from __future__ import annotations

from typing import Any

from ztclient.cli.commands_records import resolve_member
from ztclient.cli.main import load_json_file
from ztclient.cli.org_life_output import print_warnings, resolve_org
from ztclient.domain import codes
from ztclient.domain.dates import parse_date
from ztclient.domain.errors import DomainError
from ztclient.services.org_overview import org_detail


def register(sub) -> None:
    orgs = sub.add_parser("orgs", help="组织与换届 / organisations and committees")
    orgs = orgs.add_subparsers(dest="sub", metavar="ACTION")
    orgs.required = True
    p = orgs.add_parser("list", help="组织列表 / list organisations")
    p.add_argument("--all", action="store_true", help="包括已撤销的 / include dissolved ones")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = orgs.add_parser("add", help="添加组织 / add an organisation")
    p.add_argument("--name", required=True)
    p.add_argument(
        "--kind", default="branch", choices=["committee", "general_branch", "branch", "group"]
    )
    p.add_argument("--parent", help="上级组织名称、编号或 ID（默认本单位）")
    p.add_argument("--code")
    p.add_argument("--unit-type", dest="unit_type", help="单位类型 / unit type (code or label)")
    p.add_argument("--elected-on", dest="elected_on")
    p.add_argument("--term-years", dest="term_years", type=int)
    p.add_argument("--founded", help="成立日期 / founding date (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_add)
    p = orgs.add_parser("show", help="组织详情、任期和委员会 / one organisation")
    p.add_argument("org")
    p.add_argument("--as-of", dest="as_of", help="委员会的日期（默认今天）/ committee as of")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)
    p = orgs.add_parser(
        "set", aliases=["edit"], help="改名、代码、单位类型、成立日期、上级党组织 / rename, recode"
    )
    p.add_argument("org")
    for flag in ("name", "code", "unit-type", "superior"):
        p.add_argument(f"--{flag}", dest=flag.replace("-", "_"))
    p.add_argument("--founded", help='成立日期（"" 清除）/ founding date ("" clears it)')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_set)
    p = orgs.add_parser("post", help="任命/补选 / give a member a post from a date")
    p.add_argument("org")
    p.add_argument("member")
    p.add_argument("post", help="书记、组织委员… or a code (secretary, organisation…)")
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_post)
    p = orgs.add_parser("post-end", help="结束任职 / end a member's post on a date")
    p.add_argument("org")
    p.add_argument("member")
    p.add_argument("--date", required=True, help="最后任职日 / last day held")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_post_end)
    p = orgs.add_parser(
        "post-void", help="录入错误作废任职（记录保留）/ void a post entered by mistake (kept)"
    )
    p.add_argument("org")
    p.add_argument("member")
    p.add_argument("--post", help="职务（有多项时）/ the post, when several")
    p.add_argument("--from", dest="start", help="任职日期（有多项时）/ its first day, when several")
    p.add_argument("--reason", required=True, help="作废原因 / why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_post_void)
    p = orgs.add_parser("elect", help="换届选举 / record an election")
    p.add_argument("org")
    p.add_argument("--date", required=True)
    p.add_argument("--term-years", dest="term_years", type=int)
    p.add_argument("--from-json", dest="from_json", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_elect)
    p = orgs.add_parser(
        "election-void",
        help="录入错误作废换届选举（连同其任职，记录保留）/ void an election entered by mistake",
    )
    p.add_argument("org")
    p.add_argument("--date", required=True, help="选举日期 / the election's date")
    p.add_argument("--reason", required=True, help="作废原因 / why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_election_void)
    p = orgs.add_parser("move", help="调整隶属关系 / put under another organisation")
    p.add_argument("org")
    p.add_argument("--to", dest="parent", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_move)
    p = orgs.add_parser("merge", help="合并 / merge into another of the same kind")
    p.add_argument("org")
    p.add_argument("--into", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merge)
    p = orgs.add_parser("dissolve", help="撤销（不删除）/ dissolve (never deleted)")
    p.add_argument("org")
    p.add_argument("--date", required=True)
    p.add_argument("--move-members-to", dest="target")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_dissolve)


def _done(ctx, quiet: bool = False, **result: Any) -> int:
    """``--json``: ``{"ok", …result}``; else the id, unless the command said more (``quiet``)."""
    if ctx.args.json:
        ctx.json({"ok": True, **result})
    elif "id" in result and not quiet:
        ctx.out(str(result["id"]))
    return 0


def cmd_list(ctx) -> int:
    s = ctx.session()
    rows = s.orgs.list(include_dissolved=ctx.args.all)
    if ctx.args.json:
        ctx.json(rows)
        return 0
    kinds = codes.table("org_kind")
    for r in rows:
        gone = f"\t({r['dissolved_on']})" if r["dissolved_on"] else ""
        ctx.out(
            f"{kinds.label(r['kind'], ctx.lang)}\t{r['name']}\t{r['code'] or ''}\t{r['id']}{gone}"
        )
    return 0


def cmd_add(ctx) -> int:
    s = ctx.session()
    fields = {
        "name": ctx.args.name,
        "kind": ctx.args.kind,
        "code": ctx.args.code,
        "unit_type": ctx.args.unit_type,
        "parent_id": resolve_org(s, ctx.args.parent) or s.root_org_id,
        "elected_on": ctx.args.elected_on,
        "term_years": ctx.args.term_years,
        "founded_on": ctx.args.founded,
    }
    org_id, _ = s.orgs.add({k: v for k, v in fields.items() if v is not None})
    return _done(ctx, id=org_id)


def cmd_show(ctx) -> int:
    s = ctx.session()
    d = org_detail(s, resolve_org(s, ctx.args.org), ctx.args.as_of)
    if ctx.args.json:
        ctx.json({k: v for k, v in d.items() if k not in ("version", "group_members")})
        return 0
    zh = ctx.lang != "en"
    posts = codes.table("party_post")
    ctx.out(f"{d['name']}（{codes.table('org_kind').label(d['kind'], ctx.lang)}）{d['code'] or ''}")
    if d["parent"] or d["superior"]:
        ctx.out(("隶属：" if zh else "Under: ") + (d["parent"] or d["superior"]))
    if d["founded_on"]:
        ctx.out(("成立日期：" if zh else "Founded: ") + d["founded_on"])
    if d["dissolved_on"]:
        ctx.out(("已撤销：" if zh else "Dissolved: ") + d["dissolved_on"])
    if d["term_end"]:
        ctx.out(
            f"本届：{d['elected_on']} 选举，任期 {d['term_years']} 年，至 {d['term_end']}"
            if zh
            else f"Term: elected {d['elected_on']}, {d['term_years']} years, ends {d['term_end']}"
        )
    ctx.out(f"委员会（{d['as_of']}）：" if zh else f"Committee ({d['as_of']}):")
    for p in d["committee"]:
        ctx.out(f"  {posts.label(p['post'], ctx.lang)}\t{p['member_name']}\t{p['start_date']}")
    if d["elections"]:
        ctx.out(ctx.msg("I_ELECTIONS"))
    for e in d["elections"]:
        ctx.out(
            ctx.msg(
                "I_ELECTION_LINE", date=e["date"], years=e["term_years"], size=len(e["committee"])
            )
        )
    return 0


def cmd_set(ctx) -> int:
    s = ctx.session()
    org = s.orgs.get(resolve_org(s, ctx.args.org))
    fields = {k: getattr(ctx.args, k) for k in ("name", "code", "unit_type", "superior")}
    fields["founded_on"] = ctx.args.founded
    s.orgs.update(org["id"], {k: v for k, v in fields.items() if v is not None}, org["version"])
    return _done(ctx, id=org["id"])


def cmd_post(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    member_id = resolve_member(s, ctx.args.member, org_id)
    post_id, _ = s.orgs.assign_post(org_id, member_id, ctx.args.post, ctx.args.start, ctx.args.end)
    if not ctx.args.json:
        ctx.out(ctx.msg("I_POST_GIVEN", **_post_line(ctx, s, post_id)))
    return _done(ctx, id=post_id, quiet=True)


def _post_line(ctx, s, post_id: str) -> dict[str, str]:
    """A post as a clerk reads it: who, which organisation, which post, from when."""
    p = s.store.read_one("SELECT * FROM org_posts WHERE id = ?", (post_id,))
    start, end = p["start_date"], p["end_date"]
    period = (
        ctx.msg("I_POST_FROM_TO", start=start, end=end)
        if end
        else ctx.msg("I_POST_FROM", start=start)
    )
    return {
        "member": s.orgs.member_name(p["member_id"]),
        "org": s.orgs.get(p["org_id"])["name"],
        "post": codes.table("party_post").label(p["post"], ctx.lang),
        "period": period,
    }


def cmd_post_end(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    member_id = resolve_member(s, ctx.args.member, org_id)
    open_posts = [p for p in s.orgs.posts(org_id, ctx.args.date) if p["member_id"] == member_id]
    if not open_posts:
        raise DomainError("E_NOT_FOUND", "member", what="post", id=ctx.args.member)
    for p in open_posts:
        s.orgs.end_post(p["id"], ctx.args.date)
    return _done(ctx, ended=[p["id"] for p in open_posts])


def cmd_post_void(ctx) -> int:
    s, a = ctx.session(), ctx.args
    org_id = resolve_org(s, a.org)
    member_id = resolve_member(s, a.member, org_id)
    posts = [p for p in s.orgs.post_history(org_id) if p["member_id"] == member_id]
    if a.post:
        code = codes.table("party_post").code_for(a.post, "post")
        posts = [p for p in posts if p["post"] == code]
    if a.start:
        posts = [p for p in posts if p["start_date"] == a.start]
    if not posts:
        raise DomainError("E_NOT_FOUND", "member", what="post", id=a.member)
    if len(posts) > 1:
        named = "、".join(
            f"{codes.table('party_post').label(p['post'])} {p['start_date']}" for p in posts
        )
        raise DomainError(
            "E_POST_AMBIGUOUS", member=posts[0]["member_name"], org=s.orgs.get(org_id)["name"],
            posts=named,
        )  # fmt: skip
    s.orgs.void_post(posts[0]["id"], a.reason)
    if not a.json:
        row = s.store.read_one("SELECT void_reason FROM org_posts WHERE id = ?", (posts[0]["id"],))
        line = _post_line(ctx, s, posts[0]["id"])
        ctx.out(ctx.msg("I_POST_VOIDED", reason=row["void_reason"], **line))
    return _done(ctx, id=posts[0]["id"], quiet=True)


def cmd_election_void(ctx) -> int:
    s, a = ctx.session(), ctx.args
    org_id = resolve_org(s, a.org)
    day = parse_date(a.date, "date").isoformat()
    found = [e for e in s.elections.list(org_id) if e["date"] == day]
    if not found:
        raise DomainError("E_NOT_FOUND", "date", what="election", id=day)
    undone, _ = s.elections.void(found[0]["id"], a.reason)
    if a.json:
        ctx.json({"ok": True, "id": found[0]["id"], "posts_voided": undone.posts_voided,
                  "posts_restored": undone.posts_restored})  # fmt: skip
        return 0
    ctx.out(
        ctx.msg("I_ELECTION_VOIDED", org=found[0]["org_name"], date=day, reason=a.reason.strip(),
                voided=undone.posts_voided, restored=undone.posts_restored)
    )  # fmt: skip
    return 0


def cmd_elect(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    obj = load_json_file(ctx.args.from_json)
    data = (
        {"committee": obj}
        if isinstance(obj, list)
        else dict(obj)
        if isinstance(obj, dict)
        else None
    )
    if data is None:
        raise DomainError("E_JSON_INVALID", detail="an object with a committee list, or the list")
    if "meeting" in data:
        data["meeting_id"] = data.pop("meeting")
    committee = []
    for r in data.get("committee") or []:
        if not isinstance(r, dict):
            raise DomainError("E_JSON_INVALID", detail="committee: [{member, post}]")
        r = dict(r)
        if "member" in r:
            r["member_id"] = resolve_member(s, r.pop("member"), None)
        committee.append(r)
    data["committee"] = committee
    data["date"] = ctx.args.date
    if ctx.args.term_years is not None:
        data["term_years"] = ctx.args.term_years
    rec = s.elections.elect(org_id, data)
    term = s.orgs.term(s.orgs.get(org_id))
    if ctx.args.json:
        ctx.json(
            {
                "ok": True,
                "id": rec.id,
                "term_end": term.term_end.isoformat() if term else None,
                "warnings": [w.to_dict() for w in rec.warnings],
            }
        )
    else:
        [e] = [e for e in s.elections.list(org_id) if e["id"] == rec.id]
        posts, zh = codes.table("party_post"), ctx.lang != "en"
        ctx.out(
            ctx.msg(
                "I_ELECTED", org=e["org_name"], date=e["date"], years=e["term_years"],
                end=term.term_end.isoformat() if term else "—", size=len(e["committee"]),
                names=("、" if zh else ", ").join(
                    f"{c['member_name']}（{posts.label(c['post'], ctx.lang)}）" if zh
                    else f"{c['member_name']} ({posts.label(c['post'], ctx.lang)})"
                    for c in e["committee"]
                ),
            )
        )  # fmt: skip
    print_warnings(ctx, rec.warnings)
    return 0


def cmd_move(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    s.restructure.move(org_id, resolve_org(s, ctx.args.parent), ctx.args.date)
    return _done(ctx, id=org_id)


def cmd_merge(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    s.restructure.merge(org_id, resolve_org(s, ctx.args.into), ctx.args.date)
    return _done(ctx, id=org_id)


def cmd_dissolve(ctx) -> int:
    s = ctx.session()
    org_id = resolve_org(s, ctx.args.org)
    s.restructure.dissolve(org_id, ctx.args.date, resolve_org(s, ctx.args.target))
    return _done(ctx, id=org_id)
