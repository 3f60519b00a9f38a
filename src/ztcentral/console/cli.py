"""``ztcentral user add|list|disable|passwd``: console accounts from the command line.

Passwords come from ``--password-file`` (first line; for scripts) or a prompt asked twice;
never from an argument (it would sit in the shell history and the process list).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from ztcentral import localtime
from ztcentral.console import accounts, i18n


def _password(a: argparse.Namespace) -> str:
    if a.password_file is not None:
        return (
            a.password_file.read_text("utf-8").splitlines()[0]
            if a.password_file.stat().st_size
            else ""
        )
    first = getpass.getpass("密码 / password: ")
    if first != getpass.getpass("再输入一次 / again: "):
        raise accounts.ConsoleError("E_CONSOLE_INPUT", field="password")
    return first


def run(a: argparse.Namespace, open_central) -> int:
    central = open_central(a.data_dir)
    try:
        if a.user_cmd == "add":
            accounts.add(central.db, a.name, a.role, _password(a))
            print(f"user {a.name} ({a.role}) added")
        elif a.user_cmd == "list":
            rows = accounts.listing(central.db)
            if a.json:
                print(json.dumps(rows, ensure_ascii=False))
            for r in [] if a.json else rows:
                state = "disabled" if r["disabled"] else "active"
                # created, in the committee's local time as the console shows it
                created = localtime.labelled(r["created_at"])
                print(f"{r['name']}\t{r['role']}\t{state}\t{created}")
        elif a.user_cmd == "disable":
            accounts.disable(central.db, a.name)
            print(f"user {a.name} disabled")
        elif a.user_cmd == "passwd":
            accounts.set_password(central.db, a.name, _password(a))
            print(f"password of {a.name} changed")
    except accounts.ConsoleError as exc:
        zh, en = i18n.text(exc.code, "zh", **exc.params), i18n.text(exc.code, "en", **exc.params)
        print(f"{exc.code}: {zh} / {en}", file=sys.stderr)
        return 4
    except (OSError, IndexError) as exc:
        print(
            f"E_CONSOLE_INPUT: 无法读取密码文件 / cannot read the password file: {exc}",
            file=sys.stderr,
        )
        return 4
    return 0


def add_parser(sub) -> None:
    s = sub.add_parser("user", help="console accounts (add, list, disable, passwd)")
    us = s.add_subparsers(dest="user_cmd", required=True)
    u = us.add_parser("add", help="add a console account")
    u.add_argument("name")
    u.add_argument("--role", choices=accounts.ROLES, required=True)
    u.add_argument("--password-file", type=Path)
    u = us.add_parser("list", help="list console accounts")
    u.add_argument("--json", action="store_true")
    u = us.add_parser("disable", help="disable an account (its sessions end)")
    u.add_argument("name")
    u = us.add_parser("passwd", help="set a new password (its sessions end)")
    u.add_argument("name")
    u.add_argument("--password-file", type=Path)
