-- 006: the organisation and its life (issue 13, docs/org-life.md): 换届选举, the dated committee
-- posts they create, 谈心谈话, 民主评议党员 with follow-up, 组织生活会 整改 items; organisations
-- merged into another and the top organisation's 上级党组织 (隶属关系).

ALTER TABLE orgs ADD COLUMN merged_into TEXT REFERENCES orgs(id);   -- set with dissolved_on on a merge
ALTER TABLE orgs ADD COLUMN superior TEXT;                           -- 上级党组织 (隶属关系) of the top organisation

-- 换届选举: one row per election; the committee as elected (with votes) is kept as it was that
-- day in `committee`, and as dated posts in org_posts (election_id).
CREATE TABLE elections (
    id             TEXT PRIMARY KEY,
    org_id         TEXT NOT NULL REFERENCES orgs(id),
    date           TEXT NOT NULL,          -- 选举日期: the new term starts that day
    term_years     INTEGER NOT NULL,       -- 3 or 5
    term_end       TEXT NOT NULL,          -- date + term_years
    meeting_id     TEXT REFERENCES meetings(id),   -- the 党员大会 (or 党代会) that elected
    voters_due     INTEGER,                -- 应到会有选举权人数
    voters_present INTEGER,                -- 实到会有选举权人数
    committee      TEXT NOT NULL DEFAULT '[]',   -- JSON [{member_id, post, votes_for}]
    note           TEXT,
    voided         INTEGER NOT NULL DEFAULT 0,
    void_reason    TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX elections_org ON elections(org_id, date);

ALTER TABLE org_posts ADD COLUMN election_id TEXT REFERENCES elections(id);

-- 谈心谈话 register.
CREATE TABLE talks (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id),     -- the organisation whose register it is in
    date        TEXT NOT NULL,
    talker_id   TEXT NOT NULL REFERENCES members(id),  -- 谈话人
    talkee_id   TEXT NOT NULL REFERENCES members(id),  -- 谈话对象
    topic       TEXT NOT NULL,
    follow_up   TEXT NOT NULL DEFAULT '',              -- 后续跟进
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX talks_date ON talks(date);
CREATE INDEX talks_org ON talks(org_id, date);

-- 民主评议党员: one grade per member and year (a new grade for the same year updates the row).
CREATE TABLE appraisals (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members(id),
    org_id      TEXT NOT NULL REFERENCES orgs(id),     -- the member's branch when graded
    grade       TEXT NOT NULL,                         -- code table appraisal_grade
    meeting_id  TEXT REFERENCES meetings(id),          -- where the 评定意见 was decided
    measure     TEXT,                                  -- code table appraisal_measure
    deadline    TEXT,
    done_on     TEXT,
    outcome     TEXT,
    note        TEXT,
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX appraisals_member_year ON appraisals(year, member_id) WHERE voided = 0;
CREATE INDEX appraisals_org ON appraisals(org_id, year);

-- 组织生活会 问题清单 and 整改 items; open items carry over to the next year's meeting.
CREATE TABLE rectifications (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id),
    year        INTEGER NOT NULL,                      -- the year of the 组织生活会 that found it
    meeting_id  TEXT REFERENCES meetings(id),
    problem     TEXT NOT NULL,
    measure     TEXT NOT NULL DEFAULT '',
    owner_id    TEXT REFERENCES members(id),
    owner       TEXT,                                  -- a named person or body when not a member
    deadline    TEXT,
    done_on     TEXT,
    result      TEXT,
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX rectifications_org ON rectifications(org_id, year);
