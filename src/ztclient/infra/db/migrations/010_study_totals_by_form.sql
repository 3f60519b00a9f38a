-- 010: yearly study-hour totals per member *and study form*, so the hours that count towards
-- the 32/56-hour target follow the unit's setting of which forms count (by default the
-- collective forms: 个人自学 does not count; services/study.py) without summing the logs.
CREATE TABLE study_totals_by_form (
    member_id TEXT NOT NULL,
    year      INTEGER NOT NULL,
    form      TEXT NOT NULL,
    hours     REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, year, form)
) WITHOUT ROWID;

INSERT INTO study_totals_by_form (member_id, year, form, hours)
SELECT member_id, CAST(substr(date, 1, 4) AS INTEGER), form, sum(hours)
FROM study_logs WHERE voided = 0 GROUP BY 1, 2, 3;

DROP TRIGGER study_totals_insert;
DROP TRIGGER study_totals_void;
DROP TRIGGER study_totals_delete;
DROP TABLE study_totals;
ALTER TABLE study_totals_by_form RENAME TO study_totals;

CREATE TRIGGER study_totals_insert AFTER INSERT ON study_logs WHEN NEW.voided = 0
BEGIN
    INSERT INTO study_totals (member_id, year, form, hours)
    VALUES (NEW.member_id, CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.form, NEW.hours)
    ON CONFLICT (member_id, year, form) DO UPDATE SET hours = hours + excluded.hours;
END;

CREATE TRIGGER study_totals_void AFTER UPDATE OF voided ON study_logs
WHEN OLD.voided = 0 AND NEW.voided = 1
BEGIN
    UPDATE study_totals SET hours = hours - OLD.hours
    WHERE member_id = OLD.member_id AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER)
      AND form = OLD.form;
END;

CREATE TRIGGER study_totals_delete AFTER DELETE ON study_logs WHEN OLD.voided = 0
BEGIN
    UPDATE study_totals SET hours = hours - OLD.hours
    WHERE member_id = OLD.member_id AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER)
      AND form = OLD.form;
END;
