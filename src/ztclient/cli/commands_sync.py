"""同步: enroll, sync, sync status, sync review, bundle export, bundle import (docs/cli.md,
"Sync").

Exit codes: 0 ok; 4 input refused (a coded error is printed, nothing marked); 6 the server could
not be reached (E_NETWORK / E_SERVER): nothing is lost, the work stays pending or in flight and
is sent again, as the same bytes, next time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import field_text, render, render_error
from ztclient.domain.server_address import is_plain_http_remote

EXIT_OFFLINE = 6
OFFLINE_CODES = {"E_NETWORK", "E_SERVER"}

_TEXT: dict[str, tuple[str, str]] = {
    "not_enrolled": (
        "本设备尚未登记：先运行 enroll --server 地址 --code 登记码，或 enroll --enrolment-file 文件。",
        "This device is not enrolled yet: run enroll --server URL --code CODE, "
        "or enroll --enrolment-file FILE.",
    ),
    "enrolled": (
        "已登记：单位 {unit}，设备 {device}，信任文件第 {trust_version} 版。",
        "Enrolled: unit {unit}, device {device}, trust file version {trust_version}.",
    ),
    "request": (
        "登记请求已写入 {path}：请用U盘带到上级党委导入（ztcentral import）。",
        "Enrolment request written to {path}: carry it to the higher committee (ztcentral import).",
    ),
    "synced": (
        "同步完成：发送 {sent} 个同步包，{synced} 项已确认，{conflicts} 项冲突待审，"
        "收到 {down} 项下发内容；待同步 {pending} 项。",
        "Sync done: {sent} bundle(s) sent, {synced} change(s) confirmed, {conflicts} conflict(s) "
        "for review, {down} item(s) received; {pending} pending.",
    ),
    "offline": (
        "{why}\n没有任何数据丢失：未确认的修改保留在本机，下次同步时原样重发。",
        "{why}\nNothing is lost: unconfirmed changes stay here and are resent unchanged next time.",
    ),
    "exported": (
        "已写出 {n} 个同步包到 {folder}（共 {bytes} 字节）。",
        "{n} bundle(s) written to {folder} ({bytes} bytes).",
    ),
    "imported": (
        "已导入 {file}：{items} 项内容，{synced} 项修改已确认。",
        "Imported {file}: {items} item(s), {synced} change(s) confirmed.",
    ),
    "already": (
        "{file} 以前已经导入，没有任何变化。",
        "{file} was imported before; nothing changed.",
    ),
    "refused": ("{file} 没有导入：{why}", "{file} was not imported: {why}"),
    "reviewed": ("已核对第 {id} 条：{line}", "Entry {id} reviewed: {line}"),
}


def _t(ctx, key: str, **params: Any) -> str:
    zh, en = _TEXT[key]
    return (zh if ctx.lang == "zh" else en).format(**params)


def register(sub) -> None:
    p = sub.add_parser("enroll", help="登记本设备 / enrol this device with the higher committee")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--code", help="一次性登记码 / one-time code (with --server)")
    g.add_argument("--enrolment-file", help="登记文件 / enrolment file (offline)")
    p.add_argument("--server", help="中心服务器地址 / central server URL")
    p.add_argument("--request-out", help="登记请求写到 / where to write the enrolment request")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser(
        "sync",
        help="与上级同步；status 看状态和待核对，review 编号 把一条待核对标为已核对 / sync with "
        "the central server; status; review ID marks a row of the review list reviewed",
    )
    p.add_argument("action", nargs="?", choices=["now", "status", "review"], default="now")
    p.add_argument(
        "problem", nargs="?", metavar="ID", help="review: 待核对的编号（sync status 方括号里）"
    )
    p.add_argument("--server", help="中心服务器地址 / central server URL")
    p.add_argument(
        "--max-ops",
        type=int,
        help="每个同步包最多几项修改（一般不用设：包的大小随链路自动调整）/ ops per bundle "
        "(rarely needed: bundle size follows the link)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("bundle", help="U盘交换同步包 / exchange bundles by USB")
    bsub = p.add_subparsers(dest="bundle_cmd", metavar="ACTION")
    bsub.required = True
    e = bsub.add_parser("export", help="写出待同步的同步包 / write pending bundles to a folder")
    e.add_argument("--out", required=True)
    e.add_argument("--max-ops", type=int, help="ops per bundle")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_export)
    i = bsub.add_parser("import", help="导入回执或下发包 / import acknowledgement bundles")
    i.add_argument("files", nargs="+", metavar="FILE")
    i.add_argument("--trust", help="trust.json (默认: 同一文件夹中的 trust.json)")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_import)


def _sync_service(ctx, enrolled: bool = False):
    sync = ctx.session().sync
    if sync is None:  # a build without the sync adapter
        raise DomainError("E_NETWORK", what="sync not available")
    if enrolled and not sync.enrolled():
        print(_t(ctx, "not_enrolled"), file=sys.stderr)
        if ctx.args.json:
            ctx.json({"ok": False, "enrolled": False, "error": {"code": "E_DEVICE_UNKNOWN"}})
        return None
    return sync


def _offline(ctx, err: DomainError) -> int:
    why = render_error(err, ctx.lang)
    print(_t(ctx, "offline", why=why), file=sys.stderr)
    if ctx.args.json:
        ctx.json({"ok": False, "offline": True, "error": err.to_dict()})
    return EXIT_OFFLINE


def cmd_enroll(ctx) -> int:
    sync = _sync_service(ctx)
    a = ctx.args
    try:
        if a.code:
            if not a.server:
                from ztclient.cli.main import UsageError

                raise UsageError("--code needs --server URL")
            if is_plain_http_remote(a.server):  # said before the code goes over the line
                print(ctx.msg("W_PLAIN_HTTP", url=a.server), file=sys.stderr)
            res = sync.enroll_online(a.server, a.code)
        else:
            res = sync.enroll_file(a.enrolment_file, a.request_out)
    except DomainError as err:
        if err.code in OFFLINE_CODES:
            return _offline(ctx, err)
        raise
    if a.json:
        ctx.json({"ok": True, **res})
    else:
        ctx.out(_t(ctx, "enrolled", **res))
        if res.get("request_file"):
            ctx.out(_t(ctx, "request", path=res["request_file"]))
    return 0


def cmd_sync(ctx) -> int:
    if ctx.args.action == "review":
        return cmd_review(ctx)
    if ctx.args.problem is not None:
        from ztclient.cli.main import UsageError

        raise UsageError(f"sync {ctx.args.action} takes no ID (sync review ID does)")
    sync = _sync_service(ctx, enrolled=ctx.args.action != "status")
    if sync is None:
        return 4
    if ctx.args.action == "status":
        st = sync.status()
        if ctx.args.json:
            ctx.json(st)
        else:
            _print_status(ctx, st)
        return 0
    if ctx.args.max_ops:
        sync.max_ops = max(1, ctx.args.max_ops)
    try:
        rep = sync.sync(ctx.args.server)
    except DomainError as err:
        if err.code in OFFLINE_CODES:
            return _offline(ctx, err)
        raise
    st = sync.status()
    figures = {
        "sent": len(rep.sent),
        "synced": rep.synced,
        "conflicts": rep.conflicts,
        "down": rep.down_items,
        "pending": st["pending"] + st["in_flight"],
    }
    refused = [b for b in rep.sent if b.status in ("quarantined", "rejected")]
    if ctx.args.json:
        ctx.json({"ok": not refused, **figures, "report": rep.to_dict(), "status": st})
    else:
        ctx.out(_t(ctx, "synced", **figures))
        for b in refused:  # say what central refused, by code (E_AUDIT_FORK, E_BUNDLE_FORK …)
            ctx.out(f"{b.code}: [{b.seq_from}-{b.seq_to}] {ctx.msg(b.code)}")
    return 4 if refused else 0


def _print_status(ctx, st: dict[str, Any]) -> None:
    zh = ctx.lang == "zh"
    ctx.out(
        ("登记: " if zh else "enrolled: ")
        + (
            f"{st['unit']} ({st['enrolled_how']}) {st['server_url'] or ''}"
            if st["enrolled"]
            else ("未登记" if zh else "no")
        )
    )
    ctx.out(
        ("上次同步: " if zh else "last sync: ") + f"{st['last_sync_at'] or '-'}"
        f" {st['last_sync_how'] or ''}"
    )
    ctx.out(
        (
            "待同步 {p}，发送中 {f}，已同步 {s}，被拒 {r}"
            if zh
            else "pending {p}, in flight {f}, synced {s}, refused {r}"
        ).format(p=st["pending"], f=st["in_flight"], s=st["synced"], r=st["rejected"])
    )
    for p in st["problems"]:  # [id]: what `sync review ID` takes
        ctx.out(f"  [{p['id']}] {p['code']}{_seq(p)} {_problem_line(ctx, p)}{_why(ctx, p)}")
    for p in st["closed_above"]:  # the committee's 已核对 (审核), the last 30 days
        ctx.out(
            (
                "  上级已核对（{by}，{at}）" if zh else "  reviewed by the committee ({by}, {at})"
            ).format(by=p["reviewed_by"], at=p["reviewed_at"])
            + f"{_seq(p)} {_problem_line(ctx, p, values=False)}"
        )
    for p in st.get("closed_here", []):  # the clerk's own 已核对, the last 30 days
        ctx.out(
            ("  已核对（本机，{at}）" if zh else "  reviewed here ({at})").format(
                at=p["reviewed_at"]
            )
            + f"{_seq(p)} {_problem_line(ctx, p, values=False)}"
        )
    for n in st["notices"]:
        ctx.out(("通知: " if zh else "notice: ") + str((n["body"] or {}).get("title", "")))


#: the kinds of record a 待核对 row is about (the 同步 page's words)
_ENTITIES: dict[str, tuple[str, str]] = {
    "member": ("党员", "member"), "meeting": ("会议", "meeting"), "org": ("组织", "organisation"),
    "org_post": ("党内职务", "party post"), "attendance": ("会议签到", "attendance"),
    "study_log": ("学习记录", "study record"), "member_event": ("党员事件", "member event"),
    "dues_base": ("党费基数", "dues base"), "dues_approval": ("党费审批", "dues approval"),
    "dues_payment": ("党费缴纳", "dues payment"), "election": ("换届选举", "election"),
    "appraisal": ("民主评议", "appraisal"), "talk": ("谈心谈话", "talk"),
    "rectification": ("整改事项", "rectification"),
    "development_step": ("发展党员步骤", "development step"),
}  # fmt: skip
#: the centre's side of a record for a member voided as entered in error (E_MEMBER_VOIDED)
_VOIDED = ("该党员已作废（录入错误）", "member voided (entered in error)")


def _seq(p: dict[str, Any]) -> str:
    """The op's number in the outbox; a row not about an op of this device (an item from above
    that could not go in, a payment flagged here) has none."""
    return "" if p.get("seq") is None else f" #{p['seq']}"


def _why(ctx, p: dict[str, Any]) -> str:
    """What a row that is not a conflict says in words (who, which year or month, what to do),
    as the 同步 page shows it; nothing where its code has no such text."""
    if p.get("kind") == "conflict" or not p.get("params"):
        return ""
    try:
        return ("：" if ctx.lang == "zh" else ": ") + render(p["code"], ctx.lang, **p["params"])
    except (KeyError, IndexError, ValueError):
        return ""


def _problem_line(ctx, p: dict[str, Any], values: bool = True) -> str:
    """A 待核对 row as the clerk reads it: the record and the values by name (a member as
    姓名（支部）, a meeting as 标题（日期）), ids only where this device has no such record."""
    i = 0 if ctx.lang == "zh" else 1
    entity = p.get("entity") or ""
    what = _ENTITIES[entity][i] if entity in _ENTITIES else entity
    record = f"{what} {p['record_name']}" if p.get("record_name") else f"{entity}:{p['record_id']}"
    if not p.get("field"):
        return record
    line = f"{record} {field_text(p['field'], ctx.lang)}"
    if not values or p.get("kind") != "conflict":
        return line

    def side(value: Any, named: Any) -> str:
        if p.get("field") == "member_id" and value == "voided":
            return _VOIDED[i]
        shown = value if named is None else named
        return shown if isinstance(shown, str) else repr(shown)

    yours, theirs = side(p["yours"], p.get("yours_name")), side(p["theirs"], p.get("theirs_name"))
    return f"{line}{'：' if i == 0 else ': '}{yours} / {theirs}"


def cmd_review(ctx) -> int:
    """已核对 of one 待核对 row, as the 同步 page's button does (the same service method: who
    is this program's operator, one audit entry ``sync.problem_reviewed``). A row unknown or
    already closed is a coded error, exit 4."""
    from ztclient.cli.main import UsageError

    if ctx.args.problem is None:
        raise UsageError("sync review ID: the number in brackets in sync status")
    try:
        pid = int(ctx.args.problem)
    except ValueError:
        raise DomainError("E_PROBLEM_UNKNOWN", id=ctx.args.problem) from None
    sync = _sync_service(ctx)
    closed = sync.mark_reviewed(pid)
    row = sync.problem(pid)
    if not closed:
        code = "E_PROBLEM_REVIEWED_ABOVE" if row["reviewed_where"] == "above" else (
            "E_PROBLEM_REVIEWED_HERE"
        )  # fmt: skip
        raise DomainError(code, id=pid, by=row["reviewed_by"] or "—", at=row["reviewed_at"] or "—")
    if ctx.args.json:
        ctx.json({"ok": True, "problem": row})
    else:
        line = f"{row['code']} #{row['seq']} {_problem_line(ctx, row)}"
        ctx.out(_t(ctx, "reviewed", id=pid, line=line))
    return 0


def cmd_export(ctx) -> int:
    sync = _sync_service(ctx, enrolled=True)
    if sync is None:
        return 4
    if ctx.args.max_ops:
        sync.max_ops = max(1, ctx.args.max_ops)
    out = sync.export(str(Path(ctx.args.out)))
    if ctx.args.json:
        ctx.json({"ok": True, "files": out})
    else:
        ctx.out(
            _t(ctx, "exported", n=len(out), folder=ctx.args.out, bytes=sum(f["bytes"] for f in out))
        )
        for f in out:
            ctx.out(f"  {f['file']}")
    return 0


def cmd_import(ctx) -> int:
    """Files in any order (the service's one import rule, shared with the 同步 page); exit 4
    when any file was refused, after importing all the others."""
    sync = _sync_service(ctx, enrolled=True)
    if sync is None:
        return 4
    rep = sync.import_files([str(Path(f)) for f in ctx.args.files], ctx.args.trust)
    if ctx.args.json:  # one entry per file under "imported", as before
        out = rep.to_dict()
        ctx.json({"ok": not rep.failed, "imported": out["files"], "changes": out["changes"]})
    else:
        for r in rep.files:
            if r.code is not None:
                why = render(r.code, ctx.lang, **r.params)
                print(_t(ctx, "refused", file=r.file, why=why), file=sys.stderr)
            elif r.imported:
                ctx.out(_t(ctx, "imported", file=r.file, items=r.items, synced=r.synced))
            else:
                ctx.out(_t(ctx, "already", file=r.file))
    return 4 if rep.failed else 0
