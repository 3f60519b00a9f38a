-- 009: meetings keep the state of each person on the meeting's date (docs/meeting-records.md).
-- One row per person due that day or marked for the meeting: their name, branch and group,
-- category, status, voting rights and posts as they were, whether they were due (应到) and held
-- a vote. Quorum, votes, minutes, sign-in sheet, ledger and the centre's report read these
-- rows, never today's roster, so a reprint gives the same document.
-- python: snapshot_backfill
ALTER TABLE meeting_attendance ADD COLUMN name TEXT;
ALTER TABLE meeting_attendance ADD COLUMN org_id TEXT;
ALTER TABLE meeting_attendance ADD COLUMN group_id TEXT;
ALTER TABLE meeting_attendance ADD COLUMN category TEXT;
ALTER TABLE meeting_attendance ADD COLUMN member_status TEXT;
ALTER TABLE meeting_attendance ADD COLUMN voting_suspended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting_attendance ADD COLUMN posts TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_attendance ADD COLUMN due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting_attendance ADD COLUMN voting INTEGER NOT NULL DEFAULT 0;

-- When the snapshot was taken and how: 'saved' (by the program when the meeting was saved) or
-- 'migrated' (by this migration, from the dated member records; see snapshot_backfill.py).
ALTER TABLE meetings ADD COLUMN snapshot_on TEXT;
ALTER TABLE meetings ADD COLUMN snapshot_basis TEXT;
-- Posts of the chair and recorder on the day (party_post codes, comma separated).
ALTER TABLE meetings ADD COLUMN chair_post TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN recorder_post TEXT NOT NULL DEFAULT '';
