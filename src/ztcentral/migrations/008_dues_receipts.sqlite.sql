-- 008 党费收据号 per unit (docs/domain-rules.md, 党费): which payment carries which receipt
-- number, so a payment arriving with a number another live payment of the unit carries is
-- found without reading every payment, and flagged as a conflict for 审核. Filled from the
-- payments kept so far. The pair of files differs only in how a JSON field is read.

CREATE TABLE dues_receipts (unit TEXT NOT NULL, payment_id TEXT NOT NULL,
    receipt_no TEXT NOT NULL, PRIMARY KEY (unit, payment_id));
CREATE INDEX dues_receipts_no ON dues_receipts (unit, receipt_no);

INSERT INTO dues_receipts (unit, payment_id, receipt_no)
    SELECT unit, id, json_extract(data, '$.receipt_no') FROM records
    WHERE entity = 'dues_payment' AND json_extract(data, '$.receipt_no') IS NOT NULL
    AND json_extract(data, '$.receipt_no') != '';
