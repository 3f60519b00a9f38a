"""党费 on the command line: rate, base (set, void, carry), pay, collect, approve, void, ledger, receipt.

Amounts are given and shown in 元 with two decimals ("45.00"); JSON carries them as strings, so
no float ever touches money. The contract (names, flags, JSON keys) is in docs/cli.md.
"""

from __future__ import annotations

from pathlib import Path

from ztclient.cli.commands_records import _as_list, resolve_member, resolve_org
from ztclient.cli.main import load_json_file
from ztclient.domain import dues_months as months_
from ztclient.domain.codes import table
from ztclient.domain.dues_rates import shipped_schedule
from ztclient.domain.errors import DomainError, ValidationErrors
from ztclient.domain.messages import render_error


def _kind_help() -> str:
    kinds = shipped_schedule().kinds.values()
    zh = "、".join(f"{k.zh}（{k.code}）" for k in kinds)
    return (
        f"党费交纳类别（中文或代码）：{zh}；以本单位使用的标准表为准 / dues category, label or code"
    )


KIND_HELP = _kind_help()


def register(sub) -> None:
    dues = sub.add_parser("dues", help="党费 / membership dues").add_subparsers(
        dest="sub", metavar="ACTION"
    )
    dues.required = True

    p = dues.add_parser("rate", help="按基数计算每月党费 / monthly dues for a base")
    p.add_argument("--kind", required=True, help=KIND_HELP)
    p.add_argument("--income", help="月收入基数（元）/ monthly base in yuan")
    p.add_argument("--monthly", help="农民等按月定额（元）/ fixed monthly amount (farmers)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rate)

    base = dues.add_parser("base", help="党费计算基数 / yearly bases").add_subparsers(
        dest="base_sub", metavar="ACTION"
    )
    base.required = True
    p = base.add_parser("set", help="登记某人某年的基数 / set a member's base for a year")
    p.add_argument("member", help="姓名、身份证号码或 ID / name, ID number or id")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--kind", required=True, help=KIND_HELP)
    p.add_argument("--income")
    p.add_argument("--monthly")
    p.add_argument(
        "--from",
        dest="from_month",
        help="自该月起（年中调整，YYYY-MM；默认1月）/ from this month (a change within the year)",
    )
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_base_set)

    p = base.add_parser("void", help="作废误录的基数 / void a base entered by mistake")
    p.add_argument("member", help="姓名、身份证号码或 ID / name, ID number or id")
    p.add_argument("--year", type=int, required=True)
    p.add_argument(
        "--from", dest="from_month", help="该基数的起始月份（YYYY-MM；默认1月）/ its first month"
    )
    p.add_argument("--reason", required=True, help="作废原因 / why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_base_void)

    p = base.add_parser("carry", help="沿用上年基数 / carry last year's bases forward")
    p.add_argument("--to", dest="to_year", type=int, required=True, help="新年度 / the new year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_base_carry)

    p = dues.add_parser("pay", help="登记交纳 / record a payment")
    p.add_argument("member")
    p.add_argument("--month", required=True, help="第一个月 YYYY-MM / first month")
    p.add_argument("--months", type=int, default=1, help="月数（默认1）/ months covered")
    p.add_argument("--amount", required=True, help="实交金额（元）/ amount paid in yuan")
    p.add_argument("--paid-on", dest="paid_on", required=True, help="YYYY-MM-DD")
    p.add_argument("--way", default="cash", help="cash/transfer/online 现金/转账/线上缴费")
    p.add_argument("--receipt", help="收据号（默认自动编号）/ receipt number")
    p.add_argument(
        "--extra", action="store_true", help="超出部分为自愿多交 / the excess is voluntary"
    )
    p.add_argument("--note")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_pay)

    p = dues.add_parser("collect", help="按月集中收缴（JSON）/ many payments at once")
    p.add_argument("--from-json", dest="from_json", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_collect)

    p = dues.add_parser("approve", help="登记少交/免交审批 / record an approved reduction")
    p.add_argument("member")
    p.add_argument("--kind", required=True, choices=["reduce", "exempt"])
    p.add_argument("--from", dest="first", required=True, help="YYYY-MM")
    p.add_argument("--to", dest="last", required=True, help="YYYY-MM")
    p.add_argument("--monthly", help="批准的每月金额（少交）/ approved monthly amount")
    p.add_argument("--approved-on", dest="approved_on", required=True, help="YYYY-MM-DD")
    p.add_argument("--approver", help="批准组织 / approved by")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_approve)

    p = dues.add_parser("void", help="作废交纳记录 / void a payment")
    p.add_argument("payment", help="交纳记录 ID 或收据号 / payment id or receipt number")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_void)

    p = dues.add_parser("ledger", help="党费收缴台账 / the year's ledger")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--as-of", dest="as_of", help="截止日 YYYY-MM-DD（默认今天或年底）")
    p.add_argument("--org", help="组织名称、编号或 ID / organisation")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ledger)

    p = dues.add_parser("receipt", help="打印党费收据 / print a receipt (PDF)")
    p.add_argument("payment", help="交纳记录 ID 或收据号 / payment id or receipt number")
    p.add_argument("--out", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_receipt)


def _way(value: str) -> str:
    return table("dues_way").code_for(value, field="way")


def resolve_payment(s, ref: str) -> str:
    rows = s.store.column(
        "SELECT id FROM dues_payments WHERE id = ? OR (receipt_no = ? AND voided = 0)", (ref, ref)
    )
    if len(rows) > 1:  # two devices numbered payments alike offline: both came together
        raise DomainError(
            "E_DUES_RECEIPT_AMBIGUOUS", "payment", id=ref, count=len(rows), ids="、".join(rows)
        )
    if len(rows) != 1:
        if not rows and s.store.scalar(
            "SELECT 1 FROM dues_payments WHERE receipt_no = ? AND voided = 1", (ref,)
        ):
            # the receipt's payment was voided: say so (not "cannot be found": it is kept)
            raise DomainError("E_VOIDED", "payment", id=ref)
        raise DomainError("E_NOT_FOUND", "payment", what="dues_payment", id=ref)
    return rows[0]


def cmd_rate(ctx) -> int:
    a = ctx.args
    if ctx.app.state() == "empty":  # no unit here: the table shipped with the program
        schedule = shipped_schedule()
        from ztclient.domain.dues_money import parse_amount

        code = schedule.find(a.kind) or table("dues_kind").find(a.kind) or a.kind
        rate = schedule.monthly(
            code,
            income_fen=parse_amount(a.income, "income") if a.income else None,
            monthly_fen=parse_amount(a.monthly, "monthly") if a.monthly else None,
        )
    else:
        s = ctx.session()
        schedule = s.dues.schedule()
        rate = s.dues.rate(a.kind, a.income, a.monthly)
    out = {**rate.to_dict(), "table_version": schedule.version}
    if a.json:
        ctx.json(out)
        return 0
    label = schedule.kind(rate.kind).label(ctx.lang)
    if out["rate"] is not None:
        pct = f"{float(out['rate']) * 100:g}%"
        ctx.out(f"{label} {out['income']} → {pct} → {out['monthly']}")
    else:
        ctx.out(f"{label} → {out['monthly']}")
    return 0


def cmd_base_set(ctx) -> int:
    s, a = ctx.session(), ctx.args
    member_id = resolve_member(s, a.member)
    base_id, rate, changes = s.dues.set_base(
        member_id, a.year, a.kind, a.income, a.monthly, a.note, from_month=a.from_month
    )
    start = months_.text(months_.parse(a.from_month)) if a.from_month else f"{a.year}-01"
    if a.json:
        out = {"ok": True, "id": base_id, "changed": changes.any, **rate.to_dict()}
        ctx.json({**out, "from_month": start})
    else:
        ctx.out(
            f"{a.year} {rate.to_dict()['monthly']}" + (f"（自{start}起）" if a.from_month else "")
        )
    return 0


def cmd_base_void(ctx) -> int:
    s, a = ctx.session(), ctx.args
    member_id = resolve_member(s, a.member)
    base_id = s.dues.live_base(member_id, a.year, a.from_month)
    s.dues.void_base(base_id, a.reason)
    start = months_.text(months_.parse(a.from_month)) if a.from_month else f"{a.year}-01"
    if a.json:
        ctx.json({"ok": True, "id": base_id, "from_month": start})
    else:
        ctx.out(base_id)
    return 0


def cmd_base_carry(ctx) -> int:
    s, year = ctx.session(), ctx.args.to_year
    n, _ = s.dues.carry_bases(year - 1, year)
    if ctx.args.json:
        ctx.json({"ok": True, "set": n})
    else:
        ctx.out(ctx.msg("I_ADDED", count=n))
    return 0


def cmd_pay(ctx) -> int:
    s, a = ctx.session(), ctx.args
    member_id = resolve_member(s, a.member)
    payment_id, _ = s.dues.pay(
        member_id,
        a.month,
        a.amount,
        a.paid_on,
        months=a.months,
        way=_way(a.way),
        receipt_no=a.receipt,
        extra=a.extra,
        note=a.note,
    )
    row = s.store.read_one("SELECT receipt_no FROM dues_payments WHERE id = ?", (payment_id,))
    # 补交 over six months: said, not refused (the payment stands)
    warnings = _warnings(ctx, s.dues.back_pay_warnings(
        [{"member_id": member_id, "month": a.month, "months": a.months, "paid_on": a.paid_on}]
    ), named=False)  # fmt: skip
    if a.json:
        ctx.json(
            {"ok": True, "id": payment_id, "receipt_no": row["receipt_no"], "warnings": warnings}
        )
    else:
        ctx.out(f"{payment_id}\t{row['receipt_no']}")
        _say(ctx, warnings)
    return 0


def _warnings(ctx, found: list[DomainError], named: bool = True) -> list[dict]:
    """Warnings as JSON objects; in a collection each message starts with the member's name."""
    out = []
    for w in found:
        message = render_error(w, ctx.lang)
        if named and w.params.get("name"):
            message = f"{w.params['name']}{'：' if ctx.lang == 'zh' else ': '}{message}"
        out.append({"code": w.code, "params": w.params, "message": message})
    return out


def _say(ctx, warnings: list[dict]) -> None:
    for w in warnings:
        ctx.out(f"{'提示' if ctx.lang == 'zh' else 'note'} {w['code']}: {w['message']}")


def cmd_collect(ctx) -> int:
    """Items: {"member", "month", "months", "amount", "paid_on", "way", "receipt_no", "extra",
    "note"} — the same keys as ``dues pay`` (member by name, ID number or id)."""
    s = ctx.session()
    items, errors = [], []
    for i, obj in enumerate(_as_list(load_json_file(ctx.args.from_json), "payments")):
        try:
            if not isinstance(obj, dict):
                raise DomainError("E_JSON_INVALID", detail=f"item {i + 1} is not an object")
            item = dict(obj)
            if "member" in item:
                item["member_id"] = resolve_member(s, str(item.pop("member")))
            if item.get("way"):
                item["way"] = _way(str(item["way"]))
            items.append(item)
        except DomainError as e:
            e.params.setdefault("row", i + 1)
            errors.append(e)
    if errors:
        raise ValidationErrors(errors)
    ids, _ = s.dues.collect(items)
    # 补交 over six months, per member by name: said, not refused (the collection stands)
    warnings = _warnings(ctx, s.dues.back_pay_warnings(items))
    if ctx.args.json:
        ctx.json({"ok": True, "ids": ids, "warnings": warnings})
    else:
        ctx.out(ctx.msg("I_ADDED", count=len(ids)))
        _say(ctx, warnings)
    return 0


def cmd_approve(ctx) -> int:
    s, a = ctx.session(), ctx.args
    approval_id, _ = s.dues.add_approval(
        resolve_member(s, a.member),
        a.kind,
        a.first,
        a.last,
        a.approved_on,
        a.reason,
        monthly=a.monthly,
        approver=a.approver,
    )
    if a.json:
        ctx.json({"ok": True, "id": approval_id})
    else:
        ctx.out(approval_id)
    return 0


def cmd_void(ctx) -> int:
    s = ctx.session()
    payment_id = resolve_payment(s, ctx.args.payment)
    s.dues.void_payment(payment_id, ctx.args.reason)
    if ctx.args.json:
        ctx.json({"ok": True, "id": payment_id})
    return 0


def cmd_ledger(ctx) -> int:
    s, a = ctx.session(), ctx.args
    ledger = s.dues.ledger(a.year, a.as_of, resolve_org(s, a.org))
    data = {**ledger.to_dict(), "supplementary": s.dues.supplementary(ledger).to_dict()}
    if a.json:
        ctx.json(data)
        return 0
    for m in data["members"]:
        ctx.out(
            "\t".join(
                [
                    m["name"],
                    m["org"],
                    m["monthly"] or "—",
                    str(m["months_due"]),
                    m["paid"],
                    str(m["arrears_months"]),
                    m["arrears"],
                ]
            )
        )
    t = data["totals"]
    ctx.out(
        f"({t['members']}) {data['as_of']} due {t['due']} paid {t['paid']} "
        f"arrears {t['arrears']} ({t['arrears_months']}) "
        f"this month still to pay {t['pending']} ({t['members_pending']})"
    )
    ctx.out(ctx.msg("I_DUES_SUPPLEMENTARY", **data["supplementary"]))
    return 0


def cmd_receipt(ctx) -> int:
    s = ctx.session()
    result = s.dues.print_receipt(resolve_payment(s, ctx.args.payment), Path(ctx.args.out))
    missing = [{"char": g.char, "name": g.name, "where": g.where} for g in result.missing_glyphs]
    if ctx.args.json:
        ctx.json(
            {"ok": True, "out": ctx.args.out, "pages": result.pages, "missing_glyphs": missing}
        )
    else:
        ctx.out(f"{ctx.args.out}（{result.pages}）")
    return 0
