"""Numbered schema migrations: ``NNN_name.sql`` files applied in order, one transaction each.

``PRAGMA user_version`` holds the number of the last one applied. Never edit a released file.

A migration that must also compute data (e.g. 005: the meeting snapshots from the dated member
records) names a module of this package in a ``-- python: module_name`` line; its
``upgrade(conn)`` runs after the file's statements, inside the same transaction. The directive
lives in the SQL file, so renumbering a migration needs no other change, and the module is an
ordinary import (found in the frozen build like any other).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from importlib import resources
from typing import Any, Protocol

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_PYTHON = re.compile(r"^--\s*python:\s*([a-z_][a-z0-9_]*)\s*$", re.MULTILINE)


class _Migratable(Protocol):
    """What :func:`migrate` needs of the store (``Store.migrate`` passes itself)."""

    @property
    def schema_version(self) -> int: ...

    def apply_migration(
        self, number: int, statements: list[str], steps: list[Callable[[Any], None]]
    ) -> None: ...


def available() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every migration shipped, in order."""
    found = []
    for entry in resources.files(__name__).iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migration numbers must be 1..N without gaps: {numbers}")
    return found


def latest() -> int:
    return len(available())


def migrate(store: _Migratable, upto: int | None = None) -> int:
    """Apply every shipped migration newer than the database's schema version, up to ``upto``
    (default: the latest), each in its own transaction (``Store.apply_migration``). Returns
    the schema version reached. Called through ``Store.migrate``."""
    current = store.schema_version
    known = available()
    if current > len(known):
        from ztclient.domain.errors import DomainError

        raise DomainError("E_SCHEMA_TOO_NEW", schema=current, supported=len(known))
    target = len(known) if upto is None else min(int(upto), len(known))
    for number, _name, sql in known[current:target]:
        steps = [
            importlib.import_module(f"{__name__}.{module}").upgrade
            for module in _PYTHON.findall(sql)
        ]
        store.apply_migration(number, _split(sql), steps)
    return max(current, target)


def _split(sql: str) -> list[str]:
    """Split a migration into complete statements (triggers hold ';' inside BEGIN … END)."""
    import sqlcipher3

    statements, current = [], []
    for line in sql.splitlines():
        if not current and (not line.strip() or line.strip().startswith("--")):
            continue
        current.append(line)
        text = "\n".join(current)
        if sqlcipher3.complete_statement(text):
            statements.append(text.strip())
            current = []
    if "\n".join(current).strip():
        raise RuntimeError("a migration ends with an incomplete statement")
    return statements
