"""A backup file that is not there, or a folder to back up into that is not there, is said in
Chinese with the path: "找不到该file（可能已被删除或尚未同步）" mixed an English word into the
restore dialog and spoke of records that were never synced (seen restoring from 欢迎使用)."""

from __future__ import annotations

import re

import pytest
from tests.helpers import PASSPHRASE

from ztclient.domain.errors import DomainError
from ztclient.domain.messages import render_error

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _said(err: DomainError, path: str) -> str:
    text = render_error(err, "zh")
    assert path in text, text
    assert not LATIN_WORD.search(text.replace(path, "")), text  # no English outside the path
    return text


def test_restore_from_a_file_that_is_not_there(unit, tmp_path):
    app, session, _ = unit
    session.close()
    missing = tmp_path / "ztclient-备份-3301060001-20261201.zip"
    with pytest.raises(DomainError) as caught:
        app.backups.restore(missing, PASSPHRASE)
    assert "找不到文件" in _said(caught.value, str(missing))
    with pytest.raises(DomainError) as caught:  # a folder chosen instead of the file
        app.backups.restore(tmp_path, PASSPHRASE)
    assert "找不到文件" in _said(caught.value, str(tmp_path))


def test_backup_into_a_folder_that_is_not_there(unit, tmp_path):
    app, session, _ = unit
    out = tmp_path / "U盘" / "备份.zip"
    with pytest.raises(DomainError) as caught:
        app.backups.backup(session, out)
    assert "找不到文件夹" in _said(caught.value, str(out.parent))
    assert not out.parent.exists()
