//! Purchases, lots and the stock ledger.
//!
//! Architecture Invariant: a lot's balances (on hand, reserved, cost on hand) change only through
//! [`post`], which appends the movement to `stock_ledger` and applies it to the lot in the same
//! transaction; [`check_balances`] proves the two agree. The schema's CHECKs refuse a balance that
//! would go negative, so two writers can never spend one lot twice.

use chrono::{DateTime, NaiveDate, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, Row};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{contains_pattern, id_from_text, instant_to_text, pinyin_pattern, Page};
use crate::{Result, StoreError};

/// A business date as stored.
pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn date_from_text(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::BadData(format!("not a date: {text:?}")))
}

/// One movement of stock in one lot: signed changes to its balances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement<'a> {
    pub lot: Id,
    pub kind: &'a str,
    pub on_hand_milli: i64,
    pub reserved_milli: i64,
    pub cost_fen: i64,
    pub reason: Option<&'a str>,
    pub note: &'a str,
    pub reference: Option<String>,
    pub business_date: NaiveDate,
}

/// Appends a movement to the ledger and applies it to the lot's balances. The movement records
/// the family member working at that moment (the setting `current_member`), if one is; a
/// movement made by marketplace sync records none, since no one at the shop made it.
pub fn post(conn: &Connection, m: &Movement<'_>, at: DateTime<Utc>, origin: Origin) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO stock_ledger (lot_id, kind, on_hand_milli, reserved_milli, cost_fen, reason, note, ref,
                                   business_date, at, origin, member_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                 (SELECT value FROM settings WHERE key = 'current_member' AND ?11 <> 'sync'))",
        rusqlite::params![
            m.lot.to_string(),
            m.kind,
            m.on_hand_milli,
            m.reserved_milli,
            m.cost_fen,
            m.reason,
            m.note,
            m.reference,
            date_text(m.business_date),
            instant_to_text(at),
            origin.code(),
        ],
    )?;
    let changed = crate::sql::run(
        conn,
        "UPDATE lots SET on_hand_milli = on_hand_milli + ?2, reserved_milli = reserved_milli + ?3,
                         cost_on_hand_fen = cost_on_hand_fen + ?4
         WHERE id = ?1",
        (
            m.lot.to_string(),
            m.on_hand_milli,
            m.reserved_milli,
            m.cost_fen,
        ),
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            entity: "lot",
            id: m.lot.to_string(),
        });
    }
    // The movement in the change log too, so that the log alone tells every change to stock
    // (what a second PC would replay); the ledger row stays the record balances are summed from.
    changes::record(
        conn,
        at,
        origin,
        "lot",
        &m.lot.to_string(),
        Action::Update,
        &json!({
            "movement": m.kind,
            "onHandMilli": m.on_hand_milli,
            "reservedMilli": m.reserved_milli,
            "costFen": m.cost_fen,
            "reason": m.reason,
            "ref": m.reference,
            "businessDate": date_text(m.business_date),
        }),
    )?;
    Ok(())
}

/// A new lot from one purchase line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLot {
    pub id: Id,
    pub product: Id,
    pub line_no: i64,
    pub grade: String,
    pub harvested_on: Option<NaiveDate>,
    pub best_before: Option<NaiveDate>,
    /// In the product's stock unit.
    pub quantity_milli: i64,
    pub entered_quantity: String,
    pub entered_unit: String,
    pub unit_price_e4: i64,
    pub cost_fen: i64,
}

/// A purchase receipt to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPurchase {
    pub id: Id,
    pub farmer: Id,
    pub received_on: NaiveDate,
    pub payment: String,
    pub note: String,
    pub lots: Vec<NewLot>,
}

impl NewPurchase {
    pub fn total_fen(&self) -> i64 {
        self.lots.iter().map(|l| l.cost_fen).sum()
    }
}

/// Records a purchase: the receipt, a lot per line and a `receive` movement per lot.
pub fn insert_purchase(
    conn: &Connection,
    p: &NewPurchase,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let stamp = instant_to_text(at);
    crate::sql::run(
        conn,
        "INSERT INTO purchases (id, farmer_id, received_on, payment, total_fen, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            p.id.to_string(),
            p.farmer.to_string(),
            date_text(p.received_on),
            &p.payment,
            p.total_fen(),
            &p.note,
            &stamp,
        ),
    )?;
    for lot in &p.lots {
        insert_lot(conn, lot, Some((p.id, lot.line_no)), p.received_on, &stamp)?;
        post(
            conn,
            &Movement {
                lot: lot.id,
                kind: "receive",
                on_hand_milli: lot.quantity_milli,
                reserved_milli: 0,
                cost_fen: lot.cost_fen,
                reason: None,
                note: "",
                reference: Some(p.id.to_string()),
                business_date: p.received_on,
            },
            at,
            origin,
        )?;
    }
    changes::record(
        conn,
        at,
        origin,
        "purchase",
        &p.id.to_string(),
        Action::Create,
        &json!({
            "farmerId": p.farmer.to_string(),
            "receivedOn": date_text(p.received_on),
            "payment": p.payment,
            "totalFen": p.total_fen(),
            "lots": p.lots.iter().map(|l| l.id.to_string()).collect::<Vec<_>>(),
        }),
    )?;
    Ok(())
}

/// A lot as listed, with its product and farmer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotRow {
    pub id: Id,
    pub product: Id,
    pub product_name: String,
    pub stock_unit: String,
    pub grade: String,
    pub farmer_name: Option<String>,
    pub received_on: NaiveDate,
    pub best_before: Option<NaiveDate>,
    pub on_hand_milli: i64,
    pub reserved_milli: i64,
    pub cost_on_hand_fen: i64,
    pub quantity_milli: i64,
    pub cost_fen: i64,
    /// The purchase the lot came from; `None` for what a production run made.
    pub purchase: Option<Id>,
}

const LOT_SELECT: &str = "SELECT l.id, l.product_id, p.name_zh, p.stock_unit, l.grade, f.name, l.received_on, l.best_before,
        l.on_hand_milli, l.reserved_milli, l.cost_on_hand_fen, l.quantity_milli, l.cost_fen, l.purchase_id
    FROM lots l
    JOIN products p ON p.id = l.product_id
    LEFT JOIN purchases pu ON pu.id = l.purchase_id
    LEFT JOIN farmers f ON f.id = pu.farmer_id";

type RawLot = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    [i64; 5],
    Option<String>,
);

fn raw_lot(r: &Row<'_>) -> rusqlite::Result<RawLot> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?],
        r.get(13)?,
    ))
}

fn cook_lot(raw: RawLot) -> Result<LotRow> {
    let (
        id,
        product,
        product_name,
        stock_unit,
        grade,
        farmer_name,
        received,
        best_before,
        n,
        purchase,
    ) = raw;
    Ok(LotRow {
        id: id_from_text(&id)?,
        product: id_from_text(&product)?,
        product_name,
        stock_unit,
        grade,
        farmer_name,
        received_on: date_from_text(&received)?,
        best_before: best_before.as_deref().map(date_from_text).transpose()?,
        on_hand_milli: n[0],
        reserved_milli: n[1],
        cost_on_hand_fen: n[2],
        quantity_milli: n[3],
        cost_fen: n[4],
        purchase: purchase.as_deref().map(id_from_text).transpose()?,
    })
}

pub fn get_lot(conn: &Connection, id: Id) -> Result<LotRow> {
    let sql = format!("{LOT_SELECT} WHERE l.id = ?1");
    crate::sql::get_one(conn, &sql, "lot", id, raw_lot, cook_lot)
}

/// Which lots to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotFilter {
    pub search: String,
    pub product: Option<Id>,
    pub include_empty: bool,
    /// Only lots in stock whose best-before is on or before this date (expired ones included).
    pub expiring_by: Option<NaiveDate>,
    pub limit: i64,
    pub offset: i64,
    /// Start after this lot (the last one of the page before) rather than at `offset`.
    pub after: Option<Id>,
}

/// Lots in stock in FEFO order (first expiry first, lots that keep last, then first received), or,
/// with `include_empty`, every lot newest first. The SQL is built from the filter so that SQLite can
/// use the partial index of lots in stock and skip the text match when there is no search.
pub fn list_lots(conn: &Connection, filter: &LotFilter) -> Result<Page<LotRow>> {
    let mut conditions = vec!["1"];
    if !filter.include_empty {
        conditions.push("l.on_hand_milli > 0");
    }
    if filter.product.is_some() {
        conditions.push("l.product_id = :product");
    }
    let expiring_by = filter.expiring_by.map(date_text);
    if expiring_by.is_some() {
        conditions.push(
            // Dates, not strings: a year past 9999 is stored as "+10000-01-01", which sorts
            // before "2026-..." as text; date() reads only real YYYY-MM-DD dates.
            "l.on_hand_milli > 0 AND date(l.best_before) IS NOT NULL
             AND date(l.best_before) <= date(:expiring)",
        );
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        conditions.push(
            "(p.name_zh LIKE :pattern ESCAPE '\\' OR p.search_key LIKE :pinyin ESCAPE '\\'
              OR l.grade LIKE :pattern ESCAPE '\\')",
        );
    }
    let condition = conditions.join(" AND ");
    let (order, key): (&str, &[&str]) = if filter.include_empty {
        ("l.received_on DESC, l.id DESC", &["l.received_on", "l.id"])
    } else {
        (
            "l.best_before IS NULL, l.best_before, l.received_on, l.id",
            &[
                "(l.best_before IS NULL)",
                "coalesce(l.best_before, '')",
                "l.received_on",
                "l.id",
            ],
        )
    };
    let product = filter.product.map(|p| p.to_string());
    let (pattern, pinyin) = (contains_pattern(search), pinyin_pattern(search));
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
    if product.is_some() {
        params.push((":product", &product));
    }
    if expiring_by.is_some() {
        params.push((":expiring", &expiring_by));
    }
    if !search.is_empty() {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    // Every lot, used up ones too, grows with the years: its count is kept by triggers
    // (migration 0013). Lots in stock are counted through their partial index.
    let total: i64 = if conditions == ["1"] {
        crate::sql::kept_count(conn, "lots")?
    } else {
        crate::sql::one(
            conn,
            &format!(
                "SELECT count(*) FROM lots l JOIN products p ON p.id = l.product_id WHERE {condition}"
            ),
            params.as_slice(),
            |r| r.get(0),
        )?
    };
    let (condition, after, offset) = crate::sql::page_start(
        conn,
        ("lots", "l"),
        key,
        filter.include_empty,
        filter.after,
        (&condition, filter.offset),
    )?;
    if let Some(after) = &after {
        params.push((":after", after));
    }
    params.push((":limit", &filter.limit));
    params.push((":offset", &offset));
    let mut stmt = conn.prepare_cached(&format!(
        "{LOT_SELECT} WHERE {condition} ORDER BY {order} LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(params.as_slice(), raw_lot)?;
    let mut items = Vec::new();
    for row in rows {
        items.push(cook_lot(row?)?);
    }
    Ok(Page { items, total })
}

/// A purchase as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseRow {
    pub id: Id,
    pub farmer: Id,
    pub farmer_name: String,
    pub received_on: NaiveDate,
    pub payment: String,
    pub total_fen: i64,
    pub note: String,
    pub created_at: String,
    pub lines: Vec<PurchaseLineRow>,
    /// When and why the receipt was reversed, if it was.
    pub reversed: Option<(NaiveDate, String)>,
}

/// One line of a purchase, with the lot it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseLineRow {
    pub lot: Id,
    pub product: Id,
    pub product_name: String,
    pub grade: String,
    pub entered_quantity: String,
    pub entered_unit: String,
    pub unit_price_e4: i64,
    pub cost_fen: i64,
    pub best_before: Option<NaiveDate>,
}

const PURCHASE_SELECT: &str =
    "SELECT pu.id, pu.farmer_id, f.name, pu.received_on, pu.payment, pu.total_fen, pu.note, pu.created_at,
            r.reversed_on, r.reason
     FROM purchases pu JOIN farmers f ON f.id = pu.farmer_id
     LEFT JOIN purchase_reversals r ON r.purchase_id = pu.id";

type RawPurchase = ([String; 5], i64, String, String, [Option<String>; 2]);

fn raw_purchase(r: &Row<'_>) -> rusqlite::Result<RawPurchase> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        [r.get(8)?, r.get(9)?],
    ))
}

/// A purchase without its lines (see [`with_lines`]).
fn cook_purchase(raw: RawPurchase) -> Result<PurchaseRow> {
    let ([id, farmer, farmer_name, received, payment], total_fen, note, created_at, [on, why]) =
        raw;
    let reversed = match (on, why) {
        (Some(on), Some(why)) => Some((date_from_text(&on)?, why)),
        _ => None,
    };
    Ok(PurchaseRow {
        id: id_from_text(&id)?,
        farmer: id_from_text(&farmer)?,
        farmer_name,
        received_on: date_from_text(&received)?,
        payment,
        total_fen,
        note,
        created_at,
        lines: Vec::new(),
        reversed,
    })
}

/// Purchases, newest first; search by farmer name (also pinyin). One page: from `offset`, or
/// after the purchase `after` (the last one of the page before) when it is given and still there.
pub fn list_purchases(
    conn: &Connection,
    search: &str,
    limit: i64,
    offset: i64,
    after: Option<Id>,
) -> Result<Page<PurchaseRow>> {
    let (pattern, pinyin) = (contains_pattern(search.trim()), pinyin_pattern(search));
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
    // Without a search: every purchase, counted by the trigger-kept count (migration 0013), and
    // no `LIKE '%%'` on every row; the first page then costs the same after years of purchases.
    let (condition, total) = if search.trim().is_empty() {
        ("1", crate::sql::kept_count(conn, "purchases")?)
    } else {
        let condition =
            "(f.name LIKE :pattern ESCAPE '\\' OR f.search_key LIKE :pinyin ESCAPE '\\')";
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
        let total = crate::sql::one(conn,
            &format!("SELECT count(*) FROM purchases pu JOIN farmers f ON f.id = pu.farmer_id WHERE {condition}"),
            params.as_slice(),
            |r| r.get(0),
        )?;
        (condition, total)
    };
    let (condition, after, offset) = crate::sql::page_start(
        conn,
        ("purchases", "pu"),
        &["pu.received_on", "pu.id"],
        true,
        after,
        (condition, offset),
    )?;
    if let Some(after) = &after {
        params.push((":after", after));
    }
    params.push((":limit", &limit));
    params.push((":offset", &offset));
    let mut stmt = conn.prepare_cached(&format!(
        "{PURCHASE_SELECT} WHERE {condition} ORDER BY pu.received_on DESC, pu.id DESC LIMIT :limit OFFSET :offset"
    ))?;
    let heads = stmt
        .query_map(params.as_slice(), raw_purchase)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = heads
        .into_iter()
        .map(cook_purchase)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page {
        items: with_lines(conn, items)?,
        total,
    })
}

/// One purchase by id, with its lines.
pub fn get_purchase(conn: &Connection, id: Id) -> Result<PurchaseRow> {
    let sql = format!("{PURCHASE_SELECT} WHERE pu.id = ?1");
    let head = crate::sql::get_one(conn, &sql, "purchase", id, raw_purchase, cook_purchase)?;
    Ok(with_lines(conn, vec![head])?.remove(0))
}

/// Fills in the lines of `purchases` with one query for all of them, not one per purchase.
fn with_lines(conn: &Connection, mut purchases: Vec<PurchaseRow>) -> Result<Vec<PurchaseRow>> {
    crate::sql::fill_children(
        conn,
        &mut purchases,
        |p| p.id,
        "SELECT l.purchase_id, l.id, l.product_id, p.name_zh, l.grade, l.entered_quantity, l.entered_unit,
                l.unit_price_e4, l.cost_fen, l.best_before
         FROM lots l JOIN products p ON p.id = l.product_id
         WHERE l.purchase_id IN (SELECT value FROM json_each(?1))
         ORDER BY l.purchase_id, l.line_no",
        |r| {
            Ok((
                [
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
                [r.get::<_, i64>(7)?, r.get(8)?],
                r.get::<_, Option<String>>(9)?,
            ))
        },
        |p, ([lot, product, product_name, grade, quantity, unit], [price, cost], best_before)| {
            p.lines.push(PurchaseLineRow {
                lot: id_from_text(&lot)?,
                product: id_from_text(&product)?,
                product_name,
                grade,
                entered_quantity: quantity,
                entered_unit: unit,
                unit_price_e4: price,
                cost_fen: cost,
                best_before: best_before.as_deref().map(date_from_text).transpose()?,
            });
            Ok(())
        },
    )?;
    Ok(purchases)
}

/// Lots whose balances differ from the sum of their ledger rows, as sentences; empty when all agree.
pub fn check_balances(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.on_hand_milli, l.reserved_milli, l.cost_on_hand_fen,
                coalesce(sum(s.on_hand_milli), 0), coalesce(sum(s.reserved_milli), 0), coalesce(sum(s.cost_fen), 0)
         FROM lots l LEFT JOIN stock_ledger s ON s.lot_id = l.id
         GROUP BY l.id
         HAVING l.on_hand_milli <> coalesce(sum(s.on_hand_milli), 0)
             OR l.reserved_milli <> coalesce(sum(s.reserved_milli), 0)
             OR l.cost_on_hand_fen <> coalesce(sum(s.cost_fen), 0)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "lot {}: balances (on hand {}, reserved {}, cost {}) but ledger (on hand {}, reserved {}, cost {})",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A payment to a farmer to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub id: Id,
    pub farmer: Id,
    pub paid_on: NaiveDate,
    pub amount_fen: i64,
    pub method: String,
    pub note: String,
}

/// Records a payment to a farmer.
pub fn insert_payment(
    conn: &Connection,
    p: &NewPayment,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT INTO farmer_payments (id, farmer_id, paid_on, amount_fen, method, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            p.id.to_string(),
            p.farmer.to_string(),
            date_text(p.paid_on),
            p.amount_fen,
            &p.method,
            &p.note,
            instant_to_text(at),
        ),
    )?;
    changes::record(
        conn,
        at,
        origin,
        "farmer_payment",
        &p.id.to_string(),
        Action::Create,
        &json!({
            "farmerId": p.farmer.to_string(),
            "paidOn": date_text(p.paid_on),
            "amountFen": p.amount_fen,
            "method": p.method,
        }),
    )?;
    Ok(())
}

/// What the shop owes one farmer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FarmerBalance {
    pub farmer: Id,
    pub farmer_name: String,
    pub village: String,
    /// Totals of purchases left owed (reversed receipts not counted).
    pub owed_fen: i64,
    pub paid_fen: i64,
}

impl FarmerBalance {
    pub fn balance_fen(&self) -> i64 {
        self.owed_fen - self.paid_fen
    }
}

/// A farmer's balance from `farmer_accounts`, which triggers keep beside the purchases, reversals
/// and payments (migration 0013): what owed purchases not reversed came to, and what was paid.
const BALANCE_SELECT: &str =
    "SELECT f.id, f.name, f.village, a.owed_fen AS owed, a.paid_fen AS paid
    FROM farmers f JOIN farmer_accounts a ON a.farmer_id = f.id";

fn raw_balance(r: &Row<'_>) -> rusqlite::Result<(String, String, String, i64, i64)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn cook_balance(
    (id, farmer_name, village, owed_fen, paid_fen): (String, String, String, i64, i64),
) -> Result<FarmerBalance> {
    Ok(FarmerBalance {
        farmer: id_from_text(&id)?,
        farmer_name,
        village,
        owed_fen,
        paid_fen,
    })
}

/// How the shop has been settling with one farmer, as the forms' defaults: the payment of the
/// farmer's most recently entered purchase that was not reversed (a wrong entry says nothing of
/// the habit), and the method of the most recently entered payment to them. `None` for a farmer
/// never bought from or never paid. Derived, never stored: what was entered last is the habit.
pub fn farmer_habits(conn: &Connection, farmer: Id) -> Result<(Option<String>, Option<String>)> {
    use rusqlite::OptionalExtension;
    let farmer = farmer.to_string();
    let payment = conn
        .query_row(
            "SELECT p.payment FROM purchases p
             WHERE p.farmer_id = ?1
               AND NOT EXISTS (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = p.id)
             ORDER BY p.created_at DESC, p.id DESC LIMIT 1",
            [&farmer],
            |r| r.get::<_, String>(0),
        )
        .optional()?;
    let method = conn
        .query_row(
            "SELECT method FROM farmer_payments WHERE farmer_id = ?1
             ORDER BY created_at DESC, id DESC LIMIT 1",
            [&farmer],
            |r| r.get::<_, String>(0),
        )
        .optional()?;
    Ok((payment, method))
}

/// One farmer's balance.
pub fn farmer_balance(conn: &Connection, farmer: Id) -> Result<FarmerBalance> {
    let sql = format!("{BALANCE_SELECT} WHERE f.id = ?1");
    crate::sql::get_one(conn, &sql, "farmer", farmer, raw_balance, cook_balance)
}

/// Farmers the shop has dealt with on credit (or, with `all`, every farmer), largest balance first.
pub fn farmer_balances(
    conn: &Connection,
    search: &str,
    all: bool,
    limit: i64,
    offset: i64,
) -> Result<Page<FarmerBalance>> {
    let (pattern, pinyin) = (contains_pattern(search.trim()), pinyin_pattern(search));
    // No `LIKE '%%'` on every row when there is nothing to find.
    let searching = !search.trim().is_empty();
    let find = if searching {
        "(f.name LIKE :pattern ESCAPE '\\' OR f.search_key LIKE :pinyin ESCAPE '\\')"
    } else {
        "1"
    };
    let sql = format!("{BALANCE_SELECT} WHERE (:all OR owed <> 0 OR paid <> 0) AND {find}");
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":all", &all)];
    if searching {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    // The default view (no search, settled farmers hidden) reads its count kept by triggers
    // (migration 0014) instead of counting every farmer the shop has had.
    let total: i64 = if !searching && !all {
        crate::sql::kept_count(conn, "farmer_accounts:open")?
    } else {
        crate::sql::one(
            conn,
            &format!("SELECT count(*) FROM ({sql})"),
            params.as_slice(),
            |r| r.get(0),
        )?
    };
    params.push((":limit", &limit));
    params.push((":offset", &offset));
    let mut stmt = conn.prepare_cached(&format!(
        // Read in the order of the accounts' balance index (migration 0014), which stops after
        // `limit` rows however many farmers the shop has had.
        "{sql} ORDER BY a.owed_fen - a.paid_fen DESC, a.farmer_id LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(params.as_slice(), raw_balance)?;
    let mut items = Vec::new();
    for row in rows {
        items.push(cook_balance(row?)?);
    }
    Ok(Page { items, total })
}

/// Stock of one product over its lots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductStock {
    pub on_hand_milli: i64,
    pub reserved_milli: i64,
    pub cost_on_hand_fen: i64,
    pub lots: i64,
}

/// Sums the lots of one product that have stock (served by the partial FEFO index).
pub fn product_stock(conn: &Connection, product: Id) -> Result<ProductStock> {
    Ok(crate::sql::one(
        conn,
        "SELECT coalesce(sum(on_hand_milli), 0), coalesce(sum(reserved_milli), 0),
                coalesce(sum(cost_on_hand_fen), 0), count(*)
         FROM lots INDEXED BY lots_product_fefo WHERE product_id = ?1 AND on_hand_milli > 0",
        [product.to_string()],
        |r| {
            Ok(ProductStock {
                on_hand_milli: r.get(0)?,
                reserved_milli: r.get(1)?,
                cost_on_hand_fen: r.get(2)?,
                lots: r.get(3)?,
            })
        },
    )?)
}

/// What all stock on hand cost, in fen, and how many lots hold it.
pub fn inventory_value(conn: &Connection) -> Result<(i64, i64)> {
    Ok(crate::sql::one(
        conn,
        "SELECT coalesce(sum(cost_on_hand_fen), 0), count(*) FROM lots WHERE on_hand_milli > 0",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// A lot in stock as FEFO sees it, with what it holds and what that cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FefoLot {
    pub stock: farmstall_domain::fefo::LotStock,
    pub on_hand_milli: i64,
    pub cost_on_hand_fen: i64,
}

/// The lots of one product with stock, in FEFO order (served by the partial FEFO index).
pub fn fefo_lots(conn: &Connection, product: Id) -> Result<Vec<FefoLot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, best_before, received_on, on_hand_milli - reserved_milli, on_hand_milli, cost_on_hand_fen
         FROM lots INDEXED BY lots_product_fefo WHERE product_id = ?1 AND on_hand_milli > 0
         ORDER BY best_before IS NULL, best_before, received_on, id",
    )?;
    let rows = stmt
        .query_map([product.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                [r.get::<_, i64>(3)?, r.get(4)?, r.get(5)?],
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, best_before, received, [available, on_hand, cost])| {
            Ok(FefoLot {
                stock: farmstall_domain::fefo::LotStock {
                    lot: id_from_text(&id)?,
                    best_before: best_before.as_deref().map(date_from_text).transpose()?,
                    received_on: date_from_text(&received)?,
                    available_milli: available,
                },
                on_hand_milli: on_hand,
                cost_on_hand_fen: cost,
            })
        })
        .collect()
}

/// A lot that a production run made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeLot {
    pub id: Id,
    pub product: Id,
    pub made_on: NaiveDate,
    pub best_before: Option<NaiveDate>,
    pub quantity_milli: i64,
    pub entered_quantity: String,
    pub entered_unit: String,
    pub unit_price_e4: i64,
    pub cost_fen: i64,
}

/// Creates an empty lot for what a production run made; the run posts its `produce_in`.
pub fn insert_made_lot(conn: &Connection, lot: &MadeLot, at: DateTime<Utc>) -> Result<()> {
    let new = NewLot {
        id: lot.id,
        product: lot.product,
        line_no: 0,
        grade: String::new(),
        harvested_on: Some(lot.made_on),
        best_before: lot.best_before,
        quantity_milli: lot.quantity_milli,
        entered_quantity: lot.entered_quantity.clone(),
        entered_unit: lot.entered_unit.clone(),
        unit_price_e4: lot.unit_price_e4,
        cost_fen: lot.cost_fen,
    };
    insert_lot(conn, &new, None, lot.made_on, &instant_to_text(at))
}

/// Inserts an empty lot (its first movement fills it): a purchase line (`from` = the purchase
/// and line number) or what a run made (`from` = `None`).
fn insert_lot(
    conn: &Connection,
    lot: &NewLot,
    from: Option<(Id, i64)>,
    received_on: NaiveDate,
    stamp: &str,
) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO lots (id, product_id, purchase_id, line_no, grade, received_on, harvested_on, best_before,
                           quantity_milli, entered_quantity, entered_unit, unit_price_e4, cost_fen,
                           on_hand_milli, reserved_milli, cost_on_hand_fen, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, 0, 0, ?14)",
        rusqlite::params![
            lot.id.to_string(),
            lot.product.to_string(),
            from.map(|(purchase, _)| purchase.to_string()),
            from.map(|(_, line)| line),
            lot.grade,
            date_text(received_on),
            lot.harvested_on.map(date_text),
            lot.best_before.map(date_text),
            lot.quantity_milli,
            lot.entered_quantity,
            lot.entered_unit,
            lot.unit_price_e4,
            lot.cost_fen,
            stamp,
        ],
    )?;
    Ok(())
}

/// Records that a purchase was reversed and empties its lots with `reverse` movements. The caller
/// has checked that no lot was used.
pub fn insert_reversal(
    conn: &Connection,
    purchase: &PurchaseRow,
    reversed_on: NaiveDate,
    reason: &str,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO purchase_reversals (purchase_id, reversed_on, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
        (
            purchase.id.to_string(),
            date_text(reversed_on),
            reason,
            instant_to_text(at),
        ),
    )?;
    for line in &purchase.lines {
        let lot = get_lot(conn, line.lot)?;
        post(
            conn,
            &Movement {
                lot: lot.id,
                kind: "reverse",
                on_hand_milli: -lot.on_hand_milli,
                reserved_milli: 0,
                cost_fen: -lot.cost_on_hand_fen,
                reason: None,
                note: reason,
                reference: Some(purchase.id.to_string()),
                business_date: reversed_on,
            },
            at,
            origin,
        )?;
    }
    changes::record(
        conn,
        at,
        origin,
        "purchase",
        &purchase.id.to_string(),
        Action::Update,
        &json!({ "reversedOn": date_text(reversed_on), "reason": reason }),
    )?;
    Ok(())
}

/// One lot's line of a stock count, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountLine {
    pub lot: Id,
    /// Counted minus on hand.
    pub difference_milli: i64,
    /// The cost that arrives (found) or leaves (lost) with the difference, signed like it.
    pub cost_fen: i64,
}

/// Records a stock count and its `adjust` movements (reason `count`) for the lines that differ.
pub fn insert_count(
    conn: &Connection,
    id: Id,
    counted_on: NaiveDate,
    note: &str,
    lines: &[CountLine],
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let adjusted = lines.iter().filter(|l| l.difference_milli != 0).count();
    crate::sql::run(conn,
        "INSERT INTO stock_counts (id, counted_on, lots, adjusted, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![
            id.to_string(),
            date_text(counted_on),
            i64::try_from(lines.len()).unwrap_or(i64::MAX),
            i64::try_from(adjusted).unwrap_or(i64::MAX),
            note,
            instant_to_text(at),
        ],
    )?;
    for line in lines.iter().filter(|l| l.difference_milli != 0) {
        post(
            conn,
            &Movement {
                lot: line.lot,
                kind: "adjust",
                on_hand_milli: line.difference_milli,
                reserved_milli: 0,
                cost_fen: line.cost_fen,
                reason: Some("count"),
                note,
                reference: Some(id.to_string()),
                business_date: counted_on,
            },
            at,
            origin,
        )?;
    }
    changes::record(
        conn,
        at,
        origin,
        "stock_count",
        &id.to_string(),
        Action::Create,
        &json!({ "countedOn": date_text(counted_on), "lots": lines.len(), "adjusted": adjusted }),
    )?;
    Ok(())
}

/// What a document (an order) still holds reserved in each lot: the sum of its ledger rows'
/// reserved quantities, per lot, where positive.
pub fn reserved_by(conn: &Connection, reference: &str) -> Result<Vec<(Id, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lot_id, sum(reserved_milli) FROM stock_ledger WHERE ref = ?1
         GROUP BY lot_id HAVING sum(reserved_milli) > 0 ORDER BY lot_id",
    )?;
    let rows = stmt
        .query_map([reference], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(lot, milli)| Ok((id_from_text(&lot)?, milli)))
        .collect()
}

/// What a document (a packed order) has taken out of each lot and not put back: (lot, thousandths,
/// fen), from its `allocate` and `return` ledger rows.
pub fn taken_by(conn: &Connection, reference: &str) -> Result<Vec<(Id, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lot_id, -sum(on_hand_milli), -sum(cost_fen) FROM stock_ledger
         WHERE ref = ?1 AND kind IN ('allocate', 'return')
         GROUP BY lot_id HAVING sum(on_hand_milli) < 0 ORDER BY lot_id",
    )?;
    let rows = stmt
        .query_map([reference], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(lot, milli, fen)| Ok((id_from_text(&lot)?, milli, fen)))
        .collect()
}
