"""Issue 5, "done when": a higher committee runs ztcentral and enrols two units (one online,
one by file); both record a month of work; one syncs over the flaky link, one by USB; the
central report shows both units' figures, every change exactly once, a signed receipt for
each bundle. The clerks use ``ztclient-cli``, the committee ``ztcentral``."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from tests.e2e.flaky_proxy import FlakyProxy
from tests.e2e.test_flaky_link import exactly_once
from tests.e2e.work import month_of_work
from tests.helpers import PASSPHRASE, run_cli


def ok(out):
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def test_two_units_online_over_a_flaky_link_and_by_usb(central, make_unit, tmp_path):
    app_a, a = make_unit("U401", "中共第一党支部委员会")
    app_b, b = make_unit("U402", "中共第二党支部委员会")
    ops = {"U401": month_of_work(a, n_members=8) + 1, "U402": month_of_work(b, n_members=7) + 1}
    a.close()
    b.close()

    # enrolment: U401 online with the one-time code, U402 from the enrolment file
    code = central.enroll_unit("U401", tmp_path / "enrol-U401.json")
    ok(run_cli(app_a.data_dir, "enroll", "--server", central.url, "--code", code))
    central.enroll_unit("U402", tmp_path / "enrol-U402.json")
    ok(
        run_cli(
            app_b.data_dir,
            "enroll",
            "--enrolment-file",
            str(tmp_path / "enrol-U402.json"),
            "--request-out",
            str(tmp_path / "usb" / "request.json"),
        )
    )
    central.cli("import", str(tmp_path / "usb" / "request.json"))

    # U401 syncs over a link that drops every 4 KB (48 kbit/s here to keep the suite short;
    # test_flaky_link.py and bench/sync.py do 9.6 kbit/s)
    with FlakyProxy(central.port, bps=48000, cut_every=4096, delay=0.02) as proxy:
        out = ok(
            run_cli(app_a.data_dir, "sync", "--server", proxy.url, "--max-ops", "16", "--json")
        )
    assert proxy.stats["cuts"] >= 1
    rep = json.loads(out.stdout)
    assert rep["pending"] == 0 and rep["synced"] == ops["U401"]

    # U402 carries its bundles up on a USB stick and brings the acknowledgements back
    usb = tmp_path / "usb"
    files = json.loads(
        ok(run_cli(app_b.data_dir, "bundle", "export", "--out", str(usb), "--json")).stdout
    )["files"]
    for f in files:
        central.cli("import", f["file"])
    ok(run_cli(app_b.data_dir, "bundle", "import", *[f["file"] + ".ack.dzb" for f in files]))

    # every change exactly once, a verified receipt for every bundle, on both units
    for app, unit in ((app_a, "U401"), (app_b, "U402")):
        s = app.unlock(PASSPHRASE)
        try:
            exactly_once(central, s, unit)
            assert s.store.scalar("SELECT count(*) FROM outbox") == ops[unit]
        finally:
            s.close()

    # the committee's report: both units side by side
    report = tmp_path / "report.xlsx"
    central.cli("report", "--out", str(report), "--year", "2026")
    rows = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))
    by_unit = {r[0]: r for r in rows[1:]}
    head = rows[0]
    members = head.index("党员数")
    assert by_unit["U401"][members] == 8 and by_unit["U402"][members] == 7  # on the roll
    group_held = head.index("党小组会已开")
    assert by_unit["U401"][group_held] == 4 and by_unit["U402"][group_held] == 4
    study = head.index("学习总学时")
    assert by_unit["U401"][study] > 0 and by_unit["U402"][study] > 0
    status = central.status()
    assert {u["code"] for u in status["units"]} >= {"U401", "U402"}
    assert status["held"] == [] and status["quarantine"] == []
