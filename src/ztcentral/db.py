"""One small database seam over SQLite (default) and PostgreSQL (by DSN).

SQL is written once with ``?`` placeholders and portable types; the PostgreSQL adapter swaps
placeholders and a few type names. Every unit of work is one transaction: SQLite takes the write
lock up front (``BEGIN IMMEDIATE``); PostgreSQL code locks the device row (``FOR UPDATE``), so two
app nodes can never apply the same device's bundles at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_PG_TYPES = {"{blob}": "BYTEA", "{bigint}": "BIGINT", "{real}": "DOUBLE PRECISION"}
_SQLITE_TYPES = {"{blob}": "BLOB", "{bigint}": "INTEGER", "{real}": "REAL"}


class Tx:
    """A transaction: ``one``/``all``/``scalar``/``run`` with ``?`` placeholders."""

    def __init__(self, conn: Any, pg: bool) -> None:
        self._conn = conn
        self.pg = pg

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.pg else sql

    def run(self, sql: str, params: tuple | list = ()) -> int:
        cur = self._conn.execute(self._sql(sql), tuple(params))
        return cur.rowcount

    def all(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        cur = self._conn.execute(self._sql(sql), tuple(params))
        rows = cur.fetchall()
        return [dict(r) for r in rows]

    def one(self, sql: str, params: tuple | list = ()) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple | list = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None

    def for_update(self) -> str:
        """Row-lock suffix: PostgreSQL needs it; SQLite already holds the database lock."""
        return " FOR UPDATE" if self.pg else ""


class Database:
    """``Database("sqlite:///path.db")``, a bare path, or ``Database("postgresql://...")``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pg = url.startswith(("postgresql://", "postgres://"))
        if not self.pg:
            self.path = Path(url.removeprefix("sqlite:///"))
            self.path.parent.mkdir(parents=True, exist_ok=True)

    @property
    def kind(self) -> str:
        return "postgresql" if self.pg else "sqlite"

    def _connect(self) -> Any:
        if self.pg:
            import psycopg
            from psycopg.rows import dict_row

            return psycopg.connect(self.url, row_factory=dict_row, autocommit=False)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a receipt promises durability
        return conn

    @contextmanager
    def tx(self) -> Iterator[Tx]:
        conn = self._connect()
        try:
            if not self.pg:
                conn.execute("BEGIN IMMEDIATE")
            yield Tx(conn, self.pg)
            conn.commit() if self.pg else conn.execute("COMMIT")
        except BaseException:
            conn.rollback() if self.pg else conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    def executescript(self, ddl: str) -> None:
        types = _PG_TYPES if self.pg else _SQLITE_TYPES
        for key, value in types.items():
            ddl = ddl.replace(key, value)
        with self.tx() as tx:
            for stmt in ddl.split(";"):
                if stmt.strip():
                    tx.run(stmt)
