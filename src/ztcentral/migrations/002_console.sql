-- 002 console (issue 17): accounts, sessions, audit log and cached figures of the committee's
-- web console. IF NOT EXISTS only because builds before this migration made these tables at
-- start (console/tables.py); every later migration is plain CREATE.

CREATE TABLE IF NOT EXISTS console_users (name TEXT PRIMARY KEY, role TEXT NOT NULL,
    pw_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
    pw_changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS console_sessions (sid_hash TEXT PRIMARY KEY, username TEXT NOT NULL,
    csrf TEXT NOT NULL, created_at TEXT NOT NULL, last_seen TEXT NOT NULL, address TEXT);
CREATE TABLE IF NOT EXISTS console_audit (id TEXT PRIMARY KEY, at TEXT NOT NULL, username TEXT,
    address TEXT, action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS console_audit_at ON console_audit (at);
CREATE INDEX IF NOT EXISTS console_audit_login ON console_audit (action, outcome, address, at);
CREATE TABLE IF NOT EXISTS console_figures (unit TEXT PRIMARY KEY, day TEXT NOT NULL,
    version TEXT NOT NULL, data TEXT NOT NULL);
