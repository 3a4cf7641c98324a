//! What the shop sold and earned: sales by period, channel, place and product, the month's profit
//! and loss, and the figures of the Today screen. Plain queries over the orders and the records
//! behind them, so every figure is the sum of records a person can open.
//!
//! A sale is an order that was paid (paid, packing, packed, shipped, finished or refunded), on the
//! business day it was placed (`ordered_on`). Its revenue is what the buyer paid (goods + shipping
//! fee); refunds are its returns' money (`refunded_fen`); its goods cost is what left stock for it
//! less what came back into stock (`goods_cost_fen - restocked_cost_fen`); packaging and shipping
//! are what packing and the courier cost. Sales history imported from before the shop kept stock
//! has no costs: its gross profit is its revenue.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::stock::date_text;
use crate::Result;

/// The states of an order that count as sold.
pub const SOLD: &str =
    "o.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')";

/// Money and units of a group of sales, in fen and thousandths of sale units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub orders: i64,
    pub units_milli: i64,
    pub revenue_fen: i64,
    pub refunds_fen: i64,
    pub goods_cost_fen: i64,
    pub packaging_fen: i64,
    pub shipping_fen: i64,
    /// Sales whose goods have not left stock yet (paid, not packed; imported history aside):
    /// their goods cost is still to come.
    pub unpacked: i64,
}

impl Figures {
    /// Revenue less refunds, goods cost, packaging and shipping.
    pub fn gross_fen(&self) -> i64 {
        self.revenue_fen
            - self.refunds_fen
            - self.goods_cost_fen
            - self.packaging_fen
            - self.shipping_fen
    }

    pub fn add(&mut self, other: &Figures) {
        self.orders += other.orders;
        self.units_milli += other.units_milli;
        self.revenue_fen += other.revenue_fen;
        self.refunds_fen += other.refunds_fen;
        self.goods_cost_fen += other.goods_cost_fen;
        self.packaging_fen += other.packaging_fen;
        self.shipping_fen += other.shipping_fen;
        self.unpacked += other.unpacked;
    }
}

/// How sales are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Day,
    /// Weeks from Monday, named by their Monday.
    Week,
    Month,
    Year,
    Channel,
    Province,
    /// Cities, each with its province as `parent`.
    City,
    /// Products (`key` the product's id): units and revenue of its lines; refunds and costs are
    /// shared among an order's lines by their value (rounded to the fen per line).
    Product,
}

impl By {
    pub fn parse(text: &str) -> Option<By> {
        Some(match text {
            "day" => By::Day,
            "week" => By::Week,
            "month" => By::Month,
            "year" => By::Year,
            "channel" => By::Channel,
            "province" => By::Province,
            "city" => By::City,
            "product" => By::Product,
            _ => return None,
        })
    }
}

/// One group of sales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesRow {
    pub key: String,
    /// The province of a city; the product's Chinese name for a product; else empty.
    pub parent: String,
    pub name_en: String,
    pub figures: Figures,
}

const ORDER_FIGURES: &str = "count(*),
    coalesce(sum((SELECT sum(l.quantity_milli) FROM order_lines l WHERE l.order_id = o.id)), 0),
    coalesce(sum(o.goods_fen + o.shipping_fee_fen), 0),
    coalesce(sum(o.refunded_fen), 0),
    coalesce(sum(coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen), 0),
    coalesce(sum(coalesce(o.packaging_cost_fen, 0)), 0),
    coalesce(sum(coalesce(o.shipping_cost_fen, 0)), 0),
    coalesce(sum(o.goods_cost_fen IS NULL AND NOT o.history), 0)";

fn figures(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Figures> {
    Ok(Figures {
        orders: r.get(first)?,
        units_milli: r.get(first + 1)?,
        revenue_fen: r.get(first + 2)?,
        refunds_fen: r.get(first + 3)?,
        goods_cost_fen: r.get(first + 4)?,
        packaging_fen: r.get(first + 5)?,
        shipping_fen: r.get(first + 6)?,
        unpacked: r.get(first + 7)?,
    })
}

const SUMMED_FIGURES: &str = "coalesce(sum(s.orders), 0), coalesce(sum(s.units_milli), 0),
    coalesce(sum(s.revenue_fen), 0), coalesce(sum(s.refunds_fen), 0),
    coalesce(sum(s.goods_cost_fen), 0), coalesce(sum(s.packaging_fen), 0),
    coalesce(sum(s.shipping_fen), 0), coalesce(sum(s.unpacked), 0)";

/// Sales placed from `from` to `to` (both included), grouped `by`, in the group's natural order
/// (time, or most revenue first). Read from the daily sums (migration 0012) except by city;
/// [`sales_from_orders`] is the same over the orders themselves.
pub fn sales(conn: &Connection, from: NaiveDate, to: NaiveDate, by: By) -> Result<Vec<SalesRow>> {
    let (from_text, to_text) = (date_text(from), date_text(to));
    let (key, order) = match by {
        By::Day => ("s.day", "k"),
        By::Week => ("date(s.day, 'weekday 0', '-6 days')", "k"),
        By::Month => ("substr(s.day, 1, 7)", "k"),
        By::Year => ("substr(s.day, 1, 4)", "k"),
        By::Channel => ("s.source", "6 DESC, k"),
        By::Province => ("s.province", "6 DESC, k"),
        By::City => return sales_from_orders(conn, from, to, by),
        By::Product => {
            let sql = format!(
                "SELECT s.product_id AS k, p.name_zh, coalesce(p.name_en, ''), {SUMMED_FIGURES}
                 FROM sales_product_days s JOIN products p ON p.id = s.product_id
                 WHERE s.day BETWEEN ?1 AND ?2
                 GROUP BY s.product_id HAVING sum(s.orders) > 0
                 ORDER BY 6 DESC, p.name_zh"
            );
            return grouped(conn, &sql, &from_text, &to_text);
        }
    };
    let sql = format!(
        "SELECT {key} AS k, '' AS p, '' AS e, {SUMMED_FIGURES}
         FROM sales_days s
         WHERE s.day BETWEEN ?1 AND ?2
         GROUP BY k HAVING sum(s.orders) > 0 ORDER BY {order}"
    );
    grouped(conn, &sql, &from_text, &to_text)
}

/// Runs a grouped sales query for the days `from`..`to` (?1, ?2) whose columns are the group's
/// key, its parent, its English name and then the figures, in [`figures`]' order.
fn grouped(conn: &Connection, sql: &str, from: &str, to: &str) -> Result<Vec<SalesRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map((from, to), |r| {
        Ok(SalesRow {
            key: r.get(0)?,
            parent: r.get(1)?,
            name_en: r.get(2)?,
            figures: figures(r, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// [`sales`] summed over the orders and their lines themselves: what the daily sums must equal
/// (and how a report by city is made).
pub fn sales_from_orders(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    by: By,
) -> Result<Vec<SalesRow>> {
    let (from, to) = (date_text(from), date_text(to));
    let (key, parent, order) = match by {
        By::Day => ("o.ordered_on", "''", "k"),
        By::Week => ("date(o.ordered_on, 'weekday 0', '-6 days')", "''", "k"),
        By::Month => ("substr(o.ordered_on, 1, 7)", "''", "k"),
        By::Year => ("substr(o.ordered_on, 1, 4)", "''", "k"),
        By::Channel => ("o.source", "''", "6 DESC, k"),
        By::Province => ("o.province", "''", "6 DESC, k"),
        By::City => ("o.city", "o.province", "6 DESC, k"),
        By::Product => return by_product(conn, &from, &to),
    };
    let sql = format!(
        "SELECT {key} AS k, {parent} AS p, '' AS e, {ORDER_FIGURES}
         FROM orders o
         WHERE o.ordered_on BETWEEN ?1 AND ?2 AND {SOLD}
         GROUP BY k, p ORDER BY {order}"
    );
    grouped(conn, &sql, &from, &to)
}

fn by_product(conn: &Connection, from: &str, to: &str) -> Result<Vec<SalesRow>> {
    // An order's refunds and costs, shared among its lines by value; an order with no goods value
    // gives them to its first line.
    let share = |column: &str| {
        format!(
            "coalesce(sum(CASE WHEN o.goods_fen > 0
                 THEN CAST(round(1.0 * ({column}) * l.line_fen / o.goods_fen) AS INTEGER)
                 WHEN l.line_no = 0 THEN ({column}) ELSE 0 END), 0)"
        )
    };
    let sql = format!(
        "SELECT l.product_id, p.name_zh, coalesce(p.name_en, ''),
                count(DISTINCT o.id), coalesce(sum(l.quantity_milli), 0),
                coalesce(sum(l.line_fen), 0),
                {}, {}, {}, {},
                count(DISTINCT CASE WHEN o.goods_cost_fen IS NULL AND NOT o.history THEN o.id END)
         FROM orders o
         JOIN order_lines l ON l.order_id = o.id
         JOIN products p ON p.id = l.product_id
         WHERE o.ordered_on BETWEEN ?1 AND ?2 AND {SOLD}
         GROUP BY l.product_id ORDER BY 6 DESC, p.name_zh",
        share("o.refunded_fen"),
        share("coalesce(o.goods_cost_fen, 0) - o.restocked_cost_fen"),
        share("coalesce(o.packaging_cost_fen, 0)"),
        share("coalesce(o.shipping_cost_fen, 0)"),
    );
    grouped(conn, &sql, from, to)
}

/// All sales from `from` to `to` as one group, from the daily sums.
pub fn total(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Figures> {
    let sql = format!("SELECT {SUMMED_FIGURES} FROM sales_days s WHERE s.day BETWEEN ?1 AND ?2");
    Ok(crate::sql::one(
        conn,
        &sql,
        (date_text(from), date_text(to)),
        |r| figures(r, 0),
    )?)
}

/// [`total`] over the orders themselves.
pub fn total_from_orders(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Figures> {
    let sql = format!(
        "SELECT {ORDER_FIGURES} FROM orders o WHERE o.ordered_on BETWEEN ?1 AND ?2 AND {SOLD}"
    );
    Ok(crate::sql::one(
        conn,
        &sql,
        (date_text(from), date_text(to)),
        |r| figures(r, 0),
    )?)
}

/// A buyer who ordered more than once in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatBuyer {
    pub source: String,
    pub buyer: String,
    pub province: String,
    pub orders: i64,
    pub revenue_fen: i64,
    pub last_on: String,
}

/// Buyers with two or more sales in the period, most orders first (at most `limit`). A buyer is
/// a channel's buyer name, or for orders without one (WeChat, phone) the recipient's phone.
pub fn repeat_buyers(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> Result<Vec<RepeatBuyer>> {
    let sql = format!(
        "SELECT o.source, CASE WHEN o.buyer <> '' THEN o.buyer ELSE o.recipient_name END AS who,
                max(o.province), count(*), sum(o.goods_fen + o.shipping_fee_fen), max(o.ordered_on)
         FROM orders o
         WHERE o.ordered_on BETWEEN ?1 AND ?2 AND {SOLD} AND o.masked = 0
         GROUP BY o.source, CASE WHEN o.buyer <> '' THEN o.buyer ELSE o.recipient_phone END
         HAVING count(*) >= 2
         ORDER BY 4 DESC, 5 DESC LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map((date_text(from), date_text(to), limit), |r| {
        Ok(RepeatBuyer {
            source: r.get(0)?,
            buyer: r.get(1)?,
            province: r.get(2)?,
            orders: r.get(3)?,
            revenue_fen: r.get(4)?,
            last_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The month's costs besides its sales: spoilage (stock written off at cost, except returned
/// goods, which are in their order's goods cost), approved wages
/// (the gross pay of the month's approved payslips) and expenses by category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthCosts {
    pub spoilage_fen: i64,
    pub spoilage_records: i64,
    /// None: the month's pay is not approved yet.
    pub wages_fen: Option<i64>,
    pub payslips: i64,
    pub expenses: Vec<(String, i64, i64)>,
}

/// `month` is `YYYY-MM`; `from`/`to` its first and last day.
pub fn month_costs(
    conn: &Connection,
    month: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<MonthCosts> {
    let (from, to) = (date_text(from), date_text(to));
    let (spoilage_fen, spoilage_records): (i64, i64) = crate::sql::one(
        conn,
        // What was written off (spoiled, damaged, samples, eaten at home) and what stock counts
        // found missing (or, negative, found over): the spoilage report's total for the month.
        // Goods written off when they came back from a buyer are already in that order's goods
        // cost (what left stock less what went back on the shelf); they are not counted twice.
        "SELECT coalesce(-sum(g.cost_fen), 0), count(*) FROM stock_ledger g
         WHERE g.kind IN ('waste', 'adjust') AND g.business_date BETWEEN ?1 AND ?2
           AND (g.kind = 'waste' OR g.reason = 'count')
           AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = g.ref)",
        (&from, &to),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let approved: bool = crate::sql::one(
        conn,
        "SELECT EXISTS (SELECT 1 FROM payroll_runs WHERE month = ?1)",
        [month],
        |r| r.get(0),
    )?;
    let (wages, payslips): (i64, i64) = crate::sql::one(
        conn,
        "SELECT coalesce(sum(gross_fen), 0), count(*) FROM payslips WHERE month = ?1",
        [month],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT category, sum(amount_fen), count(*) FROM expenses
         WHERE spent_on BETWEEN ?1 AND ?2 AND voided_at IS NULL
         GROUP BY category ORDER BY category",
    )?;
    let expenses = stmt
        .query_map((&from, &to), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(MonthCosts {
        spoilage_fen,
        spoilage_records,
        wages_fen: approved.then_some(wages),
        payslips,
        expenses,
    })
}

/// Orders waiting to be shipped (paid, packing, packed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToShip {
    pub orders: i64,
    /// When the one waiting longest was paid (or entered, if the time of payment is unknown).
    pub oldest_since: Option<String>,
    /// Past their ship-by time (`due_at`) at `now`.
    pub overdue: i64,
}

pub fn to_ship(conn: &Connection, now: &str) -> Result<ToShip> {
    Ok(crate::sql::one(
        conn,
        "SELECT count(*), min(coalesce(paid_at, created_at)), coalesce(sum(due_at < ?1), 0)
         FROM orders WHERE state IN ('paid', 'packing', 'packed')",
        [now],
        |r| {
            Ok(ToShip {
                orders: r.get(0)?,
                oldest_since: r.get(1)?,
                overdue: r.get(2)?,
            })
        },
    )?)
}

/// A lot with stock whose best-before date is near or past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringLot {
    pub lot: String,
    pub product: String,
    pub name_zh: String,
    pub name_en: String,
    pub grade: String,
    pub stock_unit: String,
    pub best_before: String,
    pub available_milli: i64,
    /// Promised to orders not yet packed.
    pub reserved_milli: i64,
    /// An active recipe takes this product: it can be made into something that keeps.
    pub in_recipe: bool,
}

/// Lots with stock that are best before `until` (expired ones included), soonest first, at most
/// `limit`, and how many there are in all. A lot wholly promised to orders is listed too: those
/// orders are the ones to pack first.
pub fn expiring_lots(
    conn: &Connection,
    until: NaiveDate,
    limit: i64,
) -> Result<(Vec<ExpiringLot>, i64)> {
    let until = date_text(until);
    let total: i64 = crate::sql::one(
        conn,
        "SELECT count(*) FROM lots WHERE on_hand_milli > 0 AND best_before IS NOT NULL
         AND best_before <= ?1",
        [&until],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, p.id, p.name_zh, coalesce(p.name_en, ''), l.grade, p.stock_unit,
                l.best_before, max(l.on_hand_milli - l.reserved_milli, 0), l.reserved_milli,
                EXISTS (SELECT 1 FROM recipe_inputs i JOIN recipes r ON r.id = i.recipe_id
                        WHERE i.product_id = p.id AND r.archived_at IS NULL)
         FROM lots l JOIN products p ON p.id = l.product_id
         WHERE l.on_hand_milli > 0 AND l.best_before IS NOT NULL
           AND l.best_before <= ?1
         ORDER BY l.best_before, l.received_on, l.id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map((&until, limit), |r| {
            Ok(ExpiringLot {
                lot: r.get(0)?,
                product: r.get(1)?,
                name_zh: r.get(2)?,
                name_en: r.get(3)?,
                grade: r.get(4)?,
                stock_unit: r.get(5)?,
                best_before: r.get(6)?,
                available_milli: r.get(7)?,
                reserved_milli: r.get(8)?,
                in_recipe: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, total))
}

/// What the shop owes its farmers in all, to how many, and who has waited longest: the farmer
/// whose oldest purchase not yet covered by payments (paid oldest first) is the oldest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owed {
    pub total_fen: i64,
    pub farmers: i64,
    pub longest: Option<(String, String, String, i64)>,
}

pub fn owed(conn: &Connection) -> Result<Owed> {
    let mut stmt = conn.prepare_cached(
        "WITH owed AS (
             SELECT pu.farmer_id, pu.received_on, pu.total_fen,
                    sum(pu.total_fen) OVER (PARTITION BY pu.farmer_id
                        ORDER BY pu.received_on, pu.id ROWS UNBOUNDED PRECEDING) AS running
             FROM purchases pu
             WHERE pu.payment = 'owed'
               AND NOT EXISTS (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = pu.id)),
         paid AS (SELECT farmer_id, sum(amount_fen) AS paid FROM farmer_payments GROUP BY farmer_id),
         balance AS (
             SELECT o.farmer_id, max(o.running) - coalesce(p.paid, 0) AS balance,
                    min(CASE WHEN o.running > coalesce(p.paid, 0) THEN o.received_on END) AS since
             FROM owed o LEFT JOIN paid p ON p.farmer_id = o.farmer_id
             GROUP BY o.farmer_id)
         SELECT b.farmer_id, f.name, b.since, b.balance
         FROM balance b JOIN farmers f ON f.id = b.farmer_id
         WHERE b.balance > 0
         ORDER BY b.since, b.balance DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Owed {
        total_fen: rows.iter().map(|r| r.3).sum(),
        farmers: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        longest: rows.into_iter().next(),
    })
}

/// Employees working in the week from `monday` to `today` with no work recorded in it.
pub fn work_not_recorded(
    conn: &Connection,
    monday: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name FROM employees e JOIN members m ON m.id = e.member_id
         WHERE m.active = 1 AND e.start_on <= ?2 AND (e.end_on IS NULL OR e.end_on >= ?1)
           -- Paid by the day, the hour or the piece: a monthly salary needs no work recorded.
           AND EXISTS (SELECT 1 FROM pay_schemes s WHERE s.member_id = e.member_id
                       AND s.kind <> 'monthly')
           AND NOT EXISTS (SELECT 1 FROM work_records w WHERE w.member_id = e.member_id
                           AND w.work_date BETWEEN ?1 AND ?2)
         ORDER BY m.name",
    )?;
    let names = stmt
        .query_map((date_text(monday), date_text(today)), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// A product that sold lately, for the forecast and the purchase plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SellingProduct {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub stock_unit: String,
    pub shelf_life_days: Option<i64>,
    /// Bought from farmers (it has purchases): the purchase plan is for these.
    pub bought: bool,
}

/// Active goods that sold on or after `since` (or just `only`, if given and active).
pub fn selling_products(
    conn: &Connection,
    since: NaiveDate,
    only: Option<&str>,
) -> Result<Vec<SellingProduct>> {
    // Sold since: from the daily sums (migration 0012), one pass over the days, not every line
    // of every product.
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name_zh, coalesce(p.name_en, ''), p.stock_unit, p.shelf_life_days,
                EXISTS (SELECT 1 FROM lots l WHERE l.product_id = p.id AND l.purchase_id IS NOT NULL)
         FROM products p
         WHERE p.archived_at IS NULL AND p.kind = 'goods' AND (?2 IS NULL OR p.id = ?2)
           AND p.id IN (SELECT s.product_id FROM sales_product_days s WHERE s.day >= ?1
                        GROUP BY s.product_id HAVING sum(s.orders) > 0)
         ORDER BY p.sort_key, p.id",
    )?;
    let rows = stmt
        .query_map((date_text(since), only), |r| {
            Ok(SellingProduct {
                id: r.get(0)?,
                name_zh: r.get(1)?,
                name_en: r.get(2)?,
                stock_unit: r.get(3)?,
                shelf_life_days: r.get(4)?,
                bought: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What each product sold per week (weeks from Monday, named by their Monday), in thousandths of
/// its stock unit, from `first` to `last` (both included); weeks without a sale are absent.
pub fn weekly_sales(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    only: Option<&str>,
) -> Result<Vec<(String, String, i64)>> {
    // From the daily sums (migration 0012): five years of a shop's orders are a few hundred
    // thousand lines, their daily sums a few tens of thousands. A week whose sales were all
    // cancelled since is no week of sales, as over the orders.
    let mut stmt = conn.prepare_cached(
        "SELECT s.product_id, date(s.day, 'weekday 0', '-6 days') AS week, sum(s.stock_milli)
         FROM sales_product_days s
         WHERE s.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR s.product_id = ?3)
         GROUP BY s.product_id, week HAVING sum(s.orders) > 0",
    )?;
    let rows = stmt
        .query_map((date_text(first), date_text(last), only), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A farmer's latest delivery of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplier {
    pub farmer: String,
    pub farmer_name: String,
    pub received_on: String,
    pub grade: String,
    /// Ten-thousandths of a yuan per stock unit.
    pub unit_price_e4: i64,
}

/// The farmers who delivered `product` most recently, each once, newest first.
pub fn recent_suppliers(conn: &Connection, product: &str, limit: i64) -> Result<Vec<Supplier>> {
    let mut stmt = conn.prepare_cached(
        "SELECT farmer_id, name, received_on, grade, unit_price_e4 FROM (
             SELECT pu.farmer_id, f.name, l.received_on, l.grade, l.unit_price_e4,
                    row_number() OVER (PARTITION BY pu.farmer_id
                                       ORDER BY l.received_on DESC, l.id DESC) AS n
             FROM lots l JOIN purchases pu ON pu.id = l.purchase_id
             JOIN farmers f ON f.id = pu.farmer_id
             WHERE l.product_id = ?1
               AND NOT EXISTS (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = pu.id))
         WHERE n = 1 ORDER BY received_on DESC, farmer_id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map((product, limit), |r| {
            Ok(Supplier {
                farmer: r.get(0)?,
                farmer_name: r.get(1)?,
                received_on: r.get(2)?,
                grade: r.get(3)?,
                unit_price_e4: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
