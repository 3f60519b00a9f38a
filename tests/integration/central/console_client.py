"""Test helpers for the console: a signed-in TestClient and a reader for the pages' tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from starlette.testclient import TestClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    m = CSRF.search(html)
    assert m, "no csrf_token in the page"
    return m.group(1)


def login(client: TestClient, name: str, password: str, next_path: str | None = None):
    page = client.get("/console/login")
    data = {"username": name, "password": password, "csrf_token": csrf_of(page.text)}
    if next_path:
        data["next"] = next_path
    return client.post("/console/login", data=data, follow_redirects=False)


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._stack: list[str] = []
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._count += 1
            name = dict(attrs).get("id") or f"t{self._count}"
            self._rows = self.tables.setdefault(name, [])
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    p = _Tables()
    p.feed(html)
    return p.tables
