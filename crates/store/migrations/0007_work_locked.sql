-- Work records of an approved month can no longer be changed or deleted, only inserted into a later
-- month as a correction (0006 already refuses inserts into an approved month).

CREATE TRIGGER work_records_locked_update BEFORE UPDATE ON work_records
    WHEN EXISTS (SELECT 1 FROM payroll_runs WHERE month IN (substr(old.work_date, 1, 7), substr(new.work_date, 1, 7)))
BEGIN
    SELECT RAISE(ABORT, 'that month is approved');
END;

CREATE TRIGGER work_records_locked_delete BEFORE DELETE ON work_records
    WHEN EXISTS (SELECT 1 FROM payroll_runs WHERE month = substr(old.work_date, 1, 7))
BEGIN
    SELECT RAISE(ABORT, 'that month is approved');
END;

-- The month's records of every employee, by date.
CREATE INDEX work_records_date ON work_records (work_date);

-- A deleted work record (a mistake in a draft month) is logged as a 'delete' with what it was:
-- the change log's CHECK learns the word. SQLite cannot alter a CHECK, so the table is rebuilt
-- with its rows, numbers, index and append-only triggers as they were.
DROP TRIGGER change_log_append_only_update;
DROP TRIGGER change_log_append_only_delete;

CREATE TABLE change_log_new (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    origin    TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system')),
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'archive', 'restore', 'delete')),
    data      TEXT NOT NULL CHECK (json_valid(data))
) STRICT;

INSERT INTO change_log_new (seq, at, origin, entity, entity_id, action, data)
    SELECT seq, at, origin, entity, entity_id, action, data FROM change_log ORDER BY seq;
DROP TABLE change_log;
ALTER TABLE change_log_new RENAME TO change_log;

CREATE INDEX change_log_entity ON change_log (entity, entity_id);

CREATE TRIGGER change_log_append_only_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

CREATE TRIGGER change_log_append_only_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
