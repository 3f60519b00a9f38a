"""The console's plumbing: sessions on every request, roles, CSRF, language, templates, headers.

Every page goes through :func:`page`: no session → the login page (GET) or 401 (POST); a role
that may not → 403; a POST without the session's CSRF token → 400. Responses carry a strict
Content-Security-Policy (no inline script, styles only from /console/static or the login page's
nonce), no caching, no framing, no referrer.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ztcentral import localtime
from ztcentral.console import i18n, sessions
from ztcentral.console.sessions import Session
from ztcentral.db import Database

LANG_COOKIE = "zt_lang"
PREFIX = "/console"
MAX_FORM_FIELDS = 10_000  # 下发 to each unit ticked: a committee of thousands of units fits


@dataclass
class Ctx:
    """What a page handler gets: the request, the session, the language, the database."""

    request: Request
    session: Session
    lang: str
    db: Database
    central: Any
    form: dict[str, str]

    @property
    def user(self) -> str:
        return self.session.user.name

    @property
    def address(self) -> str:
        return self.request.client.host if self.request.client else ""

    def t(self, key: str, **params: object) -> str:
        return i18n.text(key, self.lang, **params)


_env = Environment(
    loader=PackageLoader("ztcentral.console", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["local"] = localtime.shown  # a stored UTC stamp in the committee's local time


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals (党费 is kept in integer fen)."""
    return f"{fen // 100}.{fen % 100:02d}"


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in i18n.LANGS:
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    return kept if kept in i18n.LANGS else "zh"


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def harden(response: Response, nonce: str | None = None) -> Response:
    style = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    response.headers["content-security-policy"] = (
        f"default-src 'none'; style-src {style}; script-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    response.headers["x-frame-options"] = "DENY"
    response.headers["x-content-type-options"] = "nosniff"
    response.headers["referrer-policy"] = "no-referrer"
    response.headers.setdefault("cache-control", "no-store")
    return response


def render(
    request: Request,
    template: str,
    lang: str,
    status: int = 200,
    session: Session | None = None,
    nonce: str | None = None,
    **values: Any,
) -> HTMLResponse:
    body = _env.get_template(template).render(
        t=lambda key, **p: i18n.text(key, lang, **p),
        lang=lang,
        session=session,
        csrf=session.csrf if session else "",
        prefix=PREFIX,
        path=request.url.path,
        nonce=nonce,
        yuan=yuan,
        **values,
    )
    response = HTMLResponse(body, status_code=status)
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=365 * 86400,
            path=PREFIX,
            httponly=True,
            samesite="strict",
            secure=secure(request),
        )
    return harden(response, nonce)


def error_page(
    request: Request, status: int, key: str, session: Session | None = None, **params: str
) -> Response:
    """The text ``key`` (with ``params``) as the page, with the status."""
    lang = language(request)
    if session is None:  # no stylesheet without a session: a plain page
        return harden(HTMLResponse(i18n.text(key, lang, **params), status_code=status))
    return render(
        request,
        "error.html",
        lang,
        status=status,
        session=session,
        message=i18n.text(key, lang, **params),
    )


Handler = Callable[[Ctx], Awaitable[Response]]


def page(db: Database, central: Any, *, admin: bool = False) -> Callable[[Handler], Any]:
    """Wrap a handler with the session, role and CSRF checks."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            session = await run_in_threadpool(
                sessions.lookup, db, request.cookies.get(sessions.COOKIE)
            )
            if session is None:
                if request.method == "GET":
                    target = quote(request.url.path, safe="/")
                    return RedirectResponse(f"{PREFIX}/login?next={target}", status_code=303)
                return error_page(request, 401, "csrf_failed")
            if admin and not session.user.is_admin:
                return error_page(request, 403, "forbidden", session)
            form: dict[str, str] = {}
            if request.method == "POST":
                try:  # a field per unit ticked on 下发: a committee's units, not 50
                    data = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
                except HTTPException:  # Starlette's limits (fields, 1 MB a field): its text
                    return error_page(request, 413, "form_too_large", session)  # is English
                form = {k: v for k, v in data.items() if isinstance(v, str)}
                given = form.get("csrf_token", "")
                if not hmac.compare_digest(given.encode(), session.csrf.encode()):
                    return error_page(request, 400, "csrf_failed", session)
            ctx = Ctx(request, session, language(request), db, central, form)
            return await handler(ctx)

        return endpoint

    return wrap


def new_nonce() -> str:
    return secrets.token_urlsafe(16)
