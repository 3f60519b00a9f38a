"""Two admins on 审核, one page opened before the other acted. Every quarantine and conflict
action re-checks the row's state in the transaction that changes it, and a stale click says what
happened (已由他人处理) and changes nothing: 重新处理 on a bundle another admin had dismissed ran
it through the bundle path again (a dismissed bundle came back to 审核, or was applied), and a
second 不予处理 overwrote the first one's time and said 已标为不予处理."""

from __future__ import annotations

import pytest
from tests.integration.central.console_client import csrf_of
from tests.integration.central.test_console_operator import _fork
from tests.integration.central.test_console_operator import console as console


def _row(central, sha: str):
    with central.db.tx() as tx:
        return tx.one("SELECT code, reviewed FROM quarantine WHERE sha256 = $1", (sha,))


def _events(central, kind: str) -> int:
    with central.db.tx() as tx:
        return int(tx.scalar("SELECT count(*) FROM events WHERE kind = $1", (kind,)) or 0)


def _click(client, token: str, sha: str, action: str) -> str:
    answer = client.post(
        f"/console/review/quarantine/{sha}/{action}", data={"csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303
    return answer.headers["location"]


def test_retry_from_a_stale_page_after_another_admin_dismissed(console):
    from ztcentral import quarantine

    central, client = console
    _, sha = _fork(central)
    token = csrf_of(client.get("/console/review").text)  # the page, opened before
    assert quarantine.dismiss(central, sha) == (True, "dismissed")  # the other admin
    dismissed_at = _row(central, sha)["reviewed"]

    where = _click(client, token, sha, "retry")
    assert where == "/console/review?done=handled_dismissed"
    page = client.get(where).text
    assert "该同步包已由他人标为不予处理，本次没有做任何操作" in page
    row = _row(central, sha)  # still dismissed, as it was; not run again
    assert (row["code"], row["reviewed"]) == ("E_AUDIT_FORK", dismissed_at)
    assert _events(central, "quarantine.retry") == 0
    assert sha not in page  # and it does not come back to the list


def test_dismiss_from_a_stale_page_after_another_admin_dismissed(console):
    from ztcentral import quarantine

    central, client = console
    _, sha = _fork(central)
    token = csrf_of(client.get("/console/review").text)
    quarantine.dismiss(central, sha)
    dismissed_at = _row(central, sha)["reviewed"]

    where = _click(client, token, sha, "dismiss")
    assert where == "/console/review?done=handled_dismissed"
    assert _row(central, sha)["reviewed"] == dismissed_at  # the first one's time stands
    assert _events(central, "quarantine.dismiss") == 1


@pytest.mark.parametrize("action", ["retry", "dismiss"])
def test_a_stale_click_after_another_admin_retried(console, action):
    from ztcentral import quarantine

    central, client = console
    dev, sha = _fork(central)
    token = csrf_of(client.get("/console/review").text)
    with central.db.tx() as tx:  # the device is trusted again: the other admin's retry applies
        tx.run("DELETE FROM audit_anchors WHERE device_id = $1", (dev.device_id,))
    assert quarantine.retry(central, sha).status == "applied"
    assert _row(central, sha) is None

    where = _click(client, token, sha, action)
    assert where == "/console/review?done=handled_retried"
    assert "该同步包已由他人重新处理，本次没有做任何操作" in client.get(where).text
    assert _events(central, "quarantine.retry") == 1 and _events(central, "quarantine.dismiss") == 0


def test_a_dismiss_between_reading_the_file_and_taking_the_row_wins(console, monkeypatch):
    """The re-check is in the transaction that takes the row out: a dismiss that lands while
    the retry reads the bundle's file stops the retry."""
    from ztcentral import quarantine

    central, _ = console
    _, sha = _fork(central)
    read = central.blobs.get

    def read_then_dismissed(key: str) -> bytes:
        data = read(key)
        assert quarantine.dismiss(central, sha) == (True, "dismissed")  # the other admin, meanwhile
        return data

    monkeypatch.setattr(central.blobs, "get", read_then_dismissed)
    out = quarantine.retry(central, sha)
    assert (out.status, out.code, out.params) == (
        "rejected", quarantine.NOT_QUARANTINED, {"state": "dismissed"},
    )  # fmt: skip
    assert _row(central, sha)["reviewed"] is not None
    assert _events(central, "quarantine.retry") == 0


def test_the_cli_says_so_too(console, central_dir, capsys):
    from ztcentral import quarantine
    from ztcentral.cli import main

    central, _ = console
    _, sha = _fork(central)
    quarantine.dismiss(central, sha)
    capsys.readouterr()
    assert main(["--data-dir", str(central_dir), "quarantine", "--retry", sha]) == 4
    err = capsys.readouterr().err
    assert "该同步包已由他人标为不予处理，本次没有做任何操作" in err
    assert main(["--data-dir", str(central_dir), "quarantine", "--dismiss", sha]) == 4
    assert "已由他人标为不予处理" in capsys.readouterr().err
    assert _events(central, "quarantine.retry") == 0


def test_a_conflict_reviewed_by_another_admin_says_who_and_when(console):
    """已核对 re-checks in its transaction (it did): the refusal names who reviewed it and when."""
    from tests.integration.central.zc_helpers import Device

    central, client = console
    a, b = Device("3301000036"), Device("3301000036")
    for d in (a, b):
        d.enrol_direct(central)
    create = [("member", "m1", "create", {"name": "张三", "phone": "111"})]
    assert central.process(a.seal(a.next_ops(create))).status == "applied"
    central.process(a.seal(a.next_ops([("member", "m1", "update", {"phone": "222"}, 1)])))
    central.process(b.seal(b.next_ops([("member", "m1", "update", {"phone": "333"}, 1)])))
    token = csrf_of(client.get("/console/review").text)
    with central.db.tx() as tx:
        cid = tx.scalar("SELECT id FROM conflicts")
        tx.run(
            "UPDATE conflicts SET status = 'reviewed', reviewed_by = 'admin2', "
            "reviewed_at = '2026-02-28T22:00:00.000000Z' WHERE id = $1",
            (cid,),
        )
    answer = client.post(f"/console/review/conflicts/{cid}/reviewed", data={"csrf_token": token})
    assert answer.status_code == 409
    assert "这条冲突已由他人处理：admin2 于 2026-03-01 06:00 核对过，本次没有改动" in answer.text
