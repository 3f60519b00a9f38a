"""Console sessions: a random id in an HttpOnly, SameSite=Strict cookie (Secure under TLS);
the database keeps only its SHA-256, the user, a CSRF token and the times, so any app node can
serve any request and a stolen database does not yield live cookies.

Idle timeout (default 30 minutes) and an absolute lifetime (12 hours); logout, disabling a user
and a password change end the sessions.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ztcentral.console.accounts import User, get
from ztcentral.db import Database
from ztcentral.storage import now_iso

COOKIE = "zt_console"
IDLE_MINUTES = 30
MAX_HOURS = 12


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    sid_hash: str


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("ascii", "replace")).hexdigest()


def _parse(ts: str) -> datetime:
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def start(db: Database, user: User, address: str | None) -> tuple[str, Session]:
    sid = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = now_iso()
    with db.tx() as tx:
        tx.run(
            "INSERT INTO console_sessions (sid_hash, username, csrf, created_at, last_seen, "
            "address) VALUES ($1, $2, $3, $4, $5, $6)",
            (_hash(sid), user.name, csrf, now, now, address),
        )
    return sid, Session(user, csrf, _hash(sid))


def lookup(db: Database, sid: str | None, idle_minutes: int = IDLE_MINUTES) -> Session | None:
    """The live session for a cookie value (touching it), or None."""
    if not sid or len(sid) > 128:
        return None
    key = _hash(sid)
    now = datetime.now(UTC)
    with db.tx() as tx:
        row = tx.one(
            "SELECT username, csrf, created_at, last_seen FROM console_sessions WHERE sid_hash = $1",
            (key,),
        )
        if row is None:
            return None
        idle = now - _parse(row["last_seen"]) > timedelta(minutes=idle_minutes)
        old = now - _parse(row["created_at"]) > timedelta(hours=MAX_HOURS)
        user = get(tx, row["username"])
        if idle or old or user is None or user.disabled:
            tx.run("DELETE FROM console_sessions WHERE sid_hash = $1", (key,))
            return None
        tx.run("UPDATE console_sessions SET last_seen = $1 WHERE sid_hash = $2", (now_iso(), key))
    return Session(user, row["csrf"], key)


def end(db: Database, session: Session) -> None:
    with db.tx() as tx:
        tx.run("DELETE FROM console_sessions WHERE sid_hash = $1", (session.sid_hash,))


def sweep(db: Database) -> int:
    """Remove sessions past their lifetime (called now and then; lookups expire them too)."""
    cutoff = (datetime.now(UTC) - timedelta(hours=MAX_HOURS)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with db.tx() as tx:
        return tx.run("DELETE FROM console_sessions WHERE created_at < $1", (cutoff,))
