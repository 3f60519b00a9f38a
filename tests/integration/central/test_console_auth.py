"""The console's doors: accounts, sign-in, sessions, roles, CSRF, rate limits, audit.

A real ztcentral app (SQLite, and PostgreSQL when available) through Starlette's TestClient."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import csrf_of, login

VIEWER_PW, ADMIN_PW = "viewer-pass-2026", "admin-pass-2026!"


@pytest.fixture
def app(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    db = open_central(central_dir).db  # the console's tables come with the migrations
    accounts.add(db, "viewer1", "viewer", VIEWER_PW)
    accounts.add(db, "admin1", "admin", ADMIN_PW)
    return create_app(central_dir)


@pytest.fixture
def client(app):
    return TestClient(app, base_url="http://127.0.0.1")


def _audit(app) -> list[dict]:
    from ztcentral.console import audit

    return audit.entries(app.state.central.db)


def test_without_a_session_every_page_and_asset_goes_to_login(client):
    for path in ("/console/", "/console/units/X", "/console/review", "/console/static/console.css",
                 "/console/reports/2026.xlsx", "/console/nope"):  # fmt: skip
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/console/login"), path
    assert client.get("/console", follow_redirects=False).headers["location"] == "/console/"
    r = client.post("/console/publish", data={"title": "x"}, follow_redirects=False)
    assert r.status_code == 401


def test_viewer_signs_in_and_a_wrong_password_does_not(app, client):
    r = login(client, "viewer1", "not-the-password")
    assert r.status_code == 401
    assert "用户名或密码不对" in r.text
    assert "zt_console" not in r.headers.get("set-cookie", "")
    r = login(client, "nobody", VIEWER_PW)
    assert r.status_code == 401
    r = login(client, "viewer1", VIEWER_PW)
    assert r.status_code == 303 and r.headers["location"] == "/console/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain http on loopback
    assert client.get("/console/").status_code == 200
    outcomes = [(e["username"], e["outcome"]) for e in _audit(app) if e["action"] == "login"]
    assert ("viewer1", "failed") in outcomes and ("nobody", "failed") in outcomes
    assert ("viewer1", "ok") in outcomes


def test_cookie_is_secure_under_tls(app):
    tls = TestClient(app, base_url="https://127.0.0.1")
    r = login(tls, "viewer1", VIEWER_PW)
    assert r.status_code == 303
    assert "Secure" in r.headers["set-cookie"]


def test_login_needs_its_csrf_token_and_never_redirects_off_site(client):
    client.get("/console/login")
    r = client.post(
        "/console/login",
        data={"username": "viewer1", "password": VIEWER_PW, "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert r.status_code == 400
    for target in ("https://evil.example/", "//evil.example/", "/console/../x", "/other"):
        r = login(client, "viewer1", VIEWER_PW, next_path=target)
        assert r.headers["location"] == "/console/", target
    r = login(client, "viewer1", VIEWER_PW, next_path="/console/reports")
    assert r.headers["location"] == "/console/reports"


def test_roles_viewer_gets_403_on_admin_pages_and_actions(client):
    login(client, "viewer1", VIEWER_PW)
    for path in ("/console/review", "/console/publish", "/console/enrol", "/console/audit",
                 "/console/units/X/members"):  # fmt: skip
        assert client.get(path).status_code == 403, path
    page = client.get("/console/")
    r = client.post("/console/publish", data={"csrf_token": csrf_of(page.text), "title": "t"})
    assert r.status_code == 403
    assert "审核" not in page.text  # the admin-only menu items are not shown


def test_posts_need_the_session_csrf_token(client):
    login(client, "admin1", ADMIN_PW)
    r = client.post("/console/publish", data={"title": "t", "body": "b", "all": "1"})
    assert r.status_code == 400
    r = client.post("/console/publish", data={"title": "t", "csrf_token": "x" * 43})
    assert r.status_code == 400


def test_failed_logins_are_rate_limited_per_user_name(app, client):
    for _ in range(5):
        assert login(client, "admin1", "wrong-password-x").status_code == 401
    r = login(client, "admin1", ADMIN_PW)  # even the right password, for a while
    assert r.status_code == 429
    assert "15" in r.text
    assert login(client, "viewer1", VIEWER_PW).status_code == 303  # other names unaffected
    assert next(e["outcome"] for e in _audit(app) if e["username"] == "admin1") == "limited"


def test_idle_session_expires_and_logout_ends_it(app, client):
    login(client, "viewer1", VIEWER_PW)
    page = client.get("/console/")
    assert page.status_code == 200
    with app.state.central.db.tx() as tx:
        tx.run("UPDATE console_sessions SET last_seen = '2000-01-01T00:00:00.000000Z'")
    r = client.get("/console/", follow_redirects=False)
    assert r.status_code == 303  # idle for too long: signed out
    login(client, "viewer1", VIEWER_PW)
    page = client.get("/console/")
    r = client.post(
        "/console/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert r.status_code == 303
    assert client.get("/console/", follow_redirects=False).status_code == 303


def test_disabling_a_user_ends_their_sessions(app, client):
    from ztcentral.console import accounts

    login(client, "viewer1", VIEWER_PW)
    assert client.get("/console/").status_code == 200
    accounts.disable(app.state.central.db, "viewer1")
    assert client.get("/console/", follow_redirects=False).status_code == 303
    assert login(client, "viewer1", VIEWER_PW).status_code == 401


def test_pages_carry_strict_security_headers(client):
    login(client, "viewer1", VIEWER_PW)
    r = client.get("/console/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    assert '<script src="/console/static/console.js"' in r.text
    assert "https://" not in r.text  # no CDN: every asset from ztcentral


def test_english_is_available(client):
    login(client, "viewer1", VIEWER_PW)
    r = client.get("/console/?lang=en")
    assert "Units at a glance" in r.text
    assert "Units at a glance" in client.get("/console/").text  # remembered
    assert "各单位概览" in client.get("/console/?lang=zh").text


def test_user_cli(central_dir, tmp_path, capsys):
    from ztcentral.cli import main

    pw = tmp_path / "pw"
    pw.write_text("short\n")
    assert main(["--data-dir", str(central_dir), "user", "add", "clerk", "--role", "viewer",
                 "--password-file", str(pw)]) == 4  # fmt: skip
    assert "E_CONSOLE_PASSWORD_WEAK" in capsys.readouterr().err
    pw.write_text("a-long-enough-pass\n")
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(central_dir), "user", "add", "clerk", "--role", "boss",
              "--password-file", str(pw)])  # fmt: skip
    assert usage.value.code == 2
    capsys.readouterr()
    assert main(["--data-dir", str(central_dir), "user", "add", "clerk", "--role", "viewer",
                 "--password-file", str(pw)]) == 0  # fmt: skip
    assert main(["--data-dir", str(central_dir), "user", "add", "clerk", "--role", "viewer",
                 "--password-file", str(pw)]) == 4  # fmt: skip
    capsys.readouterr()
    assert main(["--data-dir", str(central_dir), "user", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["role"], r["disabled"]) for r in rows] == [("clerk", "viewer", 0)]
    pw.write_text("another-long-pass\n")
    assert main(["--data-dir", str(central_dir), "user", "passwd", "clerk",
                 "--password-file", str(pw)]) == 0  # fmt: skip
    assert main(["--data-dir", str(central_dir), "user", "disable", "clerk"]) == 0
    assert main(["--data-dir", str(central_dir), "user", "disable", "ghost"]) == 4
    from ztcentral.config import open_central
    from ztcentral.console import passwords

    with open_central(central_dir).db.tx() as tx:
        row = tx.one("SELECT pw_hash, disabled FROM console_users WHERE name = 'clerk'")
    assert row["disabled"] == 1
    assert passwords.verify_password("another-long-pass", row["pw_hash"])
    assert "another-long-pass" not in row["pw_hash"]
