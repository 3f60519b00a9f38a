"""Ports: what services need from the outside world, as Protocols. infra provides the real ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

Params = Sequence[Any] | Mapping[str, Any]


class ChainKeys(Protocol):
    """The audit chain's HMAC keys, one per key epoch (infra/crypto/audit_keys.py derives them
    from the data key; services never see a key, only MACs)."""

    current_key_id: str  # names the key of the data key now open
    current_epoch: int | None  # its epoch in ``audit_keys``, None until registered

    def register(self, epoch: int) -> None: ...
    def mac(self, epoch: int, message: bytes) -> str | None: ...  # hex; None: key unknown


class Store(Protocol):
    """The unit's database. Writes happen only inside ``transaction()``."""

    chain_keys: ChainKeys

    def read(self, sql: str, params: Params = ()) -> list[dict[str, Any]]: ...
    def column(self, sql: str, params: Params = ()) -> list[Any]: ...
    def read_one(self, sql: str, params: Params = ()) -> dict[str, Any] | None: ...
    def scalar(self, sql: str, params: Params = ()) -> Any: ...
    def transaction(self) -> AbstractContextManager[Store]: ...
    def execute(self, sql: str, params: Params = ()) -> int: ...
    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...
    def insert(self, table: str, row: Mapping[str, Any]) -> None: ...
    def insert_many(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None: ...
    def update(self, table: str, key: Mapping[str, Any], fields: Mapping[str, Any]) -> int: ...
    def get_meta(self, key: str, default: str | None = None) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def integrity_problems(self) -> list[str]: ...
    def close(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...  # aware, UTC
    def today(self) -> date: ...  # the clerk's local date


class SystemClock:
    """The real clock (kept here: it is trivial and has no adapter to speak of)."""

    def now(self) -> datetime:
        from datetime import UTC

        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()
