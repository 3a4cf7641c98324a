//! Use cases: reports for the owner — stock by product, what to reorder, what was lost each month,
//! and what was bought from each farmer each month.
//!
//! Each report is one read transaction over queries in `farmstall_store::reports`, which filter,
//! group, sum and page in SQL. Months are typed as `YYYY-MM`; an empty month means this month (for
//! `to`, by the app's clock in Asia/Shanghai) or eleven months before `to` (for `from`).

use farmstall_domain::{Checker, FieldError, Money, Rule};
use farmstall_store::reports::{self, Month, PurchaseReportFilter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ListQuery;
use crate::stock::milli_text;
use crate::{App, Result};

/// The longest range a monthly report covers: ten years.
pub const MAX_REPORT_MONTHS: i64 = 120;

/// Months `from` to `to`, both included, as `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MonthRange {
    /// Empty = 11 months before `to` (a year of months in all).
    pub from: String,
    /// Empty = this month.
    pub to: String,
}

/// One product's stock over its lots in stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductStockRow {
    pub product_id: String,
    pub product_name: String,
    #[ts(type = "ProductKind")]
    pub kind: String,
    pub stock_unit: String,
    /// Listed only when the query includes archived products.
    pub archived: bool,
    /// Stock units, exact decimals.
    pub on_hand: String,
    pub reserved: String,
    pub available: String,
    /// Yuan, at each lot's own cost.
    pub cost_on_hand: String,
    /// Lots with stock.
    pub lots: u32,
    /// The earliest best-before date among the lots in stock; `null` when none has one.
    pub next_best_before: Option<String>,
    /// In stock units; `null` when the shop set none.
    pub reorder_point: Option<String>,
    /// An active product with a reorder point whose available stock is at or below it (the
    /// products the low-stock list shows).
    pub low: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockByProductPage {
    pub items: Vec<ProductStockRow>,
    /// Products matching the query, on every page.
    pub total: u32,
    /// Yuan at cost of all stock of the products matching the query, not only this page.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LowStockPage {
    pub items: Vec<ProductStockRow>,
    pub total: u32,
}

/// Cost of stock lost in one month, in yuan, by reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpoilageMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub spoiled: String,
    pub damaged: String,
    pub sample: String,
    pub own_use: String,
    /// Net of stock-count adjustments: positive = stock lost, negative = stock found.
    pub count: String,
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpoilageReport {
    /// Every month of the range, oldest first, zeros where nothing was lost.
    pub months: Vec<SpoilageMonth>,
    /// Yuan lost over the whole range.
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PurchaseReportQuery {
    /// `YYYY-MM`; empty = 11 months before `to`.
    pub from: String,
    /// `YYYY-MM`; empty = this month.
    pub to: String,
    /// Farmer name, pinyin (full or initials) or village.
    pub search: String,
    pub limit: u32,
    pub offset: u32,
}

impl Default for PurchaseReportQuery {
    fn default() -> PurchaseReportQuery {
        PurchaseReportQuery {
            from: String::new(),
            to: String::new(),
            search: String::new(),
            limit: 50,
            offset: 0,
        }
    }
}

/// What the shop bought from one farmer in one month (reversed receipts left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarmerMonthRow {
    pub farmer_id: String,
    pub farmer_name: String,
    pub village: String,
    /// `YYYY-MM`.
    pub month: String,
    pub purchases: u32,
    /// Yuan.
    pub total: String,
    /// The part of `total` bought on credit (owed to the farmer when bought).
    pub owed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurchaseReportPage {
    pub items: Vec<FarmerMonthRow>,
    /// Farmer-months matching the query, on every page.
    pub total: u32,
    /// Yuan bought in all the matching rows, not only this page.
    pub sum: String,
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn stock_row(row: &reports::ProductStockRow) -> ProductStockRow {
    ProductStockRow {
        product_id: row.product.to_string(),
        product_name: row.product_name.clone(),
        kind: row.kind.clone(),
        stock_unit: row.stock_unit.clone(),
        archived: row.archived,
        on_hand: milli_text(row.on_hand_milli),
        reserved: milli_text(row.reserved_milli),
        available: milli_text(row.available_milli()),
        cost_on_hand: yuan(row.cost_on_hand_fen),
        lots: count(row.lots),
        next_best_before: row.next_best_before.clone(),
        reorder_point: row.reorder_point_milli.map(milli_text),
        low: row.is_low(),
    }
}

/// A month as typed: `2026-09` (also `2026/09` or `2026-9`), 2000 to 2099; `None` when empty.
fn month(field: &str, text: &str) -> Result<Option<Month>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let first = farmstall_domain::validate::month(field, text)?;
    Ok(Some(Month::of(first)))
}

impl App {
    /// The months a report covers: empty `to` is this month, empty `from` eleven months before
    /// `to`; `from` must not be after `to`, and the range is at most [`MAX_REPORT_MONTHS`].
    fn month_range(&self, from: &str, to: &str) -> Result<(Month, Month)> {
        let mut c = Checker::new();
        let from = c.check(month("from", from));
        let to = c.check(month("to", to));
        c.finish()?;
        let to = to
            .flatten()
            .unwrap_or_else(|| Month::of(self.clock.today()));
        let from = from.flatten().unwrap_or_else(|| to.plus(-11));
        if from > to {
            return Err(FieldError::new(
                "to",
                Rule::BadDate,
                format!(
                    "to: the last month {} is before the first month {}",
                    to.text(),
                    from.text()
                ),
            )
            .into());
        }
        if from.months_until(to) + 1 > MAX_REPORT_MONTHS {
            return Err(FieldError::new(
                "from",
                Rule::BadDate,
                format!(
                    "from: a report covers at most {MAX_REPORT_MONTHS} months; choose a first month after {}",
                    to.plus(-i32::try_from(MAX_REPORT_MONTHS).unwrap_or(i32::MAX)).text()
                ),
            )
            .into());
        }
        Ok((from, to))
    }

    /// Stock of every product matching the query (active ones, archived too when asked; by name,
    /// pinyin and kind), in pinyin order, including products with no stock so the owner sees what
    /// is out; and the value at cost of all their stock.
    pub fn stock_by_product(&mut self, query: &ListQuery) -> Result<StockByProductPage> {
        let filter = App::filter(query);
        self.store.read(|tx| {
            let report = reports::stock_by_product(tx, &filter)?;
            Ok(StockByProductPage {
                items: report.page.items.iter().map(stock_row).collect(),
                total: count(report.page.total),
                value: yuan(report.value_fen),
            })
        })
    }

    /// Active products whose available stock has fallen to their reorder point, most short first.
    /// The query's search and kind narrow the list; `includeArchived` is ignored.
    pub fn low_stock(&mut self, query: &ListQuery) -> Result<LowStockPage> {
        let filter = App::filter(query);
        self.store.read(|tx| {
            let page = reports::low_stock(tx, &filter)?;
            Ok(LowStockPage {
                items: page.items.iter().map(stock_row).collect(),
                total: count(page.total),
            })
        })
    }

    /// Cost of stock lost each month of the range, by reason (waste, and stock-count
    /// differences), every month listed.
    pub fn spoilage_by_month(&mut self, range: &MonthRange) -> Result<SpoilageReport> {
        let (from, to) = self.month_range(&range.from, &range.to)?;
        self.store.read(|tx| {
            let rows = reports::spoilage_by_month(tx, from, to)?;
            Ok(SpoilageReport {
                total: yuan(rows.iter().map(|m| m.total_fen()).sum()),
                months: rows
                    .iter()
                    .map(|m| SpoilageMonth {
                        month: m.month.text(),
                        spoiled: yuan(m.spoiled_fen),
                        damaged: yuan(m.damaged_fen),
                        sample: yuan(m.sample_fen),
                        own_use: yuan(m.own_use_fen),
                        count: yuan(m.count_fen),
                        total: yuan(m.total_fen()),
                    })
                    .collect(),
            })
        })
    }

    /// What the shop bought from each farmer each month of the range, newest month first and
    /// biggest supplier first; reversed receipts do not count.
    pub fn purchases_by_farmer_month(
        &mut self,
        query: &PurchaseReportQuery,
    ) -> Result<PurchaseReportPage> {
        let (from, to) = self.month_range(&query.from, &query.to)?;
        let filter = PurchaseReportFilter {
            from,
            to,
            search: query.search.trim().chars().take(100).collect(),
            limit: i64::from(query.limit.clamp(1, 500)),
            offset: i64::from(query.offset),
        };
        self.store.read(|tx| {
            let report = reports::purchases_by_farmer_month(tx, &filter)?;
            Ok(PurchaseReportPage {
                items: report
                    .page
                    .items
                    .iter()
                    .map(|r| FarmerMonthRow {
                        farmer_id: r.farmer.to_string(),
                        farmer_name: r.farmer_name.clone(),
                        village: r.village.clone(),
                        month: r.month.clone(),
                        purchases: count(r.purchases),
                        total: yuan(r.total_fen),
                        owed: yuan(r.owed_fen),
                    })
                    .collect(),
                total: count(report.page.total),
                sum: yuan(report.sum_fen),
            })
        })
    }
}
