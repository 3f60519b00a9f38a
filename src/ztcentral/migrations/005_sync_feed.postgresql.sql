-- 005 the sync feed (protocol 2, docs/sync-protocol.md §7.8): aliases say which record id a
-- merged duplicate now answers to; unit_feed lists every applied operation of a unit in order
-- (pos), so each device of the unit is sent what its siblings changed; device_feed is how far
-- each device has been sent. The pair of files differs only in the type of unit_feed.pos.

CREATE TABLE aliases (unit TEXT NOT NULL, entity TEXT NOT NULL,
    alias_id TEXT NOT NULL, canonical_id TEXT NOT NULL, device_id TEXT, created_at TEXT NOT NULL,
    PRIMARY KEY (unit, entity, alias_id));

CREATE TABLE unit_feed (pos BIGSERIAL PRIMARY KEY, unit TEXT NOT NULL,
    device_id TEXT NOT NULL, seq BIGINT NOT NULL, op_id TEXT NOT NULL, entity TEXT NOT NULL,
    record_id TEXT NOT NULL);
CREATE INDEX unit_feed_unit ON unit_feed (unit, pos);
CREATE INDEX unit_feed_device ON unit_feed (device_id, seq);

CREATE TABLE device_feed (device_id TEXT PRIMARY KEY, pos BIGINT NOT NULL);
