-- 016: a 党费 base holds from a month of its year (a pay rise from July prices July on, not the
-- months before it). A year may have several bases, one per month they start from; every base
-- kept so far is the year's base from January, as it always meant (docs/dues.md). SQLite cannot
-- change a UNIQUE constraint in place, so the table is made again and the rows copied.
CREATE TABLE dues_bases_from (
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
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (member_id, year, from_month)
);

INSERT INTO dues_bases_from (id, member_id, year, from_month, kind, income_fen, monthly_fen,
                             rate, table_version, note, version, created_at, updated_at)
SELECT id, member_id, year, 1, kind, income_fen, monthly_fen, rate, table_version, note,
       version, created_at, updated_at
FROM dues_bases;

DROP TABLE dues_bases;

ALTER TABLE dues_bases_from RENAME TO dues_bases;

CREATE INDEX dues_bases_year ON dues_bases(year);
