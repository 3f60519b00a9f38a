"""settings.json goes through the house's one atomic writer (issue 16 item 4): the folder is
fsynced after the rename, and a failed write leaves the old file and no temp file."""

from __future__ import annotations

import json

import pytest

import ztprotocol.atomic as atomic
from ztclient.services.settings import SettingsStore


def test_settings_are_written_by_the_one_atomic_writer(tmp_path, monkeypatch):
    steps: list[str] = []
    monkeypatch.setattr(atomic, "_step", steps.append)
    store = SettingsStore(tmp_path / "settings.json")
    store.set("language", "en")
    store.save()
    assert steps == list(atomic.STEPS)  # … "replaced", "dir_synced"
    assert json.loads((tmp_path / "settings.json").read_text("utf-8"))["language"] == "en"
    assert (tmp_path / "settings.json").stat().st_mode & 0o777 == 0o600


def test_a_failed_write_keeps_the_old_settings(tmp_path, monkeypatch):
    store = SettingsStore(tmp_path / "settings.json")
    store.set("target_hours", 40.0)
    store.save()

    def crash(step: str) -> None:
        if step == "synced":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_step", crash)
    store.set("target_hours", 10.0)
    with pytest.raises(OSError):
        store.save()
    assert SettingsStore(tmp_path / "settings.json").get("target_hours") == 40.0
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
