"""A unit's page MAC (infra/db/page_mac.py): HMAC-SHA256 or HMAC-SHA512, whichever this CPU
makes cheaper when the unit is created; every copy keeps it; a unit of either kind opens.

Each case looks at the file itself, through a bare SQLCipher connection: under the unit's MAC it
reads, under the other one page 1 fails, so a setting that was not applied would show.
"""

from __future__ import annotations

import zipfile

import pytest
import sqlcipher3
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import DomainError
from ztclient.infra.db import page_mac

OTHER = {page_mac.SHA512: page_mac.SHA256, page_mac.SHA256: page_mac.SHA512}


def _opens_under(path, dek, mac) -> bool:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(bytearray(b"x'" + bytes(dek).hex().encode() + b"'"))
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {mac}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.dbapi2.DatabaseError:
        return False
    finally:
        conn.close()


def _is_under(path, dek, mac) -> bool:
    return _opens_under(path, dek, mac) and not _opens_under(path, dek, OTHER[mac])


@pytest.fixture(params=page_mac.ACCEPTED)
def made_with(request, app, monkeypatch):
    """(app, session, mac): a new unit whose machine chose ``mac``."""
    mac = request.param
    monkeypatch.setattr(page_mac, "fastest", lambda: mac)
    session, _code = app.create_unit("中共测试街道工作委员会", "3301060001", PASSPHRASE)
    branch, _ = session.orgs.add(
        {"parent_id": session.root_org_id, "kind": "branch", "name": "第一党支部"}
    )
    session.members.add({"org_id": branch, "name": "张三", "gender": "1", "category": "applicant"})
    yield app, session, mac
    session.close()


def test_the_unit_is_written_and_read_under_the_mac_its_machine_chose(made_with):
    app, session, mac = made_with
    assert session.store.page_mac == mac
    session.close()
    dek = app.vault.data_key(PASSPHRASE)
    assert _is_under(app.vault.db_path, dek, mac)
    reopened = app.unlock(PASSPHRASE)
    try:
        assert reopened.store.page_mac == mac
        assert [m["name"] for m in reopened.members.list()] == ["张三"]
    finally:
        reopened.close()


def test_a_backup_keeps_the_unit_s_mac_and_restores_as_it_was(made_with, tmp_path):
    app, session, mac = made_with
    out = tmp_path / "unit.zip"
    app.backups.backup(session, out)
    session.close()
    dek = app.vault.data_key(PASSPHRASE)
    with zipfile.ZipFile(out) as z:
        z.extract("ztclient.db", tmp_path / "inside")
    assert _is_under(tmp_path / "inside" / "ztclient.db", dek, mac)
    # SQLCipher's process-wide default is back where it was after the copy
    conn = sqlcipher3.connect(":memory:")
    assert conn.execute("PRAGMA cipher_default_hmac_algorithm").fetchone()[0] == page_mac.SHA512

    app.backups.restore(out, PASSPHRASE)
    restored = app.unlock(PASSPHRASE)
    try:
        assert restored.store.page_mac == mac
        assert [m["name"] for m in restored.members.list()] == ["张三"]
    finally:
        restored.close()
    assert _is_under(app.vault.db_path, app.vault.data_key(PASSPHRASE), mac)


def test_rekey_keeps_the_unit_s_mac(made_with):
    app, session, mac = made_with
    session.close()
    assert app.rekey(PASSPHRASE)["problems"] == []
    assert _is_under(app.vault.db_path, app.vault.data_key(PASSPHRASE), mac)
    reopened = app.unlock(PASSPHRASE)
    try:
        assert reopened.store.page_mac == mac
    finally:
        reopened.close()


def test_the_support_report_names_the_page_mac(made_with):
    from ztclient.infra import diagnose

    _app, session, mac = made_with
    assert diagnose._unit(session)["page_mac"] == mac


def test_a_page_1_that_passes_neither_mac_is_damage(made_with):
    app, session, _mac = made_with
    session.close()
    with open(app.vault.db_path, "r+b") as f:
        f.seek(100)
        byte = f.read(1)
        f.seek(100)
        f.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(DomainError) as err:
        app.unlock(PASSPHRASE)
    assert err.value.code == "E_DB_DAMAGED" and err.value.params["reason"] == "foreign"
