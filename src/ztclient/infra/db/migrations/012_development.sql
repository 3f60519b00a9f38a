-- 011: 发展党员 as the official process keeps it (docs/development.md), the evidence behind a
-- member event, and transfers between units as proposals the receiving clerk answers.

-- The steps of the five stages that are not stage events (谈话, 培养联系人, 政治审查, 集中培训,
-- 预审, 入党志愿书, 审批, 宣誓 …), each dated, with the people and documents it names. Stage
-- events (applied … converted) stay in member_events; the five member dates are their summary.
CREATE TABLE development_steps (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members(id),
    step        TEXT NOT NULL,                  -- code table development_step
    date        TEXT NOT NULL,
    people      TEXT NOT NULL DEFAULT '[]',     -- JSON [{"name", "member_id"?}]
    details     TEXT NOT NULL DEFAULT '{}',     -- JSON: result, days, hours, document_no, note …
    meeting_id  TEXT REFERENCES meetings(id),   -- e.g. the 支委会 that reviewed the candidate
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX development_steps_member ON development_steps(member_id, date);

-- The 支部党员大会 and resolution an admission, conversion or extension rests on, and the
-- member fields the event changed, JSON {"before": {...}, "after": {...}}: voiding a member's
-- latest event restores "before" where the record still holds "after".
ALTER TABLE member_events ADD COLUMN meeting_id TEXT REFERENCES meetings(id);
ALTER TABLE member_events ADD COLUMN resolution_id TEXT;
ALTER TABLE member_events ADD COLUMN effects TEXT;
CREATE INDEX member_events_meeting ON member_events(meeting_id);

-- 延长预备期 resolutions say by how many months (6–12).
ALTER TABLE resolutions ADD COLUMN extension_months INTEGER;

-- 组织关系转接 between units of the system. direction 'in': another unit's 介绍信 waiting for
-- this clerk (state pending / accepted / refused); nothing enters the roster until accepted.
-- direction 'out': the receiving unit's answer to one of our transfer_out events.
CREATE TABLE transfers (
    id          TEXT PRIMARY KEY,               -- the sending unit's transfer_out event id
    direction   TEXT NOT NULL,                  -- in / out
    from_unit   TEXT NOT NULL,
    to_unit     TEXT NOT NULL,
    member_id   TEXT REFERENCES members(id),    -- in: created on acceptance; out: our member
    letter      TEXT NOT NULL DEFAULT '{}',     -- JSON: the 介绍信 as sent (name, ID, dues …)
    state       TEXT NOT NULL,
    answered_on TEXT,
    reason      TEXT,                           -- why refused
    item_id     TEXT,                           -- the downlink item it came in
    received_at TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX transfers_state ON transfers(direction, state);
