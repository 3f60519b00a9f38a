-- 020: 上级已核对 (docs/sync-protocol.md §4.3, conflict_reviewed). The committee marked a
-- conflict 已核对 in its console; the device that received it closes the 待核对 row and keeps
-- who at the committee and when. NULL when the clerk marked the row here.
ALTER TABLE sync_problems ADD COLUMN reviewed_by TEXT;       -- the committee admin's name
ALTER TABLE sync_problems ADD COLUMN reviewed_at TEXT;       -- the committee's time (UTC)
ALTER TABLE sync_problems ADD COLUMN reviewed_noted_at TEXT; -- when this device learnt it (UTC)
-- such an item kept by an older program (which keeps unknown types, not acted on) is acted on
-- with the next downlink bundle
UPDATE sync_down_items SET state = 'pending' WHERE type = 'conflict_reviewed' AND state = 'stored';
