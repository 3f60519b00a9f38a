-- 015: an organisation's 成立日期 (founding date), optional. A branch owes the meetings of the
-- periods on or after it (domain/compliance.py ``owed``); one without it owes the whole period,
-- as before.
ALTER TABLE orgs ADD COLUMN founded_on TEXT;
