"""services/unit_folder.py with fakes for its ports: what each use case checks, writes and
closes (the real vault, store and support zip are in tests/integration/store and cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ztclient.domain.errors import DomainError
from ztclient.services.unit_folder import UnitFolderService


class FakeStore:
    def __init__(self) -> None:
        self.meta: dict[str, str] = {}

    def transaction(self):
        store = self

        class Tx:
            def __enter__(self):
                return store

            def __exit__(self, *exc):
                return False

        return Tx()

    def set_meta(self, key: str, value: str) -> None:
        self.meta[key] = value


class FakeOrgs:
    def __init__(self) -> None:
        self.added: list[dict] = []

    def add(self, fields: dict):
        self.added.append(fields)
        return "org-1", None


class FakeSession:
    def __init__(self, store=None, problems=(), fail_verify=False) -> None:
        self.store = store
        self.orgs = FakeOrgs()
        self.closed = False
        self.problems = list(problems)
        self.fail_verify = fail_verify

    def verify(self):
        if self.fail_verify:
            raise DomainError("E_IO")
        return self.problems

    def close(self) -> None:
        self.closed = True


class FakeVault:
    def __init__(self) -> None:
        self.created: list[tuple[str, dict]] = []
        self.store = FakeStore()

    def create(self, passphrase, meta):
        self.created.append((passphrase, meta))
        return self.store, "RECOVERY-CODE"

    def rekey(self, passphrase, new_passphrase=None):
        return {"recovery_code": "NEW", "moved_to": "old/"}


def service(vault=None, unlock=None, state="ready", opened=None):
    opened = opened if opened is not None else []

    def open_session(store):
        s = FakeSession(store)
        opened.append(s)
        return s

    return UnitFolderService(
        vault or FakeVault(), Path("/data"), open_session,
        unlock or (lambda p: FakeSession()), lambda: state,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "code", "field"), [("  ", "1", "unit_name"), ("单位", "", "unit_code")]
)
def test_a_unit_without_name_or_code_is_refused_before_any_file(name, code, field):
    vault = FakeVault()
    with pytest.raises(DomainError) as err:
        service(vault).create_unit(name, code, "口令")
    assert err.value.code == "E_FIELD_REQUIRED" and field in str(err.value.args)
    assert vault.created == []


def test_a_new_unit_gets_its_root_organisation():
    vault, opened = FakeVault(), []
    session, code = service(vault, opened=opened).create_unit(
        " 中共某支部 ", " 3301 ", "口令", "branch"
    )
    assert code == "RECOVERY-CODE" and session is opened[0]
    assert vault.created == [("口令", {"unit_name": "中共某支部", "unit_code": "3301"})]
    assert session.orgs.added == [{"name": "中共某支部", "kind": "branch", "code": "3301"}]
    assert vault.store.meta == {"root_org_id": "org-1"}


def test_rekey_verifies_the_new_data_and_always_closes_it():
    opened: list[FakeSession] = []

    def unlock(passphrase):
        opened.append(FakeSession(problems=["x"]))
        assert passphrase == "新口令"
        return opened[-1]

    result = service(unlock=unlock).rekey("旧口令", "新口令")
    assert result == {"recovery_code": "NEW", "moved_to": "old/", "problems": ["x"]}
    assert opened[0].closed

    failing = FakeSession(fail_verify=True)
    with pytest.raises(DomainError):
        service(unlock=lambda p: failing).rekey("旧口令")
    assert failing.closed


def test_the_support_zip_records_why_unlocking_failed():
    calls = []

    def write(out, data_dir, session, error):
        calls.append((out, data_dir, session, error))
        return {"ok": True}

    def unlock(passphrase):
        raise DomainError("E_BAD_PASSPHRASE")

    assert service(unlock=unlock).diagnose(write, Path("s.zip"), "错") == {"ok": True}
    assert calls[-1] == (Path("s.zip"), Path("/data"), None, "E_BAD_PASSPHRASE")
    # an empty folder is not unlocked at all; an open session is used as it is and left open
    service(unlock=unlock, state="empty").diagnose(write, Path("s.zip"), "错")
    assert calls[-1][3] is None
    open_one = FakeSession()
    service().diagnose(write, Path("s.zip"), session=open_one)
    assert calls[-1][2] is open_one and not open_one.closed
    # a session it opened itself is closed after the zip is written
    mine = FakeSession()
    service(unlock=lambda p: mine).diagnose(write, Path("s.zip"), "对")
    assert calls[-1][2] is mine and mine.closed
