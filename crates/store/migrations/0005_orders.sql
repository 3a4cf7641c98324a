-- Farmstall schema version 5: orders, their lines, their history, and full-text search over them.

CREATE TABLE orders (
    id                TEXT PRIMARY KEY NOT NULL,
    -- The shop's own number, e.g. 20261128-0042: what the owner says on the phone and the label's QR.
    number            TEXT NOT NULL UNIQUE,
    source            TEXT NOT NULL CHECK (source IN ('marketplace', 'wechat', 'phone', 'market')),
    -- The platform's order id; an order can never be stored twice for one source.
    platform_order_id TEXT CHECK (platform_order_id IS NULL OR length(trim(platform_order_id)) > 0),
    state             TEXT NOT NULL CHECK (state IN ('waiting_payment', 'paid', 'packing', 'packed', 'shipped',
                                                     'finished', 'cancelled', 'refunded')),
    buyer             TEXT NOT NULL,
    recipient_name    TEXT NOT NULL CHECK (length(trim(recipient_name)) > 0),
    recipient_phone   TEXT NOT NULL CHECK (length(trim(recipient_phone)) > 0),
    province          TEXT NOT NULL CHECK (length(trim(province)) > 0),
    city              TEXT NOT NULL,
    district          TEXT NOT NULL,
    street            TEXT NOT NULL CHECK (length(trim(street)) > 0),
    postcode          TEXT NOT NULL,
    -- Goods after discounts, and the shipping the buyer paid; whole fen.
    goods_fen         INTEGER NOT NULL CHECK (goods_fen >= 0),
    shipping_fee_fen  INTEGER NOT NULL CHECK (shipping_fee_fen >= 0),
    buyer_note        TEXT NOT NULL,
    seller_note       TEXT NOT NULL,
    ordered_on        TEXT NOT NULL CHECK (ordered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- Set when packed (cleared when unpacked): who packed it, the parcel's weight, and what the goods
    -- and the packaging cost (each lot's own cost).
    packed_by         TEXT,
    weight_grams      INTEGER CHECK (weight_grams IS NULL OR weight_grams > 0),
    goods_cost_fen    INTEGER CHECK (goods_cost_fen IS NULL OR goods_cost_fen >= 0),
    packaging_cost_fen INTEGER CHECK (packaging_cost_fen IS NULL OR packaging_cost_fen >= 0),
    -- Set when shipped.
    courier           TEXT,
    waybill           TEXT,
    shipping_cost_fen INTEGER CHECK (shipping_cost_fen IS NULL OR shipping_cost_fen >= 0),
    -- Sums over the order's returns (order_returns): money given back, and the cost of the goods
    -- that came back into stock.
    refunded_fen       INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
    restocked_cost_fen INTEGER NOT NULL DEFAULT 0 CHECK (restocked_cost_fen >= 0),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (source, platform_order_id),
    CHECK ((courier IS NULL) = (waybill IS NULL))
) STRICT;

-- A waybill number is used once per courier.
CREATE UNIQUE INDEX orders_waybill ON orders (courier, waybill) WHERE waybill IS NOT NULL;
CREATE INDEX orders_ordered ON orders (ordered_on, id);
CREATE INDEX orders_state ON orders (state, ordered_on, id);
CREATE INDEX orders_province ON orders (province, ordered_on, id);
CREATE INDEX orders_source ON orders (source, ordered_on, id);
-- "Largest first": the list's sort by total reads this index instead of sorting every order.
CREATE INDEX orders_total ON orders (goods_fen + shipping_fee_fen DESC, ordered_on DESC, number DESC);

CREATE TABLE order_lines (
    order_id       TEXT NOT NULL REFERENCES orders (id),
    line_no        INTEGER NOT NULL CHECK (line_no >= 0),
    product_id     TEXT NOT NULL REFERENCES products (id),
    -- Thousandths of the product's sale unit (a box of 5 jin) as ordered ...
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
    -- ... and the same in thousandths of its stock unit: what leaves stock.
    stock_milli    INTEGER NOT NULL CHECK (stock_milli > 0),
    unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
    discount_fen   INTEGER NOT NULL CHECK (discount_fen >= 0),
    line_fen       INTEGER NOT NULL CHECK (line_fen >= 0),
    PRIMARY KEY (order_id, line_no)
) STRICT;

CREATE INDEX order_lines_product ON order_lines (product_id, order_id);

-- Every step an order took, append-only.
CREATE TABLE order_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   TEXT NOT NULL REFERENCES orders (id),
    from_state TEXT,
    to_state   TEXT NOT NULL,
    note       TEXT NOT NULL,
    at         TEXT NOT NULL,
    origin     TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system'))
) STRICT;

CREATE INDEX order_events_order ON order_events (order_id, seq);

CREATE TRIGGER order_events_append_only_update BEFORE UPDATE ON order_events
BEGIN
    SELECT RAISE(ABORT, 'order history is append-only');
END;

CREATE TRIGGER order_events_append_only_delete BEFORE DELETE ON order_events
BEGIN
    SELECT RAISE(ABORT, 'order history is append-only');
END;

-- Search over number, platform id, buyer, recipient, phone and address. The trigram tokenizer finds
-- any run of three or more characters, which suits Chinese names and addresses (no word breaks);
-- shorter terms are matched with LIKE over the same text. Kept in step with orders by triggers.
CREATE VIRTUAL TABLE orders_fts USING fts5 (text, tokenize = 'trigram');

-- Two-character terms (most Chinese given names, 王芳) are too short for trigrams: this index holds
-- every pair of adjacent Chinese characters of the same text as one word each ("欧阳 阳娜 娜娜"),
-- written by the store when an order is inserted (SQLite triggers cannot split text), so a
-- two-character search is an index lookup rather than a scan.
CREATE VIRTUAL TABLE orders_pairs USING fts5 (text, tokenize = 'unicode61');

CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders
BEGIN
    INSERT INTO orders_fts (rowid, text) VALUES (new.rowid,
        new.number || ' ' || coalesce(new.platform_order_id, '') || ' ' || new.buyer || ' ' ||
        new.recipient_name || ' ' || new.recipient_phone || ' ' || new.province || new.city ||
        new.district || new.street || ' ' || coalesce(new.waybill, ''));
END;

CREATE TRIGGER orders_fts_update AFTER UPDATE ON orders
BEGIN
    UPDATE orders_fts SET text =
        new.number || ' ' || coalesce(new.platform_order_id, '') || ' ' || new.buyer || ' ' ||
        new.recipient_name || ' ' || new.recipient_phone || ' ' || new.province || new.city ||
        new.district || new.street || ' ' || coalesce(new.waybill, '')
    WHERE rowid = new.rowid;
END;

-- The family members who work in the shop (no passwords). The one working now is the setting
-- 'current_member'; every stock movement written while one is set records them.
CREATE TABLE members (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

ALTER TABLE stock_ledger ADD COLUMN member_id TEXT REFERENCES members (id);

-- The code on a product's label, scanned when packing; one product per code.
ALTER TABLE products ADD COLUMN barcode TEXT CHECK (barcode IS NULL OR length(barcode) > 0);
CREATE UNIQUE INDEX products_barcode ON products (barcode) WHERE barcode IS NOT NULL;

-- Which packaging a parcel of a product takes: a parcel of up to up_to_milli thousandths of the
-- product's sale unit takes these items. product_id NULL: any goods without rules of their own.
CREATE TABLE packaging_rules (
    id          TEXT PRIMARY KEY NOT NULL,
    product_id  TEXT REFERENCES products (id),
    up_to_milli INTEGER NOT NULL CHECK (up_to_milli > 0),
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- A deleted rule is archived: it stops suggesting, its history stays.
    archived_at TEXT
) STRICT;

CREATE INDEX packaging_rules_product ON packaging_rules (product_id, up_to_milli);

CREATE TABLE packaging_rule_items (
    rule_id        TEXT NOT NULL REFERENCES packaging_rules (id),
    line_no        INTEGER NOT NULL CHECK (line_no >= 0),
    product_id     TEXT NOT NULL REFERENCES products (id),
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
    PRIMARY KEY (rule_id, line_no)
) STRICT;

-- Goods that came back after shipping and money given back. Each return's goods go back into the
-- lots they left (ledger kind 'return', ref 'return:<id>') or are written off at once as waste.
CREATE TABLE order_returns (
    id                   TEXT PRIMARY KEY NOT NULL,
    order_id             TEXT NOT NULL REFERENCES orders (id),
    refund_fen           INTEGER NOT NULL CHECK (refund_fen >= 0),
    restocked_cost_fen   INTEGER NOT NULL CHECK (restocked_cost_fen >= 0),
    written_off_cost_fen INTEGER NOT NULL CHECK (written_off_cost_fen >= 0),
    note                 TEXT NOT NULL,
    at                   TEXT NOT NULL,
    origin               TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system'))
) STRICT;

CREATE INDEX order_returns_order ON order_returns (order_id, at);

CREATE TABLE order_return_lines (
    return_id   TEXT NOT NULL REFERENCES order_returns (id),
    line_no     INTEGER NOT NULL CHECK (line_no >= 0),
    product_id  TEXT NOT NULL REFERENCES products (id),
    stock_milli INTEGER NOT NULL CHECK (stock_milli > 0),
    disposition TEXT NOT NULL CHECK (disposition IN ('restock', 'waste')),
    PRIMARY KEY (return_id, line_no)
) STRICT;

-- Waybill numbers a courier sold the shop in advance: prefix + a number of `digits` digits from
-- first_no to last_no; next_no is the lowest not given out yet (last_no + 1 when used up).
CREATE TABLE waybill_ranges (
    id         TEXT PRIMARY KEY NOT NULL,
    courier    TEXT NOT NULL,
    prefix     TEXT NOT NULL,
    digits     INTEGER NOT NULL CHECK (digits BETWEEN 1 AND 18),
    first_no   INTEGER NOT NULL CHECK (first_no >= 0),
    last_no    INTEGER NOT NULL,
    next_no    INTEGER NOT NULL,
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (first_no <= last_no AND last_no - first_no < 100000),
    CHECK (next_no BETWEEN first_no AND last_no + 1)
) STRICT;

CREATE INDEX waybill_ranges_courier ON waybill_ranges (courier, created_at);
