"""组织关系转接 on the command line: answer other units' letters, print this unit's 介绍信.

Transfers between units are proposals (services/transfers.py): ``transfers accept`` is the only
way a letter from another unit puts anyone into this unit's roster.
"""

from __future__ import annotations

from pathlib import Path

from ztclient.cli.commands_records import resolve_member, resolve_org
from ztclient.domain import codes


def register(sub) -> None:
    tr = sub.add_parser("transfers", help="组织关系转接 / transfers between units").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    tr.required = True
    p = tr.add_parser("list", help="待处理的介绍信和对方答复 / letters and answers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = tr.add_parser("show", help="一封介绍信 / one letter")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)
    p = tr.add_parser("accept", help="接收 / accept the person")
    p.add_argument("id")
    p.add_argument("--org", required=True, help="编入的党支部 / the branch")
    p.add_argument("--group", help="党小组")
    p.add_argument("--date", help="接收日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--link", help="接回本单位原有党员（身份证号码须一致）/ a former member")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_accept)
    p = tr.add_parser("refuse", help="拒收 / refuse, with a reason")
    p.add_argument("id")
    p.add_argument("--reason", required=True)
    p.add_argument("--date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_refuse)
    p = tr.add_parser("letter", help="打印介绍信 / print the letter of a transfer_out")
    p.add_argument("event_id")
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_letter)


def _line(t: dict, lang: str) -> str:
    letter = t["letter"]
    state = {"pending": "待处理", "accepted": "已接收", "refused": "已拒收"}.get(
        t["state"], t["state"]
    )
    if lang == "en":
        state = t["state"]
    if t["direction"] == "in":
        return "\t".join(
            [
                "转入" if lang == "zh" else "in",
                letter.get("name", ""),
                t["from_unit"],
                letter.get("to_org", ""),
                state,
                t["id"],
            ]
        )
    return "\t".join(
        ["转出" if lang == "zh" else "out", t["to_unit"], state, t.get("reason") or "", t["id"]]
    )


def cmd_list(ctx) -> int:
    rows = ctx.session().transfers.list()
    if ctx.args.json:
        ctx.json(rows)
        return 0
    for t in rows:
        ctx.out(_line(t, ctx.lang))
    ctx.out(f"({len(rows)})")
    return 0


def cmd_show(ctx) -> int:
    t = ctx.session().transfers.get(ctx.args.id)
    if ctx.args.json:
        ctx.json(t)
        return 0
    letter, member = t["letter"], t["letter"].get("member") or {}
    gender = codes.table("gender")
    ctx.out(_line(t, ctx.lang))
    for label, value in (
        ("姓名", letter.get("name")),
        ("性别", gender.label(member["gender"]) if member.get("gender") in gender else ""),
        ("转出组织", letter.get("from_org")),
        ("转往组织", letter.get("to_org")),
        ("介绍信编号", letter.get("letter_no")),
        ("党费交至", letter.get("dues_paid_to")),
        ("有效期（天）", letter.get("valid_days")),
        ("开具日期", letter.get("date")),
    ):
        ctx.out(f"  {label}：{value or ''}")
    return 0


def cmd_accept(ctx) -> int:
    s = ctx.session()
    member_id, _ = s.transfers.accept(
        ctx.args.id,
        resolve_org(s, ctx.args.org),
        group_id=resolve_org(s, ctx.args.group),
        date=ctx.args.date,
        link_member_id=resolve_member(s, ctx.args.link) if ctx.args.link else None,
    )
    if ctx.args.json:
        ctx.json({"ok": True, "member_id": member_id})
    else:
        ctx.out("已接收，答复将在下次同步时送达转出单位。" if ctx.lang == "zh" else "Accepted.")
        ctx.out(member_id)
    return 0


def cmd_refuse(ctx) -> int:
    s = ctx.session()
    s.transfers.refuse(ctx.args.id, ctx.args.reason, ctx.args.date)
    if ctx.args.json:
        ctx.json({"ok": True})
    else:
        ctx.out("已拒收，答复将在下次同步时送达转出单位。" if ctx.lang == "zh" else "Refused.")
    return 0


def cmd_letter(ctx) -> int:
    s = ctx.session()
    out = Path(ctx.args.out)
    result = s.development_docs.print_transfer_letter(ctx.args.event_id, out)
    if ctx.args.json:
        ctx.json({"ok": True, "out": str(out), "pages": result.pages})
    else:
        ctx.out(f"已生成 {out}（{result.pages} 页）")
    return 0
