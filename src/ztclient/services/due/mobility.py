"""流动党员 and 失联党员 over six months, 停止党籍 over two years: what the rules require next.

- 外出流动满六个月且地点相对固定: 应转移正式组织关系 (党员教育管理工作条例 art. 25, §1.11).
- 失去联系满六个月、经查找仍无法取得联系: 应停止党籍 (art. 24, §1.13).
- 停止党籍满两年仍无法取得联系: 按自行脱党予以除名 (§1.13).
The date is when the six months (two years) were up; the member's status_since is the start.
"""

from __future__ import annotations

from ztclient.domain.dates import add_months, parse_date
from ztclient.services.due import DueContext, DueItem

RULES = (  # status, months, due kind
    ("mobile", 6, "mobile_long"),
    ("lost_contact", 6, "lost_contact_long"),
    ("suspended", 24, "suspended_long"),
)


def items(ctx: DueContext) -> list[DueItem]:
    out = []
    for status, months, kind in RULES:
        limit = add_months(ctx.today, -months).isoformat()
        for r in ctx.session.store.read(
            "SELECT m.id, m.name, m.status_since, o.name AS org_name FROM members m "
            "LEFT JOIN orgs o ON o.id = m.org_id WHERE m.status = ? AND m.status_since IS NOT NULL "
            "AND m.status_since <= ? ORDER BY m.status_since",
            (status, limit),
        ):
            since = r["status_since"]
            due = add_months(parse_date(since, "status_since"), months).isoformat()
            out.append(
                DueItem(
                    kind,
                    r["name"],
                    due,
                    {"since": since, "org": r["org_name"] or "", "months": months},
                    r["id"],
                )
            )
    return out
