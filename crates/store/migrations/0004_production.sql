-- Farmstall schema version 4: product kinds and reorder points, recipes and production runs,
-- stock counts, and reversals of purchase receipts.

-- What a product is to the shop: goods it sells, ingredients it makes things from, packaging
-- (boxes, foam nets, ice packs, tape) that orders consume. All are bought and counted alike.
ALTER TABLE products ADD COLUMN kind TEXT NOT NULL DEFAULT 'goods'
    CHECK (kind IN ('goods', 'ingredient', 'packaging'));
-- Warn when available stock falls to this (thousandths of the stock unit); NULL = no warning.
ALTER TABLE products ADD COLUMN reorder_point_milli INTEGER
    CHECK (reorder_point_milli IS NULL OR reorder_point_milli >= 0);

CREATE INDEX products_reorder ON products (id) WHERE reorder_point_milli IS NOT NULL AND archived_at IS NULL;

-- A recipe: inputs that make `output_milli` of the output product (1 jin soybeans -> 2 pieces of tofu).
CREATE TABLE recipes (
    id                TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    output_product_id TEXT NOT NULL REFERENCES products (id),
    output_milli      INTEGER NOT NULL CHECK (output_milli > 0),
    -- Best-before of what a run makes = produced_on + this; NULL = the output product's shelf life.
    shelf_life_days   INTEGER CHECK (shelf_life_days IS NULL OR shelf_life_days BETWEEN 1 AND 3650),
    note              TEXT NOT NULL,
    sort_key          TEXT NOT NULL,
    search_key        TEXT NOT NULL,
    archived_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX recipes_active_name ON recipes (name) WHERE archived_at IS NULL;
CREATE INDEX recipes_sort_key ON recipes (sort_key);

CREATE TABLE recipe_inputs (
    recipe_id      TEXT NOT NULL REFERENCES recipes (id),
    line_no        INTEGER NOT NULL CHECK (line_no >= 0),
    product_id     TEXT NOT NULL REFERENCES products (id),
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
    PRIMARY KEY (recipe_id, line_no)
) STRICT;

-- A production run: inputs left their lots FEFO ('produce_out' ledger rows with ref = run id) and
-- the output is a new lot ('produce_in') whose cost is the inputs' cost plus labour.
CREATE TABLE production_runs (
    id              TEXT PRIMARY KEY NOT NULL,
    recipe_id       TEXT NOT NULL REFERENCES recipes (id),
    produced_on     TEXT NOT NULL CHECK (produced_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    output_lot_id   TEXT NOT NULL UNIQUE REFERENCES lots (id),
    inputs_cost_fen INTEGER NOT NULL CHECK (inputs_cost_fen >= 0),
    labour_fen      INTEGER NOT NULL CHECK (labour_fen >= 0),
    note            TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX production_runs_produced ON production_runs (produced_on, id);

-- A stock count: the owner typed what is really there; differences became 'adjust' ledger rows
-- (reason 'count', ref = count id).
CREATE TABLE stock_counts (
    id         TEXT PRIMARY KEY NOT NULL,
    counted_on TEXT NOT NULL CHECK (counted_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    lots       INTEGER NOT NULL CHECK (lots > 0),
    adjusted   INTEGER NOT NULL CHECK (adjusted >= 0 AND adjusted <= lots),
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A receipt entered wrongly is reversed, never edited: its lots are emptied by 'reverse' ledger
-- rows (ref = purchase id) and, if it was owed, it no longer counts in what the farmer is owed.
CREATE TABLE purchase_reversals (
    purchase_id TEXT PRIMARY KEY NOT NULL REFERENCES purchases (id),
    reversed_on TEXT NOT NULL CHECK (reversed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at  TEXT NOT NULL
) STRICT;

-- Movements that belong to one document (a purchase, a run, a count).
CREATE INDEX stock_ledger_ref ON stock_ledger (ref) WHERE ref IS NOT NULL;
-- Losses by month (spoilage report), answered from the index alone.
CREATE INDEX stock_ledger_losses ON stock_ledger (kind, business_date, reason, cost_fen)
    WHERE kind IN ('waste', 'adjust');
