"""Console accounts: ``viewer`` reads, ``admin`` also acts (review, publish, enrol, revoke).

Names are short ASCII or Chinese words; passwords are checked for strength when set and stored
as Argon2id strings (passwords.py). A disabled account keeps its history in the audit log.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ztcentral.console import passwords
from ztcentral.db import Database, Tx
from ztcentral.storage import now_iso

ROLES = ("viewer", "admin")
_NAME = re.compile(r"^[\w.\-]{2,32}$")


class ConsoleError(Exception):
    """A refused console input; ``code`` has zh/en text in console/i18n.py."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin" and not self.disabled


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not _NAME.match(name):
        raise ConsoleError("E_CONSOLE_NAME", name=name)
    return name


def _check_password(password: str, name: str) -> None:
    reason = passwords.check_strength(password, name)
    if reason:
        raise ConsoleError("E_CONSOLE_PASSWORD_WEAK", reason=reason, min=passwords.MIN_LENGTH)


def add(db: Database, name: str, role: str, password: str) -> User:
    name = _check_name(name)
    if role not in ROLES:
        raise ConsoleError("E_CONSOLE_ROLE", role=role)
    _check_password(password, name)
    hashed = passwords.hash_password(password)
    with db.tx() as tx:
        if tx.one("SELECT 1 AS x FROM console_users WHERE name = $1", (name,)):
            raise ConsoleError("E_CONSOLE_USER_EXISTS", name=name)
        now = now_iso()
        tx.run(
            "INSERT INTO console_users (name, role, pw_hash, disabled, created_at, pw_changed_at) "
            "VALUES ($1, $2, $3, 0, $4, $5)",
            (name, role, hashed, now, now),
        )
    return User(name, role, False)


def listing(db: Database) -> list[dict]:
    with db.tx() as tx:
        return tx.all(
            "SELECT name, role, disabled, created_at, pw_changed_at FROM console_users ORDER BY name"
        )


def disable(db: Database, name: str) -> None:
    with db.tx() as tx:
        if tx.run("UPDATE console_users SET disabled = 1 WHERE name = $1", (name,)) == 0:
            raise ConsoleError("E_CONSOLE_USER_UNKNOWN", name=name)
        tx.run("DELETE FROM console_sessions WHERE username = $1", (name,))


def set_password(db: Database, name: str, password: str) -> None:
    _check_password(password, name)
    hashed = passwords.hash_password(password)
    with db.tx() as tx:
        n = tx.run(
            "UPDATE console_users SET pw_hash = $1, pw_changed_at = $2 WHERE name = $3",
            (hashed, now_iso(), name),
        )
        if n == 0:
            raise ConsoleError("E_CONSOLE_USER_UNKNOWN", name=name)
        tx.run("DELETE FROM console_sessions WHERE username = $1", (name,))


@functools.cache
def dummy_hash() -> str:
    """A fixed hash to verify against when the name is unknown, so a wrong name and a wrong
    password take the same time (no user enumeration by timing). Made once a process, when the
    console is built (asgi.create_console), not at import: ``ztcentral status`` and the other
    command-line verbs never log anyone in and need not pay an Argon2id hash (~85 ms)."""
    return passwords.hash_password("dummy password for timing")


def authenticate(tx: Tx, name: str, password: str) -> User | None:
    row = tx.one("SELECT name, role, pw_hash, disabled FROM console_users WHERE name = $1", (name,))
    if row is None:
        passwords.verify_password(password, dummy_hash())
        return None
    if not passwords.verify_password(password, row["pw_hash"]) or row["disabled"]:
        return None
    if passwords.needs_rehash(row["pw_hash"]):
        tx.run(
            "UPDATE console_users SET pw_hash = $1 WHERE name = $2",
            (passwords.hash_password(password), name),
        )
    return User(row["name"], row["role"], bool(row["disabled"]))


def get(tx: Tx, name: str) -> User | None:
    row = tx.one("SELECT name, role, disabled FROM console_users WHERE name = $1", (name,))
    return User(row["name"], row["role"], bool(row["disabled"])) if row else None
