-- 023: 待核对 one row per record (docs/sync-client.md, "The 待核对 list"). One op may name
-- several records that are flagged (a meeting's attendance or a batch of study records for
-- members voided elsewhere, the payments of one collection): each is a row of its own, so the
-- uniqueness is (op, record, field), not (op, field). SQLite cannot alter a UNIQUE constraint:
-- the table is made again, every row and column kept (ids too: audit entries name them).
-- record_id is NULL for a refused op whose record this device does not know: '' in the index.
CREATE TABLE sync_problems_023 (
    id           INTEGER PRIMARY KEY,
    op_id        TEXT NOT NULL,
    seq          INTEGER,
    bundle_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,          -- conflict / rejected / review
    code         TEXT NOT NULL,
    entity       TEXT,
    record_id    TEXT,
    field        TEXT NOT NULL DEFAULT '',  -- the conflicting field ('' for a refused op)
    yours        TEXT,                   -- JSON
    theirs       TEXT,                   -- JSON
    params       TEXT NOT NULL,          -- JSON, as in the receipt
    created_at   TEXT NOT NULL,
    reviewed     INTEGER NOT NULL DEFAULT 0,
    reviewed_by  TEXT,                   -- who (020, 021)
    reviewed_at  TEXT,
    reviewed_noted_at TEXT,
    reviewed_where TEXT                  -- here / above / NULL while open (021)
);
INSERT INTO sync_problems_023 (id, op_id, seq, bundle_id, kind, code, entity, record_id, field,
    yours, theirs, params, created_at, reviewed, reviewed_by, reviewed_at, reviewed_noted_at,
    reviewed_where)
SELECT id, op_id, seq, bundle_id, kind, code, entity, record_id, field, yours, theirs, params,
    created_at, reviewed, reviewed_by, reviewed_at, reviewed_noted_at, reviewed_where
FROM sync_problems;
DROP TABLE sync_problems;
ALTER TABLE sync_problems_023 RENAME TO sync_problems;
CREATE UNIQUE INDEX sync_problems_record ON sync_problems (op_id, coalesce(record_id, ''), field);
