-- 001: the unit's records, the change outbox and the audit chain.
-- Never edit a released migration; add the next number instead.
-- Dates are ISO strings (YYYY-MM-DD), times ISO 8601 UTC; IDs are UUIDv7 text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- 组织: 基层党委 / 党总支 / 党支部 / 党小组
CREATE TABLE orgs (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES orgs(id),
    kind        TEXT NOT NULL,          -- domain.model.OrgKind
    name        TEXT NOT NULL,
    code        TEXT,
    unit_type   TEXT,                   -- 单位类型 (statistics row dimension)
    elected_on  TEXT,                   -- current committee's election date
    term_years  INTEGER,                -- 3 or 5
    dissolved_on TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL
);

-- 党内职务: time-bounded committee posts
CREATE TABLE org_posts (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id),
    member_id   TEXT NOT NULL REFERENCES members(id),
    post        TEXT NOT NULL,          -- code table party_post
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL
);
CREATE INDEX org_posts_member ON org_posts(member_id);
CREATE INDEX org_posts_org ON org_posts(org_id);

-- 党员 (and applicants in development). Never deleted: status changes through member_events.
CREATE TABLE members (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL REFERENCES orgs(id),   -- 所在党支部
    group_id         TEXT REFERENCES orgs(id),            -- 党小组
    name             TEXT NOT NULL,
    gender           TEXT NOT NULL,        -- GB/T 2261.1 code
    id_number        TEXT,                 -- 公民身份号码 (18, upper-case X)
    ethnicity        TEXT,                 -- GB 3304 code
    birth_date       TEXT,
    native_place     TEXT,                 -- 籍贯
    education        TEXT,                 -- code table education
    degree           TEXT,
    job              TEXT,                 -- code table job (工作岗位)
    work_unit        TEXT,                 -- 工作单位及职务
    title            TEXT,                 -- 专业技术职务
    phone            TEXT,
    address          TEXT,
    category         TEXT NOT NULL,        -- domain.model.Category: applicant/activist/candidate/probationary/full
    status           TEXT NOT NULL,        -- domain.model.Status: normal/mobile/lost_contact/suspended/exited/transferred_out/deceased
    status_since     TEXT,
    exit_kind        TEXT,                 -- code table exit_kind when status = exited
    voting_suspended INTEGER NOT NULL DEFAULT 0,  -- 留党察看 or approved exclusion from 应到会
    application_date TEXT,                 -- 递交入党申请书
    activist_date    TEXT,                 -- 确定为入党积极分子
    candidate_date   TEXT,                 -- 确定为发展对象
    join_date        TEXT,                 -- 入党日期 (支部大会通过为预备党员)
    full_member_date TEXT,                 -- 转为正式党员日期
    probation_end    TEXT,                 -- 预备期满 (join + 1 year + extensions)
    work_start_date  TEXT,                 -- 参加工作日期
    note             TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX members_org ON members(org_id);
CREATE INDEX members_status ON members(status);
CREATE INDEX members_name ON members(name);

-- Search text: name, full pinyin, pinyin initials, id number, phone, work unit.
CREATE TABLE member_search (
    member_id TEXT PRIMARY KEY REFERENCES members(id),
    text      TEXT NOT NULL,
    sort_key  TEXT NOT NULL              -- pinyin of the name, for 按姓氏拼音 order
);
CREATE INDEX member_search_sort ON member_search(sort_key);

-- 党员事件: development stages, conversion, transfers, mobility, lost contact, suspension, exit, death.
CREATE TABLE member_events (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members(id),
    kind        TEXT NOT NULL,          -- domain.model.EventKind
    date        TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}',   -- JSON: letter no., counterpart org, exit kind, reason...
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX member_events_member ON member_events(member_id, date);

-- 会议: 三会一课, 主题党日, 组织生活会, 民主评议 ...
CREATE TABLE meetings (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id),
    kind        TEXT NOT NULL,          -- domain.model.MeetingKind
    seq_no      INTEGER,                -- 第X次
    title       TEXT NOT NULL,
    starts_at   TEXT NOT NULL,          -- local time 'YYYY-MM-DDTHH:MM'
    ends_at     TEXT,
    place       TEXT,
    chair_id    TEXT REFERENCES members(id),
    recorder_id TEXT REFERENCES members(id),
    lecturer    TEXT,                   -- 党课授课人
    agenda      TEXT NOT NULL DEFAULT '[]',   -- JSON list of 议题 strings
    minutes     TEXT NOT NULL DEFAULT '',     -- 会议内容 (speeches, reports)
    summary     TEXT NOT NULL DEFAULT '',     -- 主持人小结
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX meetings_org_time ON meetings(org_id, starts_at);
CREATE INDEX meetings_kind_time ON meetings(kind, starts_at);

-- Attendance: one row per member due or present; attendance is a fact (merge by union).
CREATE TABLE meeting_attendance (
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    member_id   TEXT NOT NULL REFERENCES members(id),
    status      TEXT NOT NULL,          -- present / absent / excluded (approved exclusion from 应到会)
    reason      TEXT,                   -- 病假 / 事假 / 公出 ...
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_member ON meeting_attendance(member_id);

-- 列席人员 (non-voting attendees)
CREATE TABLE meeting_guests (
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    post        TEXT,
    reason      TEXT,
    PRIMARY KEY (meeting_id, position)
);

-- 决议 / 表决情况
CREATE TABLE resolutions (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'ordinary',  -- ordinary / admission / conversion / election ...
    votes_for   INTEGER,
    votes_against INTEGER,
    votes_abstain INTEGER,
    written_opinions INTEGER NOT NULL DEFAULT 0,   -- 书面意见 from absent voting members
    owner       TEXT,
    deadline    TEXT,
    subject_member_id TEXT REFERENCES members(id)  -- for admission / conversion votes
);
CREATE INDEX resolutions_meeting ON resolutions(meeting_id);

-- 学习记录: a fact; removing one is a recorded void.
CREATE TABLE study_logs (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members(id),
    date        TEXT NOT NULL,
    hours       REAL NOT NULL,
    form        TEXT NOT NULL,          -- code table study_form
    topic       TEXT NOT NULL,
    meeting_id  TEXT REFERENCES meetings(id),
    voided      INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX study_logs_member_date ON study_logs(member_id, date);
CREATE INDEX study_logs_date ON study_logs(date);

-- The change journal: one row per edit, gap-free per-device sequence (the sync outbox).
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY,    -- 1, 2, 3 ... no gaps (assigned inside the write transaction)
    op_id       TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    op          TEXT NOT NULL,          -- create / update / void / event
    base_version INTEGER,
    fields      TEXT NOT NULL,          -- canonical JSON
    created_at  TEXT NOT NULL,
    sync_state  TEXT NOT NULL DEFAULT 'pending',  -- pending / in_flight / synced
    bundle_id   TEXT
);
CREATE INDEX outbox_state ON outbox(sync_state, seq);

-- The audit chain: h = SHA-256("ZTA1" || canonical(entry) || prev).
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    ts          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object      TEXT NOT NULL,
    digest      TEXT NOT NULL,          -- SHA-256 of the canonical change
    prev        TEXT NOT NULL,
    hash        TEXT NOT NULL
);
