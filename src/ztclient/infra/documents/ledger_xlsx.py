"""三会一课台账 (meeting ledger) as XLSX: meetings held per branch by month and quarter, against
how often each kind is due (domain facts §3), and what is missing.

Sheets: 台账汇总 (one line per branch and kind, and one per 党小组 for its own 党小组会: counts
per month and quarter, due, missing), 缺项清单 (one line per missing period), 会议明细 (every
meeting held, with 应到/实到 from its snapshot), 说明. A period that has not ended by ``as_of``
is never reported missing; one group's meeting never counts for another group or the branch.
A period that ended before the organisation's 成立日期 (a group's, or its branch's) is neither
due nor missing (domain/compliance.py ``owed``, the rule of the compliance view).
"""

from __future__ import annotations

import calendar
import os
from collections import Counter
from datetime import date

from ztclient.domain.compliance import owed
from ztclient.infra.documents.xlsx_common import (
    WARN_FILL,
    add_info_sheet,
    cell,
    fit_widths,
    new_workbook,
    save,
    start_sheet,
)
from ztclient.services.report_models import LedgerRequirement, MeetingLedgerDoc

_PER_LABEL = {"month": "每月", "quarter": "每季度", "year": "每年"}
GROUP = "group"  # 党小组会: required of each group, not of the branch
COMMITTEE = "branch_committee"  # 支委会: not due in months a branch has no 支部委员会


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _ended(year: int, per: str, n: int, as_of: date, founded: date | None = None) -> bool:
    """Is period n (month 1–12, quarter 1–4, or the year) of ``year`` due: ended by ``as_of``,
    and owed by an organisation founded on ``founded``?"""
    if per == "month":
        end = date(year, n, calendar.monthrange(year, n)[1])
    elif per == "quarter":
        end = date(year, 3 * n, calendar.monthrange(year, 3 * n)[1])
    else:
        end = date(year, 12, 31)
    return end <= as_of and owed(end, founded)


def missing_periods(
    req: LedgerRequirement,
    by_month: Counter,
    year: int,
    as_of: date,
    exempt: frozenset[int] = frozenset(),
    founded: date | None = None,
) -> list[str]:
    """Labels of the due periods in which fewer than ``req.count`` meetings were held
    (``exempt``: months in which a monthly requirement is not due)."""
    out = []
    if req.per == "month":
        for m in range(1, 13):
            if (m not in exempt and _ended(year, "month", m, as_of, founded)
                    and by_month[m] < req.count):  # fmt: skip
                out.append(f"{m}月")
    elif req.per == "quarter":
        for q in range(1, 5):
            held = sum(by_month[m] for m in range(3 * q - 2, 3 * q + 1))
            if _ended(year, "quarter", q, as_of, founded) and held < req.count:
                out.append(f"第{q}季度")
    elif _ended(year, "year", 1, as_of, founded) and sum(by_month.values()) < req.count:
        out.append(f"{year}年")
    return out


def _due(
    req: LedgerRequirement,
    year: int,
    as_of: date,
    exempt: frozenset[int],
    founded: date | None = None,
) -> int:
    periods = {"month": 12, "quarter": 4, "year": 1}[req.per]
    ended = sum(
        _ended(year, req.per, n, as_of, founded) and not (req.per == "month" and n in exempt)
        for n in range(1, periods + 1)
    )
    return ended * req.count


def write_meeting_ledger(doc: MeetingLedgerDoc, out_path: str | os.PathLike) -> None:
    """Write the ledger workbook atomically."""
    prov, year = doc.provenance, doc.year
    held: dict[tuple[str, str, str], Counter] = {}
    for m in doc.meetings:
        if m.held_on.year == year:
            held.setdefault((m.org_name, m.group_name, m.kind), Counter())[m.held_on.month] += 1
    branches = list(doc.branches) + sorted({m.org_name for m in doc.meetings} - set(doc.branches))
    wb = new_workbook()

    # 台账汇总
    headers = (
        ["党支部", "党小组", "会议类型", "要求"]
        + [f"{m}月" for m in range(1, 13)]
        + [f"{q}季度" for q in range(1, 5)]
        + ["全年", "截至目前应开", "缺少期数", "缺少期间"]
    )
    lines, gaps = [], []
    closed = {(b, g): d for b, g, d in doc.dissolved}
    opened = {(b, g): d for b, g, d in doc.founded}
    idle: dict[str, frozenset[int]] = {}  # branch -> months with no 支部委员会 to meet
    for b, m in doc.no_committee:
        idle[b] = idle.get(b, frozenset()) | {m}

    def upto(branch: str, group: str) -> date:
        """The as-of day, or the day the organisation (or its branch) was dissolved if
        earlier: a period ending after that is neither due nor missing."""
        days = [doc.as_of, closed.get((branch, ""), doc.as_of)]
        return min(days + ([closed[(branch, group)]] if (branch, group) in closed else []))

    def since(branch: str, group: str) -> date | None:
        """The organisation's founding day, or its branch's if later (None: neither known)."""
        known = [d for key in ((branch, ""), (branch, group)) if (d := opened.get(key))]
        return max(known) if known else None

    for b in branches:
        # The branch's own kinds; each of its groups answers for its own 党小组会 (art. 13).
        own = [(b, "", req) for req in doc.requirements if req.kind != GROUP]
        own += [(b, g, req) for gb, g in doc.groups if gb == b
                for req in doc.requirements if req.kind == GROUP]  # fmt: skip
        for branch, group, req in own:
            bm = held.get((branch, group, req.kind), Counter())
            quarters = [sum(bm[m] for m in range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)]
            day = upto(branch, group)
            exempt = (
                idle.get(branch, frozenset())
                if (req.kind, group) == (COMMITTEE, "")
                else frozenset()
            )
            founded = since(branch, group)
            miss = missing_periods(req, bm, year, day, exempt, founded)
            gaps += [(branch, group, req.kind_label, p) for p in miss]
            lines.append((branch, group, req, bm, quarters, miss, day, exempt, founded))
    sample = [[b, g, r.kind_label, _PER_LABEL[r.per]] for b, g, r, *_ in lines]
    widths = fit_widths(headers[:4], sample) + [5.5] * 16 + [6, 8, 8, 24]
    ws, _ = start_sheet(
        wb,
        "台账汇总",
        f"{year}年三会一课台账",
        headers,
        widths,
        prov,
        subtitle=f"制表单位：{prov.unit_name}　　统计截至：{doc.as_of:%Y年%m月%d日}",
    )
    for b, g, req, bm, quarters, miss, day, exempt, founded in lines:
        per = _PER_LABEL[req.per] + (f"{req.count}次" if req.count > 1 else "")
        row: list = [b, g or None, req.kind_label, per]
        for m in range(1, 13):
            short = (req.per == "month" and m not in exempt
                     and _ended(year, "month", m, day, founded) and bm[m] < req.count)  # fmt: skip
            row.append(cell(ws, bm[m], fill=WARN_FILL) if short else bm[m])
        for q, n in enumerate(quarters, 1):
            short = (req.per == "quarter" and _ended(year, "quarter", q, day, founded)
                     and n < req.count)  # fmt: skip
            row.append(cell(ws, n, fill=WARN_FILL) if short else n)
        due = _due(req, year, day, exempt, founded)
        row += [sum(bm.values()), due, len(miss), "、".join(miss) or None]
        ws.append(row)

    # 缺项清单
    ws2, _ = start_sheet(
        wb,
        "缺项清单",
        f"{year}年三会一课缺项清单",
        ["序号", "党支部", "党小组", "会议类型", "缺少期间"],
        [6, 24, 16, 18, 14],
        prov,
        landscape=False,
    )
    for i, (b, g, k, p) in enumerate(gaps, 1):
        ws2.append([i, b, g or None, k, p])
    if not gaps:
        ws2.append([None, "无缺项"])

    # 会议明细
    headers3 = [
        "序号",
        "党支部",
        "党小组",
        "会议类型",
        "会议日期",
        "月份",
        "季度",
        "第几次",
        "会议名称",
        "应到人数",
        "实到人数",
        "主持人",
        "记录人",
    ]
    rows3 = sorted(
        (m for m in doc.meetings if m.held_on.year == year), key=lambda m: (m.org_name, m.held_on)
    )
    sample3 = [
        [
            None,
            m.org_name,
            m.group_name,
            m.kind_label,
            None,
            None,
            None,
            None,
            m.title,
            None,
            None,
            m.chair,
            m.recorder,
        ]
        for m in rows3[:200]
    ]
    widths3 = fit_widths(headers3, sample3)
    widths3[4] = 12
    ws3, _ = start_sheet(wb, "会议明细", f"{year}年三会一课会议明细", headers3, widths3, prov)
    for i, m in enumerate(rows3, 1):
        ws3.append(
            [
                i,
                m.org_name,
                m.group_name or None,
                m.kind_label,
                m.held_on,
                m.held_on.month,
                _quarter(m.held_on),
                m.seq_no,
                m.title,
                m.due or None,
                m.present or None,
                m.chair or None,
                m.recorder or None,
            ]
        )

    add_info_sheet(
        wb,
        prov,
        "三会一课台账",
        [
            ("年度", year),
            ("统计截至", doc.as_of),
            ("缺项数", len(gaps)),
            (
                "要求",
                "；".join(
                    f"{r.kind_label}{_PER_LABEL[r.per]}{r.count}次" for r in doc.requirements
                ),
            ),
        ],
    )
    save(wb, out_path)
