-- 017: a 党费 base entered by mistake is voided with a reason, never deleted (docs/dues.md): it
-- stays in the table, the audit and the outbox, and prices nothing. Only a live base holds a
-- member's year from a month, so the UNIQUE constraint becomes a partial unique index (a base
-- voided from July leaves July free for the right one). SQLite cannot change a constraint in
-- place: the table is made again and the rows copied, as 016 did.
CREATE TABLE dues_bases_void (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES members(id),
    year          INTEGER NOT NULL,
    from_month    INTEGER NOT NULL DEFAULT 1 CHECK (from_month BETWEEN 1 AND 12),
    kind          TEXT NOT NULL,          -- code table dues_kind (employed, retired, farmer …)
    income_fen    INTEGER,                -- the monthly base (income kinds); NULL otherwise
    monthly_fen   INTEGER NOT NULL,       -- 每月应交, from from_month to the next base or December
    rate          TEXT,                   -- the rate applied ("0.01"); NULL for fixed amounts
    table_version INTEGER NOT NULL,
    note          TEXT,
    voided        INTEGER NOT NULL DEFAULT 0,
    void_reason   TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

INSERT INTO dues_bases_void (id, member_id, year, from_month, kind, income_fen, monthly_fen,
                             rate, table_version, note, version, created_at, updated_at)
SELECT id, member_id, year, from_month, kind, income_fen, monthly_fen, rate, table_version, note,
       version, created_at, updated_at
FROM dues_bases;

DROP TABLE dues_bases;

ALTER TABLE dues_bases_void RENAME TO dues_bases;

CREATE INDEX dues_bases_year ON dues_bases(year);
CREATE UNIQUE INDEX dues_bases_live ON dues_bases(member_id, year, from_month) WHERE voided = 0;
