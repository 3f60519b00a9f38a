-- 009: 已核对 made on the unit's device (a ``conflict_review`` op, docs/sync-protocol.md §4.2).
-- The device that received the conflict and marked it reviewed; NULL when a person at the
-- centre marked it in 审核 (reviewed_by is then a console account, else the device's operator).

ALTER TABLE conflicts ADD COLUMN reviewed_device TEXT;
