-- 001 initial (postgresql): the schema ztcentral had before numbered migrations (schema 1).
-- A database made by that code is recognised and recorded as being at 001 (ztcentral.schema).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE enrol_codes (code_id TEXT PRIMARY KEY, secret TEXT NOT NULL,
    unit TEXT NOT NULL, expires TEXT NOT NULL, used_by TEXT, used_at TEXT);
CREATE TABLE devices (device_id TEXT PRIMARY KEY, unit TEXT NOT NULL,
    status TEXT NOT NULL, enrolled_at TEXT NOT NULL, watermark BIGINT NOT NULL,
    last_hash TEXT NOT NULL, audit_head TEXT NOT NULL, down_seq BIGINT NOT NULL,
    down_hash TEXT NOT NULL, enc_pub TEXT NOT NULL, enc_kid TEXT NOT NULL,
    last_seen TEXT);
CREATE TABLE device_keys (kid TEXT PRIMARY KEY, device_id TEXT NOT NULL,
    pub TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE bundles (bundle_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL,
    device_id TEXT NOT NULL, seq_from BIGINT NOT NULL, seq_to BIGINT NOT NULL,
    state TEXT NOT NULL, code TEXT, received_at TEXT NOT NULL, applied_at TEXT,
    receipt BYTEA);
CREATE INDEX bundles_sha ON bundles(sha256);
CREATE INDEX bundles_held ON bundles(device_id, state, seq_from);
CREATE TABLE quarantine (sha256 TEXT PRIMARY KEY, kid TEXT, device_id TEXT,
    code TEXT NOT NULL, size BIGINT NOT NULL, received_at TEXT NOT NULL,
    reviewed TEXT);
CREATE TABLE applied_ops (device_id TEXT NOT NULL, seq BIGINT NOT NULL,
    op_id TEXT NOT NULL UNIQUE, bundle_id TEXT NOT NULL, status TEXT NOT NULL,
    op TEXT NOT NULL, PRIMARY KEY (device_id, seq));
CREATE TABLE uploads (upload_id TEXT PRIMARY KEY, size BIGINT NOT NULL,
    sha256 TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE upload_parts (upload_id TEXT NOT NULL, off BIGINT NOT NULL,
    data BYTEA NOT NULL, PRIMARY KEY (upload_id, off));
CREATE TABLE records (unit TEXT NOT NULL, entity TEXT NOT NULL, id TEXT NOT NULL,
    data TEXT NOT NULL, fver TEXT NOT NULL, version BIGINT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0, review INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL, PRIMARY KEY (unit, entity, id));
CREATE TABLE attendance (unit TEXT NOT NULL, meeting_id TEXT NOT NULL,
    member_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
    PRIMARY KEY (unit, meeting_id, member_id));
CREATE TABLE study_logs (unit TEXT NOT NULL, id TEXT NOT NULL,
    member_id TEXT NOT NULL, date TEXT NOT NULL, hours DOUBLE PRECISION NOT NULL, form TEXT,
    topic TEXT, meeting_id TEXT, voided INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL,
    PRIMARY KEY (unit, id));
CREATE TABLE member_events (unit TEXT NOT NULL, id TEXT NOT NULL,
    member_id TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, data TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (unit, id));
CREATE TABLE conflicts (id TEXT PRIMARY KEY, unit TEXT NOT NULL,
    entity TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
    current TEXT NOT NULL, displaced TEXT NOT NULL, op_id TEXT NOT NULL,
    device_id TEXT NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE down_items (item_id TEXT PRIMARY KEY, unit TEXT NOT NULL,
    device_id TEXT, type TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE down_delivered (device_id TEXT NOT NULL, item_id TEXT NOT NULL,
    down_seq BIGINT NOT NULL, PRIMARY KEY (device_id, item_id));
CREATE TABLE down_bundles (device_id TEXT NOT NULL, seq BIGINT NOT NULL,
    sha256 TEXT NOT NULL, PRIMARY KEY (device_id, seq));
CREATE TABLE acks (sha256 TEXT PRIMARY KEY, ack_sha256 TEXT NOT NULL);
CREATE TABLE events (id TEXT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL,
    device_id TEXT, ref TEXT, detail TEXT NOT NULL);
