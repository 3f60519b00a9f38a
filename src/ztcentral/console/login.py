"""Signing in and out. The login form is the only page served without a session.

CSRF before a session exists: the login page sets a random token in a SameSite=Strict cookie and
in the form; the POST must carry both, equal (double submit). Failed logins are rate-limited
per address and per user name, counted from the console's audit log.
"""

from __future__ import annotations

import hmac
import re
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ztcentral.console import accounts, audit, sessions
from ztcentral.console.web import PREFIX, error_page, harden, language, new_nonce, render, secure
from ztcentral.db import Database

LOGIN_CSRF = "zt_login_csrf"
_SAFE_NEXT = re.compile(r"^/console/[A-Za-z0-9_\-./]*$")
WINDOW_MINUTES = 15
MAX_PER_ADDRESS, MAX_PER_USER = 20, 5


def _next(target: str | None) -> str:
    """Only a console path may follow a login (no open redirect)."""
    if target and _SAFE_NEXT.match(target) and "//" not in target and "/." not in target:
        return target
    return PREFIX + "/"


def _login_page(request: Request, status: int = 200, error: str | None = None, **p) -> Response:
    token = secrets.token_urlsafe(32)
    nonce = new_nonce()
    response = render(
        request,
        "login.html",
        language(request),
        status=status,
        nonce=nonce,
        login_csrf=token,
        error=error,
        error_params=p,
        next=_next(request.query_params.get("next")),
    )
    response.set_cookie(
        LOGIN_CSRF,
        token,
        max_age=3600,
        path=PREFIX + "/login",
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )
    return response


def routes(db: Database):
    async def login_get(request: Request) -> Response:
        return _login_page(request)

    async def login_post(request: Request) -> Response:
        address = request.client.host if request.client else ""
        data = await request.form(max_files=0, max_fields=10)
        form = {k: v for k, v in data.items() if isinstance(v, str)}
        name = form.get("username", "").strip()[:64]
        password = form.get("password", "")[:1024]
        given, kept = form.get("csrf_token", ""), request.cookies.get(LOGIN_CSRF, "")
        if not kept or not hmac.compare_digest(given.encode(), kept.encode()):
            return _login_page(request, 400, "csrf_failed")

        def attempt() -> tuple[str, accounts.User | None]:
            with db.tx() as tx:
                by_addr, by_user = audit.recent_failures(
                    tx, address=address, user=name, minutes=WINDOW_MINUTES
                )
                if by_addr >= MAX_PER_ADDRESS or by_user >= MAX_PER_USER:
                    audit.record(tx, "login", user=name, address=address, outcome="limited")
                    return "limited", None
                user = accounts.authenticate(tx, name, password)
                audit.record(
                    tx, "login", user=name, address=address, outcome="ok" if user else "failed"
                )
                return ("ok", user) if user else ("failed", None)

        result, user = await run_in_threadpool(attempt)
        if result == "limited":
            return _login_page(request, 429, "login_limited", minutes=WINDOW_MINUTES)
        if user is None:
            return _login_page(request, 401, "login_failed")
        sid, _ = await run_in_threadpool(sessions.start, db, user, address)
        response = RedirectResponse(_next(form.get("next")), status_code=303)
        response.set_cookie(
            sessions.COOKIE,
            sid,
            path=PREFIX,
            httponly=True,
            samesite="strict",
            secure=secure(request),
        )
        response.delete_cookie(LOGIN_CSRF, path=PREFIX + "/login")
        return harden(response)

    async def logout(request: Request) -> Response:
        session = await run_in_threadpool(sessions.lookup, db, request.cookies.get(sessions.COOKIE))
        if session is None:
            return RedirectResponse(PREFIX + "/login", status_code=303)
        data = await request.form(max_files=0, max_fields=5)
        if not hmac.compare_digest(str(data.get("csrf_token", "")).encode(), session.csrf.encode()):
            return error_page(request, 400, "csrf_failed", session)
        await run_in_threadpool(sessions.end, db, session)
        await run_in_threadpool(
            audit.log,
            db,
            "logout",
            user=session.user.name,
            address=request.client.host if request.client else "",
        )
        response = RedirectResponse(PREFIX + "/login", status_code=303)
        response.delete_cookie(sessions.COOKIE, path=PREFIX)
        return harden(response)

    return login_get, login_post, logout
