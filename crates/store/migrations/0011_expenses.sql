-- The shop's cost book: what it spends besides goods, packaging, shipping and wages, for the
-- month's profit and loss statement.
CREATE TABLE expenses (
    id         TEXT PRIMARY KEY NOT NULL,
    -- The business day it was spent (Asia/Shanghai), YYYY-MM-DD.
    spent_on   TEXT NOT NULL CHECK (spent_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    category   TEXT NOT NULL CHECK (category IN ('platform_fees', 'advertising', 'electricity',
                                                 'vehicle', 'equipment', 'other')),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Entered by mistake: kept (the change log and the statement's history say what it was), no
    -- longer counted.
    voided_at  TEXT
) STRICT;

CREATE INDEX expenses_spent ON expenses (spent_on, category) WHERE voided_at IS NULL;
