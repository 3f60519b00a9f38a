"""Every date field a dialog opens with is the session's today, the one clock the services
judge dates by (E_DATE_FUTURE, what is due). Six dialogs and the shared date field took the
PC's own date instead (QDate.currentDate): the same day in use, but a second clock, and under a
fixed clock a dialog offered a day the services called one to come."""

from __future__ import annotations

import shutil
from datetime import date

from tests.integration.dues.conftest import FixedClock

DAY = date(2026, 6, 15)  # not today: a field that reads the PC's date shows another day


def test_dialogs_open_on_the_session_s_today(qtbot, demo_template, tmp_path, open_main):
    from ztclient.bootstrap import App
    from ztclient.ui.development_dialogs import StepDialog
    from ztclient.ui.member_events import EventDialog
    from ztclient.ui.org_dialogs import OrgDialog, PostDialog
    from ztclient.ui.study_view import StudyLogDialog
    from ztclient.ui.widgets import date_edit

    shutil.copytree(demo_template, tmp_path / "unit")
    shell = open_main(App(tmp_path / "unit", clock=FixedClock(DAY)))
    ctx, s = shell.main.ctx, shell.session
    member = s.members.get(s.members.ids()[0])
    org = s.orgs.get(s.orgs.branches()[0]["id"])
    dialogs = {
        "study": StudyLogDialog(ctx),
        "event": EventDialog(ctx, member, "transfer_out"),
        "step": StepDialog(ctx, member),
        "post": PostDialog(ctx, org),
        "org": OrgDialog(ctx, None, org),
    }
    for d in dialogs.values():
        qtbot.addWidget(d)
    plain = date_edit(ctx)
    qtbot.addWidget(plain)
    fields = {
        "date_edit": plain,
        "study": dialogs["study"].date,
        "event": dialogs["event"].date,
        "step": dialogs["step"].date,
        "post start": dialogs["post"].start,
    }
    for name, field in fields.items():
        assert field.date().toPython() == DAY, name
    assert dialogs["org"].founded.maximumDate().toPython() == DAY
