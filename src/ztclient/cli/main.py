"""ztclient-cli: the parser, the passphrase sources, exit codes and error rendering.

Exit codes (a contract): 0 ok, 1 broken installation (a command group cannot load), 2 usage,
3 wrong passphrase, 4 rejected input (nothing written), 5 damaged data.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ztclient.domain.errors import DomainError, ValidationErrors

EXIT_OK, EXIT_USAGE, EXIT_PASSPHRASE, EXIT_REJECTED, EXIT_DAMAGED = 0, 2, 3, 4, 5
EXIT_BROKEN_INSTALL = 1  # a command group cannot be imported: the program, not the data
EXIT_INTERNAL = 1  # a bug (E_INTERNAL): logged with its traceback, never shown as one
PASSPHRASE_CODES = {"E_WRONG_PASSPHRASE", "E_RECOVERY_CODE", "E_RECOVERY_CODE_TYPO"}
DAMAGE_CODES = {
    "E_DB_DAMAGED",
    "E_DB_MISSING",
    "E_KEYFILE_DAMAGED",
    "E_KEYFILE_MISSING",
    "E_DB_NOT_ENCRYPTED",
    "E_VERIFY_FAILED",
    "E_SCHEMA_TOO_NEW",
    "E_KEYFILE_WEAK",
    "E_IO",
    "E_REKEY_CHECK",
}
USAGE_CODES = {"E_NO_DATA", "E_NO_PASSPHRASE"}


class UsageError(Exception):
    pass


class StdoutClosed(Exception):
    """The reader of our stdout left (``… | head -1``): not a fault of ours, nor the disk's.
    Only writes to stdout raise it, so a broken pipe elsewhere (a socket) is not hidden."""


def write_stdout(text: str) -> None:
    """One line (or block) of output on stdout; StdoutClosed when the reader has left."""
    try:
        print(text)
    except BrokenPipeError as exc:
        raise StdoutClosed from exc


def flush_stdout() -> None:
    """Flush stdout, so a reader that left is found here, not at the interpreter's exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError as exc:
        raise StdoutClosed from exc


class Ctx:
    """What a command gets: parsed args, the app, output helpers, the passphrase."""

    def __init__(self, args: argparse.Namespace, app: Any) -> None:
        self.args = args
        self.app = app
        self.lang = args.lang
        self._session = None

    # -- passphrases -------------------------------------------------------------------------
    def passphrase(self, prompt: str = "口令 / Passphrase: ") -> str:
        if self.args.passphrase_file:
            return _read_secret_file(self.args.passphrase_file)
        env = os.environ.get("ZTCLIENT_PASSPHRASE")
        if env:
            return env
        return _prompt(prompt)

    def new_passphrase(self) -> str:
        if getattr(self.args, "new_passphrase_file", None):
            return _read_secret_file(self.args.new_passphrase_file)
        env = os.environ.get("ZTCLIENT_NEW_PASSPHRASE")
        if env:
            return env
        first = _prompt("新口令 / New passphrase: ")
        if _prompt("再输入一次 / Repeat: ") != first:
            raise DomainError("E_PASSPHRASE_MISMATCH")
        return first

    # -- the open unit -----------------------------------------------------------------------
    def session(self):
        if self._session is None:
            if self.app.state() == "empty":
                raise DomainError("E_NO_DATA", path=str(self.app.data_dir))
            self._session = self.app.unlock(self.passphrase())
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # -- output ------------------------------------------------------------------------------
    def out(self, text: str = "") -> None:
        write_stdout(text)

    def json(self, obj: Any) -> None:
        write_stdout(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=str))

    def msg(self, code: str, **params: Any) -> str:
        from ztclient.cli.texts import TEXTS, text

        if code in TEXTS:
            return text(code, self.lang, **params)
        from ztclient.domain.messages import render

        return render(code, self.lang, **params)


def _read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DomainError("E_FILE_NOT_FOUND", path=path) from exc
    return text.rstrip("\r\n")


def _prompt(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise DomainError("E_NO_PASSPHRASE")
    return getpass.getpass(prompt)


def load_json_file(path: str) -> Any:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DomainError("E_FILE_NOT_FOUND", path=path) from exc
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError("E_JSON_INVALID", detail=str(exc)[:200], path=path) from exc


# Every command group of the CLI. A group that cannot be imported is a broken installation,
# reported by name (never dropped: a missing `sync` verb once hid a missing httpx, issue 9).
COMMAND_GROUPS = (
    "commands_data",
    "commands_records",
    "commands_meetings",
    "commands_orgs",
    "commands_org_life",
    "commands_notices",
    "commands_documents",
    "commands_sync",
    "commands_ui",
    "commands_dues",
    "commands_integrity",
    "commands_development",
    "commands_transfers",
)


class BrokenInstall(Exception):
    """A command group (or a library it needs) is missing from this installation."""

    def __init__(self, group: str, missing: str) -> None:
        super().__init__(f"{group}: {missing}")
        self.group, self.missing = group, missing


def _load_groups() -> list[Any]:
    import importlib

    modules = []
    for group in COMMAND_GROUPS:
        try:
            modules.append(importlib.import_module(f"ztclient.cli.{group}"))
        except ImportError as exc:
            raise BrokenInstall(group, getattr(exc, "name", None) or str(exc)) from exc
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ztclient-cli", description="智慧政工离线客户端 命令行 / ztclient command line"
    )
    parser.add_argument("--data-dir", help="数据目录 / data folder (default: the user data folder)")
    parser.add_argument(
        "--passphrase-file", help="从文件读取口令 / read the passphrase from a file"
    )
    parser.add_argument(
        "--lang", choices=["zh", "en"], default=os.environ.get("ZTCLIENT_LANG", "zh")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in _load_groups():
        module.register(sub)
    return parser


def report_broken_install(err: BrokenInstall) -> None:
    print(
        f"ztclient-cli: 安装不完整：命令 {err.group} 缺少模块 {err.missing}。"
        "请重新安装本程序（源码安装：pip install -e .）。\n"
        f"ztclient-cli: broken installation: {err.group} needs the missing module "
        f"{err.missing}. Reinstall the program (from source: pip install -e .).",
        file=sys.stderr,
    )


def exit_code_for(err: DomainError) -> int:
    if err.code in PASSPHRASE_CODES:
        return EXIT_PASSPHRASE
    if err.code in DAMAGE_CODES:
        return EXIT_DAMAGED
    if err.code in USAGE_CODES:
        return EXIT_USAGE
    return EXIT_REJECTED


def choices_of(err: DomainError, lang: str = "zh") -> str:
    """What an E_CODE_UNKNOWN lets one choose from, for a command line (no drop-down list in
    sight): the choices the error carries (the 党费 table in force), else every entry of the
    code table it names — Chinese label and code, as either is accepted."""
    i = 1 if lang == "en" else 0
    pairs = err.params.get("choices")
    if pairs:
        return ("、", ", ")[i].join(str(p[i]) for p in pairs)
    from ztclient.domain.codes import TABLES, table

    name = err.params.get("table")
    if name not in TABLES:
        return ""
    t = table(str(name))
    sep = ("（", " (")[i], ("）", ")")[i]
    return ("、", ", ")[i].join(f"{e.label(lang)}{sep[0]}{e.code}{sep[1]}" for e in t)


def report_error(ctx_lang: str, err: DomainError, as_json: bool) -> None:
    from ztclient.domain.messages import render_error

    errors = err.errors if isinstance(err, ValidationErrors) else [err]
    lines = []
    for e in errors:
        where = []
        if "row" in e.params:
            where.append(f"第{e.params['row']}行" if ctx_lang == "zh" else f"row {e.params['row']}")
        if e.field:
            where.append(e.field)
        prefix = f"[{', '.join(where)}] " if where else ""
        label = "错误" if ctx_lang == "zh" else "error"
        lines.append(f"{label} {e.code}: {prefix}{render_error(e, ctx_lang)}")
        if e.code == "E_CODE_UNKNOWN" and (listed := choices_of(e, ctx_lang)):
            lines.append(("  可选：" if ctx_lang == "zh" else "  choose from: ") + listed)
    for line in lines:
        print(line, file=sys.stderr)
    if as_json:
        write_stdout(
            json.dumps({"ok": False, "error": err.to_dict()}, ensure_ascii=False, default=str)
        )


def _silence_stdout() -> None:
    """After the reader of our stdout left (``… | head -1``): point stdout at the null device,
    so what is still buffered goes nowhere instead of failing again at the interpreter's exit
    (the recipe of the Python docs, "Note on SIGPIPE")."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _report(lang: str, err: DomainError, as_json: bool) -> None:
    """report_error; a closed stdout while saying it leaves the error's exit code as it is."""
    try:
        report_error(lang, err, as_json)
        flush_stdout()
    except StdoutClosed:
        _silence_stdout()


def run(argv: list[str] | None, make_app: Callable[[Path | None], Any]) -> int:
    try:
        parser = build_parser()
    except BrokenInstall as err:  # nothing has been read or written yet
        report_broken_install(err)
        return EXIT_BROKEN_INSTALL
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints its own usage text
        return EXIT_USAGE if exc.code else EXIT_OK
    app = make_app(Path(args.data_dir) if args.data_dir else None)
    ctx = Ctx(args, app)
    as_json = bool(getattr(args, "json", False))
    try:
        result = args.func(ctx)
        flush_stdout()
        return int(result or EXIT_OK)
    except StdoutClosed:  # e.g. piped into `head`: the reader left, nothing is wrong
        _silence_stdout()
        return EXIT_OK
    except DomainError as err:
        _report(args.lang, err, as_json)
        return exit_code_for(err)
    except UsageError as err:
        print(f"ztclient-cli: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ImportError as exc:  # a library imported on first use is missing: say which
        report_broken_install(BrokenInstall(args.command, exc.name or str(exc)))
        return EXIT_BROKEN_INSTALL
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a writer that missed its coded error: still no traceback
        from ztclient.services.incidents import log_unexpected

        log_unexpected(exc, f"ztclient-cli {args.command}")
        from ztclient.domain.disk_errors import coded

        err = coded(exc)
        _report(args.lang, err, as_json)
        return exit_code_for(err)
    except Exception as exc:  # a bug: logged with its traceback, told by reference
        from ztclient.services.incidents import log_unexpected

        ref = log_unexpected(exc, f"ztclient-cli {args.command}")
        err = DomainError("E_INTERNAL", kind=type(exc).__name__, ref=ref)
        _report(args.lang, err, as_json)
        return EXIT_INTERNAL
    finally:
        ctx.close()
