"""演示数据: people in development at every stage, made through the real services and rules.

Each person walks the official road (domain facts §2) from an application date chosen so that
they stop at a different stage today: two applicants (one whose talk is overdue), an activist,
one ready to become a candidate, a candidate ready for the 支部大会, two probationary members
and a new full member whose record is not yet archived. Admissions and conversions are votes at
the branch's 支部党员大会, so the demo shows meetings as evidence too.
"""

from __future__ import annotations

import random  # demo data only
from datetime import date, timedelta
from typing import Any

from ztclient.domain import idnumber

# (code, days after the application, people: "mentors"/"sponsors"/"talker", details)
ROAD: tuple[tuple[str, int, str, dict[str, Any]], ...] = (
    ("applied", 0, "", {}),
    ("talk", 20, "talker", {}),
    ("activist", 90, "", {"method": "member"}),
    ("mentors", 95, "mentors", {}),
    ("activist_filed", 100, "", {}),
    ("assessment", 180, "", {"note": "表现良好"}),
    ("assessment", 360, "", {"note": "表现良好"}),
    ("candidate", 465, "", {}),
    ("candidate_filed", 470, "", {}),
    ("sponsors", 475, "sponsors", {}),
    ("political_review", 500, "", {"result": "qualified"}),
    ("training", 520, "", {"days": 3, "hours": 24}),
    ("committee_review", 540, "", {}),
    ("public_notice", 541, "", {"days": 5}),
    ("pre_review", 550, "", {}),
    ("volunteer_form", 555, "", {}),
    ("admitted", 570, "", {}),
    ("grouped", 571, "", {}),
    ("upper_talk", 580, "talker", {}),
    ("approval", 600, "", {"document_no": "组干字〔2026〕12号"}),
    ("upper_filing", 610, "", {}),
    ("oath", 620, "", {}),
    ("probation_assessment", 750, "", {"note": "表现良好"}),
    ("conversion_application", 925, "", {}),
    ("converted", 938, "", {}),
)
# (mark, days before today of the application, stop after the step of this offset)
PEOPLE = (
    ("申", 20, 0),
    ("申", 50, 0),
    ("积", 230, 180),
    ("积", 470, 360),  # a year as activist is over: ready to become a candidate
    ("发", 560, 555),
    ("预", 630, 580),
    ("预", 910, 750),
    ("转", 960, 938),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "晓明华玲婷杰涛敏静磊丽强军燕鹏飞宇欣悦然"


def _id_number(rng: random.Random, birth: date) -> tuple[str, str]:
    gender = rng.choice("12")
    seq = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if gender == "1" else [0, 2, 4])
    first = f"330106{birth:%Y%m%d}{seq:03d}"
    return first + idnumber.check_char(first), gender


def _meeting(session, branch_id: str, day: date, kind: str, subject: str, name: str) -> None:
    due = session.meetings.due_members(branch_id, "branch_general", day.isoformat())
    title = {"admission": f"讨论接收{name}同志为预备党员", "conversion": f"讨论{name}同志转正"}[
        kind
    ]
    data = {
        "org_id": branch_id,
        "kind": "branch_general",
        "starts_at": f"{day.isoformat()}T15:00",
        "title": f"{day.year}年{day.month}月支部党员大会",
        "place": "党员活动室",
        "agenda": [title],
        "attendance": [{"member_id": m["member_id"], "status": "present"} for m in due],
    }
    voters = session.meetings.quorum(data).voters_present  # everyone with a vote says yes
    data["resolutions"] = [
        {
            "title": title,
            "kind": kind,
            "votes_for": voters,
            "votes_against": 0,
            "votes_abstain": 0,
            "subject_member_id": subject,
        }
    ]
    session.meetings.add(data)


def develop(session, branch_id: str, full_members: list[dict[str, Any]], seed: int) -> int:
    """Add the people of PEOPLE to a branch; returns how many."""
    rng = random.Random(seed)
    today = session.clock.today()
    # 培养联系人 and 入党介绍人 must be 正式党员 on the step's date (细则 art. 14): the longest-
    # standing full members who are still here, so the oldest step of PEOPLE finds them full.
    helpers = sorted(
        (m for m in full_members if m.get("category") == "full" and not m.get("left")),
        key=lambda m: str(m.get("full_member_date") or m.get("join_date") or "9999"),
    )[:4]
    if len(helpers) < 2:
        return 0
    people = {
        "mentors": [{"member_id": helpers[0]["id"]}, {"member_id": helpers[1]["id"]}],
        "sponsors": [{"member_id": helpers[0]["id"]}, {"member_id": helpers[1]["id"]}],
        "talker": [{"member_id": helpers[-1]["id"]}],
    }
    for i, (mark, back, stop) in enumerate(PEOPLE):
        start = today - timedelta(days=back)
        birth = start - timedelta(days=365 * rng.randint(22, 30) + rng.randint(0, 300))
        id_number, gender = _id_number(rng, birth)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 2 else "")
        member_id, _ = session.members.add(
            {
                "org_id": branch_id,
                "name": name,
                "gender": gender,
                "id_number": id_number,
                "birth_date": birth.isoformat(),
                "category": "applicant",
                "education": "21",
                "ethnicity": "01",
                "note": f"演示：{mark}",
            }
        )
        for code, offset, who, details in ROAD:
            day = start + timedelta(days=offset)
            if day > today:
                break
            if code in ("admitted", "converted"):
                kind = "admission" if code == "admitted" else "conversion"
                _meeting(session, branch_id, day, kind, member_id, name)
            elif code in ("applied", "activist", "candidate"):
                session.events.record(member_id, code, day.isoformat(), details)
            else:
                session.development.record_step(
                    member_id, code, day.isoformat(), people.get(who, []), details
                )
            if offset == stop:
                break
    return len(PEOPLE)
