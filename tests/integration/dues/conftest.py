"""A real encrypted unit with a clock stopped at a known day, and members to collect dues from."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import pytest
from tests.helpers import PASSPHRASE
from tests.integration.documents.conftest import bundled_fonts  # noqa: F401 (a fixture)


class FixedClock:
    def __init__(self, day: date) -> None:
        self.day = day

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 8, 0, tzinfo=UTC)

    def today(self) -> date:
        return self.day


@pytest.fixture
def clock():
    return FixedClock(date(2025, 12, 31))


@pytest.fixture(scope="session")
def dues_template(tmp_path_factory):
    """(folder, branch id) of a unit made once a worker on 2025-12-31 (creating one costs two
    Argon2id derivations and every migration); each test unlocks its own copy."""
    from ztclient.bootstrap import App

    folder = tmp_path_factory.mktemp("dues-template") / "data"
    app = App(folder, clock=FixedClock(date(2025, 12, 31)))
    session, _ = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch, _ = session.orgs.add(
        {"parent_id": session.root_org_id, "kind": "branch", "name": "第一党支部"}
    )
    session.close()
    return folder, branch


@pytest.fixture
def dues_unit(tmp_path, clock, dues_template):
    """(app, session, branch id) of a unit whose clock says 2025-12-31."""
    from ztclient.bootstrap import App

    folder, branch = dues_template
    shutil.copytree(folder, tmp_path / "data")
    app = App(tmp_path / "data", clock=clock)
    session = app.unlock(PASSPHRASE)
    yield app, session, branch
    session.close()


def add_member(session, branch, name, **fields):
    data = {
        "org_id": branch,
        "name": name,
        "gender": "1",
        "category": "full",
        "join_date": "2001-07-01",
        "full_member_date": "2002-07-01",
        **fields,
    }
    member_id, _ = session.members.add(data)
    return member_id
