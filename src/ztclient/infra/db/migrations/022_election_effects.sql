-- 022: 录入错误作废 of a 换届选举 (docs/domain-rules.md). An election ends the previous
-- committee's posts and sets the organisation's term; to undo that when the election is voided,
-- it keeps what it changed: JSON {"ended": [{id, end_date (before), ended}], "term": {elected_on,
-- term_years} (before)}. Local bookkeeping, never sent (the ops it wrote are). NULL for the
-- elections recorded before 022: voiding one of those infers the posts it ended (see
-- services/election_void.py).
ALTER TABLE elections ADD COLUMN effects TEXT;
