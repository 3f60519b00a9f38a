"""Central storage: shared queries, one interface over SQLite and PostgreSQL.

The schema is made by the numbered migrations in ``ztcentral/migrations`` (ztcentral.schema).

Bundle bytes are not in the database: they live in the content-addressed blob store and rows
refer to them by SHA-256. Upload parts *are* in the database, so that any app node can continue
an upload another node started (no sticky sessions).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ztcentral.db import Database, Tx

#: the record counts a receipt carries and ``status`` shows
COUNT_QUERIES = {
    "member": "SELECT count(*) FROM records WHERE unit = $1 AND entity = 'member'",
    "meeting": "SELECT count(*) FROM records WHERE unit = $1 AND entity = 'meeting'",
    "org": "SELECT count(*) FROM records WHERE unit = $1 AND entity = 'org'",
    "attendance": "SELECT count(*) FROM attendance WHERE unit = $1",
    "study_log": "SELECT count(*) FROM study_logs WHERE unit = $1",
    "member_event": "SELECT count(*) FROM member_events WHERE unit = $1",
    "conflict_open": "SELECT count(*) FROM conflicts WHERE unit = $1 AND status = 'open'",
}


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def init_schema(db: Database) -> list[str]:
    """Bring the database to the latest schema (numbered migrations); returns what ran."""
    from ztcentral.schema import migrate

    return migrate(db)


def meta_get(tx: Tx, key: str) -> str | None:
    return tx.scalar("SELECT value FROM meta WHERE key = $1", (key,))


def meta_set(tx: Tx, key: str, value: str) -> None:
    tx.run(
        "INSERT INTO meta (key, value) VALUES ($1, $2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def event(
    tx: Tx, kind: str, *, device_id: str | None = None, ref: str | None = None, **detail: Any
) -> None:
    """Audit trail of hold, reprocess, quarantine, enrol, revoke (Central's backlog audits)."""
    import uuid

    tx.run(
        "INSERT INTO events (id, at, kind, device_id, ref, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        (
            str(uuid.uuid4()),
            now_iso(),
            kind,
            device_id,
            ref,
            json.dumps(detail, ensure_ascii=False),
        ),
    )


def unit_counts(tx: Tx, unit: str) -> dict[str, int]:
    return {name: int(tx.scalar(sql, (unit,)) or 0) for name, sql in COUNT_QUERIES.items()}


def ensure_unit(tx: Tx, code: str, name: str | None = None) -> None:
    """The unit's row; ``name`` is the committee's own entry of its name (ztcentral.unit_names)
    and replaces an earlier one — a unit made before, without a name, gets it too."""
    tx.run(
        "INSERT INTO units (code, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING",
        (code, name or code, now_iso()),
    )
    if name:
        tx.run("UPDATE units SET name = $1 WHERE code = $2", (name, code))


def status_report(db: Database) -> dict[str, Any]:
    """What ``ztcentral status`` prints: units, devices, counts, quarantine, backlog."""
    with db.tx() as tx:
        units = tx.all("SELECT code, name FROM units ORDER BY code")
        devices = tx.all(
            "SELECT device_id, unit, status, watermark, down_seq, last_seen "
            "FROM devices ORDER BY unit, device_id"
        )
        held = tx.all(
            "SELECT bundle_id, device_id, seq_from, seq_to, received_at FROM bundles "
            "WHERE state = 'held' ORDER BY device_id, seq_from"
        )
        quarantine = tx.all(
            "SELECT sha256, kid, device_id, code, size, received_at, reviewed "
            "FROM quarantine ORDER BY received_at"
        )
        out_units = [{**u, "counts": unit_counts(tx, u["code"])} for u in units]
        from ztcentral.notice_status import notice_status

        notices = notice_status(tx)
    from ztcentral.schema import LATEST, current_version

    version = {"version": current_version(db), "latest": LATEST, "database": db.kind}
    return {
        "schema": version,
        "units": out_units,
        "devices": devices,
        "held": held,
        "quarantine": quarantine,
        "notices": notices,
    }
