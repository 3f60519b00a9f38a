-- 014: indexes that cost a page on every edit and answered no query (issue 16, bench/store.py).
-- Every index an edit touches is one more 4 KiB page encrypted, authenticated and written to the
-- WAL on every commit; an edit that adds a member wrote ~16 pages, now ~12.
--   members_name    no query looks a member up by the whole name (search goes through
--                   member_search, names are matched with instr()).
--   members_status  five values over a few thousand rows: the roster filters on
--                   member_search.current, the counts scan faster than they would look up.
--   audit_op_seq    the audit check reads the whole trail in one pass; nothing looks up one op.
--   outbox_wire_seq new ops have no wire_seq yet: index only the ones that went on the wire.
DROP INDEX IF EXISTS members_name;
DROP INDEX IF EXISTS members_status;
DROP INDEX IF EXISTS audit_op_seq;
DROP INDEX IF EXISTS outbox_wire_seq;
CREATE INDEX outbox_wire_seq ON outbox(wire_seq) WHERE wire_seq IS NOT NULL;
