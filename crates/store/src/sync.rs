//! Marketplace sync: listings and the products they sell, how far pulls got, the outbox of what
//! waits to be sent, alerts for the owner, and platform orders held until their listing is known.

use chrono::{DateTime, NaiveDate, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_from_text, instant_to_text};
use crate::stock::date_text;
use crate::Result;

/// A listing and the product it sells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingRow {
    pub id: Id,
    pub num_iid: String,
    pub sku_id: String,
    pub outer_id: String,
    pub title: String,
    pub product: Id,
    pub product_name: String,
    pub sale_milli: i64,
    pub buffer: i64,
}

/// A listing to store (matched on `num_iid` and `sku_id`: saving it again replaces it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewListing {
    pub num_iid: String,
    pub sku_id: String,
    pub outer_id: String,
    pub title: String,
    pub product: Id,
    pub sale_milli: i64,
    pub buffer: i64,
}

const LISTING_COLUMNS: &str = "li.id, li.num_iid, li.sku_id, li.outer_id, li.title, li.product_id,
    p.name_zh, li.sale_milli, li.buffer";

fn listing_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Vec<String>, i64, i64)> {
    Ok((
        vec![
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ],
        r.get(7)?,
        r.get(8)?,
    ))
}

fn cook_listing((t, sale_milli, buffer): (Vec<String>, i64, i64)) -> Result<ListingRow> {
    let [id, num_iid, sku_id, outer_id, title, product, product_name]: [String; 7] =
        t.try_into().unwrap_or_default();
    Ok(ListingRow {
        id: id_from_text(&id)?,
        num_iid,
        sku_id,
        outer_id,
        title,
        product: id_from_text(&product)?,
        product_name,
        sale_milli,
        buffer,
    })
}

/// Adds a listing, or replaces the one with the same `num_iid` and `sku_id`. Its stock is queued
/// to be sent at once.
pub fn save_listing(
    conn: &Connection,
    l: &NewListing,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<Id> {
    let existing: Option<(String, String)> = crate::sql::one(
        conn,
        "SELECT id, product_id FROM listings WHERE num_iid = ?1 AND sku_id = ?2",
        (&l.num_iid, &l.sku_id),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?;
    let (id, action, before) = match existing {
        Some((id, product)) => (
            id_from_text(&id)?,
            Action::Update,
            Some(id_from_text(&product)?),
        ),
        None => (Id::generate(), Action::Create, None),
    };
    crate::sql::run(conn,
        "INSERT INTO listings (id, num_iid, sku_id, outer_id, title, product_id, sale_milli, buffer,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (id) DO UPDATE SET outer_id = excluded.outer_id, title = excluded.title,
             product_id = excluded.product_id, sale_milli = excluded.sale_milli,
             buffer = excluded.buffer, updated_at = excluded.updated_at",
        rusqlite::params![
            id.to_string(),
            l.num_iid,
            l.sku_id,
            l.outer_id,
            l.title,
            l.product.to_string(),
            l.sale_milli,
            l.buffer,
            instant_to_text(now)
        ],
    )?;
    // The product's stock is shared by its listings: every one of them offers a new share now
    // (and those of the product it sold before, when that changed).
    queue_product(conn, l.product, now)?;
    if let Some(before) = before.filter(|b| *b != l.product) {
        queue_product(conn, before, now)?;
    }
    changes::record(
        conn,
        now,
        origin,
        "listing",
        &id.to_string(),
        action,
        &json!({
            "numIid": l.num_iid, "skuId": l.sku_id, "outerId": l.outer_id,
            "productId": l.product.to_string(), "saleMilli": l.sale_milli, "buffer": l.buffer,
        }),
    )?;
    Ok(id)
}

pub fn listings(conn: &Connection) -> Result<Vec<ListingRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LISTING_COLUMNS} FROM listings li JOIN products p ON p.id = li.product_id
         ORDER BY li.title, li.num_iid, li.sku_id"
    ))?;
    let raws = stmt
        .query_map([], listing_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(cook_listing).collect()
}

pub fn listing(conn: &Connection, id: Id) -> Result<Option<ListingRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LISTING_COLUMNS} FROM listings li JOIN products p ON p.id = li.product_id
         WHERE li.id = ?1"
    ))?;
    let raw = stmt.query_row([id.to_string()], listing_row).optional()?;
    raw.map(cook_listing).transpose()
}

/// The listing a platform order line sold: its SKU, else the listing as a whole, else its outer id.
pub fn listing_for_line(
    conn: &Connection,
    num_iid: &str,
    sku_id: &str,
    outer_id: &str,
) -> Result<Option<ListingRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LISTING_COLUMNS} FROM listings li JOIN products p ON p.id = li.product_id
         WHERE (li.num_iid = ?1 AND li.sku_id IN (?2, ''))
            OR (?3 <> '' AND li.outer_id = ?3)
         ORDER BY li.num_iid = ?1 AND li.sku_id = ?2 DESC, li.num_iid = ?1 DESC LIMIT 1"
    ))?;
    let raw = stmt
        .query_row((num_iid, sku_id, outer_id), listing_row)
        .optional()?;
    raw.map(cook_listing).transpose()
}

/// Removes a listing (its orders keep their products); what waits to be sent for it goes too.
pub fn delete_listing(
    conn: &Connection,
    id: Id,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<bool> {
    crate::sql::run(
        conn,
        "UPDATE sync_outbox SET state = 'discarded', updated_at = ?2
         WHERE kind = 'stock' AND subject = ?1 AND state IN ('pending', 'parked')",
        (id.to_string(), instant_to_text(now)),
    )?;
    let product: Option<String> = crate::sql::one(
        conn,
        "SELECT product_id FROM listings WHERE id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )
    .optional()?;
    let n = crate::sql::run(conn, "DELETE FROM listings WHERE id = ?1", [id.to_string()])?;
    if let Some(product) = product {
        // The listings left for the product share its stock among fewer.
        queue_product(conn, id_from_text(&product)?, now)?;
    }
    if n > 0 {
        changes::record(
            conn,
            now,
            origin,
            "listing",
            &id.to_string(),
            Action::Delete,
            &json!({}),
        )?;
    }
    Ok(n > 0)
}

/// How many listings sell this product.
pub fn listings_of_product(conn: &Connection, product: Id) -> Result<i64> {
    Ok(crate::sql::one(
        conn,
        "SELECT count(*) FROM listings WHERE product_id = ?1",
        [product.to_string()],
        |r| r.get(0),
    )?)
}

/// Thousandths of the product's stock unit that can still be promised to a buyer: on hand in
/// lots that have not expired by `today`, less what open orders (placed, paid, being packed) will
/// take whether or not their reservation found stock. An unpaid marketplace order already holds
/// its pieces on the marketplace, so it is counted as taken too.
pub fn sellable_milli(conn: &Connection, product: Id, today: NaiveDate) -> Result<i64> {
    let on_hand: i64 = crate::sql::one(
        conn,
        "SELECT coalesce(sum(on_hand_milli), 0) FROM lots INDEXED BY lots_product_fefo
         WHERE product_id = ?1 AND on_hand_milli > 0
           AND (best_before IS NULL OR best_before >= ?2)",
        (product.to_string(), date_text(today)),
        |r| r.get(0),
    )?;
    let promised: i64 = crate::sql::one(
        conn,
        // From the open orders (orders_state) to their lines, not through every line the
        // product ever had.
        "SELECT coalesce(sum(ol.stock_milli), 0) FROM orders o CROSS JOIN order_lines ol
         WHERE o.state IN ('waiting_payment', 'paid', 'packing') AND ol.order_id = o.id
           AND ol.product_id = ?1",
        [product.to_string()],
        |r| r.get(0),
    )?;
    Ok((on_hand - promised).max(0))
}

/// How far pulls got and how the last attempt went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    pub cursor: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_error: String,
    pub last_error_kind: String,
}

fn optional_instant(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.map(|t| instant_from_text(&t)).transpose()
}

type RawState = (
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

pub fn state(conn: &Connection) -> Result<SyncState> {
    let raw: Option<RawState> = conn
        .query_row(
            "SELECT cursor, last_success_at, last_attempt_at, last_error, last_error_kind
             FROM sync_state WHERE source = 'marketplace'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((cursor, success, attempt, last_error, last_error_kind)) = raw else {
        return Ok(SyncState::default());
    };
    Ok(SyncState {
        cursor: optional_instant(cursor)?,
        last_success_at: optional_instant(success)?,
        last_attempt_at: optional_instant(attempt)?,
        last_error,
        last_error_kind,
    })
}

fn ensure_state(conn: &Connection) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT OR IGNORE INTO sync_state (source) VALUES ('marketplace')",
        [],
    )?;
    Ok(())
}

/// The setting naming the marketplace account the cursor belongs to (a fingerprint of the gateway
/// and app key, never a secret).
const ACCOUNT_SETTING: &str = "marketplace_account";

/// Every order modified up to `cursor` has been read and stored from `account`. Kept only while
/// the settings still name that account (or name none yet): a round that began before new
/// settings were saved must not leave the old marketplace's cursor for the new one. Returns
/// whether it was kept.
pub fn set_cursor(conn: &Connection, cursor: DateTime<Utc>, account: &str) -> Result<bool> {
    ensure_state(conn)?;
    Ok(crate::sql::run(
        conn,
        "UPDATE sync_state SET cursor = ?1 WHERE source = 'marketplace'
           AND coalesce((SELECT value FROM settings WHERE key = ?2), ?3) = ?3",
        (instant_to_text(cursor), ACCOUNT_SETTING, account),
    )? > 0)
}

/// Names the marketplace account sync now reads. Another account than the one named before
/// (another marketplace or shop) forgets how far pulls got, in the same transaction: the next pull
/// starts from the first pull's reach again. (A shop that named none yet keeps its cursor: the
/// caller knows whether its settings changed.) Returns whether the account changed.
pub fn set_account(
    conn: &Connection,
    account: &str,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<bool> {
    let before: Option<String> = crate::sql::one(
        conn,
        "SELECT value FROM settings WHERE key = ?1",
        [ACCOUNT_SETTING],
        |r| r.get(0),
    )
    .optional()?;
    if before.as_deref() == Some(account) {
        return Ok(false);
    }
    crate::sql::run(
        conn,
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (ACCOUNT_SETTING, account),
    )?;
    changes::record(
        conn,
        now,
        origin,
        "setting",
        ACCOUNT_SETTING,
        Action::Update,
        &json!({ "account": account }),
    )?;
    if before.is_some() {
        reset_cursor(conn)?;
    }
    Ok(true)
}

/// Forgets how far pulls got (another marketplace or shop was connected): the next pull starts
/// from the first pull's reach again.
pub fn reset_cursor(conn: &Connection) -> Result<()> {
    crate::sql::run(
        conn,
        "UPDATE sync_state SET cursor = NULL WHERE source = 'marketplace'",
        [],
    )?;
    Ok(())
}

/// How a round of sync went: `error` empty means it worked.
pub fn record_attempt(
    conn: &Connection,
    at: DateTime<Utc>,
    error_kind: &str,
    error: &str,
) -> Result<()> {
    ensure_state(conn)?;
    let at = instant_to_text(at);
    if error_kind.is_empty() {
        crate::sql::run(
            conn,
            "UPDATE sync_state SET last_attempt_at = ?1, last_success_at = ?1, last_error = '',
                 last_error_kind = '' WHERE source = 'marketplace'",
            [at],
        )?;
    } else {
        crate::sql::run(
            conn,
            "UPDATE sync_state SET last_attempt_at = ?1, last_error = ?2, last_error_kind = ?3
             WHERE source = 'marketplace'",
            (at, error, error_kind),
        )?;
    }
    Ok(())
}

/// One thing waiting to be told to the marketplace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub state: String,
    /// Changes that joined the item (see `sent`).
    pub changes: i64,
    pub tries: u32,
    pub next_at: DateTime<Utc>,
    pub last_error: String,
    pub created_at: DateTime<Utc>,
}

type RawItem = (
    i64,
    String,
    String,
    String,
    i64,
    u32,
    String,
    String,
    String,
);

fn raw_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawItem> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn cook_item(raw: RawItem) -> Result<OutboxItem> {
    let (id, kind, subject, state, changes, tries, next_at, last_error, created_at) = raw;
    Ok(OutboxItem {
        id,
        kind,
        subject,
        state,
        changes,
        tries,
        next_at: instant_from_text(&next_at)?,
        last_error,
        created_at: instant_from_text(&created_at)?,
    })
}

const ITEM_COLUMNS: &str =
    "id, kind, subject, state, changes, tries, next_at, last_error, created_at";

/// Queues an item (joins a waiting one for the same order or listing).
pub fn queue(conn: &Connection, kind: &str, subject: &str, now: DateTime<Utc>) -> Result<()> {
    let now = instant_to_text(now);
    crate::sql::run(
        conn,
        "INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
         VALUES (?1, ?2, 'pending', ?3, ?3, ?3)
         ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1",
        (kind, subject, now),
    )?;
    Ok(())
}

/// Queues a stock push for every listing of a product.
pub fn queue_product(conn: &Connection, product: Id, now: DateTime<Utc>) -> Result<()> {
    let now = instant_to_text(now);
    crate::sql::run(
        conn,
        "INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
         SELECT 'stock', id, 'pending', ?2, ?2, ?2 FROM listings WHERE product_id = ?1
         ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1",
        (product.to_string(), now),
    )?;
    Ok(())
}

/// Queues a stock push for every listing (once a day: lots expire at midnight).
pub fn queue_all_listings(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    let now = instant_to_text(now);
    crate::sql::run(
        conn,
        "INSERT INTO sync_outbox (kind, subject, state, next_at, created_at, updated_at)
         SELECT 'stock', id, 'pending', ?1, ?1, ?1 FROM listings WHERE true
         ON CONFLICT (kind, subject) WHERE state = 'pending' DO UPDATE SET changes = changes + 1",
        [now],
    )?;
    Ok(())
}

/// Items due by `now`, oldest first.
pub fn due(conn: &Connection, now: DateTime<Utc>, limit: u32) -> Result<Vec<OutboxItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM sync_outbox WHERE state = 'pending' AND next_at <= ?1
         ORDER BY next_at, id LIMIT ?2"
    ))?;
    let raws = stmt
        .query_map((instant_to_text(now), limit), raw_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(cook_item).collect()
}

/// Items in a state (`pending`, `parked`), oldest first.
pub fn items(conn: &Connection, state: &str, limit: u32) -> Result<Vec<OutboxItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM sync_outbox WHERE state = ?1 ORDER BY id LIMIT ?2"
    ))?;
    let raws = stmt
        .query_map((state, limit), raw_item)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(cook_item).collect()
}

pub fn item(conn: &Connection, id: i64) -> Result<Option<OutboxItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM sync_outbox WHERE id = ?1"
    ))?;
    let raw = stmt.query_row([id], raw_item).optional()?;
    raw.map(cook_item).transpose()
}

/// What the status line counts: (pending, parked, held orders, open alerts). Each is its own
/// indexed count: the outbox only grows, and the window asks every few seconds.
pub fn counts(conn: &Connection) -> Result<(i64, i64, i64, i64)> {
    Ok(crate::sql::one(
        conn,
        "SELECT (SELECT count(*) FROM sync_outbox WHERE state = 'pending'),
                (SELECT count(*) FROM sync_outbox WHERE state = 'parked'),
                (SELECT count(*) FROM sync_held),
                (SELECT count(*) FROM sync_alerts WHERE seen_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

/// Marks everything waiting as done without sending it (the demo's history). Returns how many.
pub fn settle_outbox(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    Ok(crate::sql::run(
        conn,
        "UPDATE sync_outbox SET state = 'done', updated_at = ?1 WHERE state = 'pending'",
        [instant_to_text(now)],
    )?)
}

/// Everything waiting out a back-off is due now (the owner asked for a round). Returns how many.
pub fn make_due(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let now = instant_to_text(now);
    Ok(crate::sql::run(
        conn,
        "UPDATE sync_outbox SET next_at = ?1 WHERE state = 'pending' AND next_at > ?1",
        [now],
    )?)
}

/// Sent as it stood when `changes` was read: the item is done. A change that joined it while it was
/// being sent keeps it pending and due at once, so the newer state goes too. Returns whether it
/// is done.
pub fn sent(conn: &Connection, item: &OutboxItem, now: DateTime<Utc>) -> Result<bool> {
    let now = instant_to_text(now);
    let done = crate::sql::run(
        conn,
        "UPDATE sync_outbox SET state = 'done', last_error = '', updated_at = ?3
         WHERE id = ?1 AND changes = ?2",
        (item.id, item.changes, &now),
    )? > 0;
    if !done {
        crate::sql::run(
            conn,
            "UPDATE sync_outbox SET next_at = ?2, tries = 0, last_error = '', updated_at = ?2
             WHERE id = ?1",
            (item.id, &now),
        )?;
    }
    Ok(done)
}

/// Failed: try again at `next_at`, or park it (`next_at` None) for the owner.
pub fn failed(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    next_at: Option<DateTime<Utc>>,
    error: &str,
) -> Result<()> {
    let now = instant_to_text(now);
    match next_at {
        Some(next) => crate::sql::run(conn,
            "UPDATE sync_outbox SET tries = tries + 1, next_at = ?2, last_error = ?3, updated_at = ?4
             WHERE id = ?1",
            (id, instant_to_text(next), error, now),
        )?,
        None => crate::sql::run(conn,
            "UPDATE sync_outbox SET tries = tries + 1, state = 'parked', last_error = ?2, updated_at = ?3
             WHERE id = ?1",
            (id, error, now),
        )?,
    };
    Ok(())
}

/// Waits without counting a try (a rate-limit ban, the connection down): due again at `next_at`.
pub fn later(conn: &Connection, id: i64, next_at: DateTime<Utc>, error: &str) -> Result<()> {
    crate::sql::run(
        conn,
        "UPDATE sync_outbox SET next_at = ?2, last_error = ?3 WHERE id = ?1",
        (id, instant_to_text(next_at), error),
    )?;
    Ok(())
}

/// The owner's retry of a parked item: pending again with its tries reset. When a newer item for
/// the same subject is already waiting, the parked one is done instead (the newer one sends the
/// same, read at send time). Returns whether it was parked.
pub fn retry(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<bool> {
    let Some(found) = item(conn, id)? else {
        return Ok(false);
    };
    if found.state != "parked" {
        return Ok(false);
    }
    let now_text = instant_to_text(now);
    let waiting: bool = crate::sql::one(conn,
        "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = ?1 AND subject = ?2 AND state = 'pending')",
        (&found.kind, &found.subject),
        |r| r.get(0),
    )?;
    if waiting {
        crate::sql::run(
            conn,
            "UPDATE sync_outbox SET state = 'done', updated_at = ?2 WHERE id = ?1",
            (id, &now_text),
        )?;
    } else {
        crate::sql::run(
            conn,
            "UPDATE sync_outbox SET state = 'pending', tries = 0, next_at = ?2, updated_at = ?2
             WHERE id = ?1",
            (id, &now_text),
        )?;
    }
    Ok(true)
}

/// The owner's discard of a parked item. Returns whether it was parked.
pub fn discard(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<bool> {
    Ok(crate::sql::run(conn,
        "UPDATE sync_outbox SET state = 'discarded', updated_at = ?2 WHERE id = ?1 AND state = 'parked'",
        (id, instant_to_text(now)),
    )? > 0)
}

/// Raises an alert once per order and kind.
pub fn raise_alert(
    conn: &Connection,
    order: Id,
    kind: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT OR IGNORE INTO sync_alerts (order_id, kind, note, at) VALUES (?1, ?2, ?3, ?4)",
        (order.to_string(), kind, note, instant_to_text(at)),
    )?;
    Ok(())
}

/// An alert with the order's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRow {
    pub id: i64,
    pub order: Id,
    pub number: String,
    pub kind: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// Alerts the owner has not dismissed, newest first.
pub fn open_alerts(conn: &Connection) -> Result<Vec<AlertRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.order_id, o.number, a.kind, a.note, a.at FROM sync_alerts a
         JOIN orders o ON o.id = a.order_id WHERE a.seen_at IS NULL ORDER BY a.id DESC",
    )?;
    let raws = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter()
        .map(|(id, order, number, kind, note, at)| {
            Ok(AlertRow {
                id,
                order: id_from_text(&order)?,
                number,
                kind,
                note,
                at: instant_from_text(&at)?,
            })
        })
        .collect()
}

pub fn dismiss_alert(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<bool> {
    Ok(crate::sql::run(
        conn,
        "UPDATE sync_alerts SET seen_at = ?2 WHERE id = ?1 AND seen_at IS NULL",
        (id, instant_to_text(now)),
    )? > 0)
}

/// Keeps a platform order that cannot become an order yet (replaces what was held for it).
pub fn hold(
    conn: &Connection,
    platform_order_id: &str,
    data: &serde_json::Value,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT INTO sync_held (platform_order_id, data, reason, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (platform_order_id) DO UPDATE SET data = excluded.data,
             reason = excluded.reason, at = excluded.at",
        (
            platform_order_id,
            data.to_string(),
            reason,
            instant_to_text(at),
        ),
    )?;
    Ok(())
}

/// A platform order kept aside, as `hold` stored it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldRow {
    pub platform_order_id: String,
    pub data: serde_json::Value,
    pub reason: String,
}

/// Every held order, oldest first.
pub fn held(conn: &Connection) -> Result<Vec<HeldRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT platform_order_id, data, reason FROM sync_held ORDER BY at, platform_order_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let data: String = r.get(1)?;
            Ok(HeldRow {
                platform_order_id: r.get(0)?,
                data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
                reason: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn release_held(conn: &Connection, platform_order_id: &str) -> Result<()> {
    crate::sql::run(
        conn,
        "DELETE FROM sync_held WHERE platform_order_id = ?1",
        [platform_order_id],
    )?;
    Ok(())
}

/// The local order of a platform order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalOrder {
    pub id: Id,
    /// The order's state code (`paid`, `shipped`, ...).
    pub state: String,
}

/// The local order of a platform order, if it is stored.
pub fn order_of(conn: &Connection, platform_order_id: &str) -> Result<Option<LocalOrder>> {
    let raw: Option<(String, String)> = conn
        .query_row(
            "SELECT id, state FROM orders WHERE source = 'taobao' AND platform_order_id = ?1",
            [platform_order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    raw.map(|(id, state)| {
        Ok(LocalOrder {
            id: id_from_text(&id)?,
            state,
        })
    })
    .transpose()
}
