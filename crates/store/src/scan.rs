//! What the shipping round's scans read and undo: an order found by a code on its label, the
//! orders shipped today, and the marketplace's `ship` items of one order.

use chrono::{DateTime, Utc};
use farmstall_domain::{Courier, Id};
use rusqlite::{Connection, OptionalExtension};

use crate::sql::{id_from_text, instant_from_text, instant_to_text};
use crate::Result;

/// The order a scanned or typed code names: a waybill (of any courier), the shop's order number
/// (what the label's QR code holds), or a platform order id of one of `sources`. A waybill wins
/// over a number, a number over a platform id; of two couriers' equal waybills, the packed
/// order's (the one a scan at the courier's table means).
///
/// Each look-up reads a unique index: couriers and sources are listed so that SQLite can use
/// `orders_waybill (courier, waybill)` and `UNIQUE (source, platform_order_id)` by their first
/// column.
pub fn find_order(conn: &Connection, code: &str, sources: &[&str]) -> Result<Option<Id>> {
    let couriers: Vec<String> = Courier::ALL
        .iter()
        .map(|c| format!("'{}'", c.code()))
        .collect();
    let waybill_sql = format!(
        "SELECT id FROM orders WHERE courier IN ({}) AND waybill = ?1
         ORDER BY state = 'packed' DESC LIMIT 1",
        couriers.join(", ")
    );
    // A scanner or a person may type a waybill's letters in lower case.
    for candidate in [code.to_string(), code.to_ascii_uppercase()] {
        let found: Option<String> = conn
            .prepare_cached(&waybill_sql)?
            .query_row([&candidate], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(Some(id_from_text(&id)?));
        }
    }
    let by_number: Option<String> = conn
        .prepare_cached("SELECT id FROM orders WHERE number = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    if let Some(id) = by_number {
        return Ok(Some(id_from_text(&id)?));
    }
    if sources.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = (0..sources.len()).map(|i| format!("?{}", i + 2)).collect();
    let sql = format!(
        "SELECT id FROM orders WHERE source IN ({}) AND platform_order_id = ?1 LIMIT 1",
        names.join(", ")
    );
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&code];
    for source in sources {
        params.push(source);
    }
    let by_platform: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row(params.as_slice(), |r| r.get(0))
        .optional()?;
    by_platform.map(|id| id_from_text(&id)).transpose()
}

/// Orders shipped since `since` less those taken back since (an undone scan): the day's count.
///
/// Reads `order_events` from the newest back and stops at the first step older than `since`:
/// steps are appended with the clock of the moment, so the day's steps are the last ones and a
/// five-year history is not read for each scan.
pub fn shipped_since(conn: &Connection, since: DateTime<Utc>) -> Result<i64> {
    let mut stmt =
        conn.prepare_cached("SELECT from_state, to_state, at FROM order_events ORDER BY seq DESC")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let at: String = row.get(2)?;
        if instant_from_text(&at)? < since {
            break;
        }
        let from: Option<String> = row.get(0)?;
        let to: String = row.get(1)?;
        if to == "shipped" {
            count += 1;
        } else if from.as_deref() == Some("shipped") && to == "packed" {
            count -= 1;
        }
    }
    Ok(count.max(0))
}

/// Whether the marketplace has been told that `order` shipped: a `ship` item of it is done.
pub fn ship_told(conn: &Connection, order: Id) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM sync_outbox WHERE kind = 'ship' AND subject = ?1 AND state = 'done'",
        )?
        .query_row([order.to_string()], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// Discards the `ship` items of `order` not sent yet (pending or parked); returns how many. The
/// change count goes up too, so a sender that read an item before this does not mark it done.
pub fn discard_ship(conn: &Connection, order: Id, now: DateTime<Utc>) -> Result<usize> {
    Ok(crate::sql::run(
        conn,
        "UPDATE sync_outbox SET state = 'discarded', changes = changes + 1, updated_at = ?2
         WHERE kind = 'ship' AND subject = ?1 AND state IN ('pending', 'parked')",
        (order.to_string(), instant_to_text(now)),
    )?)
}
