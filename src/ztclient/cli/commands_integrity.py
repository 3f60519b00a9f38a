"""Integrity verbs: ``rekey`` (a new data key) and ``diagnose`` (a support zip).

``verify``, ``backup`` and ``restore`` stay with the data-folder verbs (commands_data.py).
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    "I_REKEY_DONE": (
        "已更换数据密钥：数据库已用新的数据密钥重新加密，密钥文件是新的。",
        "Re-encrypted: the database is under a new data key, with a new key file.",
    ),
    "I_REKEY_CODE": (
        "新的恢复码（只显示这一次，请打印或抄写后锁入保密柜；原来的恢复码已经作废）：",
        "New recovery code (shown once: print or copy it and lock it away; the old code no longer works):",
    ),
    "I_DIAGNOSE_DONE": (
        "诊断包已写入 {path}（不含党员信息、口令和密钥）。请连同出错时的编号交给上级组织。",
        "Support zip written to {path} (no member data, passphrase or key). Send it with any error reference.",
    ),
    "I_REKEY_ASIDE": (
        "原来的数据库和密钥文件已移到 {path}（未删除）。那里的旧数据仍能用旧口令打开："
        "核对新数据无误后，请按保密规定销毁该文件夹，以及用旧密钥做的备份。",
        "The old database and key file were moved to {path} (not deleted). They still open with the "
        "old passphrase: once the new data is checked, destroy that folder, and backups made under "
        "the old key, as your rules require.",
    ),
}


def _t(ctx, key: str, **params: Any) -> str:
    zh, en = TEXTS[key]
    return (en if ctx.lang == "en" else zh).format(**params)


def register(sub) -> None:
    p = sub.add_parser(
        "rekey",
        help="更换数据密钥并重新加密数据库 / re-encrypt the database under a new data key",
    )
    p.add_argument(
        "--change-passphrase",
        action="store_true",
        help="同时设置新口令 / also set a new passphrase",
    )
    p.add_argument("--new-passphrase-file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rekey)

    p = sub.add_parser(
        "diagnose",
        help="生成诊断包（不含个人信息）/ write a support zip (no personal data)",
    )
    p.add_argument("--out", required=True, help="诊断包文件 FILE.zip / the zip to write")
    p.add_argument(
        "--no-unlock",
        action="store_true",
        help="不打开数据（不需要口令）/ do not open the unit (no passphrase needed)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_diagnose)


def cmd_rekey(ctx) -> int:
    from ztclient.domain.errors import DomainError

    passphrase = ctx.passphrase("当前口令 / Current passphrase: ")
    new = ctx.new_passphrase() if ctx.args.change_passphrase else None
    result = ctx.app.rekey(passphrase, new)
    if ctx.args.json:
        ctx.json({"ok": not result["problems"], **result})
    else:
        ctx.out(_t(ctx, "I_REKEY_DONE"))
        ctx.out("")
        ctx.out(_t(ctx, "I_REKEY_CODE"))
        ctx.out(f"    {result['recovery_code']}")
        ctx.out("")
        ctx.out(_t(ctx, "I_REKEY_ASIDE", path=result["moved_aside"]))
        for line in result["problems"]:
            ctx.out(line)
    if result["problems"]:
        raise DomainError("E_VERIFY_FAILED", count=len(result["problems"]))
    return 0


def cmd_diagnose(ctx) -> int:
    from pathlib import Path

    from ztclient.domain.errors import DomainError

    passphrase = None
    if not ctx.args.no_unlock and ctx.app.state() != "empty":
        try:
            passphrase = ctx.passphrase()
        except DomainError as err:  # no passphrase source: diagnose what can be seen anyway
            if err.code != "E_NO_PASSPHRASE":
                raise
    summary = ctx.app.diagnose(Path(ctx.args.out), passphrase)
    if ctx.args.json:
        ctx.json({"ok": True, "file": ctx.args.out, "unlock": summary["unlock"]})
    else:
        ctx.out(_t(ctx, "I_DIAGNOSE_DONE", path=ctx.args.out))
    return 0
