-- Farmstall schema version 9: orders from the platforms' export files (issue 11).
--
-- Each platform is its own order source: the API sync's 'marketplace' orders are Taobao's, and
-- Pinduoduo and Douyin join WeChat, phone and market, so one id on two platforms never collides.
-- An order may carry a masked or encrypted recipient (kept as the file gave it); an order may be
-- sales history only (finished before the shop kept stock here: it counts in reports and moves no
-- stock); a paid order knows when it was paid and when it is due to ship; a shipped one whether
-- its waybill went out in a bulk-shipping file. SQLite cannot alter a CHECK, so the table is rebuilt
-- with its rows (and their rowids, which the search indexes use), indexes and triggers.

DROP TRIGGER orders_fts_insert;
DROP TRIGGER orders_fts_update;
DROP TRIGGER sync_outbox_stock_order_state;
DROP TRIGGER sync_outbox_ship;

CREATE TABLE orders_new (
    id                TEXT PRIMARY KEY NOT NULL,
    number            TEXT NOT NULL UNIQUE,
    source            TEXT NOT NULL CHECK (source IN ('taobao', 'pinduoduo', 'douyin', 'wechat', 'phone',
                                                      'market')),
    platform_order_id TEXT CHECK (platform_order_id IS NULL OR length(trim(platform_order_id)) > 0),
    state             TEXT NOT NULL CHECK (state IN ('waiting_payment', 'paid', 'packing', 'packed', 'shipped',
                                                     'finished', 'cancelled', 'refunded')),
    buyer             TEXT NOT NULL,
    recipient_name    TEXT NOT NULL,
    recipient_phone   TEXT NOT NULL,
    province          TEXT NOT NULL CHECK (length(trim(province)) > 0),
    city              TEXT NOT NULL,
    district          TEXT NOT NULL,
    street            TEXT NOT NULL,
    postcode          TEXT NOT NULL,
    -- 1: the platform gave the recipient masked (****) or encrypted; only the platform's own
    -- electronic waybill can be printed for it.
    masked            INTEGER NOT NULL DEFAULT 0 CHECK (masked IN (0, 1)),
    goods_fen         INTEGER NOT NULL CHECK (goods_fen >= 0),
    shipping_fee_fen  INTEGER NOT NULL CHECK (shipping_fee_fen >= 0),
    buyer_note        TEXT NOT NULL,
    seller_note       TEXT NOT NULL,
    ordered_on        TEXT NOT NULL CHECK (ordered_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- 1: sales history from before the shop kept stock here; it never reserved or took stock.
    history           INTEGER NOT NULL DEFAULT 0 CHECK (history IN (0, 1)),
    -- When it was paid, the platform's ship-by time where known, and when it is due to ship (the
    -- ship-by time, else 48 hours after payment); set by the triggers below.
    paid_at           TEXT,
    ship_by           TEXT,
    due_at            TEXT,
    packed_by         TEXT,
    weight_grams      INTEGER CHECK (weight_grams IS NULL OR weight_grams > 0),
    goods_cost_fen    INTEGER CHECK (goods_cost_fen IS NULL OR goods_cost_fen >= 0),
    packaging_cost_fen INTEGER CHECK (packaging_cost_fen IS NULL OR packaging_cost_fen >= 0),
    courier           TEXT,
    waybill           TEXT,
    shipping_cost_fen INTEGER CHECK (shipping_cost_fen IS NULL OR shipping_cost_fen >= 0),
    -- When its waybill went to the platform in a bulk-shipping file.
    shipment_exported_at TEXT,
    refunded_fen       INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
    restocked_cost_fen INTEGER NOT NULL DEFAULT 0 CHECK (restocked_cost_fen >= 0),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (source, platform_order_id),
    CHECK ((courier IS NULL) = (waybill IS NULL)),
    -- A recipient the shop typed or was given in plain text has a name, a phone and a street.
    CHECK (masked = 1 OR (length(trim(recipient_name)) > 0 AND length(trim(recipient_phone)) > 0
                          AND length(trim(street)) > 0))
) STRICT;

INSERT INTO orders_new (rowid, id, number, source, platform_order_id, state, buyer, recipient_name,
                        recipient_phone, province, city, district, street, postcode, goods_fen,
                        shipping_fee_fen, buyer_note, seller_note, ordered_on, paid_at, packed_by,
                        weight_grams, goods_cost_fen, packaging_cost_fen, courier, waybill,
                        shipping_cost_fen, refunded_fen, restocked_cost_fen, created_at, updated_at)
    SELECT o.rowid, o.id, o.number, CASE o.source WHEN 'marketplace' THEN 'taobao' ELSE o.source END,
           o.platform_order_id, o.state, o.buyer, o.recipient_name, o.recipient_phone, o.province, o.city,
           o.district, o.street, o.postcode, o.goods_fen, o.shipping_fee_fen, o.buyer_note, o.seller_note,
           o.ordered_on,
           (SELECT min(e.at) FROM order_events e WHERE e.order_id = o.id AND e.to_state = 'paid'),
           o.packed_by, o.weight_grams, o.goods_cost_fen, o.packaging_cost_fen, o.courier, o.waybill,
           o.shipping_cost_fen, o.refunded_fen, o.restocked_cost_fen, o.created_at, o.updated_at
    FROM orders o ORDER BY o.rowid;

UPDATE orders_new SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', paid_at, '+48 hours') WHERE paid_at IS NOT NULL;

DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;

CREATE UNIQUE INDEX orders_waybill ON orders (courier, waybill) WHERE waybill IS NOT NULL;
CREATE INDEX orders_ordered ON orders (ordered_on, id);
CREATE INDEX orders_state ON orders (state, ordered_on, id);
CREATE INDEX orders_province ON orders (province, ordered_on, id);
CREATE INDEX orders_source ON orders (source, ordered_on, id);
CREATE INDEX orders_total ON orders (goods_fen + shipping_fee_fen DESC, ordered_on DESC, number DESC);
-- Orders waiting to ship, soonest due first.
CREATE INDEX orders_due ON orders (state, due_at, number);

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

-- Paid: remember when, and when it is due to ship.
CREATE TRIGGER orders_paid_insert AFTER INSERT ON orders
    WHEN new.state = 'paid' AND new.paid_at IS NULL
BEGIN
    UPDATE orders SET paid_at = new.updated_at,
        due_at = coalesce(new.ship_by, strftime('%Y-%m-%dT%H:%M:%fZ', new.updated_at, '+48 hours'))
    WHERE id = new.id;
END;

CREATE TRIGGER orders_paid_update AFTER UPDATE OF state ON orders
    WHEN new.state = 'paid' AND new.paid_at IS NULL
BEGIN
    UPDATE orders SET paid_at = new.updated_at,
        due_at = coalesce(new.ship_by, strftime('%Y-%m-%dT%H:%M:%fZ', new.updated_at, '+48 hours'))
    WHERE id = new.id;
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

-- A Taobao order shipped here (or its waybill changed after): tell the marketplace the waybill
-- when the shop syncs with it.
CREATE TRIGGER sync_outbox_ship AFTER UPDATE OF state, waybill ON orders
    WHEN new.state = 'shipped' AND new.source = 'taobao' AND new.platform_order_id IS NOT NULL
         AND new.waybill IS NOT NULL
         AND (old.state <> 'shipped' OR old.waybill IS NOT new.waybill)
BEGIN
    INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
        VALUES ('ship', new.id, 'pending', new.updated_at, new.updated_at, new.updated_at)
    ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1;
END;

-- Which product a platform line sells, said once by the person: by the seller's own code
-- (商家编码) or, where the listing has none, by its title and SKU text. per_milli: thousandths of
-- the product's sale unit in one piece sold on the platform (a "5斤装" piece of a product sold by
-- the jin is 5000).
CREATE TABLE import_mappings (
    key        TEXT PRIMARY KEY NOT NULL CHECK (length(trim(key)) > 0),
    product_id TEXT NOT NULL REFERENCES products (id),
    per_milli  INTEGER NOT NULL CHECK (per_milli > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Orders from a file that cannot become orders yet: a line no mapping names a product for, or
-- several products given only as comma-joined titles (the person splits it). Kept whole, so
-- nothing is lost; an order stored later releases its row.
CREATE TABLE import_held (
    source            TEXT NOT NULL CHECK (source IN ('taobao', 'pinduoduo', 'douyin')),
    platform_order_id TEXT NOT NULL,
    waits_for         TEXT NOT NULL CHECK (waits_for IN ('mapping', 'split')),
    data              TEXT NOT NULL CHECK (json_valid(data)),
    reason            TEXT NOT NULL,
    at                TEXT NOT NULL,
    PRIMARY KEY (source, platform_order_id)
) STRICT;
