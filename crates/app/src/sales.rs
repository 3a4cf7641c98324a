//! Use cases: what the shop sold and earned (sales by period, channel, place and product), the
//! month's profit and loss, and the Today screen's picture of what needs doing.
//!
//! Each is one read transaction over `farmstall_store::sales`; the definitions of revenue, refunds
//! and costs are written there once.

use chrono::{Datelike, Duration, NaiveDate};
use farmstall_domain::validate::{month as month_field, optional_date};
use farmstall_domain::{Checker, FieldError, Money, Rule};
use farmstall_store::reports::Month;
use farmstall_store::sales::{self, By, Figures};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stock::milli_text;
use crate::{App, AppError, Result};

/// The longest range a sales report covers: ten years of days.
pub const MAX_SALES_DAYS: i64 = 3660;
/// Lots best before this many days from today count as expiring on the Today screen.
pub const EXPIRING_DAYS: i64 = 3;

/// Money and units of a group of sales, as the window shows them (yuan, sale units).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesFigures {
    pub orders: u32,
    pub units: String,
    pub revenue: String,
    pub refunds: String,
    pub goods_cost: String,
    pub packaging: String,
    pub shipping: String,
    pub gross_profit: String,
    /// Gross profit over revenue less refunds, in percent with one decimal; "" without revenue.
    pub margin: String,
    /// Of `orders`, those not packed yet: their goods cost is not in, so the gross profit and
    /// margin are higher than they will be.
    pub unpacked: u32,
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn dto(f: &Figures) -> SalesFigures {
    let net = f.revenue_fen - f.refunds_fen;
    let margin = if net > 0 {
        // One decimal, rounded half away from zero, in integers.
        let tenths = (f.gross_fen() as i128 * 1000 * 2 + net as i128).div_euclid(net as i128 * 2);
        format!("{}.{}", tenths.div_euclid(10), tenths.rem_euclid(10))
    } else {
        String::new()
    };
    SalesFigures {
        orders: count(f.orders),
        units: milli_text(f.units_milli),
        revenue: yuan(f.revenue_fen),
        refunds: yuan(f.refunds_fen),
        goods_cost: yuan(f.goods_cost_fen),
        packaging: yuan(f.packaging_fen),
        shipping: yuan(f.shipping_fen),
        gross_profit: yuan(f.gross_fen()),
        margin,
        unpacked: count(f.unpacked),
    }
}

/// Which sales and how they are grouped.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SalesQuery {
    /// `day`, `week`, `month`, `year`, `product`, `channel`, `province` or `city`.
    pub by: String,
    /// `YYYY-MM-DD`, both included. Empty `to`: today; empty `from`: a year before `to`.
    pub from: String,
    pub to: String,
}

/// One group of sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesRow {
    /// The day, week's Monday, month (`YYYY-MM`), year, channel code, province, city or
    /// product id.
    pub key: String,
    /// A city's province; a product's Chinese name.
    pub parent: String,
    /// A product's English name, if it has one.
    pub name_en: String,
    pub figures: SalesFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RepeatBuyer {
    pub source: String,
    pub buyer: String,
    pub province: String,
    pub orders: u32,
    pub revenue: String,
    pub last_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesReport {
    pub by: String,
    pub from: String,
    pub to: String,
    pub rows: Vec<SalesRow>,
    pub total: SalesFigures,
}

/// One line of the month's profit and loss statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfitLine {
    /// `revenue`, `refunds`, `goods_cost`, `packaging`, `shipping`, `spoilage`, `wages`, or
    /// `expense:<category>`.
    pub code: String,
    /// Positive; revenue adds, every other line takes away.
    pub amount: String,
    /// How many records it sums (orders, write-offs, payslips, expenses).
    pub records: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfitStatement {
    /// `YYYY-MM`.
    pub month: String,
    pub from: String,
    pub to: String,
    pub lines: Vec<ProfitLine>,
    pub profit: String,
    /// The month's pay is approved, so wages are in; false: the profit leaves them out.
    pub wages_approved: bool,
    /// The month has not ended: its figures will still grow.
    pub partial: bool,
    /// Sales not yet packed: their goods cost comes in when packing takes the goods from stock,
    /// so until then the profit is too high by what they will cost.
    pub without_goods_cost: u32,
}

impl App {
    /// The grouping (as given and parsed) and the days of a sales query.
    fn sales_query(&self, query: &SalesQuery) -> Result<(String, By, NaiveDate, NaiveDate)> {
        let by_text = if query.by.trim().is_empty() {
            "month"
        } else {
            query.by.trim()
        };
        let mut c = Checker::new();
        let by = match By::parse(by_text) {
            Some(by) => Some(by),
            None => {
                c.check::<()>(Err(FieldError::new(
                    "by",
                    Rule::UnknownRecord,
                    "by: choose day, week, month, year, product, channel, province or city",
                )));
                None
            }
        };
        let from = c.check(optional_date("from", &query.from));
        let to = c.check(optional_date("to", &query.to));
        c.finish()?;
        let to = to.flatten().unwrap_or_else(|| self.clock.today());
        let from = from.flatten().unwrap_or_else(|| to - Duration::days(364));
        check_range(from, to)?;
        let by = by.ok_or_else(|| AppError::Conflict("no grouping".into()))?;
        Ok((by_text.to_string(), by, from, to))
    }

    /// Sales from `from` to `to`, grouped as asked, with their total (from the daily sums kept
    /// with the orders, so a year answers as fast as a week).
    pub fn sales_report(&mut self, query: &SalesQuery) -> Result<SalesReport> {
        let (by_text, by, from, to) = self.sales_query(query)?;
        self.store.read(|tx| -> Result<SalesReport> {
            let rows = sales::sales(tx, from, to, by)?;
            let total = sales::total(tx, from, to)?;
            Ok(SalesReport {
                by: by_text,
                from: from.to_string(),
                to: to.to_string(),
                rows: rows
                    .into_iter()
                    .map(|r| SalesRow {
                        key: r.key,
                        parent: r.parent,
                        name_en: r.name_en,
                        figures: dto(&r.figures),
                    })
                    .collect(),
                total: dto(&total),
            })
        })
    }

    /// Buyers with two or more sales in the query's days (its grouping is not used), most orders
    /// first, at most 20. Asked for on its own: it reads every order of the days, and the
    /// report's table need not wait for it.
    pub fn repeat_buyers(&mut self, query: &SalesQuery) -> Result<Vec<RepeatBuyer>> {
        let (_, _, from, to) = self.sales_query(query)?;
        self.store.read(|tx| -> Result<Vec<RepeatBuyer>> {
            Ok(sales::repeat_buyers(tx, from, to, 20)?
                .into_iter()
                .map(|b| RepeatBuyer {
                    source: b.source,
                    buyer: b.buyer,
                    province: b.province,
                    orders: count(b.orders),
                    revenue: yuan(b.revenue_fen),
                    last_on: b.last_on,
                })
                .collect())
        })
    }

    /// The month's profit and loss: revenue − refunds − goods cost − packaging − shipping −
    /// spoilage − approved wages − expenses = profit. Empty `month`: this month.
    pub fn profit_statement(&mut self, month: &str) -> Result<ProfitStatement> {
        let today = self.clock.today();
        let first = if month.trim().is_empty() {
            Month::of(today)
        } else {
            Month::of(month_field("month", month)?)
        };
        let from = first.first_day();
        let to = first.plus(1).first_day() - Duration::days(1);
        let text = first.text();
        self.store.read(|tx| -> Result<ProfitStatement> {
            let sold = sales::total(tx, from, to)?;
            let costs = sales::month_costs(tx, &text, from, to)?;
            let orders = count(sold.orders);
            let mut lines = vec![
                ("revenue".to_string(), sold.revenue_fen, orders),
                ("refunds".to_string(), sold.refunds_fen, orders),
                ("goods_cost".to_string(), sold.goods_cost_fen, orders),
                ("packaging".to_string(), sold.packaging_fen, orders),
                ("shipping".to_string(), sold.shipping_fen, orders),
                (
                    "spoilage".to_string(),
                    costs.spoilage_fen,
                    count(costs.spoilage_records),
                ),
                (
                    "wages".to_string(),
                    costs.wages_fen.unwrap_or(0),
                    count(costs.payslips),
                ),
            ];
            for (category, fen, n) in &costs.expenses {
                lines.push((format!("expense:{category}"), *fen, count(*n)));
            }
            let profit = lines
                .iter()
                .map(|(code, fen, _)| if code == "revenue" { *fen } else { -fen })
                .sum::<i64>();
            Ok(ProfitStatement {
                month: text.clone(),
                from: from.to_string(),
                to: to.to_string(),
                lines: lines
                    .into_iter()
                    .map(|(code, fen, records)| ProfitLine {
                        code,
                        amount: yuan(fen),
                        records,
                    })
                    .collect(),
                profit: yuan(profit),
                wages_approved: costs.wages_fen.is_some(),
                partial: to >= today,
                without_goods_cost: count(sold.unpacked),
            })
        })
    }
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if from > to {
        return Err(FieldError::new(
            "to",
            Rule::BadDate,
            format!("to: the last day {to} is before the first day {from}"),
        )
        .into());
    }
    if (to - from).num_days() >= MAX_SALES_DAYS {
        return Err(FieldError::new(
            "from",
            Rule::BadDate,
            format!(
                "from: a report covers at most ten years; choose a first day after {}",
                to - Duration::days(MAX_SALES_DAYS)
            ),
        )
        .into());
    }
    Ok(())
}

/// A lot whose best-before date is near or past, and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpiringLot {
    pub lot_id: String,
    pub product_id: String,
    pub product_name: String,
    pub product_name_en: String,
    pub grade: String,
    pub stock_unit: String,
    pub best_before: String,
    /// Days from today (negative: past).
    #[ts(type = "number")]
    pub days_left: i64,
    /// Not promised to orders.
    pub available: String,
    /// Promised to orders not yet packed.
    pub reserved: String,
    /// `write_off` (past its date), `pack_first` (all of it is promised to orders: pack those
    /// first), `make_product` (a recipe takes it), `sell_first`.
    pub suggestion: String,
}

/// The family member waiting longest for money owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LongestOwed {
    pub farmer_id: String,
    pub farmer_name: String,
    /// The day of the oldest purchase not yet paid for.
    pub since: String,
    #[ts(type = "number")]
    pub days: i64,
    pub balance: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayDto {
    pub today: String,
    pub to_ship: u32,
    /// Hours since the order waiting longest was paid; null when none waits.
    #[ts(type = "number | null")]
    pub oldest_to_ship_hours: Option<i64>,
    pub overdue: u32,
    pub expiring: Vec<ExpiringLot>,
    pub expiring_count: u32,
    pub low_stock: u32,
    pub owed: String,
    pub owed_farmers: u32,
    pub longest_owed: Option<LongestOwed>,
    /// Employees with no work recorded this week (Monday to today).
    pub work_missing: Vec<String>,
    pub sales_today: SalesFigures,
    pub sales_month: SalesFigures,
    /// This month's sales not yet packed: their goods cost is not in the gross profit yet.
    pub month_without_goods_cost: u32,
    pub sync: crate::sync::SyncStatus,
}

impl App {
    /// What needs doing this morning and how the shop is doing, in one read.
    pub fn today(&mut self) -> Result<TodayDto> {
        let at = self.at();
        let sync = self.sync_status()?;
        let today = at.today;
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let month_first = Month::of(today).first_day();
        let now = farmstall_store::sql::instant_to_text(at.now);
        self.store.read(|tx| -> Result<TodayDto> {
            let ship = sales::to_ship(tx, &now)?;
            let month = sales::total(tx, month_first, today)?;
            let (lots, expiring_count) =
                sales::expiring_lots(tx, today + Duration::days(EXPIRING_DAYS), 8)?;
            let low = farmstall_store::reports::low_stock(
                tx,
                &farmstall_store::ListFilter {
                    limit: 1,
                    ..farmstall_store::ListFilter::default()
                },
            )?
            .total;
            let owed = sales::owed(tx)?;
            let oldest_to_ship_hours = ship
                .oldest_since
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| (at.now - t.with_timezone(&chrono::Utc)).num_hours().max(0));
            Ok(TodayDto {
                today: today.to_string(),
                to_ship: count(ship.orders),
                oldest_to_ship_hours,
                overdue: count(ship.overdue),
                expiring: lots
                    .into_iter()
                    .map(|l| {
                        let best = NaiveDate::parse_from_str(&l.best_before, "%Y-%m-%d").ok();
                        let days_left = best.map_or(0, |d| (d - today).num_days());
                        ExpiringLot {
                            suggestion: if days_left < 0 {
                                "write_off"
                            } else if l.available_milli == 0 {
                                "pack_first"
                            } else if l.in_recipe {
                                "make_product"
                            } else {
                                "sell_first"
                            }
                            .to_string(),
                            lot_id: l.lot,
                            product_id: l.product,
                            product_name: l.name_zh,
                            product_name_en: l.name_en,
                            grade: l.grade,
                            stock_unit: l.stock_unit,
                            best_before: l.best_before,
                            days_left,
                            available: milli_text(l.available_milli),
                            reserved: milli_text(l.reserved_milli),
                        }
                    })
                    .collect(),
                expiring_count: count(expiring_count),
                low_stock: count(low),
                owed: yuan(owed.total_fen),
                owed_farmers: count(owed.farmers),
                longest_owed: owed.longest.map(|(id, name, since, balance)| {
                    let days = NaiveDate::parse_from_str(&since, "%Y-%m-%d")
                        .map_or(0, |d| (today - d).num_days());
                    LongestOwed {
                        farmer_id: id,
                        farmer_name: name,
                        since,
                        days,
                        balance: yuan(balance),
                    }
                }),
                work_missing: sales::work_not_recorded(tx, monday, today)?,
                sales_today: dto(&sales::total(tx, today, today)?),
                sales_month: dto(&month),
                month_without_goods_cost: count(month.unpacked),
                sync,
            })
        })
    }
}

/// Channel codes in the shop's words, for the spreadsheet.
pub(crate) fn channel_words(code: &str, zh: bool) -> String {
    let (z, e) = match code {
        "taobao" => ("淘宝", "Taobao"),
        "pinduoduo" => ("拼多多", "Pinduoduo"),
        "douyin" => ("抖音", "Douyin"),
        "wechat" => ("微信", "WeChat"),
        "phone" => ("电话", "Phone"),
        "market" => ("集市", "Market"),
        other => (other, other),
    };
    if zh { z } else { e }.to_string()
}
