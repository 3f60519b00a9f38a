"""Documents: import rosters, export the four reports, print minutes, sign-in sheets and cards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ztclient.cli.commands_records import resolve_member
from ztclient.domain import codes
from ztclient.domain.dates import date_error_code
from ztclient.domain.errors import DomainError, ValidationErrors

REPORTS = ("roster", "meetings", "study", "composition", "dues")


def register_import(members) -> None:
    p = members.add_parser("import", help="导入花名册 / import a roster spreadsheet (.xlsx)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入 / check only")
    p.add_argument(
        "--skip-invalid", action="store_true", help="跳过有错误的行 / write the valid rows only"
    )
    p.add_argument(
        "--create-orgs",
        action="store_true",
        help="建立表中列出的党支部和党小组 / create the branches and groups the file names",
    )
    p.add_argument(
        "--import-suspected",
        action="store_true",
        help="疑似重复的行也导入（已核实是不同的人）/ import suspected duplicates too",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)


def register(sub) -> None:
    p = sub.add_parser("export", help="导出报表 / export a report (.xlsx)")
    p.add_argument("report", choices=REPORTS)
    p.add_argument("--year", type=int)
    p.add_argument(
        "--as-of",
        dest="as_of",
        help="统计截止日 YYYY-MM-DD（默认该年12月31日，未到则为今天）/ as-of date (default "
        "31 Dec of the year, or today before it)",
    )
    p.add_argument(
        "--full-data",
        "--full-ids",
        dest="full_ids",
        action="store_true",
        help="导出完整身份证号、电话和住址（记入审计）/ full ID numbers, phones and addresses (audited)",
    )
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("print", help="打印 / print a document to PDF")
    p.add_argument("document", choices=("minutes", "signin", "card"))
    p.add_argument("id", help="会议 ID（minutes, signin）或党员 ID（card）")
    p.add_argument("--out", required=True)
    p.add_argument("--full-ids", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_print)


def _issue_dict(i) -> dict:
    return {
        "row": i.row,
        "column": i.column,
        "code": i.code,
        "params": i.params,
        "severity": i.severity,
    }


def cmd_import(ctx) -> int:
    s = ctx.session()
    report, ids, _ = s.reports.import_roster(
        Path(ctx.args.file),
        dry_run=ctx.args.dry_run,
        skip_invalid=ctx.args.skip_invalid,
        create_orgs=ctx.args.create_orgs,
        import_suspected=ctx.args.import_suspected,
    )
    errors = report.errors if hasattr(report, "errors") else ()
    result = {
        "ok": not errors,
        "dry_run": ctx.args.dry_run,
        "sheet": report.sheet,
        "header_row": report.header_row,
        "columns": report.columns,
        "rows": len(report.rows),
        "imported": len(ids),
        "errors": [_issue_dict(i) for i in report.issues if i.severity == "error"],
        "warnings": [_issue_dict(i) for i in report.issues if i.severity != "error"],
        "orgs_to_create": list(report.orgs_to_create),
        "posts": report.posts,
        "suspected": list(report.suspected),  # rows left out unless --import-suspected
    }
    if ctx.args.json:
        ctx.json(result)
    else:
        for i in report.issues:
            label = "错误" if i.severity == "error" else "提示"
            where = f"第{i.row}行 [{i.column}] " if i.row else ""  # row 0: the whole file
            ctx.out(f"{label} {where}{i.code}: {ctx.msg(i.code, **i.params)}")
        verb = "将建立" if ctx.args.dry_run or not ids else "已建立"
        for org in report.orgs_to_create:
            kind = codes.table("org_kind").label(org["kind"], ctx.lang)
            ctx.out(f"{verb}{kind}：{org['name']}（上级：{org['parent']}）")
        line = f"共 {len(report.rows)} 行，导入 {len(ids)} 行，错误 {len(result['errors'])} 处"
        if report.suspected and not ctx.args.import_suspected:
            line += f"，疑似重复 {len(report.suspected)} 行未导入（--import-suspected 也导入）"
        ctx.out(line + "。")
    if errors and not (ctx.args.skip_invalid and ids) and not ctx.args.dry_run:
        return 4  # rejected: nothing written
    if not report.rows and not ctx.args.dry_run:
        return 4
    return 0 if not errors or ctx.args.skip_invalid else 4


def cmd_export(ctx) -> int:
    s = ctx.session()
    out = Path(ctx.args.out)
    if not out.parent.exists():
        raise DomainError("E_FOLDER_NOT_FOUND", path=str(out.parent))
    today = s.clock.today()
    try:
        as_of = date.fromisoformat(ctx.args.as_of) if ctx.args.as_of else None
    except ValueError as exc:
        code = date_error_code(ctx.args.as_of)
        raise DomainError(code, "as_of", value=ctx.args.as_of) from exc
    year = ctx.args.year or (as_of.year if as_of else today.year)
    # Statistics and ledgers are as of a day: 31 December of the year (年报), or today while
    # that day has not come.
    as_of = min(as_of or date(year, 12, 31), today)
    kind = ctx.args.report
    if kind == "roster":
        n = s.reports.export_roster(out, full_ids=ctx.args.full_ids, as_of=as_of)
    elif kind == "meetings":
        n = s.reports.export_meetings(out, year, as_of)
    elif kind == "study":
        n = s.reports.export_study(out, year, as_of)
    elif kind == "dues":  # 党费收缴台账 (cli/commands_dues.py documents the figures)
        n = s.dues.export_ledger(year, out, ctx.args.as_of)
    else:
        n = s.reports.export_composition(out, as_of)
    if ctx.args.json:
        ctx.json({"ok": True, "report": kind, "rows": n, "out": str(out)})
    else:
        ctx.out(f"已导出 {out}（{n} 行）")
    return 0


def cmd_print(ctx) -> int:
    s = ctx.session()
    out = Path(ctx.args.out)
    if ctx.args.document == "card":
        result = s.reports.print_card(
            resolve_member(s, ctx.args.id), out, full_ids=ctx.args.full_ids
        )
    elif ctx.args.document == "minutes":
        result = s.reports.print_minutes(ctx.args.id, out)
    else:
        result = s.reports.print_signin(ctx.args.id, out)
    missing = [{"char": g.char, "name": g.name, "where": g.where} for g in result.missing_glyphs]
    if ctx.args.json:
        ctx.json({"ok": True, "out": str(out), "pages": result.pages, "missing_glyphs": missing})
    else:
        ctx.out(f"已生成 {out}（{result.pages} 页）")
        for g in missing:
            ctx.out(f"提示：字符 {g['char']}（{g['name']}）没有可用字体，位置：{g['where']}")
    return 0


__all__ = ["DomainError", "ValidationErrors", "register", "register_import"]
