"""设置 → 技术支持: the support zip from the desktop program (issue 11, item 6), with the open
unit's schema, counts and verify result, and no personal data."""

from __future__ import annotations

import json
import zipfile

from ztclient.ui import support_panel


def test_the_support_zip_from_settings(qtbot, unlocked, settle, tmp_path, monkeypatch):
    main = unlocked.main
    main.show_page(len(main.pages) - 1)
    settle(unlocked.ops)
    panel = main.page("settings").support
    monkeypatch.setattr(support_panel, "ask_save_path", lambda *_a: tmp_path / "support.zip")
    panel.button.click()
    settle(unlocked.ops)
    settle(unlocked.ops)
    out = tmp_path / "support.zip"
    assert str(out) in panel.result.text()
    with zipfile.ZipFile(out) as z:
        summary = json.loads(z.read("summary.json"))
        blob = b"".join(z.read(n) for n in z.namelist())
    assert summary["unlock"] == "ok" and summary["unit"]["verify"] == []
    assert summary["unit"]["counts"]["members"] > 0
    names = unlocked.session.store.column("SELECT name FROM members LIMIT 20")
    assert not any(n.encode() in blob for n in names)
