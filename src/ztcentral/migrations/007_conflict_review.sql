-- 007: 审核 → 已核对 closes a conflict the committee has looked at.
-- The row stays; its status becomes 'reviewed' and these say who marked it and when (UTC).

ALTER TABLE conflicts ADD COLUMN reviewed_at TEXT;
ALTER TABLE conflicts ADD COLUMN reviewed_by TEXT;
