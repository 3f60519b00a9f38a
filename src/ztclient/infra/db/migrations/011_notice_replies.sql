-- 011: 通知回执 (issue 13 item 6): the unit's answer to a notice from the centre — a read receipt
-- and a short feedback, one row per notice; each change is a notice_reply op for the next bundle.
CREATE TABLE notice_replies (
    item_id    TEXT PRIMARY KEY,        -- the notice's downlink item id (sync_down_items.item_id)
    read_at    TEXT NOT NULL,
    feedback   TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
