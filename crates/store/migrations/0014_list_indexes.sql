-- Farmstall schema version 14: lists read from an index in their own order (issue 15), so that a
-- first page reads its rows and stops, however many farmers the years have brought.

-- The farmers list: active ones first, in pinyin order.
CREATE INDEX farmers_list ON farmers (archived_at IS NOT NULL, sort_key, id);

-- The payables: the largest balance first (`store::stock::farmer_balances`).
CREATE INDEX farmer_accounts_balance ON farmer_accounts (owed_fen - paid_fen DESC, farmer_id);
