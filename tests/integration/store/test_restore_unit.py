"""`restore` of another unit's backup is refused unless confirmed (issue 11, item 5).

On the main of round 1 a backup of any unit was installed without a word.
"""

from __future__ import annotations

import hashlib

import pytest
from tests.helpers import PASSPHRASE, run_cli

from ztclient.domain.errors import DomainError


def _listing(folder):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture
def other_backup(tmp_path):
    """A backup of another unit (B), made with ``passphrase``."""
    from ztclient.bootstrap import App

    def make(passphrase=PASSPHRASE):
        app_b = App(tmp_path / f"b-{len(passphrase)}")
        session, _ = app_b.create_unit("中共另一个街道工作委员会", "3301069999", passphrase)
        out = tmp_path / f"b-{len(passphrase)}.ztbak"
        app_b.backups.backup(session, out)
        session.close()
        return out

    return make


def test_another_units_backup_is_refused_naming_both(unit, other_backup):
    app, session, _ = unit
    session.close()
    backup = other_backup()
    before = _listing(app.data_dir)
    with pytest.raises(DomainError) as err:
        app.backups.restore(backup, PASSPHRASE)
    assert err.value.code == "E_RESTORE_OTHER_UNIT"
    assert err.value.params == {
        "backup_unit": "中共另一个街道工作委员会（3301069999）",
        "current_unit": "中共测试街道工作委员会（3301060001）",
    }
    assert _listing(app.data_dir) == before
    result = app.backups.restore(backup, PASSPHRASE, other_unit=True)  # the clerk confirmed
    assert result["other_unit"] and result["replaced"]
    restored = app.unlock(PASSPHRASE)
    assert restored.unit_code == "3301069999"
    restored.close()


def test_a_backup_that_cannot_be_matched_is_refused_too(unit, other_backup):
    """Another unit with another passphrase: the current data does not open with it."""
    app, session, _ = unit
    session.close()
    backup = other_backup("另一个单位的口令 long")
    with pytest.raises(DomainError) as err:
        app.backups.restore(backup, "另一个单位的口令 long")
    assert err.value.code == "E_RESTORE_UNIT_UNKNOWN"
    assert err.value.params["backup_unit"] == "中共另一个街道工作委员会（3301069999）"


def test_own_backups_restore_without_a_question(unit, tmp_path):
    app, session, _ = unit
    backup = tmp_path / "own.ztbak"
    app.backups.backup(session, backup)
    session.close()
    app.change_passphrase(PASSPHRASE, "后来改过的口令 long")  # same key file lineage
    app.backups.restore(backup, PASSPHRASE)
    app.unlock(PASSPHRASE).close()
    app.rekey(PASSPHRASE)  # a new key lineage, same unit code
    assert app.backups.restore(backup, PASSPHRASE)["other_unit"] is False


def test_own_backup_over_damaged_data_needs_no_question(unit, tmp_path):
    app, session, _ = unit
    backup = tmp_path / "own.ztbak"
    app.backups.backup(session, backup)
    session.close()
    app.vault.db_path.write_bytes(b"")  # the usual reason to restore
    app.backups.restore(backup, PASSPHRASE)
    app.unlock(PASSPHRASE).close()


def test_the_cli_refuses_with_exit_4_and_restores_with_other_unit(unit, other_backup):
    app, session, _ = unit
    session.close()
    backup = other_backup()
    r = run_cli(app.data_dir, "restore", str(backup))
    assert r.returncode == 4, r.stderr
    assert "E_RESTORE_OTHER_UNIT" in r.stderr and "3301069999" in r.stderr
    assert "3301060001" in r.stderr and "--other-unit" in r.stderr
    r = run_cli(app.data_dir, "restore", str(backup), "--other-unit")
    assert r.returncode == 0, r.stderr


def test_a_restored_backup_gives_receipt_numbers_of_a_new_series(unit, tmp_path):
    """Backed up after receipt 00001; 00002 given after it; the backup restored: before, the
    restored copy gave 00002 again (the largest number it knew + 1) for another payment."""
    app, s, _ = unit
    m, _ = s.members.add({
        "org_id": s.root_org_id, "name": "张伟", "gender": "1", "id_number": "110105198001010016",
        "birth_date": "1980-01-01", "join_date": "2010-07-01", "full_member_date": "2011-07-01",
    })  # fmt: skip
    s.dues.set_base(m, 2026, "在职", income="4500")
    number = "SELECT receipt_no FROM dues_payments WHERE first_month = ?"
    s.dues.pay(m, "2026-01", "45", "2026-02-01")
    backup = tmp_path / "monthly.ztbak"
    app.backups.backup(s, backup)
    s.dues.pay(m, "2026-02", "45", "2026-03-01")
    given = {s.store.scalar(number, ("2026-01",)), s.store.scalar(number, ("2026-02",))}
    old_mark = s.store.get_meta("receipt_series")
    s.close()
    app.backups.restore(backup, PASSPHRASE)
    restored = app.unlock(PASSPHRASE)
    try:
        restored.dues.pay(m, "2026-03", "45", "2026-04-01")
        again = restored.store.scalar(number, ("2026-03",))
        assert again not in given
        assert restored.store.get_meta("receipt_series") not in (None, old_mark)
        assert again == f"2026-{restored.store.get_meta('receipt_series')}-00001"
    finally:
        restored.close()
