-- 018: 录入错误作废 — a member added by mistake is taken back (status 'voided', never a fact
-- about the person) with the reason the clerk gave; the record stays (docs/members.md).
ALTER TABLE members ADD COLUMN void_reason TEXT;
