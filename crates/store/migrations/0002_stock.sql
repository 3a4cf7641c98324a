-- Farmstall schema version 2: purchases from farmers, lots, and the stock ledger.
-- Quantities are thousandths of the product's stock unit (INTEGER); money is whole fen; unit prices
-- are ten-thousandths of a yuan; dates are 'YYYY-MM-DD' business dates in Asia/Shanghai.

CREATE TABLE purchases (
    id          TEXT PRIMARY KEY NOT NULL,
    farmer_id   TEXT NOT NULL REFERENCES farmers (id),
    received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    payment     TEXT NOT NULL CHECK (payment IN ('owed', 'cash', 'wechat', 'alipay', 'bank')),
    total_fen   INTEGER NOT NULL CHECK (total_fen >= 0),
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX purchases_received ON purchases (received_on, id);
CREATE INDEX purchases_farmer ON purchases (farmer_id, received_on);

-- A lot: one line of a purchase (or, later, the output of a production run). The running balances
-- (on hand, reserved, cost on hand) always equal the sums of the lot's stock_ledger rows.
CREATE TABLE lots (
    id               TEXT PRIMARY KEY NOT NULL,
    product_id       TEXT NOT NULL REFERENCES products (id),
    purchase_id      TEXT REFERENCES purchases (id),
    line_no          INTEGER,
    grade            TEXT NOT NULL,
    received_on      TEXT NOT NULL,
    harvested_on     TEXT,
    best_before      TEXT,
    quantity_milli   INTEGER NOT NULL CHECK (quantity_milli > 0),
    entered_quantity TEXT NOT NULL,
    entered_unit     TEXT NOT NULL,
    unit_price_e4    INTEGER NOT NULL CHECK (unit_price_e4 >= 0),
    cost_fen         INTEGER NOT NULL CHECK (cost_fen >= 0),
    on_hand_milli    INTEGER NOT NULL CHECK (on_hand_milli >= 0),
    reserved_milli   INTEGER NOT NULL DEFAULT 0 CHECK (reserved_milli >= 0 AND reserved_milli <= on_hand_milli),
    cost_on_hand_fen INTEGER NOT NULL CHECK (cost_on_hand_fen >= 0),
    created_at       TEXT NOT NULL,
    CHECK (best_before IS NULL OR harvested_on IS NULL OR best_before >= harvested_on),
    CHECK (on_hand_milli > 0 OR cost_on_hand_fen = 0),
    UNIQUE (purchase_id, line_no)
) STRICT;

-- Lots in stock, in FEFO order: for picking (per product) and for the stock screen (all products).
CREATE INDEX lots_product_fefo ON lots (product_id, best_before, received_on, id) WHERE on_hand_milli > 0;
CREATE INDEX lots_in_stock_fefo ON lots (best_before IS NULL, best_before, received_on, id) WHERE on_hand_milli > 0;
CREATE INDEX lots_received ON lots (received_on, id);

-- Every movement of stock, append-only. Each row is a signed change to a lot's balances.
CREATE TABLE stock_ledger (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    lot_id        TEXT NOT NULL REFERENCES lots (id),
    kind          TEXT NOT NULL CHECK (kind IN ('receive', 'reserve', 'release', 'allocate', 'waste', 'adjust',
                                                'produce_in', 'produce_out', 'return', 'reverse')),
    on_hand_milli  INTEGER NOT NULL,
    reserved_milli INTEGER NOT NULL,
    cost_fen       INTEGER NOT NULL,
    reason         TEXT CHECK (reason IS NULL OR reason IN ('spoiled', 'damaged', 'sample', 'own_use', 'count')),
    note           TEXT NOT NULL,
    ref            TEXT,
    business_date  TEXT NOT NULL,
    at             TEXT NOT NULL,
    origin         TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system')),
    CHECK (on_hand_milli <> 0 OR reserved_milli <> 0 OR cost_fen <> 0),
    CHECK (kind <> 'waste' OR (reason IS NOT NULL AND on_hand_milli < 0))
) STRICT;

CREATE INDEX stock_ledger_lot ON stock_ledger (lot_id, seq);

CREATE TRIGGER stock_ledger_append_only_update BEFORE UPDATE ON stock_ledger
BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;

CREATE TRIGGER stock_ledger_append_only_delete BEFORE DELETE ON stock_ledger
BEGIN
    SELECT RAISE(ABORT, 'the stock ledger is append-only');
END;
