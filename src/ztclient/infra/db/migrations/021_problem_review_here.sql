-- 021: 已核对 on this device (docs/sync-client.md, "The 待核对 list"). The clerk's own 已核对
-- keeps who (the journal's operator, as audit entries name it) and when in the columns 020
-- added for the committee's; reviewed_where says whose review it was: 'here' (this device),
-- 'above' (the committee's conflict_reviewed item), NULL while the row is open.
ALTER TABLE sync_problems ADD COLUMN reviewed_where TEXT;
UPDATE sync_problems SET reviewed_where = 'above' WHERE reviewed = 1 AND reviewed_by IS NOT NULL;
-- pressed here before this schema: here, who and when not kept
UPDATE sync_problems SET reviewed_where = 'here' WHERE reviewed = 1 AND reviewed_by IS NULL;
