-- 002: yearly study-hour totals per member, kept by triggers in the same transaction as the
-- logs, so the 学时 summary reads ~3,000 rows instead of summing ~150,000 logs a year.
CREATE TABLE study_totals (
    member_id TEXT NOT NULL,
    year      INTEGER NOT NULL,
    hours     REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, year)
) WITHOUT ROWID;

CREATE TRIGGER study_totals_insert AFTER INSERT ON study_logs WHEN NEW.voided = 0
BEGIN
    INSERT INTO study_totals (member_id, year, hours)
    VALUES (NEW.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.hours)
    ON CONFLICT (member_id, year) DO UPDATE SET hours = hours + excluded.hours;
END;

CREATE TRIGGER study_totals_void AFTER UPDATE OF voided ON study_logs
WHEN OLD.voided = 0 AND NEW.voided = 1
BEGIN
    UPDATE study_totals SET hours = hours - OLD.hours
    WHERE member_id = OLD.member_id AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
END;

CREATE TRIGGER study_totals_delete AFTER DELETE ON study_logs WHEN OLD.voided = 0
BEGIN
    UPDATE study_totals SET hours = hours - OLD.hours
    WHERE member_id = OLD.member_id AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
END;

INSERT INTO study_totals (member_id, year, hours)
SELECT member_id, CAST(substr(date, 1, 4) AS INTEGER), sum(hours)
FROM study_logs WHERE voided = 0 GROUP BY 1, 2;
