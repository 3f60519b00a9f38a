"""``ztcentral status``, ``ztcentral quarantine`` and ``ztcentral user list`` show every time in
the committee's local time, labelled with its zone, as the console does (ztcentral.localtime):
they printed the stored UTC stamps. A zone name nobody knows (config.json ``timezone`` or
``ZTCENTRAL_TZ``) stops the CLI and the server with a coded error naming the value and where it
came from; it was silently taken as Beijing time. ``--json`` keeps the stored UTC stamps (for
scripts). Figures written by hand: 22:00 UTC is 06:00 the next day in Beijing."""

from __future__ import annotations

import json

import pytest
from tests.integration.central.zc_helpers import Device

from ztcentral.cli import main

STAMP = "2026-02-28T22:00:00.000000Z"
SHOWN = "2026-03-01 06:00 (Asia/Shanghai)"


@pytest.fixture(autouse=True)
def _beijing(monkeypatch):
    from ztcentral import localtime

    monkeypatch.delenv("ZTCENTRAL_TZ", raising=False)
    yield
    localtime.configure(None)


def run(central_dir, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(central_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _held_and_quarantined(central) -> Device:
    dev = Device("U001")
    dev.enrol_direct(central)
    central.process(dev.seal(dev.next_ops([("member", "m1", "create", {"name": "张三"})])))
    stranger = Device("U001")
    stranger.trust = dev.trust  # keys nobody enrolled: quarantined
    central.process(stranger.seal(stranger.next_ops([("member", "x", "create", {})])))
    dev.seq += 1  # a gap: the next one is held
    central.process(dev.seal(dev.next_ops([("member", "m3", "create", {})])))
    with central.db.tx() as tx:
        tx.run("UPDATE bundles SET received_at = $1 WHERE state = 'held'", (STAMP,))
        tx.run("UPDATE quarantine SET received_at = $1", (STAMP,))
    return dev


def test_status_shows_local_times(central_dir, central, capsys):
    dev = _held_and_quarantined(central)
    code, out, _ = run(central_dir, capsys, "status")
    assert code == 0
    assert f"held: device {dev.device_id} #3-3 since {SHOWN}" in out
    assert f"newest {SHOWN}" in out
    assert "22:00" not in out and STAMP not in out
    # --json: the stored stamps, for scripts
    code, out, _ = run(central_dir, capsys, "status", "--json")
    assert json.loads(out)["held"][0]["received_at"] == STAMP


def test_quarantine_list_shows_local_times(central_dir, central, capsys):
    _held_and_quarantined(central)
    code, out, _ = run(central_dir, capsys, "quarantine")
    assert code == 0
    assert out.strip().endswith(SHOWN)


def test_user_list_shows_local_times(central_dir, central, capsys, tmp_path):
    from ztcentral.console import accounts

    accounts.add(central.db, "admin1", "admin", "admin-pass-2026!")
    with central.db.tx() as tx:
        tx.run("UPDATE console_users SET created_at = $1", (STAMP,))
    code, out, _ = run(central_dir, capsys, "user", "list")
    assert code == 0
    assert out.strip() == f"admin1\tadmin\tactive\t{SHOWN}"
    code, out, _ = run(central_dir, capsys, "user", "list", "--json")
    assert json.loads(out)[0]["created_at"] == STAMP


def test_the_configured_zone_labels_the_times(central_dir, central, capsys, monkeypatch):
    _held_and_quarantined(central)
    monkeypatch.setenv("ZTCENTRAL_TZ", "Europe/London")
    _, out, _ = run(central_dir, capsys, "status")
    assert "since 2026-02-28 22:00 (Europe/London)" in out


def test_an_unknown_zone_in_the_environment_stops_the_cli(
    central_dir, central, capsys, monkeypatch
):
    monkeypatch.setenv("ZTCENTRAL_TZ", "Asia/Shanghia")
    code, out, err = run(central_dir, capsys, "status")
    assert code == 5 and out == ""
    assert err.startswith(
        "E_TIMEZONE: 时区名称无法识别：Asia/Shanghia（来自环境变量 ZTCENTRAL_TZ）"
    )
    assert "Asia/Shanghai" in err  # what a right one looks like


def test_an_unknown_zone_in_config_stops_the_cli_and_the_server(central_dir, central, capsys):
    from ztcentral.app import create_app
    from ztcentral.errors import CentralError

    cfg = central_dir / "config.json"
    cfg.write_text(json.dumps({**json.loads(cfg.read_text()), "timezone": "Beijing"}))
    code, _, err = run(central_dir, capsys, "user", "list")
    assert code == 5
    assert err.startswith(f"E_TIMEZONE: 时区名称无法识别：Beijing（来自 {cfg} 的 timezone）")
    with pytest.raises(CentralError) as caught:
        create_app(central_dir)  # what `ztcentral serve` runs before it listens
    assert caught.value.code == "E_TIMEZONE"


def test_a_known_zone_in_config_is_used(central_dir, central, capsys):
    _held_and_quarantined(central)
    cfg = central_dir / "config.json"
    cfg.write_text(json.dumps({**json.loads(cfg.read_text()), "timezone": "Asia/Urumqi"}))
    _, out, _ = run(central_dir, capsys, "status")
    assert "since 2026-03-01 04:00 (Asia/Urumqi)" in out
