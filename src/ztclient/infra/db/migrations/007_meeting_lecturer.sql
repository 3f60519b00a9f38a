-- 007: 党课授课人 as a member of the roster when the lecturer is one (the meeting editor picks
-- them from the roster); `lecturer` keeps the name as text for lecturers from outside the unit.
ALTER TABLE meetings ADD COLUMN lecturer_id TEXT REFERENCES members(id);
