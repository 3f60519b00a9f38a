"""Shared fixtures: a real encrypted unit in a temporary folder (real Argon2id, real SQLCipher)."""

from __future__ import annotations

import pytest
from tests.helpers import PASSPHRASE, run_cli  # noqa: F401


@pytest.fixture
def app(tmp_path):
    from ztclient.bootstrap import App

    return App(tmp_path / "data")


@pytest.fixture
def unit(app):
    """(app, session, recovery_code) of a new unit with one branch."""
    session, code = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch_id, _ = session.orgs.add(
        {"parent_id": session.root_org_id, "kind": "branch", "name": "第一党支部"}
    )
    with session.store.transaction() as tx:
        tx.set_meta("test_branch_id", branch_id)
    yield app, session, code
    session.close()
