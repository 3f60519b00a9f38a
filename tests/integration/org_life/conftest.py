"""A real encrypted unit for the org-life tests: a 党委 with one branch of nine full members and
one probationary member, on a fixed day (2026-11-20). Made once, copied for each test."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import pytest
from tests.helpers import PASSPHRASE

TODAY = date(2026, 11, 20)
NAMES = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八", "冯九"]


class FixedClock:
    def __init__(self, today: date = TODAY) -> None:
        self.day = today

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 8, 0, tzinfo=UTC)

    def today(self) -> date:
        return self.day


def person(org_id: str, name: str, i: int, category: str = "full") -> dict:
    row = {"org_id": org_id, "name": name, "gender": "1" if i % 2 else "2", "category": category}
    if category == "full":
        row.update(join_date=f"{1990 + i}-07-01", full_member_date=f"{1991 + i}-07-01")
    else:
        row.update(
            application_date="2024-03-01",
            activist_date="2024-06-01",
            candidate_date="2025-06-10",
            join_date="2026-01-10",
        )
    return row


@pytest.fixture(scope="module")
def life_template(tmp_path_factory):
    from ztclient.bootstrap import App

    folder = tmp_path_factory.mktemp("orglife") / "unit"
    app = App(folder, clock=FixedClock())
    s, _ = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第一党支部"})
    rows = [person(branch, n, i) for i, n in enumerate(NAMES)]
    rows.append(person(branch, "陈预备", 20, "probationary"))
    _ids, _ = s.members.add_many(rows, action="test.member")
    with s.store.transaction() as tx:
        tx.set_meta("test_branch_id", branch)
    s.close()
    return folder


@pytest.fixture
def life(life_template, tmp_path):
    """(session, branch id, {name: member id})."""
    from ztclient.bootstrap import App

    folder = tmp_path / "unit"
    shutil.copytree(life_template, folder)
    app = App(folder, clock=FixedClock())
    s = app.unlock(PASSPHRASE)
    branch = s.store.get_meta("test_branch_id")
    people = {r["name"]: r["id"] for r in s.store.read("SELECT id, name FROM members")}
    yield s, branch, people
    s.close()
