-- Farmstall schema version 3: payments to farmers, against what purchases left owed.
-- What the shop owes a farmer = the totals of their purchases marked 'owed' minus their payments.

CREATE TABLE farmer_payments (
    id         TEXT PRIMARY KEY NOT NULL,
    farmer_id  TEXT NOT NULL REFERENCES farmers (id),
    paid_on    TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    method     TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank')),
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX farmer_payments_farmer ON farmer_payments (farmer_id, paid_on);
CREATE INDEX purchases_owed ON purchases (farmer_id) WHERE payment = 'owed';
