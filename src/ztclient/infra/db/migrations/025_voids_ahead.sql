-- 025: a void that comes before what it voids is kept (docs/sync-client.md, "Down the line").
-- Another device's 学习记录, 党员事件 or 党费交纳 can arrive after its void: the record failed
-- the first time (its member not here yet, or a 党费 month paid here too) and goes in at a later
-- run, while the void went in at once, finding nothing. Until now the void was then lost, and
-- the record went in live: a voided study log counted in the year's hours again, a voided
-- payment claimed its month, and a payment that clashed here waited for ever for a void that had
-- come and gone. Now a void of a record not here is kept in this table and the record goes in
-- voided when it comes.
CREATE TABLE sync_voids_ahead (
    entity     TEXT NOT NULL,   -- study_log, member_event, dues_payment
    record_id  TEXT NOT NULL,
    reason     TEXT,
    item_id    TEXT NOT NULL,   -- the downlink item that carried the void
    created_at TEXT NOT NULL,
    PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;

-- Voids an older program took in before their record: every void fact it applied (bodies are
-- the client's own JSON: {entity, op, record_id, fields: {ids?, reason?}}; the ids when there
-- are some, else the record id), first all of them ...
INSERT OR IGNORE INTO sync_voids_ahead (entity, record_id, reason, item_id, created_at)
SELECT json_extract(d.body, '$.entity'),
       coalesce(j.value, json_extract(d.body, '$.record_id')),
       json_extract(d.body, '$.fields.reason'),
       d.item_id,
       d.received_at
  FROM sync_down_items d
  LEFT JOIN json_each(CASE WHEN json_valid(d.body) AND json_type(d.body, '$.fields.ids') = 'array'
                           THEN json_extract(d.body, '$.fields.ids') END) j
 WHERE d.type = 'fact' AND d.state = 'applied' AND json_valid(d.body)
   AND json_extract(d.body, '$.op') = 'void'
   AND json_extract(d.body, '$.entity') IN ('study_log', 'member_event', 'dues_payment')
   AND coalesce(j.value, json_extract(d.body, '$.record_id')) IS NOT NULL;

-- ... then what they voided and is here live: voided now, with the void's reason (a void is
-- final for these records: none of them is ever made live again) ...
UPDATE study_logs
   SET voided = 1,
       void_reason = (SELECT reason FROM sync_voids_ahead a
                       WHERE a.entity = 'study_log' AND a.record_id = study_logs.id)
 WHERE voided = 0
   AND id IN (SELECT record_id FROM sync_voids_ahead WHERE entity = 'study_log');
UPDATE member_events
   SET voided = 1,
       void_reason = (SELECT reason FROM sync_voids_ahead a
                       WHERE a.entity = 'member_event' AND a.record_id = member_events.id)
 WHERE voided = 0
   AND id IN (SELECT record_id FROM sync_voids_ahead WHERE entity = 'member_event');
UPDATE dues_payments
   SET voided = 1,
       void_reason = (SELECT reason FROM sync_voids_ahead a
                       WHERE a.entity = 'dues_payment' AND a.record_id = dues_payments.id)
 WHERE voided = 0
   AND id IN (SELECT record_id FROM sync_voids_ahead WHERE entity = 'dues_payment');
UPDATE dues_payment_months SET voided = 1
 WHERE voided = 0
   AND payment_id IN (SELECT record_id FROM sync_voids_ahead WHERE entity = 'dues_payment');

-- ... and only the voids whose record is still not here stay kept.
DELETE FROM sync_voids_ahead
 WHERE (entity = 'study_log' AND record_id IN (SELECT id FROM study_logs))
    OR (entity = 'member_event' AND record_id IN (SELECT id FROM member_events))
    OR (entity = 'dues_payment' AND record_id IN (SELECT id FROM dues_payments));
