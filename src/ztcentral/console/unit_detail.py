"""One unit in depth: compliance by month, meetings by kind, the development pipeline,
devices, sync history and problems (all counts; no personal data). A month or quarter counts
the branches that owed it: one founded later in the year (its 成立日期) is not counted before
the period its founding day falls in (ztprotocol/obligations.py, the client's rule), one
dissolved is counted for the periods that ended by its 撤销 and not after."""

from __future__ import annotations

import calendar
import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from ztcentral.console.figures import QUARTERLY_KINDS, add_month, monthly_owed
from ztcentral.db import Database
from ztcentral.meetings_held import branch_posts, held_meetings
from ztcentral.unit_names import UnitName, unit_names
from ztprotocol.obligations import founding_day, owed
from ztprotocol.roll import is_current

KINDS = ("branch_committee", "theme_day", "group", "branch_general", "lecture", "org_life")
KIND_LABELS = {
    "branch_general": ("支部党员大会", "Branch general"),
    "branch_committee": ("支委会", "Committee"),
    "group": ("党小组会", "Group"),
    "lecture": ("党课", "Lecture"),
    "theme_day": ("主题党日", "Theme day"),
    "org_life": ("组织生活会", "Org. life"),
    "appraisal": ("民主评议", "Appraisal"),
    "topic": ("专题会", "Topic"),
}
CATEGORY_LABELS = {
    "applicant": ("入党申请人", "applicants"),
    "activist": ("入党积极分子", "activists"),
    "candidate": ("发展对象", "candidates"),
    "probationary": ("预备党员", "probationary"),
    "full": ("正式党员", "full"),
}


def label(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    pair = table.get(code)
    return (pair[1] if lang == "en" else pair[0]) if pair else code


def exists(db: Database, code: str) -> UnitName | None:
    """The unit's names (ztcentral.unit_names), None for a unit the centre does not know."""
    with db.tx() as tx:
        return unit_names(tx, code).get(code)


def detail(db: Database, code: str, today: date) -> dict[str, Any]:
    year = today.year
    with db.tx() as tx:
        orgs = {
            r["id"]: json.loads(r["data"])
            for r in tx.all(
                "SELECT id, data FROM records WHERE unit = $1 AND entity = 'org'", (code,)
            )
        }
        # every branch, dissolved ones too: one dissolved in June owed January–June (owing)
        branches = [i for i, o in orgs.items() if o.get("kind") == "branch"]
        by_month: dict[int, Counter] = defaultdict(Counter)
        by_kind: Counter = Counter()
        month_branches: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        posts = branch_posts(tx, code)
        for m in held_meetings(tx, code, year, today):
            month = int(m["day"][5:7])
            kind = m.get("kind", "")
            by_month[month][kind] += 1
            by_kind[kind] += 1
            month_branches[month][m.get("org_id", "")].add(kind)
        categories = Counter()
        for r in tx.all("SELECT data FROM records WHERE unit = $1 AND entity = 'member'", (code,)):
            m = json.loads(r["data"])
            if is_current(m.get("status")):
                categories[m.get("category", "")] += 1
        devices = tx.all(
            "SELECT device_id, status, enrolled_at, last_seen, watermark FROM devices "
            "WHERE unit = $1 ORDER BY enrolled_at",
            (code,),
        )
        history = tx.all(
            "SELECT b.bundle_id, b.device_id, b.seq_from, b.seq_to, b.state, b.code, "
            "b.received_at, b.applied_at FROM bundles b JOIN devices d ON d.device_id = b.device_id "
            "WHERE d.unit = $1 ORDER BY b.received_at DESC LIMIT 30",
            (code,),
        )
        conflicts = int(
            tx.scalar("SELECT count(*) FROM conflicts WHERE unit = $1 AND status = 'open'", (code,))
            or 0
        )
        quarantined = int(
            tx.scalar(
                "SELECT count(*) FROM quarantine q JOIN devices d ON d.device_id = q.device_id "
                "WHERE d.unit = $1 AND q.reviewed IS NULL",
                (code,),
            )
            or 0
        )
        held = int(  # every one, as the overview counts: not those of the 30 newest rows only
            tx.scalar(
                "SELECT count(*) FROM bundles b JOIN devices d ON d.device_id = b.device_id "
                "WHERE d.unit = $1 AND b.state = 'held'",
                (code,),
            )
            or 0
        )
        rollbacks = int(  # a restored backup: seen, never silent (ztcentral status says it too)
            tx.scalar(
                "SELECT count(*) FROM audit_rollbacks r JOIN devices d "
                "ON d.device_id = r.device_id WHERE d.unit = $1",
                (code,),
            )
            or 0
        )
    founded = {b: founding_day(orgs[b].get("founded_on")) for b in branches}
    ended = {b: founding_day(orgs[b].get("dissolved_on")) for b in branches}

    def owing(last_month: int) -> list[str]:
        last = date(year, last_month, calendar.monthrange(year, last_month)[1])
        return [b for b in branches if owed(last, founded[b], ended[b])]

    months = []
    for month in range(1, 13):
        if (year, month) > (today.year, today.month):
            break
        due = owing(month)
        first = date(year, month, 1)
        span = (first.isoformat(), (add_month(first) - timedelta(days=1)).isoformat())
        complete = sum(
            1 for b in due if monthly_owed(posts.get(b, []), *span) <= month_branches[month][b]
        )
        months.append(
            {"month": month, "kinds": by_month[month], "complete": complete, "total": len(due)}
        )
    quarter_complete = []
    for q in range(4):
        span = range(q * 3 + 1, q * 3 + 4)
        if span[0] > today.month:
            break
        due = owing(span[-1])
        done = sum(
            1
            for b in due
            if set(QUARTERLY_KINDS) <= set().union(*(month_branches[m][b] for m in span))
        )
        quarter_complete.append({"quarter": q + 1, "complete": done, "total": len(due)})
    return {
        "year": year,
        "branches": sum(1 for b in branches if ended[b] is None),
        "months": months,
        "quarters": quarter_complete,
        "by_kind": by_kind,
        "categories": categories,
        "devices": devices,
        "history": history,
        "conflicts": conflicts,
        "quarantined": quarantined,
        "rollbacks": rollbacks,
        "held": held,
    }


#: 党员名单 lists 党员; the people in development (filed with the committee) have their own list.
#: A record without a category (an older client's) stays with the 党员, never vanishes.
DEVELOPMENT = ("applicant", "activist", "candidate")
VIEWS = ("members", "development")


def members(db: Database, code: str, show: str = "members") -> list[dict[str, Any]]:
    """The unit's current roll for an admin (ID numbers masked even here): ``members`` the
    党员 (正式 and 预备), ``development`` the 入党申请人, 入党积极分子 and 发展对象."""
    development = show == "development"
    with db.tx() as tx:
        orgs = {
            r["id"]: json.loads(r["data"]).get("name", "")
            for r in tx.all(
                "SELECT id, data FROM records WHERE unit = $1 AND entity = 'org'", (code,)
            )
        }
        rows = []
        for r in tx.all(
            "SELECT id, data FROM records WHERE unit = $1 AND entity = 'member'", (code,)
        ):
            m = json.loads(r["data"])
            if not is_current(m.get("status")):
                continue
            if (m.get("category") in DEVELOPMENT) != development:
                continue
            idn = str(m.get("id_number") or "")
            rows.append(
                {
                    "name": m.get("name", ""),
                    "gender": m.get("gender", ""),
                    "category": m.get("category", ""),
                    "branch": orgs.get(m.get("org_id", ""), ""),
                    "join_date": m.get("join_date") or "",
                    "phone": m.get("phone") or "",
                    "id_number": (idn[:4] + "*" * (len(idn) - 8) + idn[-4:])
                    if len(idn) > 8
                    else "",
                }
            )
    rows.sort(key=lambda r: (r["branch"], r["name"]))
    return rows
