"""``notices``: the centre's notices with this unit's read receipt and reply (docs/cli.md)."""

from __future__ import annotations


def register(sub) -> None:
    notices = sub.add_parser("notices", help="上级通知与回执 / notices and replies")
    notices = notices.add_subparsers(dest="sub", metavar="ACTION")
    notices.required = True
    p = notices.add_parser("list", help="通知列表 / notices received")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = notices.add_parser("read", help="标为已读（回执随下次同步上报）/ mark read")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_read)
    p = notices.add_parser("reply", help="简短回复（随下次同步上报）/ a short reply")
    p.add_argument("id")
    p.add_argument("--text", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reply)


def cmd_list(ctx) -> int:
    rows = ctx.session().notices.list()
    if ctx.args.json:
        ctx.json(rows)
        return 0
    zh = ctx.lang != "en"
    for r in rows:
        state = (
            (("已读 " if zh else "read ") + r["read_at"][:10])
            if r["read_at"]
            else ("未读" if zh else "unread")
        )
        ctx.out(
            "\t".join(
                [
                    r["received_at"][:10],
                    r["title"] or r["item_id"],
                    state,
                    r["feedback"],
                    r["item_id"],
                ]
            )
        )
    ctx.out(f"({len(rows)})")
    return 0


def _done(ctx) -> int:
    if ctx.args.json:
        ctx.json({"ok": True, "id": ctx.args.id})
    return 0


def cmd_read(ctx) -> int:
    ctx.session().notices.read(ctx.args.id)
    return _done(ctx)


def cmd_reply(ctx) -> int:
    ctx.session().notices.reply(ctx.args.id, ctx.args.text)
    return _done(ctx)
