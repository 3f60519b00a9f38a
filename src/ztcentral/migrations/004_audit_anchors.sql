-- 004 anchored audit chains (issue 11 item 2): the head of each device's audit chain as the
-- centre last anchored it, one row per anchored bundle; a bundle whose audit section does not
-- continue the last head is quarantined with E_AUDIT_FORK.

CREATE TABLE audit_anchors (device_id TEXT NOT NULL, seq BIGINT NOT NULL,
    head TEXT NOT NULL, bundle_id TEXT NOT NULL, anchored_at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq));
