-- 013: the wire sequence of an outbox op (docs/sync-client.md, "Recovery").
-- Normally equal to seq. After a resync (a restored backup, a refused chain) the ops the centre
-- lacks go again after the centre's head, so their place on the wire differs from their place
-- in the local outbox; seq (and the audit entry that names it) never changes.
ALTER TABLE outbox ADD COLUMN wire_seq INTEGER;
CREATE INDEX outbox_wire_seq ON outbox(wire_seq);
