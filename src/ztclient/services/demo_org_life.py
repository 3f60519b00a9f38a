"""演示数据 for the organisation's life: each branch's talks this year, last year's 民主评议 (one
不合格 with its follow-up open, one 基本合格 done) and 组织生活会 整改 items (one carried over).
Written through the services, like any clerk's edit, so they also travel up in a sync."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from typing import Any

from ztprotocol.roll import CURRENT_SQL, is_member

TOPICS = [
    "思想工作情况",
    "工作和生活困难",
    "对支部工作的意见建议",
    "学习党的创新理论体会",
    "发挥党员先锋模范作用",
    "家庭情况和身体状况",
]
PROBLEMS = [
    ("理论学习不够系统，学用结合不紧", "制定年度学习计划，每月集中学习一次"),
    ("组织生活质量不高，批评和自我批评不够", "支委会先行开展谈心谈话，会前征求意见"),
    ("三会一课台账不够规范", "统一使用会议记录本，组织委员每月检查"),
    ("联系服务群众不够经常", "党员结对联系困难群众，每季度走访一次"),
]


def generate(
    session: Any,
    rng: random.Random,
    today: date,
    members_by_branch: dict[str, list[dict[str, Any]]],
) -> dict[str, int]:
    counts = {"talks": 0, "appraisals": 0, "rectifications": 0}
    last_year = today.year - 1
    for branch_id, members in members_by_branch.items():
        committee = session.orgs.committee(branch_id, today)
        on_roll = [
            m
            for m in members
            if is_member(m["category"])
            and (m.get("join_date") or "") <= f"{last_year}-12-31"
            and session.store.scalar(
                f"SELECT 1 FROM members WHERE id = ? AND status IN {CURRENT_SQL}",
                (m["id"],),
            )
        ]
        secretary = next((p["member_id"] for p in committee if p["post"] == "secretary"), None)
        talks = []
        start = date(today.year, 1, 1)
        span = max((today - start).days, 1)
        if secretary:
            others = [m["id"] for m in on_roll if m["id"] != secretary]
            for talkee in rng.sample(others, k=min(len(others), 12)):
                day = start + timedelta(days=rng.randrange(span))
                talks.append(
                    {
                        "date": day.isoformat(),
                        "talker_id": secretary,
                        "talkee_id": talkee,
                        "topic": rng.choice(TOPICS),
                        "follow_up": rng.choice(["", "", "一个月后回访", "已协调解决"]),
                    }
                )
        members_of_committee = [p["member_id"] for p in committee if p["member_id"] != secretary]
        for a, b in itertools.pairwise(members_of_committee):
            day = start + timedelta(days=rng.randrange(span))
            talks.append(
                {"date": day.isoformat(), "talker_id": a, "talkee_id": b, "topic": "分工协作"}
            )
        if talks:
            counts["talks"] += len(session.talks.add_many(talks)[0])
        if on_roll:
            rows = []
            excellent = set(rng.sample([m["id"] for m in on_roll], k=len(on_roll) // 5))
            plain = [m["id"] for m in on_roll if m["id"] not in excellent]
            weak = plain[-2:] if len(plain) > 4 else []
            for m in on_roll:
                grade = "excellent" if m["id"] in excellent else "qualified"
                row = {"member_id": m["id"], "grade": grade}
                if weak and m["id"] == weak[0]:
                    row.update(
                        grade="basically_qualified",
                        measure="education",
                        deadline=f"{today.year}-03-31",
                    )
                elif weak and m["id"] == weak[1]:
                    row.update(
                        grade="unqualified",
                        measure="correct",
                        deadline=(today + timedelta(days=75)).isoformat(),
                    )
                rows.append(row)
            ids = session.appraisals.record(last_year, rows).ids
            counts["appraisals"] += len(ids)
            done = session.appraisals.list(last_year, branch_id)
            for r in done:
                if r["grade"] == "basically_qualified":
                    session.appraisals.follow_up(
                        r["id"],
                        # by 20 March, or by today before then: a date to come is refused
                        # (E_DATE_FUTURE), and the demo failed from 1 January to 19 March
                        {
                            "done_on": min(date(today.year, 3, 20), today).isoformat(),
                            "outcome": "已改正",
                        },
                        r["version"],
                    )
        owner = next((p["member_id"] for p in committee if p["post"] == "organisation"), None)
        items = []
        for i, (problem, measure) in enumerate(PROBLEMS):
            year = last_year if i < 3 else today.year
            items.append(
                {
                    "org_id": branch_id,
                    "year": year,
                    "problem": problem,
                    "measure": measure,
                    "owner_id": owner if i % 2 else None,
                    "owner": None if i % 2 else "支部委员会",
                    "deadline": f"{year}-06-30" if i else None,
                }
            )
        ids = session.rectifications.add_many(items)[0]
        counts["rectifications"] += len(ids)
        for item_id in ids[1:3]:  # two of last year's items are done; the first is carried over
            row = session.rectifications.rows.get(item_id)
            session.rectifications.update(
                item_id, {"done_on": f"{last_year}-06-20", "result": "已落实"}, row["version"]
            )
    return counts
