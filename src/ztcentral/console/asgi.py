"""The console as an ASGI app (the package's docstring says what it is): its routes, its static
files and the session check in front of them, mounted by ztcentral.app at ``/console``."""

from __future__ import annotations

from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ztcentral.console import accounts, actions, login, pages, sessions
from ztcentral.console.web import PREFIX, error_page, harden, page

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def create_console(central: Any, *, server_url: str = "") -> Starlette:
    """The console as an ASGI app, mounted by ztcentral.app at ``/console``."""
    db = central.db  # its tables come with ztcentral's migrations (002_console)
    accounts.dummy_hash()  # before the first login, so the first unknown name is not slower
    viewer = page(db, central)
    admin = page(db, central, admin=True)
    login_get, login_post, logout = login.routes(db)

    async def root(request: Request) -> Response:
        return RedirectResponse(PREFIX + "/", status_code=308)

    async def static(request: Request) -> Response:
        session = await run_in_threadpool(sessions.lookup, db, request.cookies.get(sessions.COOKIE))
        if session is None:
            return RedirectResponse(PREFIX + "/login", status_code=303)
        name = request.path_params["name"]
        suffix = name[name.rfind(".") :] if "." in name else ""
        if "/" in name or suffix not in STATIC_TYPES:
            return error_page(request, 404, "not_found", session)
        try:
            data = resources.files("ztcentral.console").joinpath("static", name).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return error_page(request, 404, "not_found", session)
        response = Response(data, media_type=STATIC_TYPES[suffix])
        response.headers["cache-control"] = "private, max-age=3600"
        return harden(response)

    async def not_found(request: Request, exc: Exception) -> Response:
        session = await run_in_threadpool(sessions.lookup, db, request.cookies.get(sessions.COOKIE))
        if session is None:
            return RedirectResponse(PREFIX + "/login", status_code=303)
        return error_page(request, 404, "not_found", session)

    async def enrol(ctx) -> Response:
        return await actions.enrol(ctx, server_url)

    routes = [
        Route("/login", login_get, methods=["GET"]),
        Route("/login", login_post, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", viewer(pages.overview), methods=["GET"]),
        Route("/units/{code}", viewer(pages.unit), methods=["GET"]),
        Route("/units/{code}/members", admin(pages.unit_members), methods=["GET"]),
        Route("/units/{code}/name", admin(actions.rename_unit), methods=["POST"]),
        Route("/reports", viewer(pages.reports), methods=["GET"]),
        Route("/reports/{year}.xlsx", viewer(pages.report_file), methods=["GET"]),
        Route("/review", admin(actions.review), methods=["GET"]),
        Route(
            "/review/quarantine/{sha}/{action}", admin(actions.quarantine_action), methods=["POST"]
        ),
        Route(
            "/review/conflicts/{conflict_id}/reviewed",
            admin(actions.conflict_reviewed),
            methods=["POST"],
        ),
        Route("/publish", admin(actions.publish_page), methods=["GET"]),
        Route("/publish", admin(actions.publish), methods=["POST"]),
        Route("/enrol", admin(actions.enrol_page), methods=["GET"]),
        Route("/enrol", admin(enrol), methods=["POST"]),
        Route("/devices/{device_id}/revoke", admin(actions.revoke), methods=["POST"]),
        Route("/audit", admin(pages.audit_log), methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found})
    app.state.root_redirect = root
    return app


__all__ = ["create_console"]
