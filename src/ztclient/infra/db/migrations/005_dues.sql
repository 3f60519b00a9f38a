-- 005: 党费 (dues): the yearly base of each member, approvals of 少交/免交, payments and the
-- months they cover (docs/dues.md). Amounts are integer fen (分), months "YYYY-MM", dates ISO.
-- Payments and approvals are facts: a mistake is voided (with a reason), never deleted.

-- 计算基数: one per member and year; the monthly amount is worked out from the dues table
-- when the base is set and kept with the table version that did it.
CREATE TABLE dues_bases (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES members(id),
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL,          -- code table dues_kind (employed, retired, farmer …)
    income_fen    INTEGER,                -- the monthly base (income kinds); NULL otherwise
    monthly_fen   INTEGER NOT NULL,       -- 每月应交
    rate          TEXT,                   -- the rate applied ("0.01"); NULL for fixed amounts
    table_version INTEGER NOT NULL,
    note          TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (member_id, year)
);
CREATE INDEX dues_bases_year ON dues_bases(year);

-- 少交 / 免交, approved by the branch (the approval date is required).
CREATE TABLE dues_approvals (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES members(id),
    kind          TEXT NOT NULL,          -- reduce (少交) / exempt (免交)
    first_month   TEXT NOT NULL,
    last_month    TEXT NOT NULL,
    monthly_fen   INTEGER,                -- the approved monthly amount (reduce)
    approved_on   TEXT NOT NULL,
    approver      TEXT,                   -- 支部委员会, 上级党委 …
    reason        TEXT NOT NULL,
    voided        INTEGER NOT NULL DEFAULT 0,
    void_reason   TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX dues_approvals_member ON dues_approvals(member_id, first_month);

-- 交纳记录: one per member and handing-over; a monthly collection for many members is one
-- batch (one outbox op).
CREATE TABLE dues_payments (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES members(id),
    first_month   TEXT NOT NULL,
    months        INTEGER NOT NULL,
    amount_fen    INTEGER NOT NULL,       -- paid in all
    extra_fen     INTEGER NOT NULL DEFAULT 0,  -- of which 自愿多交
    paid_on       TEXT NOT NULL,
    way           TEXT NOT NULL,          -- code table dues_way
    receipt_no    TEXT,
    note          TEXT,
    batch_id      TEXT NOT NULL,
    voided        INTEGER NOT NULL DEFAULT 0,
    void_reason   TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX dues_payments_member ON dues_payments(member_id, first_month);
CREATE INDEX dues_payments_receipt ON dues_payments(receipt_no);

-- The months a payment covers, with what each cost. A month is paid at most once: the partial
-- unique index refuses a second live payment even if a caller forgot to check.
CREATE TABLE dues_payment_months (
    payment_id    TEXT NOT NULL REFERENCES dues_payments(id),
    member_id     TEXT NOT NULL REFERENCES members(id),
    month         TEXT NOT NULL,
    amount_fen    INTEGER NOT NULL,
    voided        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (payment_id, month)
);
CREATE UNIQUE INDEX dues_month_paid_once ON dues_payment_months(member_id, month) WHERE voided = 0;
CREATE INDEX dues_payment_months_month ON dues_payment_months(month, member_id);
