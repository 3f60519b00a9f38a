-- 024: records an older program passed over are taken in (docs/sync-client.md, "Down the line").
-- Until it knew them, the client marked the unit's other devices' records of 换届选举, 谈心谈话,
-- 民主评议, 整改 and 发展党员 steps 'applied' without writing anything. They are kept again as
-- an item of an entity not known yet is kept now ('stored', W_ENTITY_UNKNOWN), and taken in at
-- the start of the next sync or USB import, in the order they came; a record here at an item's
-- version or newer is not written back (W_RECORD_NEWER). Bodies are the client's own JSON text
-- (record items: {entity, id, version, voided, data}); json_valid guards the rest.
UPDATE sync_down_items SET state = 'stored', code = 'W_ENTITY_UNKNOWN'
 WHERE type = 'record' AND state = 'applied'
   AND CASE WHEN json_valid(body) THEN json_extract(body, '$.entity') END
       IN ('election', 'talk', 'appraisal', 'rectification', 'development_step');
-- an item that named one of them (a post an election seated: the centre sent it before the
-- election) failed E_RECORD_UNKNOWN: tried again, its code kept, after the rest of its type
-- (acted on late: the same version check). Every processing offers failed items again in any
-- case (downlink.py); a failure that stays is a 待核对 row, which leaves the list when it goes in.
UPDATE sync_down_items SET state = 'pending' WHERE state = 'failed' AND code = 'E_RECORD_UNKNOWN';
