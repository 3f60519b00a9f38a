-- 003: the device's sync state (docs/sync-client.md). Everything here lives inside the
-- encrypted store, so the device's private keys are kept as base64 text like any other value.
-- One row tables use id = 1.

-- The device's own keys (made on the device; never leave it) and its enrolment.
CREATE TABLE sync_device (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    keys         TEXT NOT NULL,          -- DeviceKeys.to_bytes(): {"v","sign","enc"} (b64 private keys)
    sign_kid     TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE sync_enrolment (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    unit           TEXT NOT NULL,
    server_url     TEXT,                 -- may be empty for a USB-only unit
    how            TEXT NOT NULL,        -- online / file
    pinned_root    TEXT NOT NULL,        -- JSON {kid: pub b64}: the root keys pinned at enrolment
    trust          TEXT NOT NULL,        -- the current trust file text (accepted by verify_trust)
    trust_version  INTEGER NOT NULL,
    request        TEXT,                 -- the enrolment request (file enrolment: carried up by USB)
    enrolled_at    TEXT NOT NULL,
    last_server_time TEXT,               -- the newest server time seen (trust expiry uses max(local, this))
    high_watermark INTEGER NOT NULL DEFAULT 0,  -- highest watermark in a verified receipt
    chain_head     TEXT NOT NULL,        -- hash of the newest bundle sealed (the next bundle's prev)
    down_seq       INTEGER NOT NULL DEFAULT 0,  -- last downlink bundle applied
    down_prev      TEXT NOT NULL,        -- its hash
    last_sync_at   TEXT,                 -- last completed exchange (HTTP sync or ack import)
    last_sync_how  TEXT
);

-- Bundles this device sealed. Once sealed, a bundle's bytes are final: a resend is always the
-- same bytes (never re-seal a range that may have arrived: that would be a replay or a fork).
CREATE TABLE sync_bundles (
    bundle_id    TEXT PRIMARY KEY,
    seq_from     INTEGER NOT NULL,
    seq_to       INTEGER NOT NULL,
    hash         TEXT NOT NULL UNIQUE,   -- SHA-256 of the bytes
    prev         TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    state        TEXT NOT NULL,          -- sealed / sent / held / acknowledged / refused
    code         TEXT,                   -- the last bundle-level code (E_BUNDLE_GAP, ...)
    receipt      BLOB,                   -- the verified DZR1 receipt
    created_at   TEXT NOT NULL,
    sent_at      TEXT,
    acked_at     TEXT,
    exported_to  TEXT                    -- last USB file written
);
CREATE INDEX sync_bundles_seq ON sync_bundles(seq_from);

-- Downlink items, kept verbatim (unknown types too). state: stored / applied / review / failed.
CREATE TABLE sync_down_items (
    item_id      TEXT PRIMARY KEY,
    type         TEXT NOT NULL,          -- notice, material, code_table, org_change, transfer_in, ...
    body         TEXT NOT NULL,          -- JSON
    down_seq     INTEGER NOT NULL,
    received_at  TEXT NOT NULL,
    state        TEXT NOT NULL,
    code         TEXT,                   -- why it needs review / failed
    ref          TEXT,                   -- e.g. the member id a transfer_in created
    read         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_down_items_type ON sync_down_items(type, received_at);

-- Code-table updates (代码表): the newest version of each table as central sent it.
CREATE TABLE sync_code_tables (
    name         TEXT PRIMARY KEY,
    version      INTEGER NOT NULL,
    rows         TEXT NOT NULL,          -- JSON
    item_id      TEXT NOT NULL,
    received_at  TEXT NOT NULL
);

-- Per-op outcomes that need a person: conflicts (E_MERGE_CONFLICT, E_RECORD_UNKNOWN) and
-- refused ops (E_OP_INVALID). One row per (op, field) for conflicts.
CREATE TABLE sync_problems (
    id           INTEGER PRIMARY KEY,
    op_id        TEXT NOT NULL,
    seq          INTEGER,
    bundle_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,          -- conflict / rejected
    code         TEXT NOT NULL,
    entity       TEXT,
    record_id    TEXT,
    field        TEXT NOT NULL DEFAULT '',  -- the conflicting field ('' for a refused op)
    yours        TEXT,                   -- JSON
    theirs       TEXT,                   -- JSON
    params       TEXT NOT NULL,          -- JSON, as in the receipt
    created_at   TEXT NOT NULL,
    reviewed     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (op_id, field)
);

-- What happened, for the 同步 screen and for support (append only).
CREATE TABLE sync_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,          -- enrol / sync / export / import / error
    code         TEXT,
    detail       TEXT NOT NULL           -- JSON
);
