"""One small database seam over SQLite (default) and PostgreSQL (by DSN).

SQL is written once, with numbered parameters ``$1, $2 …``. That is PostgreSQL's own
placeholder, sent as written through psycopg's raw cursor (server-side binding), and one of
SQLite's own (a named parameter ``$1``, bound by name). Nothing rewrites the SQL text: a ``?``
or ``%s`` left in a query is an error on both databases, and a ``%`` or ``?`` inside a string
literal is just text. Types in DDL are the migration files' business (``ztcentral.schema``).

Every unit of work is one transaction: SQLite takes the write lock up front
(``BEGIN IMMEDIATE``); PostgreSQL code locks the device row (``FOR UPDATE``), so two app nodes
can never apply the same device's bundles at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class Tx:
    """A transaction: ``one``/``all``/``scalar``/``run`` with ``$n`` parameters."""

    def __init__(self, conn: Any, pg: bool) -> None:
        self._conn = conn
        self.pg = pg
        self.after_commit: list[Callable[[], None]] = []  # e.g. deleting an evicted blob

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        if self.pg:
            return self._conn.execute(sql, tuple(params))
        # SQLite binds "$1" by the name "1"; passing a mapping is its named-parameter style
        return self._conn.execute(sql, {str(i): v for i, v in enumerate(params, 1)})

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._execute(sql, params).rowcount

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._execute(sql, params).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None

    def script(self, statements: list[str]) -> None:
        """Run DDL statements (no parameters) inside this transaction."""
        for stmt in statements:
            self._conn.execute(stmt)

    def for_update(self) -> str:
        """Row-lock suffix: PostgreSQL needs it; SQLite already holds the database lock."""
        return " FOR UPDATE" if self.pg else ""

    def json_text(self, column: str, key: str) -> str:
        """SQL for the text of top-level field ``key`` of the JSON in ``column`` (NULL when it
        is missing), in this database's words. Both names are the caller's own, never input."""
        if not (column.isidentifier() and key.isidentifier()):
            raise ValueError(f"not a plain name: {column!r}, {key!r}")
        if self.pg:
            return f"({column}::jsonb ->> '{key}')"
        return f"json_extract({column}, '$.{key}')"

    def table_exists(self, name: str) -> bool:
        if self.pg:
            sql = "SELECT 1 AS x FROM information_schema.tables WHERE table_name = $1"
            sql += " AND table_schema = current_schema()"
        else:
            sql = "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = $1"
        return self.one(sql, (name,)) is not None


class Database:
    """``Database("sqlite:///path.db")``, a bare path, or ``Database("postgresql://...")``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pg = url.startswith(("postgresql://", "postgres://"))
        self._keeper: sqlite3.Connection | None = None
        if not self.pg:
            self.path = Path(url.removeprefix("sqlite:///"))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._keep_open()

    def _keep_open(self) -> None:
        """Hold one idle connection to the SQLite file for the life of this object.

        Each transaction opens its own connection; when the last connection to a WAL database
        closes, SQLite checkpoints and syncs the whole file. Without a keeper that happened
        after every transaction (24–33 ms per write on the test machine, against 1–8 ms with
        one). An idle connection holds no snapshot, so it never holds a checkpoint back."""
        try:
            keeper = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # opens the file
        except sqlite3.Error:
            return  # not a database (yet): the first transaction says so with its own error
        self._keeper = keeper

    @property
    def kind(self) -> str:
        return "postgresql" if self.pg else "sqlite"

    def _connect(self) -> Any:
        if self.pg:
            import psycopg
            from psycopg.rows import dict_row

            return psycopg.connect(
                self.url, row_factory=dict_row, autocommit=False, cursor_factory=psycopg.RawCursor
            )
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a receipt promises durability
        return conn

    @contextmanager
    def tx(self, *, durable: bool = True) -> Iterator[Tx]:
        """One transaction. ``durable=False`` is for bookkeeping whose loss in a power cut is
        harmless (request nonces, rate-limit counters): still atomic, but the commit does not
        wait for the disk (SQLite WAL ``synchronous=NORMAL``; PostgreSQL
        ``synchronous_commit = off``), which saves an fsync on every signed request."""
        conn = self._connect()
        try:
            if not self.pg:
                if not durable:
                    conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE")
            elif not durable:
                conn.execute("SET LOCAL synchronous_commit TO OFF")
            tx = Tx(conn, self.pg)
            yield tx
            conn.commit() if self.pg else conn.execute("COMMIT")
        except BaseException:
            conn.rollback() if self.pg else conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
        for fn in tx.after_commit:  # only once the rows that pointed at it are gone for good
            fn()
