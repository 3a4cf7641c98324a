-- Farmstall schema version 8: marketplace sync (issue 6): which product each listing sells, where
-- the last pull got to, what waits to be sent, and what the owner should look at.

-- A listing (or one SKU of it) on the marketplace, and the product it sells.
CREATE TABLE listings (
    id          TEXT PRIMARY KEY NOT NULL,
    num_iid     TEXT NOT NULL CHECK (length(trim(num_iid)) > 0),
    sku_id      TEXT NOT NULL DEFAULT '',
    outer_id    TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    product_id  TEXT NOT NULL REFERENCES products (id),
    -- Thousandths of the product's sale unit in one piece sold on the listing (1000: one).
    sale_milli  INTEGER NOT NULL DEFAULT 1000 CHECK (sale_milli > 0),
    -- Pieces held back from the marketplace so that a late count or a spoiled box cannot oversell.
    buffer      INTEGER NOT NULL DEFAULT 0 CHECK (buffer >= 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (num_iid, sku_id)
) STRICT;

CREATE INDEX listings_product ON listings (product_id);

-- One row per marketplace connection: how far pulls have read, and how the last attempt went.
CREATE TABLE sync_state (
    source          TEXT PRIMARY KEY NOT NULL CHECK (source IN ('marketplace')),
    -- Every order modified up to here has been read (UTC, RFC 3339).
    cursor          TEXT,
    last_success_at TEXT,
    last_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    -- What kind of trouble: '' none, 'offline', 'credentials', 'clock', 'refused', 'busy'.
    last_error_kind TEXT NOT NULL DEFAULT ''
) STRICT;

-- What waits to be told to the marketplace. Written in the same transaction as the change it is
-- about; what is sent (the waybill, the stock) is read when it is sent, so a retry is always safe.
CREATE TABLE sync_outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('ship', 'stock')),
    -- The order (ship) or the listing (stock).
    subject    TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'parked', 'done', 'discarded')),
    -- Counts the changes that joined this item: one made while it was being sent keeps it
    -- pending (the sender marks it done only if the count is what it read).
    changes    INTEGER NOT NULL DEFAULT 0 CHECK (changes >= 0),
    tries      INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
    next_at    TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- One waiting item per order or listing: a second change joins the first.
CREATE UNIQUE INDEX sync_outbox_waiting ON sync_outbox (kind, subject) WHERE state = 'pending';
CREATE INDEX sync_outbox_due ON sync_outbox (state, next_at);

-- Any stock movement of a product changes what its listings can offer.
CREATE TRIGGER sync_outbox_stock AFTER INSERT ON stock_ledger
BEGIN
    INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
        SELECT 'stock', li.id, 'pending', new.at, new.at, new.at
        FROM lots l JOIN listings li ON li.product_id = l.product_id
        WHERE l.id = new.lot_id
    ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1;
END;

-- So does an order placed (its goods are promised, paid or not) or leaving the open states.
CREATE TRIGGER sync_outbox_stock_ordered AFTER INSERT ON order_lines
BEGIN
    INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
        SELECT 'stock', li.id, 'pending', o.updated_at, o.updated_at, o.updated_at
        FROM listings li JOIN orders o ON o.id = new.order_id
        WHERE li.product_id = new.product_id
    ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER sync_outbox_stock_order_state AFTER UPDATE OF state ON orders
    WHEN old.state <> new.state
BEGIN
    INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
        SELECT DISTINCT 'stock', li.id, 'pending', new.updated_at, new.updated_at, new.updated_at
        FROM order_lines ol JOIN listings li ON li.product_id = ol.product_id
        WHERE ol.order_id = new.id
    ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1;
END;

-- A marketplace order shipped here (or its waybill changed after): tell the marketplace the waybill.
-- The state and the waybill may be written in either order; the item is queued once both are.
CREATE TRIGGER sync_outbox_ship AFTER UPDATE OF state, waybill ON orders
    WHEN new.state = 'shipped' AND new.source = 'marketplace' AND new.platform_order_id IS NOT NULL
         AND new.waybill IS NOT NULL
         AND (old.state <> 'shipped' OR old.waybill IS NOT new.waybill)
BEGIN
    INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
        VALUES ('ship', new.id, 'pending', new.updated_at, new.updated_at, new.updated_at)
    ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1;
END;

-- Orders the marketplace changed in a way the owner must act on.
CREATE TABLE sync_alerts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   TEXT NOT NULL REFERENCES orders (id),
    kind       TEXT NOT NULL CHECK (kind IN ('closed_after_packing', 'refunded_after_shipping',
                                             'shipped_elsewhere')),
    note       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    seen_at    TEXT,
    UNIQUE (order_id, kind)
) STRICT;

-- Platform orders that cannot become orders yet (a line's listing sells no product here): kept
-- whole, so nothing is lost, and applied once the owner says which product the listing sells.
CREATE TABLE sync_held (
    platform_order_id TEXT PRIMARY KEY NOT NULL,
    data              TEXT NOT NULL CHECK (json_valid(data)),
    reason            TEXT NOT NULL,
    at                TEXT NOT NULL
) STRICT;
