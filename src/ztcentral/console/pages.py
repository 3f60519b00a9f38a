"""Read pages: 概览 (all units side by side), one unit, its member list (admin, audited),
报表 (the XLSX report) and the audit log (admin)."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from ztcentral import localtime
from ztcentral.console import audit, charts, figures, unit_detail
from ztcentral.console.i18n import TEXTS
from ztcentral.console.web import Ctx, error_page, harden, render


def _age(last: str | None, now: datetime, t) -> str:
    if not last:
        return t("never")
    seen = localtime.parse_utc(last)
    if seen is None:
        return last
    minutes = max(0, int((now - seen).total_seconds() // 60))
    if minutes < 60:
        return t("age_minutes", n=minutes)
    if minutes < 48 * 60:
        return t("age_hours", n=minutes // 60)
    return t("age_days", n=minutes // 1440)


def overview_rows(ctx: Ctx, today: date) -> tuple[list[dict], dict]:
    live = figures.live(ctx.db)
    derived = figures.derived(ctx.db, today, list(live))
    now = localtime.utcnow()
    rows, totals = [], {"roll": 0, "full": 0, "probationary": 0, "pipeline": 0, "branches": 0,
                        "month_done": 0, "quarter_done": 0, "study_short": 0, "elections_due": 0,
                        "held": 0, "quarantined": 0, "dues_due": 0, "dues_paid": 0}  # fmt: skip
    for code, info in live.items():
        f = derived[code]
        row = {
            "code": code,
            "name": info["name"],
            "age": _age(info["last_seen"], now, ctx.t),
            # not seen today, the committee's date (a UTC stamp's date is yesterday's before 08:00)
            "stale": (localtime.local_day(info["last_seen"]) or "") < today.isoformat(),
            "held": info["held"],
            "quarantined": info["quarantined"],
            "full": f.categories.get("full", 0),
            "probationary": f.categories.get("probationary", 0),
            "pipeline": sum(f.categories.get(k, 0) for k in figures.PIPELINE),
            "roll": f.roll,
            "branches": f.branches,
            "month_done": f.month_done,
            "quarter_done": f.quarter_done,
            "month_meter": charts.meter(f.month_done, f.branches),
            "quarter_meter": charts.meter(f.quarter_done, f.branches),
            "study_short": f.study_short,
            "elections_due": f.elections_due,
            "dues_due": f.dues_due_fen,
            "dues_paid": f.dues_paid_fen,
            "dues_meter": charts.meter(f.dues_paid_fen, f.dues_due_fen),
        }
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    return rows, totals


async def overview(ctx: Ctx) -> Response:
    today = localtime.today()
    rows, totals = await run_in_threadpool(overview_rows, ctx, today)
    member_chart = charts.stacked_bar(
        [
            (ctx.t("full"), totals["full"], "c1"),
            (ctx.t("probationary"), totals["probationary"], "c2"),
            (ctx.t("pipeline"), totals["pipeline"], "c3"),
        ]
    )
    bands = [0, 0, 0, 0]
    for r in rows:
        share = r["quarter_done"] / r["branches"] if r["branches"] else 0
        bands[min(3, int(share * 4))] += 1
    compliance_chart = charts.columns(
        [("0–25%", bands[0]), ("25–50%", bands[1]), ("50–75%", bands[2]), ("75–100%", bands[3])]
    )
    return render(
        ctx.request,
        "overview.html",
        ctx.lang,
        session=ctx.session,
        rows=rows,
        totals=totals,
        member_chart=member_chart,
        compliance_chart=compliance_chart,
        today=today.isoformat(),
    )


async def unit(ctx: Ctx, *, status: int = 200, errors: dict | None = None) -> Response:
    code = ctx.request.path_params["code"]
    info = await run_in_threadpool(unit_detail.exists, ctx.db, code)
    if info is None:
        return error_page(ctx.request, 404, "not_found", ctx.session)
    today = localtime.today()
    d = await run_in_threadpool(unit_detail.detail, ctx.db, code, today)
    month_chart = charts.columns(
        [(ctx.t("month_short", n=m["month"]), sum(m["kinds"].values())) for m in d["months"]],
        cls="c1",
    )
    kinds = [
        (unit_detail.label(unit_detail.KIND_LABELS, k, ctx.lang), d["by_kind"].get(k, 0))
        for k in unit_detail.KINDS
    ]
    pipeline = [
        (unit_detail.label(unit_detail.CATEGORY_LABELS, k, ctx.lang), d["categories"].get(k, 0))
        for k in ("applicant", "activist", "candidate", "probationary", "full")
    ]
    done = ctx.request.query_params.get("done") == "renamed"
    return render(
        ctx.request,
        "unit.html",
        ctx.lang,
        status=status,
        session=ctx.session,
        errors=errors or {},
        form=ctx.form if errors else {},
        done=done and not errors,
        unit=info,
        d=d,
        kinds=kinds,
        kind_codes=unit_detail.KINDS,
        kind_label=lambda k: unit_detail.label(unit_detail.KIND_LABELS, k, ctx.lang),
        pipeline=pipeline,
        month_chart=month_chart,
        kind_chart=charts.columns(kinds, cls="c2"),
    )


async def unit_members(ctx: Ctx) -> Response:
    code = ctx.request.path_params["code"]
    info = await run_in_threadpool(unit_detail.exists, ctx.db, code)
    if info is None:
        return error_page(ctx.request, 404, "not_found", ctx.session)
    show = ctx.request.query_params.get("show", "members")
    show = show if show in unit_detail.VIEWS else "members"
    rows = await run_in_threadpool(unit_detail.members, ctx.db, code, show)
    # each list its own action, so 操作日志 says which was seen (the development list is not
    # the 党员名单)
    action = "view.members" if show == "members" else "view.development"
    await run_in_threadpool(
        audit.log, ctx.db, action, user=ctx.user, address=ctx.address, target=code,
        count=len(rows), show=show,
    )  # fmt: skip
    return render(
        ctx.request,
        "members.html",
        ctx.lang,
        session=ctx.session,
        unit=info,
        rows=rows,
        title_key="member_list" if show == "members" else "development_list",
        category_label=lambda k: unit_detail.label(unit_detail.CATEGORY_LABELS, k, ctx.lang),
    )


async def reports(ctx: Ctx) -> Response:
    this_year = localtime.today().year
    return render(
        ctx.request,
        "reports.html",
        ctx.lang,
        session=ctx.session,
        years=list(range(this_year, this_year - 6, -1)),
    )


async def report_file(ctx: Ctx) -> Response:
    from ztcentral.report import write_report

    try:
        year = int(ctx.request.path_params["year"])
    except ValueError:
        return error_page(ctx.request, 404, "not_found", ctx.session)
    today = localtime.today()
    if year > today.year:  # not begun (the report refuses it too: E_REPORT_YEAR)
        return error_page(
            ctx.request, 404, "report_year_not_begun", ctx.session, year=str(year),
            today=today.isoformat(),
        )  # fmt: skip
    if year < 2000:
        return error_page(ctx.request, 404, "not_found", ctx.session)

    def make() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            out = write_report(ctx.db, Path(tmp) / "report.xlsx", year)
            return out.read_bytes()

    data = await run_in_threadpool(make)
    await run_in_threadpool(
        audit.log, ctx.db, "report.download", user=ctx.user, address=ctx.address, target=str(year)
    )
    return harden(
        Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"content-disposition": f'attachment; filename="report-{year}.xlsx"'},
        )
    )


async def audit_log(ctx: Ctx) -> Response:
    rows = await run_in_threadpool(audit.entries, ctx.db, 300)
    for r in rows:  # the codes in words (a code without words is shown as it is)
        action, outcome = f"audit_{r['action'].replace('.', '_')}", f"outcome_{r['outcome']}"
        r["action_label"] = ctx.t(action) if action in TEXTS else ""
        r["outcome_label"] = ctx.t(outcome) if outcome in TEXTS else r["outcome"]
    return render(ctx.request, "audit.html", ctx.lang, session=ctx.session, rows=rows)
