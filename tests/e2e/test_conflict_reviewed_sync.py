"""Over loopback: the committee's 已核对 reaches the device. Two devices of one unit change the
same 党员's phone and address from the same version; the second to sync meets a conflict on
both fields (its values are applied in arrival order, the first's kept as displaced; its
待核对 lists them). An admin marks them 已核对 in the console's 审核; that device closes each
row with who and when, and the first device gets nothing. A device whose
program does not know the item type (an older client) keeps it and its row stays open."""

from __future__ import annotations

import re
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

from tests.e2e.work import both_change_one_member, two_devices
from tests.integration.central.console_client import csrf_of

PW = "console-pass-2026"
UNIT = "U661"
FORM = re.compile(r'action="/console/review/conflicts/([0-9a-f\-]+)/reviewed"')


class _Browser:
    """The admin's browser, as far as forms and the session cookie go (redirects followed)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as r:
            return r.read().decode("utf-8")

    def post(self, path: str, data: dict[str, str]) -> str:
        with self.opener.open(self.url + path, urlencode(data).encode(), timeout=30) as r:
            return r.read().decode("utf-8")

    def login(self, name: str, password: str) -> str:
        page = self.get("/console/login")
        form = {"username": name, "password": password, "csrf_token": csrf_of(page)}
        return self.post("/console/login", form)


def _review(client: _Browser, central, field: str) -> None:
    """已核对 on the open conflict of ``field``, as the admin clicks it."""
    page = client.get("/console/review")
    with central.db().tx() as tx:
        ids = {
            r["id"]: r["field"]
            for r in tx.all("SELECT id, field FROM conflicts WHERE status = 'open'")
        }
    [cid] = [i for i in FORM.findall(page) if ids.get(i) == field]
    done = client.post(f"/console/review/conflicts/{cid}/reviewed", {"csrf_token": csrf_of(page)})
    assert "已标为已核对" in done


def _types(s) -> dict[str, str]:
    return {r["type"]: r["state"] for r in s.store.read("SELECT type, state FROM sync_down_items")}


def test_the_committees_review_closes_the_losers_row(central, make_unit, tmp_path):
    pc, _lapp, laptop = two_devices(central, make_unit, tmp_path, UNIT)
    both_change_one_member(pc, laptop)

    f = tmp_path / "pw.txt"
    f.write_text(PW + "\n")
    central.cli("user", "add", "张三", "--role", "admin", "--password-file", str(f))
    client = _Browser(central.url)
    assert "退出" in client.login("张三", PW)

    # a program that does not know the type (an older client): kept, acted on by no one
    known = laptop.sync.downlink.handlers.pop("conflict_reviewed")
    _review(client, central, "phone")
    laptop.sync.sync()
    assert _types(laptop)["conflict_reviewed"] == "stored"
    assert laptop.sync.status()["last_error"] is None
    assert sorted(p["field"] for p in laptop.sync.status()["conflicts"]) == ["address", "phone"]

    # this program: the row closes, who and when
    laptop.sync.downlink.handlers["conflict_reviewed"] = known
    _review(client, central, "address")
    laptop.sync.sync()
    st = laptop.sync.status()
    assert [p["field"] for p in st["conflicts"]] == ["phone"]
    [closed] = st["closed_above"]
    with central.db().tx() as tx:
        at = tx.scalar("SELECT reviewed_at FROM conflicts WHERE field = 'address' AND unit = $1",
                       (UNIT,))  # fmt: skip
    assert (closed["field"], closed["reviewed_by"]) == ("address", "张三")
    assert closed["reviewed_at"] == at[:19] + "Z"
    assert (
        laptop.store.scalar("SELECT count(*) FROM audit WHERE action = 'sync.conflict_reviewed'")
        == 1
    )

    # the device that won was never told: nothing of it was open
    pc.sync.sync()
    assert "conflict_reviewed" not in _types(pc)
    laptop.close()
