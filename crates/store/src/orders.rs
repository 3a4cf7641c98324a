//! Orders: insert, read, list with filters and full-text search, and the append-only history.

use chrono::{DateTime, NaiveDate, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, Row};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{contains_pattern, id_from_text, instant_to_text, Page};
use crate::stock::date_text;
use crate::{Result, StoreError};

/// One line of an order to record, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrderLine {
    pub product: Id,
    /// Thousandths of the product's sale unit.
    pub quantity_milli: i64,
    /// The same in thousandths of its stock unit.
    pub stock_milli: i64,
    pub unit_price_fen: i64,
    pub discount_fen: i64,
    pub line_fen: i64,
}

/// Who receives the parcel.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recipient {
    pub name: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub postcode: String,
}

/// An order to record, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    pub id: Id,
    pub source: String,
    pub platform_order_id: Option<String>,
    pub state: String,
    pub buyer: String,
    pub recipient: Recipient,
    pub shipping_fee_fen: i64,
    pub buyer_note: String,
    pub seller_note: String,
    pub ordered_on: NaiveDate,
    pub lines: Vec<NewOrderLine>,
    /// The platform gave the recipient masked or encrypted.
    pub masked: bool,
    /// Sales history from before the shop kept stock here: never reserves or takes stock.
    pub history: bool,
    /// When it was paid, where the platform says (else the moment it is recorded as paid).
    pub paid_at: Option<DateTime<Utc>>,
    /// The platform's ship-by time, where known.
    pub ship_by: Option<DateTime<Utc>>,
}

impl NewOrder {
    pub fn goods_fen(&self) -> i64 {
        self.lines.iter().map(|l| l.line_fen).sum()
    }
}

/// A line as stored, with its product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLineRow {
    pub product: Id,
    /// The product's barcode, for ticking the line off by scanning when packing.
    pub barcode: Option<String>,
    pub product_name: String,
    pub sale_unit: String,
    pub stock_unit: String,
    pub quantity_milli: i64,
    pub stock_milli: i64,
    pub unit_price_fen: i64,
    pub discount_fen: i64,
    pub line_fen: i64,
}

/// An order as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRow {
    pub id: Id,
    pub number: String,
    pub source: String,
    pub platform_order_id: Option<String>,
    pub state: String,
    pub buyer: String,
    pub recipient: Recipient,
    pub goods_fen: i64,
    pub shipping_fee_fen: i64,
    pub buyer_note: String,
    pub seller_note: String,
    pub ordered_on: NaiveDate,
    pub courier: Option<String>,
    pub waybill: Option<String>,
    pub shipping_cost_fen: Option<i64>,
    pub packed_by: Option<String>,
    pub weight_grams: Option<i64>,
    pub goods_cost_fen: Option<i64>,
    pub packaging_cost_fen: Option<i64>,
    /// Money given back over all returns, and the cost of the goods that came back into stock.
    pub refunded_fen: i64,
    pub restocked_cost_fen: i64,
    pub created_at: String,
    pub updated_at: String,
    /// The platform gave the recipient masked or encrypted.
    pub masked: bool,
    /// Sales history only: it never moved stock.
    pub history: bool,
    /// When it is due to ship (the platform's ship-by time, else 48 hours after payment).
    pub due_at: Option<String>,
    /// When its waybill went to the platform in a bulk-shipping file.
    pub shipment_exported_at: Option<String>,
    pub lines: Vec<OrderLineRow>,
}

/// The next free order number for `day`: `YYYYMMDD-NNNN`, counting that day's orders.
fn next_number(conn: &Connection, day: NaiveDate) -> Result<String> {
    let prefix = day.format("%Y%m%d").to_string();
    // One seek for the day's highest four-digit number. Numbers go on past 9999 with 10000,
    // which sorts before 9999 as text, so a day that reached 9999 is counted by length.
    let mut last: Option<String> = crate::sql::one(
        conn,
        "SELECT max(number) FROM orders WHERE number BETWEEN ?1 AND ?2",
        (format!("{prefix}-0000"), format!("{prefix}-9999")),
        |r| r.get(0),
    )?;
    if last.as_deref() == Some(&format!("{prefix}-9999")) {
        last = crate::sql::one(
            conn,
            "SELECT number FROM orders WHERE number GLOB ?1
             ORDER BY length(number) DESC, number DESC LIMIT 1",
            [format!("{prefix}-[0-9][0-9][0-9][0-9]*")],
            |r| r.get(0),
        )?;
    }
    let n = last
        .as_deref()
        .and_then(|l| l.split_once('-'))
        .and_then(|(_, n)| n.parse::<u32>().ok())
        .unwrap_or(0);
    Ok(format!("{prefix}-{:04}", n + 1))
}

/// Records a new order with its lines and its first history row; returns its number.
pub fn insert_order(
    conn: &Connection,
    o: &NewOrder,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<String> {
    let number = next_number(conn, o.ordered_on)?;
    let stamp = instant_to_text(at);
    let r = &o.recipient;
    crate::sql::run(conn,
        "INSERT INTO orders (id, number, source, platform_order_id, state, buyer, recipient_name, recipient_phone,
                             province, city, district, street, postcode, goods_fen, shipping_fee_fen,
                             buyer_note, seller_note, ordered_on, created_at, updated_at, masked, history,
                             paid_at, ship_by, due_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19,
                 ?20, ?21, ?22, ?23,
                 coalesce(?23, strftime('%Y-%m-%dT%H:%M:%fZ', ?22, '+48 hours')))",
        rusqlite::params![
            o.id.to_string(),
            number,
            o.source,
            o.platform_order_id,
            o.state,
            o.buyer,
            r.name,
            r.phone,
            r.province,
            r.city,
            r.district,
            r.street,
            r.postcode,
            o.goods_fen(),
            o.shipping_fee_fen,
            o.buyer_note,
            o.seller_note,
            date_text(o.ordered_on),
            stamp,
            o.masked,
            o.history,
            // A paid order knows when: here rather than by the trigger's second write of the row.
            o.paid_at
                .or((o.state == "paid").then_some(at))
                .map(instant_to_text),
            o.ship_by.map(instant_to_text),
        ],
    )
    .map_err(|e| duplicate_platform_id(e, o))?;
    let deferred: bool = crate::sql::one(
        conn,
        "SELECT EXISTS (SELECT 1 FROM orders_search_deferred)",
        [],
        |r| r.get(0),
    )?;
    if !deferred {
        crate::sql::run(conn,
            "INSERT INTO orders_pairs (rowid, text) VALUES ((SELECT rowid FROM orders WHERE id = ?1), ?2)",
            (
                o.id.to_string(),
                chinese_pairs(&[
                    &o.buyer,
                    &r.name,
                    &r.province,
                    &r.city,
                    &r.district,
                    &r.street,
                ]),
            ),
        )?;
    }
    for (n, line) in o.lines.iter().enumerate() {
        crate::sql::run(conn,
            "INSERT INTO order_lines (order_id, line_no, product_id, quantity_milli, stock_milli, unit_price_fen,
                                      discount_fen, line_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                o.id.to_string(),
                i64::try_from(n).unwrap_or(i64::MAX),
                line.product.to_string(),
                line.quantity_milli,
                line.stock_milli,
                line.unit_price_fen,
                line.discount_fen,
                line.line_fen,
            ],
        )?;
    }
    add_event(conn, o.id, None, &o.state, "", at, origin)?;
    changes::record(
        conn,
        at,
        origin,
        "order",
        &o.id.to_string(),
        Action::Create,
        &json!({
            "number": number,
            "source": o.source,
            "platformOrderId": o.platform_order_id,
            "state": o.state,
            "goodsFen": o.goods_fen(),
            "lines": o.lines.len(),
        }),
    )?;
    Ok(number)
}

/// Orders created after [`defer_search`] and before [`index_deferred`] in the same
/// transaction are indexed for search by the latter, all at once.
#[derive(Debug, Clone, Copy)]
#[must_use = "the orders are not searchable until `index_deferred` runs"]
pub struct SearchDeferred {
    after_rowid: i64,
}

/// Stops indexing new orders one by one for the rest of this transaction (see migration 0010:
/// SQLite writes a full-text index's pending entries before each later statement, so a large
/// import indexed order by order writes thousands of tiny segments). Call [`index_deferred`]
/// before the transaction commits.
pub fn defer_search(conn: &Connection) -> Result<SearchDeferred> {
    crate::sql::run(
        conn,
        "INSERT OR IGNORE INTO orders_search_deferred (one) VALUES (1)",
        [],
    )?;
    let after_rowid = crate::sql::one(
        conn,
        "SELECT coalesce(max(rowid), 0) FROM orders",
        [],
        |r| r.get(0),
    )?;
    Ok(SearchDeferred { after_rowid })
}

/// Indexes the orders created since `deferred` for search (trigrams and Chinese pairs) and
/// indexes new orders one by one again.
pub fn index_deferred(conn: &Connection, deferred: SearchDeferred) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT INTO orders_fts (rowid, text)
         SELECT order_rowid, text FROM orders_search_text WHERE order_rowid > ?1",
        [deferred.after_rowid],
    )?;
    let mut read = conn.prepare_cached(
        "SELECT rowid, buyer, recipient_name, province, city, district, street
         FROM orders WHERE rowid > ?1",
    )?;
    let rows = read
        .query_map([deferred.after_rowid], |r| {
            let text = |i| r.get::<_, String>(i);
            Ok((
                r.get::<_, i64>(0)?,
                chinese_pairs(&[
                    &text(1)?,
                    &text(2)?,
                    &text(3)?,
                    &text(4)?,
                    &text(5)?,
                    &text(6)?,
                ]),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (rowid, pairs) in rows {
        crate::sql::run(
            conn,
            "INSERT INTO orders_pairs (rowid, text) VALUES (?1, ?2)",
            (rowid, pairs),
        )?;
    }
    crate::sql::run(conn, "DELETE FROM orders_search_deferred", [])?;
    Ok(())
}

/// The one UNIQUE that a person can hit: the same platform order twice.
fn duplicate_platform_id(e: rusqlite::Error, o: &NewOrder) -> StoreError {
    match (&e, &o.platform_order_id) {
        (rusqlite::Error::SqliteFailure(f, Some(msg)), Some(id))
            if f.code == rusqlite::ErrorCode::ConstraintViolation
                && msg.contains("platform_order_id") =>
        {
            StoreError::Conflict(format!("order {id} from {} is already recorded", o.source))
        }
        _ => e.into(),
    }
}

/// Appends a step to an order's history.
pub fn add_event(
    conn: &Connection,
    order: Id,
    from: Option<&str>,
    to: &str,
    note: &str,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO order_events (order_id, from_state, to_state, note, at, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            order.to_string(),
            from,
            to,
            note,
            instant_to_text(at),
            origin.code()
        ],
    )?;
    Ok(())
}

/// Moves an order from `from` to `to` (refused if it is no longer in `from`) and records the step.
pub fn set_state(
    conn: &Connection,
    order: Id,
    from: &str,
    to: &str,
    note: &str,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let changed = crate::sql::run(
        conn,
        "UPDATE orders SET state = ?3, updated_at = ?4 WHERE id = ?1 AND state = ?2",
        (order.to_string(), from, to, instant_to_text(at)),
    )?;
    if changed == 0 {
        return Err(StoreError::Conflict(format!(
            "the order is no longer {from}; reload it and try again"
        )));
    }
    add_event(conn, order, Some(from), to, note, at, origin)?;
    changes::record(
        conn,
        at,
        origin,
        "order",
        &order.to_string(),
        Action::Update,
        &json!({ "state": to, "from": from, "note": note }),
    )?;
    Ok(())
}

/// What packing recorded on the order (or `None` to clear it when unpacked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    pub packed_by: String,
    pub weight_grams: Option<i64>,
    pub goods_cost_fen: i64,
    pub packaging_cost_fen: i64,
}

pub fn set_packed(
    conn: &Connection,
    order: Id,
    packed: Option<&Packed>,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(conn,
        "UPDATE orders SET packed_by = ?2, weight_grams = ?3, goods_cost_fen = ?4, packaging_cost_fen = ?5
         WHERE id = ?1",
        rusqlite::params![
            order.to_string(),
            packed.map(|p| p.packed_by.clone()),
            packed.and_then(|p| p.weight_grams),
            packed.map(|p| p.goods_cost_fen),
            packed.map(|p| p.packaging_cost_fen),
        ],
    )?;
    changes::record(
        conn,
        at,
        origin,
        "order",
        &order.to_string(),
        Action::Update,
        &json!({
            "packedBy": packed.map(|p| p.packed_by.clone()),
            "weightGrams": packed.and_then(|p| p.weight_grams),
            "goodsCostFen": packed.map(|p| p.goods_cost_fen),
            "packagingCostFen": packed.map(|p| p.packaging_cost_fen),
        }),
    )?;
    Ok(())
}

/// Records the courier, waybill and shipping cost. A waybill already used with that courier is
/// a `Conflict`.
pub fn set_shipped(
    conn: &Connection,
    order: Id,
    (courier, waybill, shipping_cost_fen): (&str, &str, i64),
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "UPDATE orders SET courier = ?2, waybill = ?3, shipping_cost_fen = ?4 WHERE id = ?1",
        rusqlite::params![order.to_string(), courier, waybill, shipping_cost_fen],
    )
    .map_err(|e| match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(format!(
                "waybill {waybill} of {courier} is already on another order"
            ))
        }
        _ => e.into(),
    })?;
    changes::record(
        conn,
        at,
        origin,
        "order",
        &order.to_string(),
        Action::Update,
        &json!({ "courier": courier, "waybill": waybill, "shippingCostFen": shipping_cost_fen }),
    )?;
    Ok(())
}

/// Frees an order's waybill (it was cancelled before it left), so the number can go on another.
pub fn clear_waybill(
    conn: &Connection,
    order: Id,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "UPDATE orders SET courier = NULL, waybill = NULL, shipping_cost_fen = NULL WHERE id = ?1",
        [order.to_string()],
    )?;
    changes::record(
        conn,
        at,
        origin,
        "order",
        &order.to_string(),
        Action::Update,
        &json!({ "courier": null, "waybill": null, "shippingCostFen": null }),
    )
}

const ORDER_SELECT: &str = "SELECT o.id, o.number, o.source, o.state, o.buyer, o.recipient_name, o.recipient_phone,
        o.province, o.city, o.district, o.street, o.postcode, o.buyer_note, o.seller_note, o.ordered_on,
        o.created_at, o.updated_at, o.platform_order_id, o.courier, o.waybill,
        o.goods_fen, o.shipping_fee_fen, o.shipping_cost_fen, o.packed_by, o.weight_grams, o.goods_cost_fen,
        o.packaging_cost_fen, o.refunded_fen, o.restocked_cost_fen, o.masked, o.history, o.due_at,
        o.shipment_exported_at
    FROM orders o";

type RawOrder = (
    [String; 17],
    [Option<String>; 3],
    [i64; 2],
    Option<i64>,
    Option<String>,
    [Option<i64>; 3],
    [i64; 2],
    [bool; 2],
    [Option<String>; 2],
);

fn raw_order(r: &Row<'_>) -> rusqlite::Result<RawOrder> {
    let mut text: [String; 17] = Default::default();
    for (i, slot) in text.iter_mut().enumerate() {
        *slot = r.get(i)?;
    }
    Ok((
        text,
        [r.get(17)?, r.get(18)?, r.get(19)?],
        [r.get(20)?, r.get(21)?],
        r.get(22)?,
        r.get(23)?,
        [r.get(24)?, r.get(25)?, r.get(26)?],
        [r.get(27)?, r.get(28)?],
        [r.get(29)?, r.get(30)?],
        [r.get(31)?, r.get(32)?],
    ))
}

fn cook_order(raw: RawOrder) -> Result<OrderRow> {
    let (
        [id, number, source, state, buyer, name, phone, province, city, district, street, postcode, buyer_note, seller_note, ordered_on, created_at, updated_at],
        [platform_order_id, courier, waybill],
        [goods_fen, shipping_fee_fen],
        shipping_cost_fen,
        packed_by,
        [weight_grams, goods_cost_fen, packaging_cost_fen],
        [refunded_fen, restocked_cost_fen],
        [masked, history],
        [due_at, shipment_exported_at],
    ) = raw;
    Ok(OrderRow {
        id: id_from_text(&id)?,
        number,
        source,
        platform_order_id,
        state,
        buyer,
        recipient: Recipient {
            name,
            phone,
            province,
            city,
            district,
            street,
            postcode,
        },
        goods_fen,
        shipping_fee_fen,
        buyer_note,
        seller_note,
        ordered_on: NaiveDate::parse_from_str(&ordered_on, "%Y-%m-%d")
            .map_err(|_| StoreError::BadData(format!("not a date: {ordered_on:?}")))?,
        courier,
        waybill,
        shipping_cost_fen,
        packed_by,
        weight_grams,
        goods_cost_fen,
        packaging_cost_fen,
        refunded_fen,
        restocked_cost_fen,
        created_at,
        updated_at,
        masked,
        history,
        due_at,
        shipment_exported_at,
        lines: Vec::new(),
    })
}

fn with_lines(conn: &Connection, mut orders: Vec<OrderRow>) -> Result<Vec<OrderRow>> {
    crate::sql::fill_children(
        conn,
        &mut orders,
        |o| o.id,
        "SELECT l.order_id, l.product_id, p.name_zh, p.sale_unit, p.stock_unit, l.quantity_milli, l.stock_milli,
                l.unit_price_fen, l.discount_fen, l.line_fen, p.barcode
         FROM order_lines l JOIN products p ON p.id = l.product_id
         WHERE l.order_id IN (SELECT value FROM json_each(?1))
         ORDER BY l.order_id, l.line_no",
        |r| {
            Ok((
                [
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ],
                [
                    r.get::<_, i64>(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ],
                r.get::<_, Option<String>>(10)?,
            ))
        },
        |o, ([product, product_name, sale_unit, stock_unit], [q, s, price, discount, line], barcode)| {
            o.lines.push(OrderLineRow {
                product: id_from_text(&product)?,
                barcode,
                product_name,
                sale_unit,
                stock_unit,
                quantity_milli: q,
                stock_milli: s,
                unit_price_fen: price,
                discount_fen: discount,
                line_fen: line,
            });
            Ok(())
        },
    )?;
    Ok(orders)
}

pub fn get_order(conn: &Connection, id: Id) -> Result<OrderRow> {
    let sql = format!("{ORDER_SELECT} WHERE o.id = ?1");
    let head = crate::sql::get_one(conn, &sql, "order", id, raw_order, cook_order)?;
    Ok(with_lines(conn, vec![head])?.remove(0))
}

/// Which orders to list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderFilter {
    /// Any of these states; empty = all.
    pub states: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub product: Option<Id>,
    pub province: Option<String>,
    pub source: Option<String>,
    /// Order number, platform id, buyer, recipient, phone, address, waybill.
    pub search: String,
    /// `newest` (default), `oldest` or `total` (largest first).
    pub sort: String,
    pub limit: i64,
    pub offset: i64,
    /// Start after this order (the last one of the page before) rather than at `offset`.
    pub after: Option<Id>,
}

/// An FTS5 query matching `text` as one literal string.
fn fts_literal(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A search that finds fewer orders than this in its index drives the orders query.
const FEW_MATCHES: i64 = 2000;

/// Whether `term` matches fewer than [`FEW_MATCHES`] orders in the full-text `index`: counted
/// only that far, a fraction of a millisecond even for the commonest term.
fn few_matches(conn: &Connection, index: &str, term: &str) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT rowid FROM {index} WHERE {index} MATCH ?1 LIMIT {FEW_MATCHES})"
        ))?
        .query_row([term], |r| r.get(0))?;
    Ok(n < FEW_MATCHES)
}

/// Orders matching the filter, one page, sorted in the database.
pub fn list_orders(conn: &Connection, f: &OrderFilter) -> Result<Page<OrderRow>> {
    let search = f.search.trim();
    let two_chinese = search.chars().count() == 2 && search.chars().all(is_chinese);
    let (index, term) = if two_chinese {
        ("orders_pairs", format!("\"{search}\""))
    } else {
        ("orders_fts", fts_literal(search))
    };
    let indexed_search = two_chinese || search.chars().count() >= 3;
    let other_filters = !f.states.is_empty()
        || f.from.is_some()
        || f.to.is_some()
        || f.province.is_some()
        || f.source.is_some();
    // A search the index finds in few orders is the quickest way in: its orders are looked up
    // and checked against the state, dates, province and source (`+` keeps SQLite from walking
    // their indexes instead, which it otherwise prefers: every finished order of five years to
    // find the 400 of one buyer took 60 ms). A common term (a province, "138") matches too many
    // orders for that, and is left to SQLite's choice.
    let plus = if indexed_search && other_filters && few_matches(conn, index, &term)? {
        "+"
    } else {
        ""
    };
    let mut conditions: Vec<String> = vec!["1".into()];
    let mut params: Vec<(String, Box<dyn rusqlite::ToSql>)> = Vec::new();
    if !f.states.is_empty() {
        let names: Vec<String> = (0..f.states.len()).map(|i| format!(":state{i}")).collect();
        conditions.push(format!("{plus}o.state IN ({})", names.join(", ")));
        for (name, state) in names.into_iter().zip(&f.states) {
            params.push((name, Box::new(state.clone())));
        }
    }
    if let Some(from) = f.from {
        conditions.push(format!("{plus}o.ordered_on >= :from"));
        params.push((":from".into(), Box::new(date_text(from))));
    }
    if let Some(to) = f.to {
        conditions.push(format!("{plus}o.ordered_on <= :to"));
        params.push((":to".into(), Box::new(date_text(to))));
    }
    if let Some(product) = f.product {
        conditions
            .push("o.id IN (SELECT order_id FROM order_lines WHERE product_id = :product)".into());
        params.push((":product".into(), Box::new(product.to_string())));
    }
    if let Some(province) = &f.province {
        conditions.push(format!("{plus}o.province = :province"));
        params.push((":province".into(), Box::new(province.clone())));
    }
    if let Some(source) = &f.source {
        conditions.push(format!("{plus}o.source = :source"));
        params.push((":source".into(), Box::new(source.clone())));
    }
    if indexed_search {
        conditions.push(format!(
            "o.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH :match)"
        ));
        params.push((":match".into(), Box::new(term)));
    } else if !search.is_empty() {
        // One character, or two that are not both Chinese: a scan of the search text.
        conditions.push(
            "o.rowid IN (SELECT rowid FROM orders_fts WHERE text LIKE :like ESCAPE '\\')".into(),
        );
        params.push((":like".into(), Box::new(contains_pattern(search))));
    }
    let condition = conditions.join(" AND ");
    // Each order, and its key for keyset paging in the same direction (the number is unique).
    let (order, key, descending): (&str, &[&str], bool) = match f.sort.as_str() {
        "oldest" => (
            "o.ordered_on, o.number",
            &["o.ordered_on", "o.number"],
            false,
        ),
        // Waiting to ship, due soonest first; then every other order (done, cancelled, not paid).
        "due" => (
            "o.state NOT IN ('paid', 'packing', 'packed'), o.due_at IS NULL, o.due_at, o.number",
            &[
                "(o.state NOT IN ('paid', 'packing', 'packed'))",
                "(o.due_at IS NULL)",
                "coalesce(o.due_at, '')",
                "o.number",
            ],
            false,
        ),
        "total" => (
            "o.goods_fen + o.shipping_fee_fen DESC, o.ordered_on DESC, o.number DESC",
            &[
                "o.goods_fen + o.shipping_fee_fen",
                "o.ordered_on",
                "o.number",
            ],
            true,
        ),
        _ => (
            "o.ordered_on DESC, o.number DESC",
            &["o.ordered_on", "o.number"],
            true,
        ),
    };
    let bound: Vec<(&str, &dyn rusqlite::ToSql)> = params
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_ref()))
        .collect();
    // All orders, or those in some states, are what the screen shows first and what grows with
    // the years: their counts are kept by triggers (migration 0013). Any other filter counts.
    let only_states = conditions.len() == if f.states.is_empty() { 1 } else { 2 };
    let total: i64 = if only_states && f.states.is_empty() {
        crate::sql::kept_count(conn, "orders")?
    } else if only_states {
        let states: std::collections::BTreeSet<&String> = f.states.iter().collect();
        let mut total = 0_i64;
        for state in states {
            total = total.saturating_add(crate::sql::kept_count(conn, &format!("orders:{state}"))?);
        }
        total
    } else {
        crate::sql::one(
            conn,
            &format!("SELECT count(*) FROM orders o WHERE {condition}"),
            bound.as_slice(),
            |r| r.get(0),
        )?
    };
    let (condition, after, offset) = crate::sql::page_start(
        conn,
        ("orders", "o"),
        key,
        descending,
        f.after,
        (&condition, f.offset),
    )?;
    let mut bound = bound;
    if let Some(after) = &after {
        bound.push((":after", after));
    }
    bound.push((":limit", &f.limit));
    bound.push((":offset", &offset));
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE {condition} ORDER BY {order} LIMIT :limit OFFSET :offset"
    ))?;
    let heads = stmt
        .query_map(bound.as_slice(), raw_order)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = heads
        .into_iter()
        .map(cook_order)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page {
        items: with_lines(conn, items)?,
        total,
    })
}

/// How an earlier recipient is looked for: by the digits of a phone (no `+86`, no spaces or
/// dashes), or by the recipient's whole name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientKey<'a> {
    Phone(&'a str),
    Name(&'a str),
}

/// One recipient the shop has sent to before, at one address, with how many orders went there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRecipient {
    /// As written on the latest of those orders.
    pub recipient: Recipient,
    pub orders: i64,
    pub last_ordered_on: NaiveDate,
}

/// A stored phone with the separators a person may type (and the validator allows) taken out.
const PHONE_DIGITS: &str = "replace(replace(replace(replace(replace(o.recipient_phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')";

/// The recipients earlier orders went to, one per name, phone and address, the most recently
/// used first, at most `limit`. A recipient a marketplace masked (`*` in the phone, name or
/// street) is never returned: it is not an address anyone can send to.
///
/// There is no index on the phone or the name, so the candidates come from the search indexes
/// (`orders_fts` trigrams, `orders_pairs` for two Chinese characters) and are then checked
/// exactly. A mobile number is looked for as its 3-4-4 groups, which finds it however it was
/// spaced ("138 0013 8000", "+86 138-0013-8000"); another number by its last seven digits. A name
/// shorter than the indexes reach (one character) finds nothing.
pub fn recent_recipients(
    conn: &Connection,
    key: RecipientKey<'_>,
    limit: i64,
) -> Result<Vec<PastRecipient>> {
    let (candidates, matching, value) = match key {
        RecipientKey::Phone(digits) => {
            if digits.len() < 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Ok(Vec::new());
            }
            let query = if digits.len() == 11 && digits.starts_with('1') {
                format!(
                    "\"{}\" AND \"{}\" AND \"{}\"",
                    &digits[..3],
                    &digits[3..7],
                    &digits[7..]
                )
            } else {
                fts_literal(&digits[digits.len() - 7..])
            };
            (
                "SELECT rowid FROM orders_fts WHERE orders_fts MATCH :search",
                format!("{PHONE_DIGITS} IN (:value, '86' || :value, '0086' || :value)"),
                (query, digits.to_string()),
            )
        }
        RecipientKey::Name(name) => {
            let count = name.chars().count();
            let matching = "o.recipient_name = :value".to_string();
            if count == 2 && name.chars().all(is_chinese) {
                (
                    "SELECT rowid FROM orders_pairs WHERE orders_pairs MATCH :search",
                    matching,
                    (format!("\"{name}\""), name.to_string()),
                )
            } else if count >= 3 {
                (
                    "SELECT rowid FROM orders_fts WHERE orders_fts MATCH :search",
                    matching,
                    (fts_literal(name), name.to_string()),
                )
            } else {
                return Ok(Vec::new());
            }
        }
    };
    // Bare columns beside the one max() aggregate come from the row holding the maximum, so each
    // group is told as written on its latest order.
    let sql = format!(
        "SELECT o.recipient_name, o.recipient_phone, o.province, o.city, o.district, o.street, o.postcode,
                count(*), max(o.ordered_on || ' ' || o.number)
         FROM orders o
         WHERE o.rowid IN ({candidates}) AND {matching}
           AND o.masked = 0 AND instr(o.recipient_phone, '*') = 0 AND instr(o.recipient_name, '*') = 0
           AND instr(o.street, '*') = 0
         GROUP BY o.recipient_name, {PHONE_DIGITS}, o.province, o.city, o.district, o.street, o.postcode
         ORDER BY 9 DESC
         LIMIT :limit"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            rusqlite::named_params! { ":search": value.0, ":value": value.1, ":limit": limit },
            |r| {
                let mut text: [String; 7] = Default::default();
                for (i, slot) in text.iter_mut().enumerate() {
                    *slot = r.get(i)?;
                }
                Ok((text, r.get::<_, i64>(7)?, r.get::<_, String>(8)?))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |([name, phone, province, city, district, street, postcode], orders, last)| {
                let day = last.split(' ').next().unwrap_or_default();
                Ok(PastRecipient {
                    recipient: Recipient {
                        name,
                        phone,
                        province,
                        city,
                        district,
                        street,
                        postcode,
                    },
                    orders,
                    last_ordered_on: NaiveDate::parse_from_str(day, "%Y-%m-%d")
                        .map_err(|_| StoreError::BadData(format!("not a date: {day:?}")))?,
                })
            },
        )
        .collect()
}

/// One line of a return: a product, how much came back (thousandths of its stock unit), and
/// whether it went back on the shelf (`restock`) or was thrown away (`waste`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnLine {
    pub product: Id,
    pub stock_milli: i64,
    pub disposition: String,
}

/// A return to record; its stock movements are posted by the caller in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReturn {
    pub id: Id,
    pub order: Id,
    pub refund_fen: i64,
    pub restocked_cost_fen: i64,
    pub written_off_cost_fen: i64,
    pub note: String,
    pub lines: Vec<ReturnLine>,
}

/// Records a return and adds it to the order's sums.
pub fn insert_return(
    conn: &Connection,
    r: &NewReturn,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO order_returns (id, order_id, refund_fen, restocked_cost_fen, written_off_cost_fen,
                                    note, at, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            r.id.to_string(),
            r.order.to_string(),
            r.refund_fen,
            r.restocked_cost_fen,
            r.written_off_cost_fen,
            r.note,
            instant_to_text(at),
            origin.code()
        ],
    )?;
    let mut line = conn.prepare_cached(
        "INSERT INTO order_return_lines (return_id, line_no, product_id, stock_milli, disposition)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (no, l) in r.lines.iter().enumerate() {
        line.execute(rusqlite::params![
            r.id.to_string(),
            no as i64,
            l.product.to_string(),
            l.stock_milli,
            l.disposition
        ])?;
    }
    crate::sql::run(
        conn,
        "UPDATE orders SET refunded_fen = refunded_fen + ?2,
                           restocked_cost_fen = restocked_cost_fen + ?3, updated_at = ?4
         WHERE id = ?1",
        (
            r.order.to_string(),
            r.refund_fen,
            r.restocked_cost_fen,
            instant_to_text(at),
        ),
    )?;
    changes::record(
        conn,
        at,
        origin,
        "order",
        &r.order.to_string(),
        Action::Update,
        &json!({ "return": r.id.to_string(), "refundFen": r.refund_fen, "note": r.note }),
    )?;
    Ok(())
}

/// A return as stored, with its lines (product name and stock unit code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnRow {
    pub at: String,
    pub refund_fen: i64,
    pub restocked_cost_fen: i64,
    pub written_off_cost_fen: i64,
    pub note: String,
    /// (product name, stock unit code, thousandths, disposition)
    pub lines: Vec<(String, String, i64, String)>,
}

/// An order's returns, oldest first.
pub fn returns_of(conn: &Connection, order: Id) -> Result<Vec<ReturnRow>> {
    let mut heads = conn.prepare_cached(
        "SELECT id, at, refund_fen, restocked_cost_fen, written_off_cost_fen, note
         FROM order_returns WHERE order_id = ?1 ORDER BY at, id",
    )?;
    let raw = heads
        .query_map([order.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                ReturnRow {
                    at: r.get(1)?,
                    refund_fen: r.get(2)?,
                    restocked_cost_fen: r.get(3)?,
                    written_off_cost_fen: r.get(4)?,
                    note: r.get(5)?,
                    lines: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut lines = conn.prepare_cached(
        "SELECT p.name_zh, p.stock_unit, l.stock_milli, l.disposition
         FROM order_return_lines l JOIN products p ON p.id = l.product_id
         WHERE l.return_id = ?1 ORDER BY l.line_no",
    )?;
    let mut out = Vec::with_capacity(raw.len());
    for (id, mut row) in raw {
        row.lines = lines
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(row);
    }
    Ok(out)
}

/// A Chinese (CJK unified ideograph) character.
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Every pair of adjacent Chinese characters in `texts`, once each, space-separated: the words of
/// the `orders_pairs` index ("欧阳娜娜" → "欧阳 阳娜 娜娜").
pub fn chinese_pairs(texts: &[&str]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut words = Vec::new();
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for pair in chars.windows(2) {
            if pair.iter().all(|c| is_chinese(*c)) {
                let word: String = pair.iter().collect();
                if seen.insert(word.clone()) {
                    words.push(word);
                }
            }
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::{chinese_pairs, next_number};

    #[test]
    fn a_day_with_ten_thousand_orders_numbers_on_past_9999() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store =
            crate::Store::open(&dir.path().join("shop.db")).unwrap_or_else(|e| panic!("{e}"));
        let conn = store.conn();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let number =
            |conn: &rusqlite::Connection| next_number(conn, day).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(number(conn), "20261207-0001");
        for n in [
            "20261207-0001",
            "20261207-9998",
            "20261207-9999",
            "20261206-12000",
        ] {
            insert(conn, n);
        }
        assert_eq!(number(conn), "20261207-10000");
        insert(conn, "20261207-10000");
        assert_eq!(number(conn), "20261207-10001");
    }

    fn insert(conn: &rusqlite::Connection, number: &str) {
        conn.execute(
            "INSERT INTO orders (id, number, source, state, buyer, recipient_name, recipient_phone,
                                 province, city, district, street, postcode, goods_fen,
                                 shipping_fee_fen, buyer_note, seller_note, ordered_on, created_at,
                                 updated_at)
             VALUES (?1, ?2, 'wechat', 'waiting_payment', '', '王芳', '13800000000', '陕西省',
                     '西安市', '周至县', '1号', '', 0, 0, '', '', '2026-12-07',
                     '2026-12-07T00:00:00Z', '2026-12-07T00:00:00Z')",
            (farmstall_domain::Id::generate().to_string(), number),
        )
        .unwrap_or_else(|e| panic!("{number}: {e}"));
    }

    #[test]
    fn pairs_are_adjacent_chinese_characters_once_each() {
        assert_eq!(chinese_pairs(&["欧阳娜娜"]), "欧阳 阳娜 娜娜");
        assert_eq!(
            chinese_pairs(&["王芳", "体育西路 191 号 B 座", "王芳"]),
            "王芳 体育 育西 西路"
        );
        assert_eq!(chinese_pairs(&["Chen Jie", "王"]), "");
    }
}
