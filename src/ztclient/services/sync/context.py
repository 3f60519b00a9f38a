"""What every part of the sync service shares: the store, the clock, the adapter, the policy,
who this device is, and the sync log. One small object instead of one large class."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.ports import Clock, Store
from ztclient.services.sync.policy import SyncPolicy
from ztclient.services.sync.ports import SyncCrypto


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def dumps(obj: Any) -> str:
    """JSON kept in the client's own tables (not hashed, not signed: the canonical encoder is
    for what crosses the wire)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str)


@dataclass
class SyncContext:
    store: Store
    clock: Clock
    crypto: SyncCrypto
    policy: SyncPolicy
    device_id: Callable[[], str]
    unit: Callable[[], str]
    root_org: Callable[[], str | None]

    def now(self) -> str:
        return self.clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")

    def enrolment(self) -> dict[str, Any]:
        row = self.store.read_one("SELECT * FROM sync_enrolment WHERE id = 1")
        if row is None:
            raise DomainError("E_DEVICE_UNKNOWN", what="not enrolled")
        return row

    def enrolled(self) -> bool:
        return self.store.read_one("SELECT 1 AS x FROM sync_enrolment WHERE id = 1") is not None

    def keys(self) -> str:
        return str(self.store.scalar("SELECT keys FROM sync_device WHERE id = 1"))

    def trust_clock(self, enr: dict[str, Any] | None) -> str:
        """max(local clock, newest server time seen): a trust file's expiry is judged by it."""
        last = (enr or {}).get("last_server_time") or ""
        return max(self.now(), last)

    def log(self, tx: Store, kind: str, code: str | None, **detail: Any) -> None:
        tx.insert(
            "sync_log", {"at": self.now(), "kind": kind, "code": code, "detail": dumps(detail)}
        )
