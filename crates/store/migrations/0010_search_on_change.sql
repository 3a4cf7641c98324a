-- An order's search text, defined once: for the triggers below and for a large import that
-- indexes its new orders at its end in one statement.
CREATE VIEW orders_search_text (order_rowid, text) AS
    SELECT rowid,
        number || ' ' || coalesce(platform_order_id, '') || ' ' || buyer || ' ' ||
        recipient_name || ' ' || recipient_phone || ' ' || province || city ||
        district || street || ' ' || coalesce(waybill, '')
    FROM orders;

-- While a row is here (only ever inside the transaction of a large import), new orders are not
-- indexed one by one: SQLite writes a full-text index's pending entries to disk before every
-- later statement of the transaction, which made an import of 50,000 orders write 100,000 tiny
-- index segments and merge them. The import indexes its orders at its end and removes the row
-- before it commits (`store::orders::index_deferred`).
CREATE TABLE orders_search_deferred (
    one INTEGER PRIMARY KEY CHECK (one = 1)
);

DROP TRIGGER orders_fts_insert;
CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders
    WHEN NOT EXISTS (SELECT 1 FROM orders_search_deferred)
BEGIN
    INSERT INTO orders_fts (rowid, text)
        SELECT order_rowid, text FROM orders_search_text WHERE order_rowid = new.rowid;
END;

-- The search text is written again only when a searched field changes. It was rewritten on
-- every update of the row (a state change, a payment time, a cost).
DROP TRIGGER orders_fts_update;
CREATE TRIGGER orders_fts_update
AFTER UPDATE OF number, platform_order_id, buyer, recipient_name, recipient_phone, province, city,
                district, street, waybill ON orders
BEGIN
    UPDATE orders_fts
        SET text = (SELECT text FROM orders_search_text WHERE order_rowid = new.rowid)
        WHERE rowid = new.rowid;
END;
