-- 008: the keyed, anchored audit chain (docs/security-model.md §7).
--
-- Entries written before this migration keep their plain SHA-256 links (epoch 0). From the
-- first open after it, every entry is an HMAC-SHA256 under a chain key derived from the data
-- key (epoch 1, 2, ... : a new epoch at each rekey). The first entry of each epoch commits to
-- the head before it, so the old chain is carried over, never rewritten. No key is stored in
-- clear: the current epoch's key is derived from the data key, older ones are kept wrapped.
ALTER TABLE audit ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN op_seq INTEGER;        -- the outbox op this entry records (keyed entries)
CREATE INDEX audit_op_seq ON audit(op_seq) WHERE op_seq IS NOT NULL;

CREATE TABLE audit_keys (
    epoch       INTEGER PRIMARY KEY,     -- 1, 2, ...
    key_id      TEXT NOT NULL UNIQUE,    -- names the key (an HMAC of a constant under it), never reveals it
    wrapped     TEXT,                    -- hex; older epochs only, wrapped under the current key
    since_seq   INTEGER NOT NULL,        -- the audit seq of the epoch's first entry
    created_at  TEXT NOT NULL
);

-- The newest head the centre has anchored: it came back in a verified, signed receipt.
-- `verify` checks that the local chain still holds this entry unchanged.
CREATE TABLE audit_anchor (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    seq         INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    bundle_id   TEXT NOT NULL,
    anchored_at TEXT NOT NULL
);
