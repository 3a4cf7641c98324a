-- Farmstall schema version 6: pay for the family. An employee is a family member (members) with
-- the facts their pay needs; their pay schemes; and the month's work records.

CREATE TABLE employees (
    member_id                TEXT PRIMARY KEY NOT NULL REFERENCES members (id),
    relation                 TEXT NOT NULL,
    phone                    TEXT NOT NULL,
    start_on                 TEXT NOT NULL CHECK (start_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    end_on                   TEXT CHECK (end_on IS NULL OR end_on >= start_on),
    withhold_tax             INTEGER NOT NULL CHECK (withhold_tax IN (0, 1)),
    -- Monthly, as the employee declared them; whole fen.
    special_deduction_fen    INTEGER NOT NULL CHECK (special_deduction_fen >= 0),
    additional_deduction_fen INTEGER NOT NULL CHECK (additional_deduction_fen >= 0),
    account_note             TEXT NOT NULL,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
) STRICT;

-- How an employee is paid: a monthly salary, a daily or hourly wage, or a rate per unit of a kind
-- of work. Rates are ten-thousandths of a yuan (at most 4 decimals).
CREATE TABLE pay_schemes (
    member_id TEXT NOT NULL REFERENCES employees (member_id),
    line_no   INTEGER NOT NULL CHECK (line_no >= 0),
    kind      TEXT NOT NULL CHECK (kind IN ('monthly', 'daily', 'hourly', 'piece')),
    work      TEXT NOT NULL CHECK ((kind = 'piece') = (length(work) > 0)),
    rate_e4   INTEGER NOT NULL CHECK (rate_e4 > 0),
    PRIMARY KEY (member_id, line_no)
) STRICT;

-- What happened on a day: days or hours worked, pieces of a kind of work (thousandths), a bonus,
-- an advance paid out, or another deduction (whole fen). Append-only once its month is approved.
CREATE TABLE work_records (
    id           TEXT PRIMARY KEY NOT NULL,
    member_id    TEXT NOT NULL REFERENCES employees (member_id),
    work_date    TEXT NOT NULL CHECK (work_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    kind         TEXT NOT NULL CHECK (kind IN ('days', 'hours', 'pieces', 'bonus', 'advance', 'deduction')),
    work         TEXT NOT NULL CHECK ((kind = 'pieces') = (length(work) > 0)),
    quantity_milli INTEGER CHECK (quantity_milli IS NULL OR quantity_milli > 0),
    amount_fen   INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
    note         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    origin       TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system')),
    CHECK ((kind IN ('days', 'hours', 'pieces')) = (quantity_milli IS NOT NULL)),
    CHECK ((kind IN ('bonus', 'advance', 'deduction')) = (amount_fen IS NOT NULL))
) STRICT;

CREATE INDEX work_records_member ON work_records (member_id, work_date);
