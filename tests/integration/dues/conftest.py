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
    """The morning of 1 January 2026: 2025 is over, so its ledger (as of 31 December, the
    default for a past year) has every month fallen due. On 31 December itself an unpaid
    December is still to pay (待交) until the day is out (ztprotocol.dues_price.last_fallen_due)."""
    return FixedClock(date(2026, 1, 1))


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
    """(app, session, branch id) of a unit whose clock says ``clock`` (2026-01-01 unless a test
    module says otherwise)."""
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
