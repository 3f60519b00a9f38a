-- 019: 录入错误作废 of a 党内职务 (docs/domain-rules.md): a post entered by mistake is voided with
-- the reason the clerk gave, never deleted; it stays in the table, the audit and the outbox and
-- counts nowhere (书记, 班子成员, the committee, reports, 应换届 …).
ALTER TABLE org_posts ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE org_posts ADD COLUMN void_reason TEXT;
