"""Optimistic concurrency for versioned records (members, orgs, posts, meetings, org-life rows,
dues bases, notice replies): the version check is part of the UPDATE itself.

``UPDATE … SET …, version = base + 1 WHERE id = ? AND version = base`` changes one row or none;
none means another edit (another window, a sync from another device) got there first, and the
whole transaction is refused with E_STALE_BASE. A check read before the transaction could be
overtaken between the read and the write; this one cannot.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ztclient.domain.errors import DomainError
from ztclient.services.ports import Store


def update_versioned(
    tx: Store,
    table: str,
    key: Mapping[str, Any],
    base_version: int,
    fields: Mapping[str, Any],
    **params: Any,
) -> int:
    """Write ``fields`` and the next version if the row is still at ``base_version``; returns
    the new version. ``params`` go into the E_STALE_BASE error (e.g. ``member_id=…``)."""
    base = int(base_version)
    changed = tx.update(table, {**key, "version": base}, {**fields, "version": base + 1})
    if changed != 1:
        raise stale(tx, table, key, base, **params)
    return base + 1


def stale(tx: Store, table: str, key: Mapping[str, Any], base: int, **params: Any) -> DomainError:
    where = " AND ".join(f'"{c}" = ?' for c in key)
    current = tx.scalar(f'SELECT version FROM "{table}" WHERE {where}', tuple(key.values()))
    if current is None:
        return DomainError("E_NOT_FOUND", what=table, id=str(next(iter(key.values()), "")))
    return DomainError("E_STALE_BASE", base=base, current=int(current), **params)
