"""A real encrypted unit with one branch, two groups and a committee, for the meeting tests.

People (all dates written here, so every expected figure in the tests can be counted by hand):

| name | category on 2026-09-10 | group | notes |
| --- | --- | --- | --- |
| 王建国 | full | 第一党小组 | 书记 since 2024-01-01 |
| 李文华 | full | 第一党小组 | 组织委员 since 2024-01-01 |
| 陈红, 周伟, 赵磊 | full | 第二党小组 | |
| 孙丽 | full | 第二党小组 | 留党察看 from 2026-05-01: due, no vote |
| 刘洋 | probationary (joined 2026-03-15) | 第二党小组 | due, no vote |
| 钱进 | full | — | died 2026-10-20 (after the meeting) |
| 吴新 | probationary, joined 2026-11-05 | — | not yet a member on 2026-09-10 |
"""

from __future__ import annotations

from datetime import date

from tests.helpers import PASSPHRASE

MEETING_DAY = "2026-09-10"


class FixedClock:
    def __init__(self, today: date) -> None:
        self._today = today

    def now(self):
        from datetime import UTC, datetime

        return datetime(self._today.year, self._today.month, self._today.day, 8, tzinfo=UTC)

    def today(self) -> date:
        return self._today


def add(session, org, name, join, *, full=True, group=None, gender="1", **kw):
    year = int(join[:4])
    fields = {
        "org_id": org, "group_id": group, "name": name, "gender": gender,
        "category": "full" if full else "probationary", "join_date": join,
        "full_member_date": f"{year + 1}{join[4:]}" if full else None, **kw,
    }  # fmt: skip
    member_id, _ = session.members.add(fields)
    return member_id


def general_meeting(ids, **over):
    """支部党员大会 of 2026-09-10: everyone present but 周伟 (病假); two resolutions."""
    data = {
        "org_id": ids["branch"], "kind": "branch_general", "seq_no": 3,
        "title": "2026年第三季度支部党员大会", "starts_at": f"{MEETING_DAY}T09:00",
        "ends_at": f"{MEETING_DAY}T11:30", "place": "镇政府三楼会议室",
        "chair_id": ids["王建国"], "recorder_id": ids["李文华"],
        "agenda": ["讨论接收刘洋同志为预备党员", "研究活动经费"],
        "minutes": "王建国同志主持会议。\n李文华同志介绍情况。",
        "attendance": [{"member_id": ids["周伟"], "status": "absent", "reason": "sick"}]
        + [{"member_id": ids[n], "status": "present"}
           for n in ("王建国", "李文华", "陈红", "赵磊", "孙丽", "刘洋", "钱进")],
        "resolutions": [
            {"title": "同意转正", "kind": "conversion", "votes_for": 4, "votes_against": 0,
             "votes_abstain": 0, "written_opinions": 1},
            {"title": "调整活动经费", "kind": "ordinary", "votes_for": 2, "votes_against": 2,
             "votes_abstain": 0},
        ],
    }  # fmt: skip
    data.update(over)
    return data


def make_unit(tmp_path):
    """(session, ids) — ids maps names (and 'branch', 'g1', 'g2') to record ids."""
    from ztclient.bootstrap import App

    app = App(tmp_path / "data", clock=FixedClock(date(2026, 12, 1)))
    s, _code = app.create_unit("中共青山镇机关委员会", "3301060001", PASSPHRASE)
    ids = {}
    ids["branch"], _ = s.orgs.add(
        {"parent_id": s.root_org_id, "kind": "branch", "name": "青山镇机关第一党支部"}
    )
    for g, name in (("g1", "第一党小组"), ("g2", "第二党小组")):
        ids[g], _ = s.orgs.add({"parent_id": ids["branch"], "kind": "group", "name": name})
    b = ids["branch"]
    ids["王建国"] = add(s, b, "王建国", "2001-07-01", group=ids["g1"])
    ids["李文华"] = add(s, b, "李文华", "2005-06-20", group=ids["g1"], gender="2")
    for name in ("陈红", "周伟", "赵磊"):
        ids[name] = add(s, b, name, "2010-05-04", group=ids["g2"])
    ids["孙丽"] = add(s, b, "孙丽", "2012-07-01", group=ids["g2"], gender="2")
    ids["刘洋"] = add(s, b, "刘洋", "2026-03-15", full=False, group=ids["g2"])
    ids["钱进"] = add(s, b, "钱进", "1980-10-01")
    ids["吴新"] = add(s, b, "吴新", "2026-11-05", full=False)
    s.members.record_event(ids["孙丽"], "discipline_probation", "2026-05-01")
    s.members.record_event(ids["钱进"], "deceased", "2026-10-20")
    for who, post in (("王建国", "secretary"), ("李文华", "organisation")):
        s.orgs.assign_post(b, ids[who], post, "2024-01-01")
    return s, ids


def pdf_text(path) -> str:
    """The PDF's text as poppler reads it (pdftotext -layout), spaces of each line collapsed:
    what a clerk's reader finds. Fails (never skips) when poppler-utils is missing."""
    import re
    import shutil
    import subprocess

    import pytest

    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is not installed: apt-get install poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in out.splitlines())
