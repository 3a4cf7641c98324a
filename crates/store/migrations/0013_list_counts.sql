-- Counts that the lists would otherwise make by counting every row of the history: kept in the
-- same transactions as the rows (by triggers), so that the first page of a list that grows with
-- the years (purchases, production runs, orders, orders in one state, every lot) answers in the
-- same time after five years as after one. A list with a search counts its matches as before.
--
-- `name` is the table, or `orders:<state>` for the orders in one state.

CREATE TABLE row_counts (
    name TEXT PRIMARY KEY NOT NULL,
    n    INTEGER NOT NULL CHECK (n >= 0)
) STRICT, WITHOUT ROWID;

INSERT INTO row_counts VALUES
    ('purchases', (SELECT count(*) FROM purchases)),
    ('production_runs', (SELECT count(*) FROM production_runs)),
    ('lots', (SELECT count(*) FROM lots)),
    ('orders', (SELECT count(*) FROM orders));
INSERT INTO row_counts SELECT 'orders:' || state, count(*) FROM orders GROUP BY state;

CREATE TRIGGER row_counts_purchases_insert AFTER INSERT ON purchases BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'purchases';
END;
CREATE TRIGGER row_counts_purchases_delete AFTER DELETE ON purchases BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'purchases';
END;
CREATE TRIGGER row_counts_runs_insert AFTER INSERT ON production_runs BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'production_runs';
END;
CREATE TRIGGER row_counts_runs_delete AFTER DELETE ON production_runs BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'production_runs';
END;
CREATE TRIGGER row_counts_lots_insert AFTER INSERT ON lots BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'lots';
END;
CREATE TRIGGER row_counts_lots_delete AFTER DELETE ON lots BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'lots';
END;
CREATE TRIGGER row_counts_orders_insert AFTER INSERT ON orders BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'orders';
    INSERT INTO row_counts VALUES ('orders:' || NEW.state, 1)
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER row_counts_orders_delete AFTER DELETE ON orders BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name IN ('orders', 'orders:' || OLD.state);
END;
CREATE TRIGGER row_counts_orders_state AFTER UPDATE OF state ON orders
WHEN OLD.state IS NOT NEW.state BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'orders:' || OLD.state;
    INSERT INTO row_counts VALUES ('orders:' || NEW.state, 1)
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;

-- What the shop owes each farmer and has paid them, kept beside the purchases and payments
-- (written once, never changed; a reversal takes an owed purchase back), so that the payables
-- list does not sum every purchase of every farmer for its first page.
CREATE TABLE farmer_accounts (
    farmer_id TEXT PRIMARY KEY NOT NULL REFERENCES farmers (id),
    owed_fen  INTEGER NOT NULL,
    paid_fen  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO farmer_accounts
SELECT f.id,
       coalesce((SELECT sum(total_fen) FROM purchases pu WHERE pu.farmer_id = f.id AND pu.payment = 'owed'
                 AND NOT EXISTS (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = pu.id)), 0),
       coalesce((SELECT sum(amount_fen) FROM farmer_payments p WHERE p.farmer_id = f.id), 0)
FROM farmers f;

CREATE TRIGGER farmer_accounts_farmer AFTER INSERT ON farmers BEGIN
    INSERT INTO farmer_accounts VALUES (NEW.id, 0, 0);
END;
CREATE TRIGGER farmer_accounts_purchase AFTER INSERT ON purchases
WHEN NEW.payment = 'owed' BEGIN
    UPDATE farmer_accounts SET owed_fen = owed_fen + NEW.total_fen WHERE farmer_id = NEW.farmer_id;
END;
CREATE TRIGGER farmer_accounts_reversal AFTER INSERT ON purchase_reversals BEGIN
    UPDATE farmer_accounts
    SET owed_fen = owed_fen - (SELECT total_fen FROM purchases WHERE id = NEW.purchase_id)
    WHERE farmer_id = (SELECT farmer_id FROM purchases WHERE id = NEW.purchase_id AND payment = 'owed');
END;
CREATE TRIGGER farmer_accounts_payment AFTER INSERT ON farmer_payments BEGIN
    UPDATE farmer_accounts SET paid_fen = paid_fen + NEW.amount_fen WHERE farmer_id = NEW.farmer_id;
END;

-- The orders list, newest first (its default), read straight from an index in its own order.
CREATE INDEX orders_ordered_number ON orders (ordered_on, number);
