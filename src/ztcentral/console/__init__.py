"""The higher committee's web console: ztcentral's data in a browser, under ``/console/``.

Server-rendered pages (Jinja2 under Starlette) with a little JavaScript and no CDN: every asset
is served by ztcentral itself, behind the session like every page except the login form. See
docs/console.md for the pages, the roles and the security choices.

The ASGI app is ``ztcentral.console.asgi.create_console``; this package's own import is empty,
so ``ztcentral user …`` and the other command-line verbs that reach console modules (accounts,
audit) do not load Starlette, Jinja2 and every page (~0.3 s a run).
"""
