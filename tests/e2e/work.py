"""A branch's ordinary work, recorded through the real services (each call = one outbox op)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"]


def add_members(session: Any, n: int, start: int = 0) -> list[str]:
    ids = []
    org = session.root_org_id
    for i in range(start, start + n):
        mid, _ = session.members.add(
            {
                "org_id": org,
                "name": SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)],
                "gender": "1" if i % 3 else "2",
                "birth_date": f"{1960 + i % 11}-0{1 + i % 9}-1{i % 9}",  # 18 by 1990
                "join_date": f"{1990 + i % 25}-07-01",
                "full_member_date": f"{1991 + i % 25}-07-01",
                "phone": f"1380000{i:04d}",
            }
        )
        ids.append(mid)
    return ids


def week_of_work(session: Any, members: list[str], week: int, first: date) -> int:
    """One week: a group meeting with attendance and its study hours, a theme-day meeting,
    and two roster edits. Returns the number of outbox ops written."""
    ops = 0
    day = first + timedelta(days=7 * week)
    for kind, hours, offset in (("group", 1.0, 1), ("theme_day", 2.0, 4)):
        when = day + timedelta(days=offset)
        attendance = [
            {
                "member_id": m,
                "status": "present" if j % 5 else "absent",
                "reason": None if j % 5 else "出差",
            }
            for j, m in enumerate(members)
        ]
        meeting_id, _ = session.meetings.add(
            {
                "org_id": session.root_org_id,
                "kind": kind,
                "starts_at": f"{when.isoformat()}T15:00",
                "place": "党员活动室",
                "agenda": [f"第{week + 1}周学习"],
                "attendance": attendance,
            }
        )
        ops += 1
        present = [a["member_id"] for a in attendance if a["status"] == "present"]
        session.study.add(
            [
                {
                    "member_id": m,
                    "date": when.isoformat(),
                    "hours": hours,
                    "form": "collective",
                    "topic": f"第{week + 1}周学习",
                    "meeting_id": meeting_id,
                }
                for m in present
            ]
        )
        ops += 1
    for k in range(2):
        m = members[(week * 2 + k) % len(members)]
        row = session.members.get(m)
        session.members.update(m, {"phone": f"139{week:04d}{k:04d}"}, row["version"])
        ops += 1
    return ops


def month_of_work(session: Any, n_members: int = 12, weeks: int = 4) -> int:
    members = add_members(session, n_members)
    ops = n_members
    for w in range(weeks):
        ops += week_of_work(session, members, w, date(2026, 10, 5))
    return ops


def realistic_week(session: Any, first: date, new_members: int = 30, start: int = 0) -> int:
    """The issue's measured week of a branch (issue 15): 30 new members, 10 meetings with
    attendance, 10 study records — about 50 changes. Returns the number of outbox ops."""
    members = add_members(session, new_members, start=start)
    ops = new_members
    kinds = ("group", "theme_day", "branch_committee", "group", "lecture") * 2
    for i, kind in enumerate(kinds):
        when = first + timedelta(days=i % 6)
        attendance = [
            {
                "member_id": m,
                "status": "present" if (j + i) % 6 else "absent",
                "reason": None if (j + i) % 6 else "出差",
            }
            for j, m in enumerate(members)
        ]
        meeting_id, _ = session.meetings.add(
            {
                "org_id": session.root_org_id,
                "kind": kind,
                "starts_at": f"{when.isoformat()}T{9 + i % 8:02d}:00",
                "place": "党员活动室",
                "agenda": [f"学习第{i + 1}讲"],
                "attendance": attendance,
            }
        )
        present = [a["member_id"] for a in attendance if a["status"] == "present"]
        session.study.add(
            [
                {
                    "member_id": m,
                    "date": when.isoformat(),
                    "hours": 1.5 if i % 2 else 2.0,
                    "form": "collective",
                    "topic": f"学习第{i + 1}讲",
                    "meeting_id": meeting_id,
                }
                for m in present
            ]
        )
        ops += 2
    return ops


def two_devices(central: Any, make_unit: Any, tmp: Any, unit: str, laptop_operator=None):
    """(pc, laptop's App, laptop): two devices of one unit, each enrolled with its own code."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    _, pc = make_unit(unit, name=f"中共{unit}支部委员会")
    lapp = App(tmp / "laptop")
    laptop, _ = lapp.create_unit(f"中共{unit}支部委员会", unit, PASSPHRASE, "branch",
                                 operator_name=laptop_operator)  # fmt: skip
    for s, tag in ((pc, "pc"), (laptop, "laptop")):
        s.sync.enroll_online(central.url, central.enroll_unit(unit, tmp / f"e-{tag}.json"))
    return pc, lapp, laptop


def both_change_one_member(pc: Any, laptop: Any) -> str:
    """李四 added on the PC; both devices change his phone and address from the same version,
    the laptop syncing second: its values are applied (arrival order) and the PC's displaced,
    so the laptop has two 待核对 rows (their values down). His id."""
    mid = li_si_on_both(pc, laptop)
    both_change(pc, laptop, mid)
    return mid


def li_si_on_both(pc: Any, laptop: Any) -> str:
    """李四 added on the PC and synced to the laptop. His id."""
    mid, _ = pc.members.add(
        {"org_id": pc.root_org_id, "name": "李四", "gender": "1", "category": "full",
         "join_date": "2010-07-01", "full_member_date": "2011-07-01", "phone": "13600000000",
         "address": "东街1号"}
    )  # fmt: skip
    pc.sync.sync()
    laptop.sync.sync()
    return mid


def both_change(pc: Any, laptop: Any, mid: str) -> None:
    """Both devices change 李四's phone and address from the same version, the laptop second:
    two 待核对 rows on the laptop, their values down."""
    version = laptop.members.get(mid)["version"]
    pc.members.update(mid, {"phone": "13600000001", "address": "东街2号"}, version)
    pc.sync.sync()
    laptop.members.update(mid, {"phone": "13600000002", "address": "东街3号"}, version)
    laptop.sync.sync()
    laptop.sync.sync()  # the conflicts' values come down after the receipt
    assert sorted(p["field"] for p in laptop.sync.status()["conflicts"]) == ["address", "phone"]
