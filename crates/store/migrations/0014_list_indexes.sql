-- Farmstall schema version 14: lists read from an index in their own order (issue 15), so that a
-- first page reads its rows and stops, however many farmers the years have brought.

-- The farmers list: active ones first, in pinyin order.
CREATE INDEX farmers_list ON farmers (archived_at IS NOT NULL, sort_key, id);

-- The payables: the largest balance first (`store::stock::farmer_balances`).
CREATE INDEX farmer_accounts_balance ON farmer_accounts (owed_fen - paid_fen DESC, farmer_id);

-- How many farmers have an account that is not all zero (the payables list's rows without "show
-- settled"), kept like the counts of migration 0013.
INSERT INTO row_counts
SELECT 'farmer_accounts:open', count(*) FROM farmer_accounts WHERE owed_fen <> 0 OR paid_fen <> 0;

CREATE TRIGGER row_counts_accounts_insert AFTER INSERT ON farmer_accounts BEGIN
    UPDATE row_counts SET n = n + (NEW.owed_fen <> 0 OR NEW.paid_fen <> 0)
    WHERE name = 'farmer_accounts:open';
END;
CREATE TRIGGER row_counts_accounts_update AFTER UPDATE ON farmer_accounts BEGIN
    UPDATE row_counts
    SET n = n + (NEW.owed_fen <> 0 OR NEW.paid_fen <> 0) - (OLD.owed_fen <> 0 OR OLD.paid_fen <> 0)
    WHERE name = 'farmer_accounts:open';
END;
CREATE TRIGGER row_counts_accounts_delete AFTER DELETE ON farmer_accounts BEGIN
    UPDATE row_counts SET n = n - (OLD.owed_fen <> 0 OR OLD.paid_fen <> 0)
    WHERE name = 'farmer_accounts:open';
END;
