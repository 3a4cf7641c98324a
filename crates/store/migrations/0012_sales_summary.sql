-- Sales summed by day, kept in the same transactions as the orders (by triggers), so that a year
-- of sales by month, channel, province or product reads a few thousand summed rows instead of a
-- hundred thousand orders. What they sum is exactly what `store::sales` sums over the orders
-- (the raw queries stay there, and tests compare the two):
--   a sale is an order in state paid, packing, packed, shipped, finished or refunded, on the day
--   it was placed; revenue goods + shipping fee; refunds; goods cost less what went back on the
--   shelf; packaging; shipping; units the sum of its lines' quantities; `unpacked` the sales
--   whose goods have not left stock yet (paid, not packed; imported history aside), whose goods
--   cost is still to come, so a report can say its margin is not the whole story.
-- For products, an order's refunds and costs are shared among its lines by their value, rounded
-- per line (an order without goods value gives them to its first line), and an order counts once
-- for each product it holds.
--
-- Order lines are written once, with their order, and never changed; orders change their state
-- and money columns. So: an order's contribution is taken away as it was and added as it is on
-- every change of a column summed here; a line's own share is added when the line is written.

CREATE TABLE sales_days (
    day            TEXT NOT NULL,
    source         TEXT NOT NULL,
    province       TEXT NOT NULL,
    orders         INTEGER NOT NULL,
    units_milli    INTEGER NOT NULL,
    revenue_fen    INTEGER NOT NULL,
    refunds_fen    INTEGER NOT NULL,
    goods_cost_fen INTEGER NOT NULL,
    packaging_fen  INTEGER NOT NULL,
    shipping_fen   INTEGER NOT NULL,
    unpacked       INTEGER NOT NULL,
    PRIMARY KEY (day, source, province)
) STRICT, WITHOUT ROWID;

CREATE TABLE sales_product_days (
    day            TEXT NOT NULL,
    product_id     TEXT NOT NULL,
    orders         INTEGER NOT NULL,
    units_milli    INTEGER NOT NULL,
    -- The same in the product's stock unit (the forecast's weeks).
    stock_milli    INTEGER NOT NULL,
    revenue_fen    INTEGER NOT NULL,
    refunds_fen    INTEGER NOT NULL,
    goods_cost_fen INTEGER NOT NULL,
    packaging_fen  INTEGER NOT NULL,
    shipping_fen   INTEGER NOT NULL,
    unpacked       INTEGER NOT NULL,
    PRIMARY KEY (day, product_id)
) STRICT, WITHOUT ROWID;

-- What the shop sold before this migration.
INSERT INTO sales_days
SELECT o.ordered_on, o.source, o.province, count(*),
       coalesce(sum((SELECT sum(l.quantity_milli) FROM order_lines l WHERE l.order_id = o.id)), 0),
       sum(o.goods_fen + o.shipping_fee_fen), sum(o.refunded_fen),
       sum(coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen),
       sum(coalesce(o.packaging_cost_fen, 0)), sum(coalesce(o.shipping_cost_fen, 0)),
       sum(o.goods_cost_fen IS NULL AND NOT o.history)
FROM orders o
WHERE o.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
GROUP BY o.ordered_on, o.source, o.province;

INSERT INTO sales_product_days
SELECT o.ordered_on, l.product_id, count(DISTINCT o.id), sum(l.quantity_milli), sum(l.stock_milli),
       sum(l.line_fen),
       sum(CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * o.refunded_fen * l.line_fen / o.goods_fen) AS INTEGER)
                WHEN l.line_no = 0 THEN o.refunded_fen ELSE 0 END),
       sum(CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * (coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen)
                                * l.line_fen / o.goods_fen) AS INTEGER)
                WHEN l.line_no = 0 THEN coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen
                ELSE 0 END),
       sum(CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * coalesce(o.packaging_cost_fen, 0) * l.line_fen / o.goods_fen)
                          AS INTEGER)
                WHEN l.line_no = 0 THEN coalesce(o.packaging_cost_fen, 0) ELSE 0 END),
       sum(CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * coalesce(o.shipping_cost_fen, 0) * l.line_fen / o.goods_fen)
                          AS INTEGER)
                WHEN l.line_no = 0 THEN coalesce(o.shipping_cost_fen, 0) ELSE 0 END),
       count(DISTINCT CASE WHEN o.goods_cost_fen IS NULL AND NOT o.history THEN o.id END)
FROM orders o JOIN order_lines l ON l.order_id = o.id
WHERE o.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
GROUP BY o.ordered_on, l.product_id;

-- A new order that is already a sale (its lines come after it, each adding its own share).
CREATE TRIGGER sales_order_insert AFTER INSERT ON orders
WHEN new.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
BEGIN
    INSERT INTO sales_days VALUES (new.ordered_on, new.source, new.province, 1, 0,
        new.goods_fen + new.shipping_fee_fen, new.refunded_fen,
        coalesce(new.goods_cost_fen, 0) - new.restocked_cost_fen,
        coalesce(new.packaging_cost_fen, 0), coalesce(new.shipping_cost_fen, 0),
        (new.goods_cost_fen IS NULL AND NOT new.history))
    ON CONFLICT (day, source, province) DO UPDATE SET
        orders = orders + excluded.orders,
        revenue_fen = revenue_fen + excluded.revenue_fen,
        refunds_fen = refunds_fen + excluded.refunds_fen,
        goods_cost_fen = goods_cost_fen + excluded.goods_cost_fen,
        packaging_fen = packaging_fen + excluded.packaging_fen,
        shipping_fen = shipping_fen + excluded.shipping_fen,
        unpacked = unpacked + excluded.unpacked;
END;

-- A line of a sale: its units, and its product's share.
CREATE TRIGGER sales_line_insert AFTER INSERT ON order_lines
WHEN (SELECT state FROM orders WHERE id = new.order_id)
     IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
BEGIN
    UPDATE sales_days SET units_milli = units_milli + new.quantity_milli
    WHERE (day, source, province) =
          (SELECT ordered_on, source, province FROM orders WHERE id = new.order_id);
    INSERT INTO sales_product_days
    SELECT o.ordered_on, new.product_id,
           first.only,
           new.quantity_milli, new.stock_milli, new.line_fen,
           CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * o.refunded_fen * new.line_fen / o.goods_fen) AS INTEGER)
                WHEN new.line_no = 0 THEN o.refunded_fen ELSE 0 END,
           CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * (coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen)
                                * new.line_fen / o.goods_fen) AS INTEGER)
                WHEN new.line_no = 0 THEN coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen
                ELSE 0 END,
           CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * coalesce(o.packaging_cost_fen, 0) * new.line_fen
                                / o.goods_fen) AS INTEGER)
                WHEN new.line_no = 0 THEN coalesce(o.packaging_cost_fen, 0) ELSE 0 END,
           CASE WHEN o.goods_fen > 0
                THEN CAST(round(1.0 * coalesce(o.shipping_cost_fen, 0) * new.line_fen
                                / o.goods_fen) AS INTEGER)
                WHEN new.line_no = 0 THEN coalesce(o.shipping_cost_fen, 0) ELSE 0 END,
           first.only AND o.goods_cost_fen IS NULL AND NOT o.history
    FROM orders o,
         -- The order's first line of this product: the order counts once for it.
         (SELECT NOT EXISTS (SELECT 1 FROM order_lines x WHERE x.order_id = new.order_id
                             AND x.product_id = new.product_id AND x.rowid <> new.rowid) AS only)
         AS first
    WHERE o.id = new.order_id
    ON CONFLICT (day, product_id) DO UPDATE SET
        orders = orders + excluded.orders,
        units_milli = units_milli + excluded.units_milli,
        stock_milli = stock_milli + excluded.stock_milli,
        revenue_fen = revenue_fen + excluded.revenue_fen,
        refunds_fen = refunds_fen + excluded.refunds_fen,
        goods_cost_fen = goods_cost_fen + excluded.goods_cost_fen,
        packaging_fen = packaging_fen + excluded.packaging_fen,
        shipping_fen = shipping_fen + excluded.shipping_fen,
        unpacked = unpacked + excluded.unpacked;
END;

-- An order that changes what is summed: away as it was (if it was a sale), in as it is (if it is).
CREATE TRIGGER sales_order_update AFTER UPDATE OF state, ordered_on, source, province, goods_fen,
    shipping_fee_fen, refunded_fen, goods_cost_fen, restocked_cost_fen, packaging_cost_fen,
    shipping_cost_fen ON orders
BEGIN
    INSERT INTO sales_days
    SELECT old.ordered_on, old.source, old.province, -1,
           -coalesce((SELECT sum(l.quantity_milli) FROM order_lines l WHERE l.order_id = old.id), 0),
           -(old.goods_fen + old.shipping_fee_fen), -old.refunded_fen,
           -(coalesce(old.goods_cost_fen, 0) - old.restocked_cost_fen),
           -coalesce(old.packaging_cost_fen, 0), -coalesce(old.shipping_cost_fen, 0),
           -(old.goods_cost_fen IS NULL AND NOT old.history)
    WHERE old.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
    UNION ALL
    SELECT new.ordered_on, new.source, new.province, 1,
           coalesce((SELECT sum(l.quantity_milli) FROM order_lines l WHERE l.order_id = new.id), 0),
           new.goods_fen + new.shipping_fee_fen, new.refunded_fen,
           coalesce(new.goods_cost_fen, 0) - new.restocked_cost_fen,
           coalesce(new.packaging_cost_fen, 0), coalesce(new.shipping_cost_fen, 0),
           (new.goods_cost_fen IS NULL AND NOT new.history)
    WHERE new.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
    ON CONFLICT (day, source, province) DO UPDATE SET
        orders = orders + excluded.orders,
        units_milli = units_milli + excluded.units_milli,
        revenue_fen = revenue_fen + excluded.revenue_fen,
        refunds_fen = refunds_fen + excluded.refunds_fen,
        goods_cost_fen = goods_cost_fen + excluded.goods_cost_fen,
        packaging_fen = packaging_fen + excluded.packaging_fen,
        shipping_fen = shipping_fen + excluded.shipping_fen,
        unpacked = unpacked + excluded.unpacked;

    INSERT INTO sales_product_days
    SELECT * FROM (
        SELECT old.ordered_on, l.product_id, -1, -sum(l.quantity_milli), -sum(l.stock_milli),
               -sum(l.line_fen),
               -sum(CASE WHEN old.goods_fen > 0
                    THEN CAST(round(1.0 * old.refunded_fen * l.line_fen / old.goods_fen) AS INTEGER)
                    WHEN l.line_no = 0 THEN old.refunded_fen ELSE 0 END),
               -sum(CASE WHEN old.goods_fen > 0
                    THEN CAST(round(1.0 * (coalesce(old.goods_cost_fen, 0) - old.restocked_cost_fen)
                                    * l.line_fen / old.goods_fen) AS INTEGER)
                    WHEN l.line_no = 0 THEN coalesce(old.goods_cost_fen, 0) - old.restocked_cost_fen
                    ELSE 0 END),
               -sum(CASE WHEN old.goods_fen > 0
                    THEN CAST(round(1.0 * coalesce(old.packaging_cost_fen, 0) * l.line_fen
                                    / old.goods_fen) AS INTEGER)
                    WHEN l.line_no = 0 THEN coalesce(old.packaging_cost_fen, 0) ELSE 0 END),
               -sum(CASE WHEN old.goods_fen > 0
                    THEN CAST(round(1.0 * coalesce(old.shipping_cost_fen, 0) * l.line_fen
                                    / old.goods_fen) AS INTEGER)
                    WHEN l.line_no = 0 THEN coalesce(old.shipping_cost_fen, 0) ELSE 0 END),
               -(old.goods_cost_fen IS NULL AND NOT old.history)
        FROM order_lines l
        WHERE l.order_id = old.id
          AND old.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
        GROUP BY l.product_id
        UNION ALL
        SELECT new.ordered_on, l.product_id, 1, sum(l.quantity_milli), sum(l.stock_milli),
               sum(l.line_fen),
               sum(CASE WHEN new.goods_fen > 0
                   THEN CAST(round(1.0 * new.refunded_fen * l.line_fen / new.goods_fen) AS INTEGER)
                   WHEN l.line_no = 0 THEN new.refunded_fen ELSE 0 END),
               sum(CASE WHEN new.goods_fen > 0
                   THEN CAST(round(1.0 * (coalesce(new.goods_cost_fen, 0) - new.restocked_cost_fen)
                                   * l.line_fen / new.goods_fen) AS INTEGER)
                   WHEN l.line_no = 0 THEN coalesce(new.goods_cost_fen, 0) - new.restocked_cost_fen
                   ELSE 0 END),
               sum(CASE WHEN new.goods_fen > 0
                   THEN CAST(round(1.0 * coalesce(new.packaging_cost_fen, 0) * l.line_fen
                                   / new.goods_fen) AS INTEGER)
                   WHEN l.line_no = 0 THEN coalesce(new.packaging_cost_fen, 0) ELSE 0 END),
               sum(CASE WHEN new.goods_fen > 0
                   THEN CAST(round(1.0 * coalesce(new.shipping_cost_fen, 0) * l.line_fen
                                   / new.goods_fen) AS INTEGER)
                   WHEN l.line_no = 0 THEN coalesce(new.shipping_cost_fen, 0) ELSE 0 END),
               (new.goods_cost_fen IS NULL AND NOT new.history)
        FROM order_lines l
        WHERE l.order_id = new.id
          AND new.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
        GROUP BY l.product_id
    ) WHERE true
    ON CONFLICT (day, product_id) DO UPDATE SET
        orders = orders + excluded.orders,
        units_milli = units_milli + excluded.units_milli,
        stock_milli = stock_milli + excluded.stock_milli,
        revenue_fen = revenue_fen + excluded.revenue_fen,
        refunds_fen = refunds_fen + excluded.refunds_fen,
        goods_cost_fen = goods_cost_fen + excluded.goods_cost_fen,
        packaging_fen = packaging_fen + excluded.packaging_fen,
        shipping_fen = shipping_fen + excluded.shipping_fen,
        unpacked = unpacked + excluded.unpacked;
END;

-- Orders are never deleted: their history (order_events) is append-only and refers to them.

-- A product's farmers of late (the purchase plan's): its lots newest first, not every lot of the
-- shop (the FEFO index holds only lots with stock).
CREATE INDEX lots_product_received ON lots (product_id, received_on);
