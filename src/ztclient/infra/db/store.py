"""The one path that opens the encrypted database (SQLCipher 4 through the sqlcipher3 driver).

Fail-closed: the key is set before any SQL, ``cipher_version`` must answer, and the file header
must not be the plaintext ``SQLite format 3``. The store never creates a database except through
:func:`create_database`, and never deletes or recreates one by itself.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlcipher3.dbapi2

from ztclient.domain.errors import DomainError
from ztclient.infra.crypto.audit_keys import Keyring
from ztclient.infra.db import migrations, page_mac
from ztclient.infra.layout import DB_FILE

PLAINTEXT_HEADER = b"SQLite format 3\x00"
#: SQLCipher's default settings are process-wide; held while ``backup_to`` changes one.
_DEFAULTS_LOCK = threading.Lock()
Params = Sequence[Any] | Mapping[str, Any]

#: SQLCipher's page size (4.x default); a database of ours is never shorter than one page.
PAGE_SIZE = 4096


def _as_null(value: None) -> None:
    return value


# Without an adapter, sqlcipher3 binds each None through the whole adaptation protocol (the
# registry, then ``__adapt__``/``__conform__`` lookups that fail): 1.7 µs a NULL here, three
# times the standard library's module, and a member row binds ~40 of them. An adapter for
# NoneType is found in the registry at once and still binds SQL NULL (docs/architecture.md,
# "Binding NULL"). Process-wide, like every sqlcipher3 adapter; only this program uses it.
sqlcipher3.register_adapter(type(None), _as_null)

_PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=FULL",
    "foreign_keys=ON",
    "secure_delete=ON",
    "temp_store=MEMORY",  # SQLCipher does not encrypt temp files: keep them in memory
    "journal_size_limit=8388608",
    "cache_size=-32768",  # 32 MiB of decrypted pages: re-reading a page would decrypt it again
)


def _set_key(conn: sqlcipher3.Connection, dek: bytes | bytearray) -> None:
    if len(dek) != 32:
        raise ValueError("the data key must be 32 bytes")
    spec = bytearray(b"x'" + bytes(dek).hex().encode("ascii") + b"'")
    try:
        conn.set_key(spec)
    finally:
        spec[:] = bytes(len(spec))


_DAMAGE_MARKERS = ("malformed", "not a database", "hmac check", "corrupt")


def _translate(exc: Exception, where: Path) -> Exception:
    """A damaged page or a full disk met during a query becomes its coded error; anything
    else (a bug, a lock) stays what it is."""
    text = str(exc).lower()
    if any(marker in text for marker in _DAMAGE_MARKERS) or "full" in text or "i/o" in text:
        return _classify(exc, where)
    return exc


def _classify(exc: Exception, where: Path, *, copy: bool = False) -> DomainError:
    """A full disk, a failing disk, or damage. With ``copy`` (``where`` is a copy being
    written), an error that is neither full nor damage is about that file: E_IO naming it."""
    text = str(exc).lower()
    if "database or disk is full" in text:
        return DomainError("E_DISK_FULL", path=str(where))
    if "disk i/o error" in text:
        return DomainError("E_IO", path=str(where), errno="SQLITE_IOERR")
    if copy and not any(marker in text for marker in _DAMAGE_MARKERS):
        return DomainError("E_IO", path=str(where), errno=str(exc)[:80])
    return DomainError("E_DB_DAMAGED", detail=str(exc))


def _connect(path: Path, dek: bytes | bytearray, *, check: bool, mac: str) -> sqlcipher3.Connection:
    """Key a connection; with ``check``, prove the file is one of ours before anything writes.
    ``mac`` is the page MAC to read and write with (infra/db/page_mac.py).

    The order matters: ``journal_mode=WAL`` and the migrations write, so they come only after
    page 1 has passed its HMAC under our key and the schema version says the file was made by
    this program. A zero-byte, foreign or schema-less file is refused and left as it is.
    """
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves so that every write transaction
    # takes the write lock up front (gap-free outbox sequence numbers depend on it).
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # never print page details to stderr
        _set_key(conn, dek)
        if mac not in page_mac.ACCEPTED:
            raise ValueError(f"unknown page MAC {mac!r}")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {mac}")
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise DomainError("E_DB_NOT_ENCRYPTED")
        if check:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher3.dbapi2.DatabaseError as exc:
                raise DomainError("E_DB_DAMAGED", reason="foreign", detail=str(exc)) from exc
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) < 1:
                raise DomainError("E_DB_DAMAGED", reason="no_schema")
        for pragma in _PRAGMAS:
            conn.execute("PRAGMA " + pragma)
        return conn
    except Exception:
        conn.close()
        raise


def _connect_existing(path: Path, dek: bytes | bytearray) -> tuple[sqlcipher3.Connection, str]:
    """Open a file of ours under whichever accepted page MAC its page 1 passes (nothing
    records the choice: see page_mac.py). Damage, or a file under another key, passes neither."""
    refused: DomainError | None = None
    for mac in page_mac.ACCEPTED:
        try:
            return _connect(path, dek, check=True, mac=mac), mac
        except DomainError as exc:
            if exc.code != "E_DB_DAMAGED" or exc.params.get("reason") != "foreign":
                raise
            refused = refused or exc
    assert refused is not None
    raise refused


def _check_file(path: Path) -> None:
    """Before SQLite sees the file: present, at least one page, not a plaintext database.

    SQLite treats a zero-byte file as a new, empty database and would happily migrate it into
    an empty unit (issue 11); a file shorter than one page cannot be one of ours either.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        raise DomainError("E_DB_MISSING", path=str(path)) from None
    except OSError as exc:
        raise DomainError("E_DB_DAMAGED", reason="unreadable", detail=str(exc)) from exc
    if head == PLAINTEXT_HEADER:
        raise DomainError("E_DB_NOT_ENCRYPTED")
    if size < PAGE_SIZE:
        raise DomainError("E_DB_DAMAGED", reason="empty" if size == 0 else "short", size=size)


class Store:
    """An open, unlocked database. Implements the ``Store`` port of services/ports.py.

    Safe to share between threads: one connection, one lock. A read holds the lock for the
    statement, a transaction for its whole length, so the desktop program's database worker and
    its network worker (the sync page) never interleave inside each other's transaction.
    """

    def __init__(self, conn: sqlcipher3.Connection, path: Path, mac: str = page_mac.SHA512) -> None:
        self._conn = conn
        self.path = path
        self.page_mac = mac  # the unit's page MAC; its copies (backup, rekey) keep it
        self._lock = threading.RLock()
        self._tx_thread: int | None = None
        self.chain_keys: Keyring | None = None  # set by the open path once the schema is current
        # Transactions committed through transaction(): lets a caller tell "nothing was saved"
        # from "something was" around a job that failed (ui/operations.py).
        self.commits = 0

    @property
    def _in_tx(self) -> bool:
        return self._tx_thread is not None and self._tx_thread == threading.get_ident()

    def load_chain_keys(self, dek: bytes | bytearray) -> None:
        """The audit chain's keys for this data key (after migrations: reads ``audit_keys``)."""
        self.chain_keys = Keyring.from_rows(dek, self.read("SELECT * FROM audit_keys"))

    # -- reading -----------------------------------------------------------------------------
    def read(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Run a query and return rows as dicts."""
        try:
            with self._lock:
                cur = self._conn.execute(sql, params)
                cols = [d[0] for d in cur.description or ()]
                return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except sqlcipher3.dbapi2.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def column(self, sql: str, params: Params = ()) -> list[Any]:
        """The first column of every row (no dicts: the roster's id lists run to 20,000)."""
        try:
            with self._lock:
                return [row[0] for row in self._conn.execute(sql, params).fetchall()]
        except sqlcipher3.dbapi2.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def read_one(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        rows = self.read(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Params = ()) -> Any:
        try:
            with self._lock:
                row = self._conn.execute(sql, params).fetchone()
        except sqlcipher3.dbapi2.DatabaseError as exc:
            raise _translate(exc, self.path) from exc
        return row[0] if row else None

    # -- writing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One write transaction (BEGIN IMMEDIATE). Everything inside commits or nothing does.
        Another thread's transaction or read waits for this one to end."""
        if self._in_tx:
            raise RuntimeError("nested transaction")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlcipher3.dbapi2.DatabaseError as exc:
                raise _classify(exc, self.path) from exc
            self._tx_thread = threading.get_ident()
            try:
                yield self
                self._conn.execute("COMMIT")
                self.commits += 1
            except BaseException as exc:
                with contextlib.suppress(Exception):
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlcipher3.dbapi2.DatabaseError):
                    raise _translate(exc, self.path) from exc
                raise
            finally:
                self._tx_thread = None

    def execute(self, sql: str, params: Params = ()) -> int:
        """Execute a statement inside a transaction; returns the number of rows changed."""
        self._require_tx()
        return self._conn.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        self._require_tx()
        self._conn.executemany(sql, rows)

    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        self._require_tx()
        cols = list(row)
        sql = (
            f"INSERT INTO {_ident(table)} ({', '.join(_ident(c) for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})"
        )
        self._conn.execute(sql, [row[c] for c in cols])

    def insert_many(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        self._require_tx()
        cols = list(rows[0])
        sql = (
            f"INSERT INTO {_ident(table)} ({', '.join(_ident(c) for c in cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})"
        )
        self._conn.executemany(sql, [[r[c] for c in cols] for r in rows])

    def update(self, table: str, key: Mapping[str, Any], fields: Mapping[str, Any]) -> int:
        self._require_tx()
        if not fields:
            return 0
        sets = ", ".join(f"{_ident(c)} = ?" for c in fields)
        where = " AND ".join(f"{_ident(c)} = ?" for c in key)
        cur = self._conn.execute(
            f"UPDATE {_ident(table)} SET {sets} WHERE {where}", [*fields.values(), *key.values()]
        )
        return cur.rowcount

    def _require_tx(self) -> None:
        if not self._in_tx:
            raise RuntimeError("writes happen only inside Store.transaction()")

    # -- meta --------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- schema ------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def migrate(self, upto: int | None = None) -> int:
        """Bring the schema up to ``upto`` (default: the latest migration shipped), one
        transaction per migration; returns the version reached (migrations/__init__.py)."""
        return migrations.migrate(self, upto)

    def apply_migration(
        self, number: int, statements: Sequence[str], steps: Sequence[Callable[[Any], None]]
    ) -> None:
        """One migration whole or not at all: its statements, its data steps (each given the
        connection: they run SQL of their own), then ``user_version = number``.

        Not :meth:`transaction`: ``executescript`` would commit first, and a data step reads
        and writes through the driver directly (migrations/snapshot_backfill.py)."""
        if self._in_tx:
            raise RuntimeError("a migration runs outside any other transaction")
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                conn.execute(statement)
            for step in steps:
                step(conn)
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # -- maintenance -------------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity_check and SQLCipher's cipher_integrity_check; empty when healthy."""
        problems: list[str] = []
        try:
            for (line,) in self._conn.execute("PRAGMA integrity_check").fetchall():
                if line != "ok":
                    problems.append(f"integrity_check: {line}")
            for row in self._conn.execute("PRAGMA cipher_integrity_check").fetchall():
                problems.append(f"cipher_integrity_check: {row[0]}")
        except sqlcipher3.dbapi2.DatabaseError as exc:
            problems.append(f"error: {exc}")
        return problems

    def backup_to(self, target: Path) -> None:
        """Write a consistent, compacted copy encrypted under the same key and page MAC
        (``VACUUM INTO``).

        ``VACUUM INTO`` writes its copy with SQLCipher's process-wide *default* settings, not
        the connection's, so the default is set to this unit's page MAC for the one statement
        (under a process-wide lock, and put back after): every connection of ours names its MAC
        itself, so nothing else reads the default.
        """
        if target.exists():
            raise DomainError("E_FILE_EXISTS", path=str(target))
        with self._lock, _DEFAULTS_LOCK:
            before = self._conn.execute("PRAGMA cipher_default_hmac_algorithm").fetchone()[0]
            try:
                self._conn.execute(f"PRAGMA cipher_default_hmac_algorithm = {self.page_mac}")
                self._conn.execute("VACUUM INTO ?", (str(target),))
            except sqlcipher3.dbapi2.DatabaseError as exc:
                raise _classify(exc, target, copy=True) from exc
            finally:
                self._conn.execute(f"PRAGMA cipher_default_hmac_algorithm = {before}")
        _check_not_plaintext(target)

    def export_rekeyed(self, target: Path, dek: bytes | bytearray) -> None:
        """A complete copy under another data key (``sqlcipher_export``) with the same schema
        version; the source is not changed. For ``rekey`` (infra/rekey.py)."""
        if len(dek) != 32:
            raise ValueError("the data key must be 32 bytes")
        if target.exists():
            raise DomainError("E_FILE_EXISTS", path=str(target))
        spec = "x'" + bytes(dek).hex() + "'"  # a bound parameter: never part of the SQL text
        try:
            self._conn.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(target), spec))
            try:
                self._conn.execute(f"PRAGMA rekeyed.cipher_hmac_algorithm = {self.page_mac}")
                self._conn.execute("SELECT sqlcipher_export('rekeyed')")
                self._conn.execute(f"PRAGMA rekeyed.user_version = {int(self.schema_version)}")
            finally:
                self._conn.execute("DETACH DATABASE rekeyed")
        except sqlcipher3.dbapi2.DatabaseError as exc:
            raise _classify(exc, target, copy=True) from exc
        _check_not_plaintext(target)

    def checkpoint(self) -> None:
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock, contextlib.suppress(Exception):
            self._conn.close()


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad identifier {name!r}")
    return f'"{name}"'


def _check_not_plaintext(path: Path) -> None:
    with open(path, "rb") as f:
        if f.read(16) == PLAINTEXT_HEADER:
            raise DomainError("E_DB_NOT_ENCRYPTED")


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILE


def create_database(data_dir: Path, dek: bytes | bytearray, mac: str | None = None) -> Store:
    """Create a new encrypted database and migrate it to the latest schema, its pages
    authenticated with ``mac`` (default: the cheaper on this CPU, page_mac.fastest()).

    Refuses when a database already exists: the program never overwrites one.
    """
    path = database_path(data_dir)
    if path.exists():
        raise DomainError("E_ALREADY_INITIALISED", path=str(path))
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    mac = mac or page_mac.fastest()
    conn = _connect(path, dek, check=False, mac=mac)
    store = Store(conn, path, mac)
    store.migrate()
    store.load_chain_keys(dek)
    _check_not_plaintext(path)
    return store


def open_database(data_dir: Path, dek: bytes | bytearray, *, migrate: bool = True) -> Store:
    """Open an existing database with a known-good data key.

    The key file has already proven the key right, so any failure here means the database
    itself is damaged (E_DB_DAMAGED), never a wrong passphrase. Nothing is written before the
    file has proven to be ours (see :func:`_connect`).
    """
    path = database_path(data_dir)
    _check_file(path)
    try:
        conn, mac = _connect_existing(path, dek)
    except sqlcipher3.dbapi2.DatabaseError as exc:
        raise DomainError("E_DB_DAMAGED", detail=str(exc)) from exc
    store = Store(conn, path, mac)
    if migrate:
        try:
            store.migrate()
            store.load_chain_keys(dek)
        except sqlcipher3.dbapi2.DatabaseError as exc:
            store.close()
            raise DomainError("E_DB_DAMAGED", detail=str(exc)) from exc
    return store


def open_file(path: Path, dek: bytes | bytearray) -> Store:
    """Open a database file at an explicit path (backups being verified or restored)."""
    try:
        _check_file(path)
        conn, mac = _connect_existing(path, dek)
    except DomainError as exc:
        if exc.code == "E_DB_NOT_ENCRYPTED":
            raise
        raise DomainError("E_BACKUP_INVALID", detail=exc.params.get("reason", exc.code)) from exc
    except (OSError, sqlcipher3.dbapi2.DatabaseError) as exc:
        raise DomainError("E_BACKUP_INVALID", detail=str(exc)) from exc
    store = Store(conn, path, mac)
    if store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit_keys'"):
        store.load_chain_keys(dek)  # a backup from before the keyed chain is keyed once opened
    return store
