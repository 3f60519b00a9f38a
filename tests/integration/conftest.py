"""Shared fixtures: a real encrypted unit in a temporary folder (real Argon2id, real SQLCipher)."""

from __future__ import annotations

import shutil

import pytest
from tests.helpers import PASSPHRASE, run_cli  # noqa: F401


@pytest.fixture
def app(tmp_path):
    from ztclient.bootstrap import App

    return App(tmp_path / "data")


@pytest.fixture(scope="session")
def unit_template(tmp_path_factory):
    """(folder, recovery code) of a new unit with one branch, made once a worker: creating one
    costs two Argon2id derivations and every migration (~0.7 s); a copy is unlocked as a clerk
    unlocks it (one derivation)."""
    from ztclient.bootstrap import App

    folder = tmp_path_factory.mktemp("unit-template") / "data"
    session, code = App(folder).create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch_id, _ = session.orgs.add(
        {"parent_id": session.root_org_id, "kind": "branch", "name": "第一党支部"}
    )
    with session.store.transaction() as tx:
        tx.set_meta("test_branch_id", branch_id)
    session.close()
    return folder, code


@pytest.fixture
def unit(app, unit_template):
    """(app, session, recovery_code) of a new unit with one branch (a copy of the template: the
    same unit, keys and ids in every test, each test its own files)."""
    folder, code = unit_template
    shutil.copytree(folder, app.data_dir)
    session = app.unlock(PASSPHRASE)
    yield app, session, code
    session.close()
