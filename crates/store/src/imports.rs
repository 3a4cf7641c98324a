//! Orders from the platforms' export files: which product a platform line sells (said once by the
//! person), orders held until a line is mapped or a joined order is split, and the shipments the
//! platforms have not been told of by file yet.

use chrono::{DateTime, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_to_text};
use crate::Result;

/// A mapping from a platform line's key (its 商家编码, or its title and SKU text) to a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRow {
    pub key: String,
    pub product: Id,
    pub product_name: String,
    pub sale_unit: String,
    /// Thousandths of the product's sale unit in one piece sold on the platform.
    pub per_milli: i64,
    pub updated_at: String,
}

const MAPPING_SELECT: &str =
    "SELECT m.key, m.product_id, p.name_zh, p.sale_unit, m.per_milli, m.updated_at
     FROM import_mappings m JOIN products p ON p.id = m.product_id";

fn mapping_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<([String; 5], i64)> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?],
        r.get(4)?,
    ))
}

fn cook_mapping(
    ([key, product, name, unit, at], per_milli): ([String; 5], i64),
) -> Result<MappingRow> {
    Ok(MappingRow {
        key,
        product: id_from_text(&product)?,
        product_name: name,
        sale_unit: unit,
        per_milli,
        updated_at: at,
    })
}

/// Says (or says again) which product a key sells and how much of it one platform piece is.
pub fn save_mapping(
    conn: &Connection,
    key: &str,
    product: Id,
    per_milli: i64,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let stamp = instant_to_text(at);
    crate::sql::run(
        conn,
        "INSERT INTO import_mappings (key, product_id, per_milli, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (key) DO UPDATE SET product_id = excluded.product_id,
             per_milli = excluded.per_milli, updated_at = excluded.updated_at",
        (key, product.to_string(), per_milli, stamp),
    )?;
    changes::record(
        conn,
        at,
        origin,
        "import_mapping",
        key,
        Action::Update,
        &json!({ "productId": product.to_string(), "perMilli": per_milli }),
    )
}

/// Every mapping, by key.
pub fn mappings(conn: &Connection) -> Result<Vec<MappingRow>> {
    let mut stmt = conn.prepare_cached(&format!("{MAPPING_SELECT} ORDER BY m.key"))?;
    let raw = stmt
        .query_map([], mapping_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter().map(cook_mapping).collect()
}

/// The mapping of one key, if the person gave one.
pub fn mapping(conn: &Connection, key: &str) -> Result<Option<MappingRow>> {
    let mut stmt = conn.prepare_cached(&format!("{MAPPING_SELECT} WHERE m.key = ?1"))?;
    stmt.query_row([key], mapping_row)
        .optional()?
        .map(cook_mapping)
        .transpose()
}

/// A platform order as stored here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrder {
    pub id: Id,
    pub number: String,
    pub state: String,
    /// Goods + shipping fee: what the order says the buyer paid.
    pub total_fen: i64,
    pub history: bool,
    /// Packed here at some time (its goods left stock here): its money is no longer the file's.
    pub packed_here: bool,
    pub exported: bool,
}

/// The order stored for one platform's order id, if any.
pub fn stored_order(
    conn: &Connection,
    source: &str,
    platform_order_id: &str,
) -> Result<Option<StoredOrder>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, state, goods_fen + shipping_fee_fen, history, goods_cost_fen IS NOT NULL
                OR EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.to_state = 'packed'),
                shipment_exported_at IS NOT NULL
         FROM orders o WHERE source = ?1 AND platform_order_id = ?2",
    )?;
    let raw: Option<(String, String, String, i64, bool, bool, bool)> = stmt
        .query_row((source, platform_order_id), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    raw.map(
        |(id, number, state, total_fen, history, packed_here, exported)| {
            Ok(StoredOrder {
                id: id_from_text(&id)?,
                number,
                state,
                total_fen,
                history,
                packed_here,
                exported,
            })
        },
    )
    .transpose()
}

/// Keeps an order from a file that cannot become an order yet (replaces what was held for it).
pub fn hold(
    conn: &Connection,
    source: &str,
    platform_order_id: &str,
    waits_for: &str,
    data: &serde_json::Value,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT INTO import_held (source, platform_order_id, waits_for, data, reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (source, platform_order_id) DO UPDATE SET waits_for = excluded.waits_for,
             data = excluded.data, reason = excluded.reason, at = excluded.at",
        (
            source,
            platform_order_id,
            waits_for,
            data.to_string(),
            reason,
            instant_to_text(at),
        ),
    )?;
    Ok(())
}

/// An order from a file kept aside, as `hold` stored it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldImport {
    pub source: String,
    pub platform_order_id: String,
    pub waits_for: String,
    pub data: serde_json::Value,
    pub reason: String,
    pub at: String,
}

/// Every held order (of one source, or all), oldest first.
pub fn held(conn: &Connection, source: Option<&str>) -> Result<Vec<HeldImport>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, platform_order_id, waits_for, data, reason, at FROM import_held
         WHERE ?1 IS NULL OR source = ?1 ORDER BY at, source, platform_order_id",
    )?;
    let rows = stmt
        .query_map([source], |r| {
            let data: String = r.get(3)?;
            Ok(HeldImport {
                source: r.get(0)?,
                platform_order_id: r.get(1)?,
                waits_for: r.get(2)?,
                data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
                reason: r.get(4)?,
                at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Lets go of a held order (it was stored, or the person dropped it).
pub fn release(conn: &Connection, source: &str, platform_order_id: &str) -> Result<bool> {
    Ok(crate::sql::run(
        conn,
        "DELETE FROM import_held WHERE source = ?1 AND platform_order_id = ?2",
        (source, platform_order_id),
    )? > 0)
}

/// A shipment the platform has not been given by file yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconfirmed {
    pub id: Id,
    pub platform_order_id: String,
    pub courier: String,
    pub waybill: String,
}

/// Orders of `source` shipped here whose waybill has not gone out in a bulk-shipping file, oldest
/// first.
pub fn unconfirmed_shipments(conn: &Connection, source: &str) -> Result<Vec<Unconfirmed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, platform_order_id, courier, waybill FROM orders
         WHERE source = ?1 AND state = 'shipped' AND shipment_exported_at IS NULL
               AND platform_order_id IS NOT NULL AND waybill IS NOT NULL
         ORDER BY updated_at, number",
    )?;
    let raw = stmt
        .query_map([source], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(id, platform_order_id, courier, waybill)| {
            Ok(Unconfirmed {
                id: id_from_text(&id)?,
                platform_order_id,
                courier,
                waybill,
            })
        })
        .collect()
}

/// Remembers that these orders' waybills went out in a bulk-shipping file.
pub fn mark_exported(
    conn: &Connection,
    orders: &[Id],
    file: &str,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let stamp = instant_to_text(at);
    for id in orders {
        crate::sql::run(
            conn,
            "UPDATE orders SET shipment_exported_at = ?2 WHERE id = ?1",
            (id.to_string(), &stamp),
        )?;
        changes::record(
            conn,
            at,
            origin,
            "order",
            &id.to_string(),
            Action::Update,
            &json!({ "shipmentExportedTo": file }),
        )?;
    }
    Ok(())
}
