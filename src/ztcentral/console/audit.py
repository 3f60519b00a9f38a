"""The console's own audit log: every login, view of a person's data and action, with who,
from where and the outcome. It is also what login rate-limiting counts (one source of truth)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from ztcentral.db import Database, Tx
from ztcentral.storage import now_iso


def record(
    tx: Tx,
    action: str,
    *,
    user: str | None,
    address: str | None,
    target: str | None = None,
    outcome: str = "ok",
    **detail: Any,
) -> None:
    tx.run(
        "INSERT INTO console_audit (id, at, username, address, action, target, outcome, detail) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        (
            str(uuid.uuid4()),
            now_iso(),
            user,
            address,
            action,
            target,
            outcome,
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
        ),
    )


def log(db: Database, action: str, **kw: Any) -> None:
    with db.tx() as tx:
        record(tx, action, **kw)


def since(minutes: int) -> str:
    at = datetime.now(UTC) - timedelta(minutes=minutes)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def recent_failures(
    tx: Tx, *, address: str | None, user: str | None, minutes: int
) -> tuple[int, int]:
    """Failed logins in the window: (from this address, for this user name)."""
    start = since(minutes)
    by_address = tx.scalar(
        "SELECT count(*) FROM console_audit WHERE action = 'login' AND outcome = 'failed' "
        "AND address = $1 AND at >= $2",
        (address or "", start),
    )
    by_user = tx.scalar(
        "SELECT count(*) FROM console_audit WHERE action = 'login' AND outcome = 'failed' "
        "AND username = $1 AND at >= $2",
        (user or "", start),
    )
    return int(by_address or 0), int(by_user or 0)


def entries(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    with db.tx() as tx:
        return tx.all(
            "SELECT at, username, address, action, target, outcome, detail FROM console_audit "
            "ORDER BY at DESC LIMIT $1",
            (limit,),
        )
