-- 004: the search table kept in roster order. Rows are stored by (sort_key, member_id), so a
-- search scans in the order the roster shows and needs no sort step, and `current` (在册) is
-- kept by a trigger so the common search needs no join with members. At 20,000 members this
-- is what keeps search-as-you-type under its budget (bench/search.py).
CREATE TABLE member_search_ordered (
    sort_key  TEXT NOT NULL,
    member_id TEXT NOT NULL REFERENCES members(id),
    current   INTEGER NOT NULL DEFAULT 1,   -- 1 while status is normal, mobile or lost_contact
    text      TEXT NOT NULL,
    PRIMARY KEY (sort_key, member_id)
) WITHOUT ROWID;

INSERT INTO member_search_ordered (sort_key, member_id, current, text)
SELECT s.sort_key, s.member_id, m.status IN ('normal', 'mobile', 'lost_contact'), s.text
FROM member_search s JOIN members m ON m.id = s.member_id;

DROP TABLE member_search;

ALTER TABLE member_search_ordered RENAME TO member_search;

CREATE UNIQUE INDEX member_search_member ON member_search(member_id);

CREATE TRIGGER member_search_current AFTER UPDATE OF status ON members
BEGIN
    UPDATE member_search SET current = NEW.status IN ('normal', 'mobile', 'lost_contact')
    WHERE member_id = NEW.id;
END;
