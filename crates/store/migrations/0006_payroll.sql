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

-- An approved month: its payslips are kept as computed, and its work records are locked (a
-- correction is a new record dated in a later month). A month without a row is a draft,
-- computed on demand.
CREATE TABLE payroll_runs (
    month       TEXT PRIMARY KEY NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    approved_at TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system'))
) STRICT;

CREATE TABLE payslips (
    month              TEXT NOT NULL REFERENCES payroll_runs (month),
    member_id          TEXT NOT NULL REFERENCES employees (member_id),
    gross_fen          INTEGER NOT NULL,
    tax_fen            INTEGER NOT NULL CHECK (tax_fen >= 0),
    advances_fen       INTEGER NOT NULL CHECK (advances_fen >= 0),
    deductions_fen     INTEGER NOT NULL CHECK (deductions_fen >= 0),
    net_fen            INTEGER NOT NULL,
    -- The year through this month, for the next month's tax.
    ytd_pay_fen        INTEGER NOT NULL,
    ytd_months         INTEGER NOT NULL,
    ytd_special_fen    INTEGER NOT NULL,
    ytd_additional_fen INTEGER NOT NULL,
    ytd_withheld_fen   INTEGER NOT NULL,
    -- The payslip as approved (lines and explanations), JSON.
    data               TEXT NOT NULL CHECK (json_valid(data)),
    paid_fen           INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    paid_on            TEXT,
    paid_method        TEXT CHECK (paid_method IS NULL OR paid_method IN ('cash', 'wechat', 'alipay', 'bank')),
    PRIMARY KEY (month, member_id)
) STRICT;

CREATE TRIGGER payslips_fixed BEFORE UPDATE OF gross_fen, tax_fen, advances_fen, deductions_fen, net_fen, data
    ON payslips
BEGIN
    SELECT RAISE(ABORT, 'an approved payslip is never changed');
END;

CREATE TRIGGER work_records_locked BEFORE INSERT ON work_records
    WHEN EXISTS (SELECT 1 FROM payroll_runs WHERE month = substr(new.work_date, 1, 7))
BEGIN
    SELECT RAISE(ABORT, 'that month is approved');
END;
