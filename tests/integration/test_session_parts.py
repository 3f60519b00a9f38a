"""A session's later parts (services/session.py LATER: documents, 党费, sync) are made on first
use, once, whichever thread asks first; a command that never asks does not import them, and the
desktop program's App.prepare() imports them all while the clerk types."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time

from tests.helpers import PASSPHRASE

from ztclient.services import session as session_module

PROBE = """
import json, sys
from ztclient.bootstrap import App
app = App(sys.argv[1])
if sys.argv[2] == "prepare":
    app.prepare()
    print(json.dumps({"prepared": [m for m in sys.argv[3:] if m in sys.modules]}))
    raise SystemExit
s = app.unlock(sys.argv[2])
s.members.list()
before = [m for m in sys.argv[3:] if m in sys.modules]
made = [type(s.dues).__name__, type(s.reports).__name__, type(s.sync).__name__]
print(json.dumps({"before": before, "made": made, "problems": s.verify()}))
"""
LATER_MODULES = [
    *session_module.LATER,
    "ztclient.services.report_models",
    "ztclient.services.sync.service",
    "ztclient.infra.documents.adapter",
]


def _probe(data_dir, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), *args, *LATER_MODULES],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_session_that_lists_members_imports_none_of_the_later_parts(app, unit_template):
    folder, _code = unit_template
    shutil.copytree(folder, app.data_dir)
    seen = _probe(app.data_dir, PASSPHRASE)
    assert seen["before"] == []
    assert seen["made"] == ["DuesService", "ReportService", "SyncService"]
    assert seen["problems"] == []


def test_the_desktop_program_imports_them_while_the_passphrase_is_typed(app, unit_template):
    folder, _code = unit_template
    shutil.copytree(folder, app.data_dir)
    assert _probe(app.data_dir, "prepare")["prepared"] == LATER_MODULES


def test_two_threads_asking_first_get_the_one_sync_service(unit, monkeypatch):
    _app, session, _code = unit
    part = session_module.Session.__dict__["sync"]
    make, calls = part.make, []

    def slow(obj):
        calls.append(threading.get_ident())
        time.sleep(0.05)  # long enough for every thread to be inside __get__ at once
        return make(obj)

    monkeypatch.setattr(part, "make", slow)
    start, got = threading.Barrier(8), []

    def ask() -> None:
        start.wait()
        got.append(session.sync)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len({id(s) for s in got}) == 1 and got[0] is session.sync
    assert session.dues.problems() == []  # dues is made with reports under the same lock
