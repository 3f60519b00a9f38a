"""同步 screen: not enrolled, enrol online through the dialog against a real ztcentral on
127.0.0.1, 立即同步, offline (E_NETWORK) keeps the work, background backoff, conflicts reviewed."""

from __future__ import annotations

import json

import pytest
from tests.e2e.conftest import CentralServer
from tests.e2e.work import add_members

from ztclient.ui.sync_view import BASE_INTERVAL_MS, MAX_INTERVAL_MS, next_interval

UNIT = "U900"


@pytest.fixture
def small(qtbot, tmp_path, shell_factory, settle, passphrase):
    """A new, small unit (a few outbox ops) open in the main window."""
    from ztclient.bootstrap import App
    from ztclient.services.sync import SyncPolicy

    app = App(tmp_path / "unit")
    policy = SyncPolicy(retries=1, backoff=0.01)  # offline answers in a moment, not ~20 s
    app.sync_policy = lambda: policy
    session, _ = app.create_unit("中共测试第一支部委员会", UNIT, passphrase, "branch")
    shell = shell_factory(app)
    shell.open_session(session)
    settle(shell.ops)
    return shell


@pytest.fixture
def server(tmp_path):
    srv = CentralServer(tmp_path / "central", None)
    srv.start()
    yield srv
    srv.stop()


def sync_page(shell):
    """The 同步 page once it has read its status (it is made and reads when first shown; its
    buttons are enabled by what it read, as the clerk sees them)."""
    from PySide6.QtTest import QTest

    main = shell.main
    main.show_page([k for k, _t, _p in main.pages].index("sync"))
    page = main.page("sync")
    for _ in range(400):
        if page.state is not None and not shell.ops.busy:
            break
        QTest.qWait(25)
    return page


def settle_sync(view, settle):
    """The exchange runs on the page's network worker, the status read after it on the
    database worker: wait for both."""
    settle(view.net)
    settle(view.ctx.ops)
    settle(view.net)
    settle(view.ctx.ops)


def run(shell, settle, fn):
    """A job on the worker, as the member views do; the change is announced like theirs."""
    from ztclient.services.changes import Changes

    box = {}
    shell.ops.run(lambda: (fn(), Changes(members=True)), lambda r: box.setdefault("r", r[0]))
    settle(shell.ops)
    settle(shell.ops)
    return box.get("r")


def enrol_through_dialog(view, monkeypatch, url, code, settle):
    from PySide6.QtWidgets import QDialog

    from ztclient.ui import sync_view

    def fake_exec(dialog):
        dialog.online.setChecked(True)
        dialog.url.setText(url)
        dialog.code.setText(code)
        dialog._accept()
        return QDialog.DialogCode.Accepted if dialog.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(sync_view.EnrolDialog, "exec", fake_exec)
    view.enrol_button.click()
    settle(view.ctx.ops)


def test_backoff_policy():
    assert next_interval(BASE_INTERVAL_MS, ok=False) == 2 * BASE_INTERVAL_MS
    assert next_interval(2 * BASE_INTERVAL_MS, ok=False) == 4 * BASE_INTERVAL_MS
    assert next_interval(10 * 60_000, ok=False) == MAX_INTERVAL_MS  # capped at 15 min
    assert next_interval(MAX_INTERVAL_MS, ok=False) == MAX_INTERVAL_MS
    assert next_interval(MAX_INTERVAL_MS, ok=True) == BASE_INTERVAL_MS


def test_not_enrolled_offers_enrolment(small, settle):
    view = sync_page(small)
    settle(small.ops)
    assert view.state is not None and not view.state["enrolled"]
    assert "尚未登记" in view.summary.text()
    assert view.enrol_button.isEnabled() and view.enrol_button.text() == "登记本机…"
    assert not view.sync_button.isEnabled() and not view.export_button.isEnabled()
    assert not view.timer.isActive()  # no background sync before enrolment


def test_enrol_sync_offline_and_backoff(small, server, settle, monkeypatch, tmp_path, messages):
    view = sync_page(small)
    code = server.enroll_unit(UNIT, tmp_path / "enrol.json")
    enrol_through_dialog(view, monkeypatch, server.url, code, settle)
    assert view.state["enrolled"], messages
    assert "已登记" in view.enrol_line.text() and server.url in view.enrol_line.text()
    assert view.sync_button.isEnabled() and view.timer.isActive()
    assert view.timer.interval() == BASE_INTERVAL_MS

    session = small.session
    run(small, settle, lambda: add_members(session, 1))
    settle(small.ops)
    assert view.state["pending"] >= 2  # the unit's org and the member
    view.sync_button.click()
    settle_sync(view, settle)
    assert view.state["pending"] == 0 and view.state["in_flight"] == 0, view.result.text()
    assert view.state["synced"] >= 2
    assert "已确认至 #" in view.summary.text() and "0 项待同步" in view.summary.text()
    assert "同步完成" in view.result.text()
    assert "网络" in view.last_line.text()

    # the link goes down: the work stays here, the clerk reads why, the timer backs off
    server.stop()
    run(small, settle, lambda: add_members(session, 1, start=5))
    view.sync_button.click()
    settle_sync(view, settle)
    assert view.result.text() == "网络不通，修改已保存在本机，联网后会自动发送"
    assert view.state["pending"] + view.state["in_flight"] == 1  # kept, sealed, goes next time
    assert "1 项待同步" in view.summary.text()
    assert view.interval_ms == 2 * BASE_INTERVAL_MS
    assert view.timer.isActive() and view.timer.interval() == 2 * BASE_INTERVAL_MS
    # in the background too: no dialog, the interval doubles again
    view.background_sync()
    settle_sync(view, settle)
    assert view.interval_ms == 4 * BASE_INTERVAL_MS
    assert not messages  # the background never shows a box: a status-bar hint only
    assert small.main.statusBar().currentMessage() == "网络不通，修改已保存在本机，联网后会自动发送"

    # the link is back: the next background sync sends it and the interval resets
    server.start(init=False)
    view.background_sync()
    settle_sync(view, settle)
    assert view.state["pending"] == 0, view.result.text()
    assert view.interval_ms == BASE_INTERVAL_MS

    # locking stops the timer
    small.lock()
    assert not view.timer.isActive()


def test_background_sync_never_overlaps_a_running_sync(small, settle, monkeypatch):
    view = sync_page(small)
    settle(small.ops)
    view.state = {**view.state, "enrolled": True}
    started = []
    monkeypatch.setattr(view, "_run_sync", lambda background: started.append(background))
    small.ops._running = 1  # a job of the clerk's on the database worker does not hold it up
    try:
        view.background_sync()
    finally:
        small.ops._running = 0
    assert started == [True]
    view.net._running = 1  # a sync is still running on the network worker
    try:
        view.background_sync()
    finally:
        view.net._running = 0
    assert started == [True] and view.timer.isActive()  # tried again shortly, not overlapped
    view.background_sync()
    assert started == [True, True]
    view.timer.stop()


def test_conflict_row_shows_both_values_and_is_reviewed(small, settle):
    view = sync_page(small)
    session = small.session
    [member] = run(small, settle, lambda: add_members(session, 1))

    def conflict():
        with session.store.transaction() as tx:
            tx.insert(
                "sync_problems",
                {
                    "op_id": "op-1",
                    "seq": 2,
                    "bundle_id": "b-1",
                    "kind": "conflict",
                    "code": "E_MERGE_CONFLICT",
                    "entity": "member",
                    "record_id": member,
                    "field": "phone",
                    "yours": json.dumps("13600000000"),
                    "theirs": json.dumps("13700000000"),
                    "params": "{}",
                    "created_at": "2026-11-23T09:00:00Z",
                },
            )

    run(small, settle, conflict)
    settle(small.ops)
    table = view.problems
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(5)]
    name = session.members.get(member)["name"]
    assert name in row[0] and row[1] == "联系电话"
    assert (row[2], row[3]) == ("13600000000", "13700000000")
    assert "两边都有修改" in row[4]
    assert "1 项待核对" in view.summary.text() or not view.state["enrolled"]
    assert view.tabs.tabText(0) == "待核对 (1)"
    table.cellWidget(0, 5).click()
    settle(small.ops)
    assert session.sync.conflicts() == []
    # listed a while as reviewed here, with when, and nothing left to press
    assert table.rowCount() == 1
    assert table.item(0, 4).text().startswith("已核对（本机，")
    assert table.cellWidget(0, 5) is None
    assert view.tabs.tabText(0) == "待核对"


def test_notice_listed_and_marked_read(small, settle):
    view = sync_page(small)
    session = small.session

    def notice():
        with session.store.transaction() as tx:
            tx.insert(
                "sync_down_items",
                {
                    "item_id": "n-1",
                    "type": "notice",
                    "down_seq": 1,
                    "state": "stored",
                    "received_at": "2026-11-23T09:00:00Z",
                    "body": json.dumps({"title": "关于开展主题教育的通知", "body": "各支部：……"}),
                },
            )

    run(small, settle, notice)
    assert view.items.count() == 1 and "关于开展主题教育的通知" in view.items.item(0).text()
    assert view.tabs.tabText(1) == "通知与资料 (1)"
    view.items.setCurrentRow(0)
    assert "各支部" in view.item_text.text() and view.read_button.isEnabled()
    view.read_button.click()
    settle(small.ops)
    assert session.sync.items("notice")[0]["read"]
    assert view.tabs.tabText(1) == "通知与资料"


def test_enrol_by_file_and_usb_round_trip(small, server, settle, monkeypatch, tmp_path, messages):
    from pathlib import Path

    from PySide6.QtWidgets import QDialog, QFileDialog

    from ztclient.ui import sync_view

    view = sync_page(small)
    enrol_file = tmp_path / "enrol.json"
    server.enroll_unit(UNIT, enrol_file)
    usb = tmp_path / "usb"
    usb.mkdir()
    request = usb / "request.json"

    def fake_exec(dialog):
        dialog.by_file.setChecked(True)
        dialog.path.setText(str(enrol_file))
        dialog._accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(sync_view.EnrolDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(request), ""))
    view.enrol_button.click()
    settle(small.ops)
    assert view.state["enrolled"] and view.state["enrolled_how"] == "file", messages
    assert request.exists() and "request.json" in view.result.text()
    server.cli("import", str(request))  # the committee registers this computer

    session = small.session
    run(small, settle, lambda: add_members(session, 2))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    view.export_button.click()
    settle(small.ops)
    files = sorted(usb.glob("*.dzb"))
    assert len(files) == 1
    assert messages[-1][0] == "information" and files[0].name in messages[-1][1]
    assert view.state["in_flight"] == 3 and view.state["pending"] == 0

    server.publish(UNIT, "notice", {"title": "U盘带回的通知", "body": "……"}, tmp_path)
    server.cli("import", str(files[0]))
    ack = str(files[0]) + ".ack.dzb"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([ack], ""))
    view.import_button.click()
    settle(small.ops)
    assert view.state["in_flight"] == 0 and view.state["synced"] == 3, messages
    assert "U盘" in view.last_line.text()
    assert Path(ack).name in messages[-1][1] and "确认 1 个数据包" in messages[-1][1]
    assert view.items.count() == 1 and "U盘带回的通知" in view.items.item(0).text()
    # the same acknowledgement again changes nothing
    view.import_button.click()
    settle(small.ops)
    assert "以前已经导入过" in messages[-1][1]


def test_offline_sync_keeps_the_program_responsive_and_can_be_cancelled(
    small, server, settle, monkeypatch, tmp_path, qtbot
):
    """立即同步 against a dead server retries on the sync page's network worker: the clerk
    edits a member meanwhile (the database worker is free), sees bytes/progress, and 取消同步
    stops it with nothing lost."""
    import time

    from ztclient.services.sync import SyncPolicy

    view = sync_page(small)
    code = server.enroll_unit(UNIT, tmp_path / "enrol.json")
    enrol_through_dialog(view, monkeypatch, server.url, code, settle)
    assert view.state["enrolled"]
    session = small.session
    server.stop()
    # a patient policy: ~30 s of retries unless cancelled
    session.sync.ctx.policy = SyncPolicy(retries=60, backoff=0.5, backoff_cap=0.5)
    view.sync_button.click()
    qtbot.waitUntil(lambda: view.syncing, timeout=5000)
    assert view.progress_row.isVisible() and not view.sync_button.isEnabled()

    started = time.monotonic()
    [member] = run(small, settle, lambda: add_members(session, 1, start=30))
    edited = time.monotonic() - started
    assert member and edited < 5, edited  # the edit did not queue behind the sync
    assert view.syncing  # the sync is still retrying on its own worker
    m = session.members.get(member)
    run(
        small,
        settle,
        lambda: session.members.update(member, {"phone": "13900000001"}, m["version"]),
    )
    assert session.members.get(member)["phone"] == "13900000001"

    view.card.cancel_button.click()
    settle(view.net, timeout=5000)
    settle(small.ops)
    assert not view.syncing and not view.progress_row.isVisible()
    assert view.result.text() == "已取消同步：修改都保存在本机，下次同步时接着发送"
    assert view.state["pending"] + view.state["in_flight"] >= 3  # nothing lost
    assert view.interval_ms == BASE_INTERVAL_MS  # a cancel is not a failure: no backoff


def test_enrolment_failures_say_what_happened(small, settle, monkeypatch, messages):
    """Not "the code is invalid" for everything: the address, the link, the code."""
    import socket

    view = sync_page(small)
    enrol_through_dialog(view, monkeypatch, "abc", "ABCD-EFGH-JKLM-NPQR-STUV", settle)
    assert "服务器地址“abc”写得不对" in messages[-1][1]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()
    enrol_through_dialog(view, monkeypatch, dead, "ABCD-EFGH-JKLM-NPQR-STUV", settle)
    assert "连不上上级服务器" in messages[-1][1]
    assert view.result.text() == messages[-1][1]
    assert not view.state["enrolled"]
