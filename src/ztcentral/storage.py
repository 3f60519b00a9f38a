"""Central storage: the schema and the queries, one interface over SQLite and PostgreSQL.

Bundle bytes are not in the database: they live in the content-addressed blob store and rows
refer to them by SHA-256. Upload parts *are* in the database, so that any app node can continue
an upload another node started (no sticky sessions).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ztcentral.db import Database, Tx

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (code TEXT PRIMARY KEY, name TEXT NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enrol_codes (code_id TEXT PRIMARY KEY, secret TEXT NOT NULL,
    unit TEXT NOT NULL, expires TEXT NOT NULL, used_by TEXT, used_at TEXT);
CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, unit TEXT NOT NULL,
    status TEXT NOT NULL, enrolled_at TEXT NOT NULL, watermark {bigint} NOT NULL,
    last_hash TEXT NOT NULL, audit_head TEXT NOT NULL, down_seq {bigint} NOT NULL,
    down_hash TEXT NOT NULL, enc_pub TEXT NOT NULL, enc_kid TEXT NOT NULL,
    last_seen TEXT);
CREATE TABLE IF NOT EXISTS device_keys (kid TEXT PRIMARY KEY, device_id TEXT NOT NULL,
    pub TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bundles (bundle_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL,
    device_id TEXT NOT NULL, seq_from {bigint} NOT NULL, seq_to {bigint} NOT NULL,
    state TEXT NOT NULL, code TEXT, received_at TEXT NOT NULL, applied_at TEXT,
    receipt {blob});
CREATE INDEX IF NOT EXISTS bundles_sha ON bundles(sha256);
CREATE INDEX IF NOT EXISTS bundles_held ON bundles(device_id, state, seq_from);
CREATE TABLE IF NOT EXISTS quarantine (sha256 TEXT PRIMARY KEY, kid TEXT, device_id TEXT,
    code TEXT NOT NULL, size {bigint} NOT NULL, received_at TEXT NOT NULL,
    reviewed TEXT);
CREATE TABLE IF NOT EXISTS applied_ops (device_id TEXT NOT NULL, seq {bigint} NOT NULL,
    op_id TEXT NOT NULL UNIQUE, bundle_id TEXT NOT NULL, status TEXT NOT NULL,
    op TEXT NOT NULL, PRIMARY KEY (device_id, seq));
CREATE TABLE IF NOT EXISTS uploads (upload_id TEXT PRIMARY KEY, size {bigint} NOT NULL,
    sha256 TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS upload_parts (upload_id TEXT NOT NULL, off {bigint} NOT NULL,
    data {blob} NOT NULL, PRIMARY KEY (upload_id, off));
CREATE TABLE IF NOT EXISTS records (unit TEXT NOT NULL, entity TEXT NOT NULL, id TEXT NOT NULL,
    data TEXT NOT NULL, fver TEXT NOT NULL, version {bigint} NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0, review INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL, PRIMARY KEY (unit, entity, id));
CREATE TABLE IF NOT EXISTS attendance (unit TEXT NOT NULL, meeting_id TEXT NOT NULL,
    member_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
    PRIMARY KEY (unit, meeting_id, member_id));
CREATE TABLE IF NOT EXISTS study_logs (unit TEXT NOT NULL, id TEXT NOT NULL,
    member_id TEXT NOT NULL, date TEXT NOT NULL, hours {real} NOT NULL, form TEXT,
    topic TEXT, meeting_id TEXT, voided INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL,
    PRIMARY KEY (unit, id));
CREATE TABLE IF NOT EXISTS member_events (unit TEXT NOT NULL, id TEXT NOT NULL,
    member_id TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, data TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (unit, id));
CREATE TABLE IF NOT EXISTS conflicts (id TEXT PRIMARY KEY, unit TEXT NOT NULL,
    entity TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
    current TEXT NOT NULL, displaced TEXT NOT NULL, op_id TEXT NOT NULL,
    device_id TEXT NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS down_items (item_id TEXT PRIMARY KEY, unit TEXT NOT NULL,
    device_id TEXT, type TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS down_delivered (device_id TEXT NOT NULL, item_id TEXT NOT NULL,
    down_seq {bigint} NOT NULL, PRIMARY KEY (device_id, item_id));
CREATE TABLE IF NOT EXISTS down_bundles (device_id TEXT NOT NULL, seq {bigint} NOT NULL,
    sha256 TEXT NOT NULL, PRIMARY KEY (device_id, seq));
CREATE TABLE IF NOT EXISTS acks (sha256 TEXT PRIMARY KEY, ack_sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL,
    device_id TEXT, ref TEXT, detail TEXT NOT NULL)
"""

#: the record counts a receipt carries and ``status`` shows
COUNT_QUERIES = {
    "member": "SELECT count(*) FROM records WHERE unit = ? AND entity = 'member'",
    "meeting": "SELECT count(*) FROM records WHERE unit = ? AND entity = 'meeting'",
    "org": "SELECT count(*) FROM records WHERE unit = ? AND entity = 'org'",
    "attendance": "SELECT count(*) FROM attendance WHERE unit = ?",
    "study_log": "SELECT count(*) FROM study_logs WHERE unit = ?",
    "member_event": "SELECT count(*) FROM member_events WHERE unit = ?",
    "conflict_open": "SELECT count(*) FROM conflicts WHERE unit = ? AND status = 'open'",
}


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def init_schema(db: Database) -> None:
    db.executescript(DDL)
    with db.tx() as tx:
        if tx.scalar("SELECT value FROM meta WHERE key = 'schema'") is None:
            tx.run("INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))


def meta_get(tx: Tx, key: str) -> str | None:
    return tx.scalar("SELECT value FROM meta WHERE key = ?", (key,))


def meta_set(tx: Tx, key: str, value: str) -> None:
    tx.run(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def event(
    tx: Tx, kind: str, *, device_id: str | None = None, ref: str | None = None, **detail: Any
) -> None:
    """Audit trail of hold, reprocess, quarantine, enrol, revoke (Central's backlog audits)."""
    import uuid

    tx.run(
        "INSERT INTO events (id, at, kind, device_id, ref, detail) VALUES (?, ?, ?, ?, ?, ?)",
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
    tx.run(
        "INSERT INTO units (code, name, created_at) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING",
        (code, name or code, now_iso()),
    )


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
    return {
        "units": out_units,
        "devices": devices,
        "held": held,
        "quarantine": quarantine,
        "notices": notices,
    }
