-- 006 audit rollbacks (issue 11 item 2, issue 15 item 5): a device restored from a backup
-- continues its audit chain from an earlier head the centre anchored and says so; the heads it
-- rolls back are kept here, one row per branch, and `ztcentral status` lists them.

CREATE TABLE audit_rollbacks (device_id TEXT NOT NULL, branch_seq BIGINT NOT NULL,
    dropped_from BIGINT NOT NULL, dropped_to BIGINT NOT NULL, dropped_head TEXT NOT NULL,
    bundle_id TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX audit_rollbacks_device ON audit_rollbacks (device_id);
