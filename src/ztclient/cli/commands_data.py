"""The data folder: init, demo, passwd, recover, backup, restore, operator, verify."""

from __future__ import annotations

from pathlib import Path

from ztclient.domain.errors import DomainError


def register(sub) -> None:
    p = sub.add_parser("init", help="建立本单位的加密数据 / create the unit's encrypted data")
    p.add_argument("--unit-name", required=True)
    p.add_argument("--unit-code", required=True)
    p.add_argument(
        "--unit-kind", default="committee", choices=["committee", "general_branch", "branch"]
    )
    p.add_argument(
        "--operator", metavar="NAME", help="经办人姓名 / the name of the person keeping the records"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示数据 / load demo data")
    p.add_argument("--scale", choices=["branch", "committee"], default="branch")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("passwd", help="修改口令 / change the passphrase")
    p.add_argument("--new-passphrase-file")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser(
        "recover", help="用恢复码设置新口令 / set a new passphrase with the recovery code"
    )
    p.add_argument("--recovery-code", required=True)
    p.add_argument("--new-passphrase-file")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("backup", help="加密备份 / encrypted backup")
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复 / restore from a backup")
    p.add_argument("file")
    p.add_argument(
        "--other-unit",
        action="store_true",
        help="确认用其他单位的备份替换当前数据 / confirm replacing the data with another unit's backup",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "operator",
        help="经办人（操作日志和报表制表人记的姓名）/ the name the audit trail and reports give",
    )
    p.add_argument("--set", metavar="NAME", help="设置经办人姓名 / set the name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_operator)

    p = sub.add_parser("verify", help="检查数据完整性 / check integrity, audit chain and outbox")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)


def cmd_init(ctx) -> int:
    if ctx.args.operator is not None:  # a name that will not do is said before the passphrase
        from ztclient.services.operator import clean

        clean(ctx.args.operator)
    passphrase = (
        ctx.new_passphrase() if not (ctx.args.passphrase_file or _env_pass()) else ctx.passphrase()
    )
    session, code = ctx.app.create_unit(
        ctx.args.unit_name, ctx.args.unit_code, passphrase, ctx.args.unit_kind, ctx.args.operator
    )
    session.close()
    number = ctx.app.recovery_number()
    if ctx.args.json:
        ctx.json({"ok": True, "data_dir": str(ctx.app.data_dir), "recovery_code": code,
                  "recovery_number": number})  # fmt: skip
    else:
        ctx.out(ctx.msg("I_INIT_DONE", path=str(ctx.app.data_dir)))
        ctx.out("")
        ctx.out(ctx.msg("I_RECOVERY_CODE"))
        ctx.out(f"    {code}")
        ctx.out(ctx.msg("I_RECOVERY_NUMBER", number=number))
        ctx.out("")
    return 0


def _env_pass() -> bool:
    import os

    return bool(os.environ.get("ZTCLIENT_PASSPHRASE"))


def cmd_demo(ctx) -> int:
    session = ctx.session()
    if session.counts()["members_all"] > 0:
        raise DomainError("E_DEMO_NOT_EMPTY")
    counts = ctx.app.demo(session, scale=ctx.args.scale, seed=ctx.args.seed)
    if ctx.args.json:
        ctx.json({"ok": True, **counts})
    else:
        ctx.out(ctx.msg("I_DEMO_DONE", **counts))
    return 0


def cmd_passwd(ctx) -> int:
    old = ctx.passphrase("当前口令 / Current passphrase: ")
    new = ctx.new_passphrase()
    ctx.app.change_passphrase(old, new)
    ctx.out(ctx.msg("I_PASSWD_DONE"))
    return 0


def cmd_recover(ctx) -> int:
    new = ctx.new_passphrase()
    ctx.app.recover(ctx.args.recovery_code, new)
    ctx.out(ctx.msg("I_RECOVER_DONE"))
    return 0


def cmd_backup(ctx) -> int:
    manifest = ctx.app.backups.backup(ctx.session(), Path(ctx.args.out))
    if ctx.args.json:
        ctx.json({"ok": True, "file": ctx.args.out, **manifest})
    else:
        ctx.out(ctx.msg("I_BACKUP_DONE", path=ctx.args.out))
    return 0


def cmd_restore(ctx) -> int:
    result = ctx.app.backups.restore(
        Path(ctx.args.file), ctx.passphrase(), other_unit=ctx.args.other_unit
    )
    if ctx.args.json:
        ctx.json({"ok": True, **result})
    else:
        ctx.out(
            ctx.msg("I_RESTORE_DONE", path=ctx.args.file, replaced=result.get("replaced") or "-")
        )
        if trail := result.get("trail_problems"):
            ctx.out(ctx.msg("W_RESTORE_TRAIL", count=len(trail), first=trail[0]))
    return 0


def cmd_operator(ctx) -> int:
    """Show the 经办人 set on this device, or set one (services/operator.py)."""
    service = ctx.session().operator
    name = service.set(ctx.args.set) if ctx.args.set is not None else service.name()
    if ctx.args.json:
        ctx.json({"ok": True, "name": name})
    else:
        ctx.out(ctx.msg("I_OPERATOR", name=name) if name else ctx.msg("I_OPERATOR_NONE"))
    return 0


def cmd_verify(ctx) -> int:
    session = ctx.session()
    problems = session.verify()
    if ctx.args.json:
        ctx.json({"ok": not problems, "problems": problems, "counts": session.counts()})
    elif problems:
        for p in problems:
            ctx.out(p)
    else:
        ctx.out(ctx.msg("I_VERIFY_OK", **session.counts()))
    if problems:
        raise DomainError("E_VERIFY_FAILED", count=len(problems))
    return 0
