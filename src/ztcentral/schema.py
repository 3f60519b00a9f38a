"""Bringing a ztcentral database to the schema this code expects: numbered migrations.

The migrations are the SQL files in ``ztcentral/migrations/`` (rules in its docstring). The
table ``schema_migrations`` records which ran and when. A database made before migrations
existed (``meta.schema = '1'``, tables made by ``CREATE TABLE IF NOT EXISTS``) is recognised
and recorded as being at 001 without touching its tables; the later migrations then run as for
any other database.

Each migration runs in its own transaction together with its version row, after taking a lock
(SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock), so two app nodes
starting at once apply each migration exactly once, and a failure leaves the database at the
last migration that worked. A database newer than this code is refused (E_SCHEMA_NEWER): an old
app node must not write into tables it does not know.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from ztcentral.db import Database, Tx
from ztcentral.errors import CentralError

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+?)(?:\.(sqlite|postgresql))?\.sql$")
#: an arbitrary constant: the advisory lock every node takes while migrating (PostgreSQL)
_PG_LOCK = 7_466_912_001

VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at TEXT NOT NULL, how TEXT NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: dict[str, str]  # "sqlite" / "postgresql" -> script

    @property
    def label(self) -> str:
        return f"{self.version:03d}_{self.name}"


def load_migrations() -> list[Migration]:
    """Every migration shipped in the package, checked: 1..N, no gaps, both dialects."""
    found: dict[int, tuple[str, dict[str, str]]] = {}
    for entry in resources.files("ztcentral.migrations").iterdir():
        m = _NAME.match(entry.name)
        if entry.name.endswith(".sql") and m is None:
            raise RuntimeError(f"migration file name not understood: {entry.name}")
        if m is None:
            continue
        version, name, dialect = int(m.group(1)), m.group(2), m.group(3)
        have_name, scripts = found.setdefault(version, (name, {}))
        if have_name != name:
            raise RuntimeError(f"two migrations numbered {version:03d}: {have_name}, {name}")
        text = entry.read_text("utf-8")
        for kind in (dialect,) if dialect else ("sqlite", "postgresql"):
            if kind in scripts:
                raise RuntimeError(f"migration {version:03d} given twice for {kind}")
            scripts[kind] = text
    out = []
    for i, version in enumerate(sorted(found), 1):
        name, scripts = found[version]
        if version != i:
            raise RuntimeError(f"migration numbers must be 1..N without gaps: {i:03d} missing")
        if set(scripts) != {"sqlite", "postgresql"}:
            raise RuntimeError(f"migration {version:03d} lacks a dialect: has {sorted(scripts)}")
        out.append(Migration(version, name, scripts))
    return out


MIGRATIONS = load_migrations()
LATEST = len(MIGRATIONS)


def split_sqlite(script: str) -> list[str]:
    """Statements of a script, split where SQLite's own tokenizer says one is complete."""
    out, buf = [], ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if _code(buf):
                out.append(buf.strip())
            buf = ""
    if _code(buf.removesuffix(";")):
        raise RuntimeError("migration script ends in an incomplete statement")
    return out


def _code(sql: str) -> bool:
    """Does this text hold anything but comments, whitespace and semicolons?"""
    lines = [ln.split("--", 1)[0] for ln in sql.splitlines()]
    return bool("".join(lines).replace(";", "").strip())


def _lock(tx: Tx) -> None:
    if tx.pg:
        tx.run("SELECT pg_advisory_xact_lock($1)", (_PG_LOCK,))


def _version(tx: Tx) -> int:
    """The database's version, recording the pre-migration schema 1 as 001 on first sight."""
    if not tx.table_exists("schema_migrations"):
        if not tx.table_exists("meta"):
            return 0  # an empty database
        was = tx.scalar("SELECT value FROM meta WHERE key = 'schema'")
        if was not in (None, "1"):
            raise CentralError("E_SCHEMA_UNKNOWN", found=str(was))
        tx.script([VERSION_TABLE])
        tx.run(
            "INSERT INTO schema_migrations (version, name, applied_at, how) "
            "VALUES (1, $1, $2, 'recognised')",
            (MIGRATIONS[0].label, _now()),
        )
        return 1
    return int(tx.scalar("SELECT max(version) AS v FROM schema_migrations") or 0)


def _now() -> str:
    from ztcentral.storage import now_iso

    return now_iso()


def current_version(db: Database) -> int:
    with db.tx() as tx:
        if not tx.table_exists("schema_migrations"):
            return 1 if tx.table_exists("meta") else 0
        return int(tx.scalar("SELECT max(version) AS v FROM schema_migrations") or 0)


def pending(db: Database) -> list[str]:
    """Labels of the migrations this database still needs (E_SCHEMA_NEWER if it is ahead)."""
    have = current_version(db)
    if have > LATEST:
        raise CentralError("E_SCHEMA_NEWER", found=have, known=LATEST)
    return [m.label for m in MIGRATIONS[have:]]


def migrate(db: Database) -> list[str]:
    """Apply every pending migration, each in its own transaction; returns their labels."""
    done: list[str] = []
    while True:
        with db.tx() as tx:
            _lock(tx)
            have = _version(tx)
            if have > LATEST:
                raise CentralError("E_SCHEMA_NEWER", found=have, known=LATEST)
            if have == LATEST:
                return done
            step = MIGRATIONS[have]
            script = step.sql[db.kind]
            if not tx.table_exists("schema_migrations"):
                tx.script([VERSION_TABLE])
            tx.script([script] if tx.pg else split_sqlite(script))
            tx.run(
                "INSERT INTO schema_migrations (version, name, applied_at, how) "
                "VALUES ($1, $2, $3, 'applied')",
                (step.version, step.label, _now()),
            )
        done.append(step.label)


def history(db: Database) -> list[dict]:
    with db.tx() as tx:
        if not tx.table_exists("schema_migrations"):
            return []
        return tx.all("SELECT version, name, applied_at, how FROM schema_migrations ORDER BY 1")
