"""``rekey`` (issue 11, item 5): a new data key, a new key file, the old pair moved aside.

On the main of round 1 there was no way to change the data key: `passwd` rewraps the key file
only, so an old key file with the old passphrase kept opening the data for good.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil

import pytest
from tests.helpers import PASSPHRASE, run_cli

from ztclient.domain.errors import DomainError
from ztclient.infra import rekey as rekeying


def _members(session):
    return sorted(r["name"] for r in session.members.list(include_former=True))


@pytest.fixture
def locked_unit(unit):
    """A unit with two members and a reveal, locked; returns (app, recovery code)."""
    app, session, code = unit
    branch = session.store.get_meta("test_branch_id")
    for name in ("张三", "李四"):
        mid, _ = session.members.add(
            {"org_id": branch, "name": name, "gender": "1", "category": "applicant"}
        )
    session.members.reveal(mid, "phone")
    session.close()
    return app, code


def test_after_rekey_the_old_key_file_and_passphrase_no_longer_open_the_data(locked_unit):
    app, old_code = locked_unit
    old_key = app.vault.key_path.read_bytes()
    result = app.rekey(PASSPHRASE)
    assert result["problems"] == []
    aside = app.data_dir / os.path.basename(result["moved_aside"])
    assert (aside / "keyfile.json").read_bytes() == old_key  # moved aside, never deleted
    assert (aside / "ztclient.db").exists()
    assert not (app.data_dir / ".rekey").exists()

    session = app.unlock(PASSPHRASE)  # the new key file, same passphrase
    assert _members(session) == ["张三", "李四"]
    session.close()

    # the old key file with the old passphrase, put back in place: the data stays shut
    new_key = app.vault.key_path.read_bytes()
    app.vault.key_path.write_bytes(old_key)
    with pytest.raises(DomainError) as err:
        app.unlock(PASSPHRASE)
    assert err.value.code == "E_DB_DAMAGED" and err.value.params["reason"] == "foreign"
    app.vault.key_path.write_bytes(new_key)

    with pytest.raises(DomainError) as err:  # the old printed code is void too
        app.recover(old_code, "新的口令 long enough")
    assert err.value.code == "E_RECOVERY_CODE"
    app.recover(result["recovery_code"], "新的口令 long enough")
    app.unlock("新的口令 long enough").close()


def test_the_audit_chain_carries_over_into_a_new_key_epoch(locked_unit):
    app, _ = locked_unit
    before = app.unlock(PASSPHRASE)
    old_rows = before.store.read("SELECT seq, hash FROM audit ORDER BY seq")
    before.close()
    app.rekey(PASSPHRASE)
    session = app.unlock(PASSPHRASE)
    try:
        rows = session.store.read("SELECT seq, epoch, action, prev, hash FROM audit ORDER BY seq")
        assert [(r["seq"], r["hash"]) for r in rows[: len(old_rows)]] == [
            (r["seq"], r["hash"]) for r in old_rows
        ]  # not rewritten
        opening = rows[len(old_rows)]
        assert (opening["action"], opening["epoch"]) == ("audit.rekey", 2)
        assert opening["prev"] == old_rows[-1]["hash"]
        keys = session.store.read("SELECT epoch, wrapped FROM audit_keys ORDER BY epoch")
        assert [k["epoch"] for k in keys] == [1, 2]
        assert keys[0]["wrapped"] and keys[1]["wrapped"] is None
        assert session.verify() == []
        # the epoch-1 entries are still checked under their (unwrapped) key
        with session.store.transaction() as tx:
            tx.execute("UPDATE audit SET actor = 'x' WHERE seq = 2")
        assert any("audit 2: HMAC mismatch" in p for p in session.verify())
    finally:
        session.close()


def test_the_escrow_slot_follows_to_the_new_key(locked_unit):
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from ztclient.infra.crypto.keyfile import KeyFile

    app, _ = locked_unit
    committee = X25519PrivateKey.generate()
    pub = committee.public_key().public_bytes_raw()
    kf = KeyFile.load(app.vault.key_path)
    dek = kf.unlock(PASSPHRASE)
    kf.add_escrow(dek, pub).save(app.vault.key_path)
    app.rekey(PASSPHRASE)
    new = KeyFile.load(app.vault.key_path)
    assert new.has_escrow
    dek2 = new.unlock_with_escrow(committee)
    assert bytes(dek2) != bytes(dek) and bytes(dek2) == bytes(new.unlock(PASSPHRASE))


def test_a_wrong_passphrase_changes_nothing(locked_unit):
    app, _ = locked_unit
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in app.data_dir.iterdir()}
    with pytest.raises(DomainError) as err:
        app.rekey("not the passphrase")
    assert err.value.code == "E_WRONG_PASSPHRASE"
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in app.data_dir.iterdir()}
    assert after == before


def test_a_failure_before_the_commit_point_leaves_the_old_pair(locked_unit, monkeypatch):
    app, _ = locked_unit
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in app.data_dir.iterdir()}

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rekeying, "atomic_write_json", boom)
    with pytest.raises(DomainError) as err:
        app.rekey(PASSPHRASE)
    assert err.value.code == "E_DISK_FULL"
    monkeypatch.undo()
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in app.data_dir.iterdir()}
    assert after == before  # no .rekey folder left, old files untouched
    app.unlock(PASSPHRASE).close()


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4])
def test_an_interruption_after_the_commit_point_is_completed_on_unlock(
    locked_unit, monkeypatch, fail_at
):
    """Kill the move of files at each step: the next unlock finishes it, never a mix."""
    app, _ = locked_unit
    real_replace = os.replace
    calls = {"n": 0}

    def flaky(src, dst):
        if str(src).endswith(".tmp"):  # atomic writes of the marker itself: not a file move
            return real_replace(src, dst)
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise KeyboardInterrupt  # stands in for the power going off
        return real_replace(src, dst)

    monkeypatch.setattr(rekeying.os, "replace", flaky)
    with pytest.raises(KeyboardInterrupt):
        app.rekey(PASSPHRASE)
    monkeypatch.setattr(rekeying.os, "replace", real_replace)
    assert (app.data_dir / ".rekey" / "READY").exists()
    assert app.state() == "ready"
    session = app.unlock(PASSPHRASE)  # completes the rekey first
    try:
        assert _members(session) == ["张三", "李四"]
        assert session.store.scalar("SELECT max(epoch) FROM audit_keys") == 2
        assert session.verify() == []
    finally:
        session.close()
    assert not (app.data_dir / ".rekey").exists()
    aside = [p for p in app.data_dir.iterdir() if p.name.startswith("rekeyed-")]
    assert len(aside) == 1 and (aside[0] / "keyfile.json").exists()


def test_rekey_from_the_cli_prints_the_code_once_and_refuses_a_wrong_passphrase(locked_unit):
    app, _ = locked_unit
    r = run_cli(app.data_dir, "rekey", passphrase="wrong passphrase")
    assert r.returncode == 3 and "E_WRONG_PASSPHRASE" in r.stderr
    r = run_cli(app.data_dir, "rekey", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["ok"] and len(out["recovery_code"].replace("-", "")) == 40
    r = run_cli(app.data_dir, "rekey")
    assert r.returncode == 0, r.stderr
    assert "新的恢复码" in r.stdout and "rekeyed-" in r.stdout
    # shown once: printed one time, new with each rekey, and kept in no file of the unit
    [code] = set(re.findall(r"\b[0-9A-Z]{4,}(?:-[0-9A-Z]{4,}){3,}\b", r.stdout))
    assert r.stdout.count(code) == 1 and code != out["recovery_code"]
    for path in (p for p in app.data_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert code.encode() not in data and code.replace("-", "").encode() not in data, path
    assert run_cli(app.data_dir, "verify").returncode == 0
    shutil.rmtree(app.data_dir / ".rekey", ignore_errors=True)
