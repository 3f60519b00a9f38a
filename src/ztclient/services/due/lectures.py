"""书记讲党课: organisations whose 书记 has not given a 党课 this year (domain facts §3: the
secretary gives at least one a year). A 党课 anywhere in the unit counts when its lecturer held
the organisation's secretary post on the day; the lecturer is the meeting's ``lecturer_id``, or
for records without one, the ``lecturer`` name."""

from __future__ import annotations

from ztclient.domain.committee import Post
from ztclient.services.due import DueContext, DueItem


def items(ctx: DueContext) -> list[DueItem]:
    store = ctx.session.store
    year = ctx.today.year
    today = ctx.today.isoformat()
    secretaries: dict[str, list[Post]] = {}
    for r in store.read(
        "SELECT p.org_id, p.member_id, p.post, p.start_date, p.end_date FROM org_posts p "
        "JOIN orgs o ON o.id = p.org_id WHERE p.post = 'secretary' AND p.voided = 0 "
        "AND o.dissolved_on IS NULL "
        "AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?)",
        (f"{year}-12-31", f"{year}-01-01"),
    ):
        secretaries.setdefault(r["org_id"], []).append(Post.of(r))
    names = {
        r["id"]: r["name"]
        for r in store.read(
            "SELECT id, name FROM members WHERE id IN "
            "(SELECT member_id FROM org_posts WHERE post = 'secretary')"
        )
    }
    lectures = []
    for m in store.read(
        "SELECT * FROM meetings WHERE kind = 'lecture' AND voided = 0 AND starts_at BETWEEN ? AND ?",
        (f"{year}-01-01", f"{today}T99"),  # given by the day (not one saved ahead)
    ):
        day = m["starts_at"][:10]
        lecturer_id = m.get("lecturer_id")
        lectures.append((day, lecturer_id, (m.get("lecturer") or "").strip()))
    out = []
    orgs = {o["id"]: o["name"] for o in ctx.session.orgs.list()}
    for org_id, posts in secretaries.items():
        current = next((p for p in posts if p.held_on(today)), None)
        if org_id not in orgs or current is None:
            continue
        given = any(
            p.held_on(day) and (lid == p.member_id or (not lid and name == names.get(p.member_id)))
            for day, lid, name in lectures
            for p in posts
        )
        if not given:
            out.append(
                DueItem(
                    "secretary_lecture",
                    orgs[org_id],
                    f"{year}-12-31",
                    {
                        "year": year,
                        "secretary": names.get(current.member_id, ""),
                        "overdue": ctx.today.month == 12,
                    },
                    org_id,
                )
            )
    return sorted(out, key=lambda i: i.subject)
