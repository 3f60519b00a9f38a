-- 003 device-signed requests and limits (issue 11): nonces of signed requests (replay window),
-- rate-limit counters, the device that owns an upload and when it last moved (quota, expiry),
-- and the source a quarantined bundle is charged to (cap with eviction by source).

CREATE TABLE request_nonces (kid TEXT NOT NULL, nonce TEXT NOT NULL, at BIGINT NOT NULL,
    PRIMARY KEY (kid, nonce));
CREATE INDEX request_nonces_at ON request_nonces (at);

CREATE TABLE rate_limits (scope TEXT NOT NULL, key TEXT NOT NULL,
    window_start BIGINT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (scope, key));

-- Uploads begun before this version have no owner and cannot be resumed under signed
-- requests: they are dropped (the device starts its upload again; nothing was applied).
DELETE FROM upload_parts;
DELETE FROM uploads;
ALTER TABLE uploads ADD COLUMN device_id TEXT NOT NULL DEFAULT '';
ALTER TABLE uploads ADD COLUMN touched_at TEXT NOT NULL DEFAULT '';
CREATE INDEX uploads_device ON uploads (device_id);
CREATE INDEX uploads_touched ON uploads (touched_at);

-- the device the bundle's key belongs to, or 'unknown' (a key nobody enrolled)
ALTER TABLE quarantine ADD COLUMN source TEXT NOT NULL DEFAULT 'unknown';
UPDATE quarantine SET source = device_id WHERE device_id IS NOT NULL;
CREATE INDEX quarantine_source ON quarantine (source, received_at);
