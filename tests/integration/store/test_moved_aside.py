"""What a restore or a rekey replaces is moved aside and kept, however quickly they follow each
other. The folders were named to the second: a second restore within the same second failed with
E_IO (EEXIST, seen in CI), and a second rekey put nothing aside (its files were overwritten).
The clock is held still here so that the two always fall in one second."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from tests.helpers import PASSPHRASE


class _StillClock:
    """datetime with now() held at one instant."""

    @staticmethod
    def now(tz=None):
        return datetime(2026, 12, 1, 23, 8, 34, tzinfo=tz or UTC)


@pytest.fixture
def still(monkeypatch):
    import ztclient.infra.files as files
    import ztclient.infra.rekey as rekey
    import ztclient.infra.vault as vault

    for module in (files, rekey, vault):  # wherever the names are made, then or now
        monkeypatch.setattr(module, "datetime", _StillClock, raising=False)


def _digests(folder):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def test_two_restores_in_one_second_each_keep_what_they_replaced(unit, tmp_path, still):
    app, session, _ = unit
    backup = tmp_path / "own.ztbak"
    app.backups.backup(session, backup)
    session.close()
    before_first = _digests(app.data_dir)
    first = app.backups.restore(backup, PASSPHRASE)
    before_second = _digests(app.data_dir)
    second = app.backups.restore(backup, PASSPHRASE)
    asides = sorted(p.name for p in app.data_dir.iterdir() if p.name.startswith("replaced-"))
    assert asides == ["replaced-20261201-230834", "replaced-20261201-230834-2"], asides
    assert first["replaced"].endswith(asides[0]) and second["replaced"].endswith(asides[1])
    for folder, before in zip(asides, (before_first, before_second), strict=True):
        kept = _digests(app.data_dir / folder)
        assert kept and all(before[name] == digest for name, digest in kept.items()), folder
    app.unlock(PASSPHRASE).close()


def test_two_rekeys_in_one_second_each_keep_the_old_pair(unit, still):
    app, session, _ = unit
    session.close()
    pairs = []
    for _ in range(2):
        pairs.append(_digests(app.data_dir))
        app.rekey(PASSPHRASE)
    asides = sorted(p.name for p in app.data_dir.iterdir() if p.name.startswith("rekeyed-"))
    assert asides == ["rekeyed-20261201-230834", "rekeyed-20261201-230834-2"], asides
    for folder, before in zip(asides, pairs, strict=True):
        kept = _digests(app.data_dir / folder)
        assert {"keyfile.json", "ztclient.db"} <= set(kept), (folder, sorted(kept))
        assert all(before[name] == digest for name, digest in kept.items()), folder
    app.unlock(PASSPHRASE).close()
