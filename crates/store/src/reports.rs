//! Reports: stock by product, products at or below their reorder point, losses by month and
//! purchases by farmer and month.
//!
//! Every report filters, groups, sums and pages in SQL, so a page costs the same whether the shop
//! is one season or five years old, and every total is an integer sum of fen (or thousandths of a
//! stock unit) that agrees exactly with the rows it covers. Months are `YYYY-MM` text, compared as
//! prefixes of the stored `YYYY-MM-DD` business dates.

use chrono::{Datelike, Months, NaiveDate};
use farmstall_domain::Id;
use rusqlite::{named_params, Connection, Row};

use crate::sql::{contains_pattern, id_from_text, pinyin_pattern, ListFilter, Page};
use crate::{Result, StoreError};

/// One product's stock summed over its lots in stock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductStockRow {
    pub product: Id,
    pub product_name: String,
    pub kind: String,
    pub stock_unit: String,
    pub archived: bool,
    pub reorder_point_milli: Option<i64>,
    pub on_hand_milli: i64,
    pub reserved_milli: i64,
    pub cost_on_hand_fen: i64,
    /// Lots of this product with stock.
    pub lots: i64,
    /// The earliest best-before date among those lots, as stored (`YYYY-MM-DD`); `None` when none
    /// of them has one (or there are none).
    pub next_best_before: Option<String>,
}

impl ProductStockRow {
    /// On hand minus reserved for orders.
    pub fn available_milli(&self) -> i64 {
        self.on_hand_milli - self.reserved_milli
    }

    /// An active product whose available stock has fallen to its reorder point (the rows of
    /// [`low_stock`]).
    pub fn is_low(&self) -> bool {
        !self.archived
            && self
                .reorder_point_milli
                .is_some_and(|point| self.available_milli() <= point)
    }
}

/// Products matching a list filter, as in the products list: archived ones only when asked, by
/// Chinese or English name or pinyin, and by kind. Parameters `:archived`, `:pattern`, `:pinyin`,
/// `:kind`.
fn product_filter(search: &str) -> &'static str {
    if search.trim().is_empty() {
        // No `LIKE '%%'` on every product when there is nothing to find.
        "(:archived OR p.archived_at IS NULL) AND (:kind IS NULL OR p.kind = :kind)"
    } else {
        "(:archived OR p.archived_at IS NULL)
         AND (p.name_zh LIKE :pattern ESCAPE '\\' OR coalesce(p.name_en, '') LIKE :pattern ESCAPE '\\'
              OR p.search_key LIKE :pinyin ESCAPE '\\')
         AND (:kind IS NULL OR p.kind = :kind)"
    }
}

/// The columns of a [`ProductStockRow`] from `p` (products) grouped with `l` (its lots in stock).
const STOCK_COLUMNS: &str = "p.id, p.name_zh, p.kind, p.stock_unit, p.archived_at IS NOT NULL,
    p.reorder_point_milli, coalesce(sum(l.on_hand_milli), 0), coalesce(sum(l.reserved_milli), 0),
    coalesce(sum(l.cost_on_hand_fen), 0), count(l.id), min(l.best_before)";

type RawStock = ([String; 4], bool, Option<i64>, [i64; 4], Option<String>);

fn raw_stock(r: &Row<'_>) -> rusqlite::Result<RawStock> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?],
        r.get(4)?,
        r.get(5)?,
        [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?],
        r.get(10)?,
    ))
}

fn cook_stock(raw: RawStock) -> Result<ProductStockRow> {
    let ([id, product_name, kind, stock_unit], archived, reorder_point_milli, n, next_best_before) =
        raw;
    Ok(ProductStockRow {
        product: id_from_text(&id)?,
        product_name,
        kind,
        stock_unit,
        archived,
        reorder_point_milli,
        on_hand_milli: n[0],
        reserved_milli: n[1],
        cost_on_hand_fen: n[2],
        lots: n[3],
        next_best_before,
    })
}

fn stock_rows(
    conn: &Connection,
    sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<ProductStockRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, raw_stock)?;
    let mut items = Vec::new();
    for row in rows {
        items.push(cook_stock(row?)?);
    }
    Ok(items)
}

/// A page of stock by product, and what all stock of the matching products cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockByProduct {
    pub page: Page<ProductStockRow>,
    /// Cost on hand of every product matching the filter, not only this page.
    pub value_fen: i64,
}

/// Stock of each product matching `filter` (products without stock too, with zeros), in pinyin
/// order. The page of products is chosen first and only its lots are summed, through the partial
/// index of lots in stock; the value sums the lots of every matching product.
///
/// `INDEXED BY lots_product_fefo` here and wherever one product's lots in stock are read: left
/// to itself, SQLite takes `lots_product_received`, every lot the product ever had, and checks
/// each one's stock, which grew with the years (16 ms on one year, 30 on five; 0.4 with it).
pub fn stock_by_product(conn: &Connection, filter: &ListFilter) -> Result<StockByProduct> {
    let (pattern, pinyin) = (
        contains_pattern(filter.search.trim()),
        pinyin_pattern(&filter.search),
    );
    let products = product_filter(&filter.search);
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![
        (":archived", &filter.include_archived),
        (":kind", &filter.kind),
    ];
    if !filter.search.trim().is_empty() {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    let (total, value_fen): (i64, i64) = crate::sql::one(
        conn,
        &format!(
            "SELECT count(*), coalesce(sum((SELECT sum(l.cost_on_hand_fen) FROM lots l INDEXED BY lots_product_fefo
                                            WHERE l.product_id = p.id AND l.on_hand_milli > 0)), 0)
             FROM products p WHERE {products}"
        ),
        params.as_slice(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let items = stock_rows(
        conn,
        &format!(
            "SELECT {STOCK_COLUMNS}
             FROM (SELECT * FROM products p WHERE {products}
                   ORDER BY p.sort_key, p.id LIMIT :limit OFFSET :offset) p
             LEFT JOIN lots l INDEXED BY lots_product_fefo
                  ON l.product_id = p.id AND l.on_hand_milli > 0
             GROUP BY p.id
             ORDER BY p.sort_key, p.id"
        ),
        &params,
    )?;
    Ok(StockByProduct {
        page: Page { items, total },
        value_fen,
    })
}

/// Active products with a reorder point whose available stock (on hand − reserved over their
/// lots) is at or below it, most short first (available − reorder point ascending), then in pinyin
/// order. `filter.search` and `filter.kind` narrow the list; archived products never appear.
pub fn low_stock(conn: &Connection, filter: &ListFilter) -> Result<Page<ProductStockRow>> {
    let (pattern, pinyin) = (
        contains_pattern(filter.search.trim()),
        pinyin_pattern(&filter.search),
    );
    let products = product_filter(&filter.search);
    // `products_reorder` (partial: reorder point set, not archived) gives the candidates; each
    // one's lots are summed through the partial index of lots in stock.
    let low = format!(
        "SELECT {STOCK_COLUMNS},
                coalesce(sum(l.on_hand_milli - l.reserved_milli), 0) - p.reorder_point_milli AS short
         FROM products p
         LEFT JOIN lots l INDEXED BY lots_product_fefo
              ON l.product_id = p.id AND l.on_hand_milli > 0
         WHERE p.reorder_point_milli IS NOT NULL AND p.archived_at IS NULL AND {products}
         GROUP BY p.id
         HAVING short <= 0"
    );
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
        vec![(":archived", &false), (":kind", &filter.kind)];
    if !filter.search.trim().is_empty() {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    let total: i64 = crate::sql::one(
        conn,
        &format!("SELECT count(*) FROM ({low})"),
        params.as_slice(),
        |r| r.get(0),
    )?;
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let items = stock_rows(
        conn,
        &format!("{low} ORDER BY short, p.sort_key, p.id LIMIT :limit OFFSET :offset"),
        &params,
    )?;
    Ok(Page { items, total })
}

/// A calendar month (`YYYY-MM`), the unit of the monthly reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The month of a date.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    /// `None` unless `month` is 1 to 12 and the year is one chrono can hold.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The month `n` months later (earlier for negative `n`); saturates at chrono's limits.
    pub fn plus(self, n: i32) -> Month {
        let moved = if n >= 0 {
            self.first.checked_add_months(Months::new(n.unsigned_abs()))
        } else {
            self.first.checked_sub_months(Months::new(n.unsigned_abs()))
        };
        Month {
            first: moved.unwrap_or(self.first),
        }
    }

    /// Months from `self` to `later` (0 for the same month; negative if `later` is earlier).
    pub fn months_until(self, later: Month) -> i64 {
        let index = |m: Month| i64::from(m.first.year()) * 12 + i64::from(m.first.month0());
        index(later) - index(self)
    }

    /// As stored and shown: `2026-09`.
    pub fn text(self) -> String {
        self.first.format("%Y-%m").to_string()
    }
}

/// The range of business dates `from..=to` covers, as the `[start, end)` text bounds of stored
/// dates: `("2026-01-01", "2026-04-01")` for January to March.
fn date_bounds(from: Month, to: Month) -> (String, String) {
    let day = |m: Month| m.first_day().format("%Y-%m-%d").to_string();
    (day(from), day(to.plus(1)))
}

/// Cost lost in one month, by reason, in fen: positive is a loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpoilageMonthRow {
    pub month: Month,
    pub spoiled_fen: i64,
    pub damaged_fen: i64,
    pub sample_fen: i64,
    pub own_use_fen: i64,
    /// Net of stock-count adjustments: positive = stock lost, negative = stock found.
    pub count_fen: i64,
}

impl SpoilageMonthRow {
    pub fn total_fen(&self) -> i64 {
        self.spoiled_fen + self.damaged_fen + self.sample_fen + self.own_use_fen + self.count_fen
    }
}

/// Cost of stock lost per month from `from` to `to` (both included), oldest first, every month of
/// the range present (zeros where nothing was lost): waste by reason, plus stock-count adjustments.
/// The months are generated in SQL and the losses are read from the `stock_ledger_losses` index.
pub fn spoilage_by_month(
    conn: &Connection,
    from: Month,
    to: Month,
) -> Result<Vec<SpoilageMonthRow>> {
    if from > to {
        return Ok(Vec::new());
    }
    let (start, end) = date_bounds(from, to);
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE months (month) AS (
             SELECT :from
             UNION ALL
             SELECT strftime('%Y-%m', month || '-01', '+1 month') FROM months WHERE month < :to
         ),
         lost AS (
             SELECT substr(business_date, 1, 7) AS month,
                    -sum(CASE WHEN kind = 'waste' AND reason = 'spoiled' THEN cost_fen ELSE 0 END) AS spoiled,
                    -sum(CASE WHEN kind = 'waste' AND reason = 'damaged' THEN cost_fen ELSE 0 END) AS damaged,
                    -sum(CASE WHEN kind = 'waste' AND reason = 'sample' THEN cost_fen ELSE 0 END) AS sample,
                    -sum(CASE WHEN kind = 'waste' AND reason = 'own_use' THEN cost_fen ELSE 0 END) AS own_use,
                    -sum(CASE WHEN reason = 'count' THEN cost_fen ELSE 0 END) AS counted
             FROM stock_ledger
             WHERE kind IN ('waste', 'adjust') AND business_date >= :start AND business_date < :end
               AND (kind = 'waste' OR reason = 'count')
               -- Goods a buyer sent back and that were written off are in that order's cost.
               AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = stock_ledger.ref)
             GROUP BY 1
         )
         SELECT m.month, coalesce(l.spoiled, 0), coalesce(l.damaged, 0), coalesce(l.sample, 0),
                coalesce(l.own_use, 0), coalesce(l.counted, 0)
         FROM months m LEFT JOIN lost l ON l.month = m.month
         ORDER BY m.month",
    )?;
    let rows = stmt.query_map(
        named_params! {
            ":from": from.text(),
            ":to": to.text(),
            ":start": start,
            ":end": end,
        },
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        },
    )?;
    let mut months = Vec::new();
    // The months come back in order from `from`, one each.
    let mut month = from;
    for row in rows {
        let (text, [spoiled_fen, damaged_fen, sample_fen, own_use_fen, count_fen]): (
            String,
            [i64; 5],
        ) = row?;
        if text != month.text() {
            return Err(StoreError::BadData(format!(
                "spoilage report: expected month {}, got {text:?}",
                month.text()
            )));
        }
        months.push(SpoilageMonthRow {
            month,
            spoiled_fen,
            damaged_fen,
            sample_fen,
            own_use_fen,
            count_fen,
        });
        month = month.plus(1);
    }
    Ok(months)
}

/// What the shop bought from one farmer in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FarmerMonthRow {
    pub farmer: Id,
    pub farmer_name: String,
    pub village: String,
    /// `YYYY-MM`.
    pub month: String,
    pub purchases: i64,
    pub total_fen: i64,
    /// The part of `total_fen` bought on credit (payment `owed`).
    pub owed_fen: i64,
}

/// Which purchases [`purchases_by_farmer_month`] sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseReportFilter {
    pub from: Month,
    pub to: Month,
    /// Farmer name, pinyin of the name, or village; empty matches every farmer.
    pub search: String,
    pub limit: i64,
    pub offset: i64,
}

/// A page of purchase totals per farmer and month, and the sum of every matching row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseReport {
    pub page: Page<FarmerMonthRow>,
    pub sum_fen: i64,
}

/// Purchases received from `from` to `to` (both included) summed per farmer and month, newest
/// month first and the biggest supplier first within a month. Reversed purchases do not count;
/// archived farmers do (they are history).
pub fn purchases_by_farmer_month(
    conn: &Connection,
    filter: &PurchaseReportFilter,
) -> Result<PurchaseReport> {
    let (start, end) = date_bounds(filter.from, filter.to);
    let search = filter.search.trim();
    let (pattern, pinyin) = (contains_pattern(search), pinyin_pattern(search));
    // Purchases are grouped first and farmers joined only to the rows shown: the search picks
    // farmer ids, and `purchases_farmer (farmer_id, received_on)` serves each one's date range.
    // With no search, every farmer: no `LIKE '%%'` on each.
    let farmers = if search.is_empty() {
        ""
    } else {
        "AND pu.farmer_id IN (
             SELECT f.id FROM farmers f
             WHERE f.name LIKE :pattern ESCAPE '\\' OR f.search_key LIKE :pinyin ESCAPE '\\'
                OR f.village LIKE :pattern ESCAPE '\\')"
    };
    let grouped = format!(
        "WITH grouped AS (
            SELECT pu.farmer_id, substr(pu.received_on, 1, 7) AS month, count(*) AS purchases,
                   sum(pu.total_fen) AS total,
                   sum(CASE WHEN pu.payment = 'owed' THEN pu.total_fen ELSE 0 END) AS owed
            FROM purchases pu
            WHERE pu.received_on >= :start AND pu.received_on < :end
              AND NOT EXISTS (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = pu.id)
              {farmers}
            GROUP BY pu.farmer_id, month
        )"
    );
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":start", &start), (":end", &end)];
    if !search.is_empty() {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    let (total, sum_fen): (i64, i64) = crate::sql::one(
        conn,
        &format!("{grouped} SELECT count(*), coalesce(sum(total), 0) FROM grouped"),
        params.as_slice(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let mut stmt = conn.prepare_cached(&format!(
        "{grouped}
         SELECT g.farmer_id, f.name, f.village, g.month, g.purchases, g.total, g.owed
         FROM grouped g JOIN farmers f ON f.id = g.farmer_id
         ORDER BY g.month DESC, g.total DESC, f.sort_key, g.farmer_id LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(params.as_slice(), |r| {
        Ok((
            [r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?],
            [r.get::<_, i64>(4)?, r.get(5)?, r.get(6)?],
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let ([farmer, farmer_name, village, month], [purchases, total_fen, owed_fen]) = row?;
        items.push(FarmerMonthRow {
            farmer: id_from_text(&farmer)?,
            farmer_name,
            village,
            month,
            purchases,
            total_fen,
            owed_fen,
        });
    }
    Ok(PurchaseReport {
        page: Page { items, total },
        sum_fen,
    })
}
