//! Use cases: how much of each product will sell in the next eight weeks, how sure that is, and
//! how much to buy from the farmers this week.
//!
//! The weekly history comes from the sold orders (imported sales history included), in each
//! product's stock unit (jin for kiwis: what the farmers sell in). The method is chosen per
//! product by backtest in `farmstall_forecast`; products are forecast on two threads. Nothing
//! here writes: the plan becomes a purchase only when a person records the delivery.

use chrono::{Datelike, Duration, NaiveDate};
use farmstall_domain::{FieldError, Rule};
use farmstall_forecast::{self as fc, Backtest, Metrics};
use farmstall_store::sales::{self, SellingProduct};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stock::milli_text;
use crate::{App, AppError, Result};

/// Weeks of history a forecast reads at most (five years). Three years made the forecast of the
/// generated five-year shop a quarter faster but clearly worse (wMAPE 0.19 against 0.14).
pub const HISTORY_WEEKS: i64 = 260;
/// Weeks of recent sales shown beside the forecast.
pub const SHOWN_WEEKS: usize = 26;
/// The safety margin of the purchase plan when the shop sets none, in percent.
pub const DEFAULT_SAFETY_PERCENT: u32 = 10;
/// Days the plan buys for when a product keeps longer (the family buys every week).
pub const BUYING_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MetricsDto {
    pub mase: f64,
    pub wmape: f64,
}

fn metrics(m: &Metrics) -> MetricsDto {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    MetricsDto {
        mase: round(m.mase),
        wmape: round(m.wmape),
    }
}

/// How the chosen method did on the held-back weeks, beside the two baselines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BacktestDto {
    pub chosen: MetricsDto,
    pub seasonal_naive: MetricsDto,
    pub naive: MetricsDto,
    pub beats_seasonal_naive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OverallDto {
    pub products: u32,
    pub chosen: MetricsDto,
    pub seasonal_naive: MetricsDto,
    pub naive: MetricsDto,
}

/// One week: its Monday and units (in the product's stock unit, one decimal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekFigure {
    pub week: String,
    pub units: String,
    /// The forecast's ~80% range; empty for weeks already sold.
    pub low: String,
    pub high: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductForecast {
    pub product_id: String,
    pub product_name: String,
    pub product_name_en: String,
    pub stock_unit: String,
    /// Weeks of history read (from its first sale).
    pub history_weeks: u32,
    /// The last weeks sold, oldest first.
    pub recent: Vec<WeekFigure>,
    /// The next eight weeks; empty when there is not enough history.
    pub weeks: Vec<WeekFigure>,
    /// `naive`, `seasonal_naive`, `croston`, `tsb`, `mstl_ets`; empty without a forecast.
    pub method: String,
    /// `good`, `rough`, `unsure`; empty without a forecast.
    pub confidence: String,
    pub backtest: Option<BacktestDto>,
    /// Why there is no forecast, and what it would need; empty when there is one.
    pub not_enough: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ForecastReport {
    /// The Monday of the first week forecast.
    pub first_week: String,
    pub products: Vec<ProductForecast>,
    /// Over the products with a forecast; null when none has one.
    pub overall: Option<OverallDto>,
}

/// A farmer's latest delivery of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SupplierDto {
    pub farmer_id: String,
    pub farmer_name: String,
    pub last_on: String,
    pub grade: String,
    /// Yuan per stock unit.
    pub unit_price: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanRow {
    pub product_id: String,
    pub product_name: String,
    pub product_name_en: String,
    pub stock_unit: String,
    /// Days the suggestion buys for: the shelf life, at most a week.
    #[ts(type = "number")]
    pub days: i64,
    /// Forecast sales over those days.
    pub demand: String,
    pub on_hand: String,
    /// Already promised to orders.
    pub promised: String,
    pub safety: String,
    /// To buy: demand − (on hand − promised) + safety, rounded up to whole units, never below 0.
    pub suggested: String,
    pub confidence: String,
    pub suppliers: Vec<SupplierDto>,
    pub not_enough: String,
    /// How many days the free stock (on hand − promised) lasts at the forecast's pace; none when
    /// there is no forecast or it sells nothing. At most 365.
    #[ts(type = "number | null")]
    pub cover_days: Option<u32>,
    /// The product's shelf life in days, if it spoils: free stock that lasts longer than this
    /// will not all sell before it goes bad.
    #[ts(type = "number | null")]
    pub shelf_life_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurchasePlan {
    pub safety_percent: u32,
    pub rows: Vec<PlanRow>,
}

fn units(x: f64) -> String {
    let x = if x.is_finite() { x.max(0.0) } else { 0.0 };
    format!("{:.1}", (x * 10.0).round() / 10.0)
}

fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// One product's weekly history and its forecast (computed off the database).
struct Worked {
    product: SellingProduct,
    weekly: Vec<f64>,
    result: Outcome,
}

type Outcome = std::result::Result<(fc::Forecast, Backtest), fc::NotEnough>;

/// Each product's last forecast, with the weekly history it was made from: the same history
/// gives the same forecast (the methods are deterministic), so a product whose weeks have not
/// changed since (most of a week, for every product) is not worked out again. Kept in memory
/// for the life of the app; the window asks for the forecast and the plan again and again.
#[derive(Default)]
pub(crate) struct Cache {
    by_product: std::collections::HashMap<String, (Vec<u64>, Outcome)>,
}

fn bits(weekly: &[f64]) -> Vec<u64> {
    weekly.iter().map(|w| w.to_bits()).collect()
}

/// Forecasts every product in `products` from its weeks, on two threads, except those whose
/// weeks are as `cache` last saw them; the cache learns the new ones.
fn work_cached(cache: &mut Cache, products: Vec<(SellingProduct, Vec<f64>)>) -> Vec<Worked> {
    let mut done = Vec::with_capacity(products.len());
    let mut todo = Vec::new();
    for (product, weekly) in products {
        match cache.by_product.get(&product.id) {
            Some((seen, result)) if *seen == bits(&weekly) => done.push(Worked {
                result: result.clone(),
                product,
                weekly,
            }),
            _ => todo.push((product, weekly)),
        }
    }
    for w in work(todo) {
        cache
            .by_product
            .insert(w.product.id.clone(), (bits(&w.weekly), w.result.clone()));
        done.push(w);
    }
    done
}

/// Forecasts every product in `products` from its weeks, on two threads.
fn work(products: Vec<(SellingProduct, Vec<f64>)>) -> Vec<Worked> {
    let run = |chunk: Vec<(SellingProduct, Vec<f64>)>| -> Vec<Worked> {
        chunk
            .into_iter()
            .map(|(product, weekly)| {
                let result = fc::forecast(&weekly);
                Worked {
                    product,
                    weekly,
                    result,
                }
            })
            .collect()
    };
    if products.len() < 2 {
        return run(products);
    }
    let mut first = products;
    let second = first.split_off(first.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| run(second));
        let mut done = run(first);
        match other.join() {
            Ok(rest) => done.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        done
    })
}

impl App {
    /// Weekly histories of the products that sold in the last year (or of `only`), up to the
    /// last complete week, forecast.
    fn forecasts(&mut self, only: Option<&str>) -> Result<(NaiveDate, Vec<Worked>)> {
        self.forecasts_of(only, false)
    }

    /// [`App::forecasts`], of the products bought from farmers only when `bought_only` (the
    /// purchase plan's: no time spent forecasting what the shop makes itself).
    fn forecasts_of(
        &mut self,
        only: Option<&str>,
        bought_only: bool,
    ) -> Result<(NaiveDate, Vec<Worked>)> {
        let today = self.clock.today();
        let this_monday = monday_of(today);
        let last_sunday = this_monday - Duration::days(1);
        let first_monday = this_monday - Duration::weeks(HISTORY_WEEKS);
        let (products, rows) = self.store.read(|tx| -> Result<_> {
            let products = sales::selling_products(tx, this_monday - Duration::weeks(52), only)?;
            let rows = if products.is_empty() {
                vec![]
            } else {
                sales::weekly_sales(tx, first_monday, last_sunday, only)?
            };
            Ok((products, rows))
        })?;
        let mut by_product: std::collections::HashMap<String, Vec<(i64, i64)>> =
            std::collections::HashMap::new();
        for (product, week, milli) in rows {
            let Ok(monday) = NaiveDate::parse_from_str(&week, "%Y-%m-%d") else {
                continue;
            };
            let index = (monday - first_monday).num_weeks();
            by_product.entry(product).or_default().push((index, milli));
        }
        let mut input = Vec::with_capacity(products.len());
        for p in products {
            if bought_only && !p.bought {
                continue;
            }
            let weeks = by_product.remove(&p.id).unwrap_or_default();
            let start = weeks.iter().map(|w| w.0).min().unwrap_or(HISTORY_WEEKS);
            let len = usize::try_from(HISTORY_WEEKS - start).unwrap_or(0);
            let mut weekly = vec![0.0; len];
            for (index, milli) in weeks {
                if let Some(slot) = usize::try_from(index - start)
                    .ok()
                    .and_then(|i| weekly.get_mut(i))
                {
                    *slot += milli as f64 / 1000.0;
                }
            }
            input.push((p, weekly));
        }
        // In the products' order as read, whichever were worked out afresh.
        let order: std::collections::HashMap<String, usize> = input
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.id.clone(), i))
            .collect();
        let mut worked = work_cached(&mut self.forecasts, input);
        worked.sort_by_key(|w| order.get(&w.product.id).copied().unwrap_or(usize::MAX));
        Ok((this_monday, worked))
    }

    /// The next eight weeks of each product that sold in the last year (or of one product), with
    /// a range and how sure it is, and the backtest that chose the method.
    pub fn forecast(&mut self, product_id: &str) -> Result<ForecastReport> {
        let only = match product_id.trim() {
            "" => None,
            id => Some(crate::farmers::parse_id(id)?.to_string()),
        };
        let (first_week, worked) = self.forecasts(only.as_deref())?;
        if worked.is_empty() {
            if let Some(id) = &only {
                return Err(FieldError::new(
                    "productId",
                    Rule::UnknownRecord,
                    format!("productId: {id} is not an active product that sold in the last year"),
                )
                .into());
            }
        }
        let mut backtests = Vec::new();
        let products = worked
            .into_iter()
            .map(|w| {
                let recent = w
                    .weekly
                    .iter()
                    .enumerate()
                    .skip(w.weekly.len().saturating_sub(SHOWN_WEEKS))
                    .map(|(i, x)| WeekFigure {
                        week: (first_week
                            - Duration::weeks(i64::try_from(w.weekly.len() - i).unwrap_or(0)))
                        .to_string(),
                        units: units(*x),
                        low: String::new(),
                        high: String::new(),
                    })
                    .collect();
                let base = ProductForecast {
                    product_id: w.product.id.clone(),
                    product_name: w.product.name_zh.clone(),
                    product_name_en: w.product.name_en.clone(),
                    stock_unit: w.product.stock_unit.clone(),
                    history_weeks: u32::try_from(w.weekly.len()).unwrap_or(u32::MAX),
                    recent,
                    weeks: vec![],
                    method: String::new(),
                    confidence: String::new(),
                    backtest: None,
                    not_enough: String::new(),
                };
                match w.result {
                    Ok((f, b)) => {
                        let weeks = (0..f.points.len())
                            .map(|i| WeekFigure {
                                week: (first_week + Duration::weeks(i64::try_from(i).unwrap_or(0)))
                                    .to_string(),
                                units: units(f.points[i]),
                                low: units(f.low.get(i).copied().unwrap_or(0.0)),
                                high: units(f.high.get(i).copied().unwrap_or(0.0)),
                            })
                            .collect();
                        let dto = BacktestDto {
                            chosen: metrics(&b.chosen_metrics),
                            seasonal_naive: metrics(&b.seasonal_naive),
                            naive: metrics(&b.naive),
                            beats_seasonal_naive: b.beats_seasonal_naive(),
                        };
                        let confidence = b.confidence();
                        backtests.push(b);
                        ProductForecast {
                            weeks,
                            method: f.method.code().to_string(),
                            confidence: confidence.code().to_string(),
                            backtest: Some(dto),
                            ..base
                        }
                    }
                    Err(e) => ProductForecast {
                        not_enough: e.to_string(),
                        ..base
                    },
                }
            })
            .collect();
        let overall = (!backtests.is_empty()).then(|| {
            let o = fc::overall(&backtests);
            OverallDto {
                products: u32::try_from(o.products).unwrap_or(u32::MAX),
                chosen: metrics(&o.chosen),
                seasonal_naive: metrics(&o.seasonal_naive),
                naive: metrics(&o.naive),
            }
        });
        Ok(ForecastReport {
            first_week: first_week.to_string(),
            products,
            overall,
        })
    }

    /// How much of each product bought from farmers to buy this week: forecast sales over its
    /// shelf life (at most a week, the family's buying round) − (stock on hand − what orders
    /// have promised) + a safety margin, in the product's stock unit, with the farmers who
    /// delivered it lately and their prices. `safety_percent` empty: 10.
    pub fn purchase_plan(&mut self, safety_percent: &str) -> Result<PurchasePlan> {
        let safety = match safety_percent.trim() {
            "" => DEFAULT_SAFETY_PERCENT,
            text => match text.parse::<u32>() {
                Ok(p) if p <= 200 => p,
                Ok(_) => {
                    return Err(FieldError::new(
                        "safetyPercent",
                        Rule::TooLarge,
                        "safetyPercent: a safety margin is at most 200 percent",
                    )
                    .with("max", "200")
                    .into())
                }
                Err(_) => {
                    return Err(FieldError::new(
                        "safetyPercent",
                        Rule::NotAWholeNumber,
                        "safetyPercent: give a whole percentage from 0 to 200, e.g. 10",
                    )
                    .into())
                }
            },
        };
        let (_, bought) = self.forecasts_of(None, true)?;
        // Each product's stock and latest farmers, in one read.
        let facts = self.store.read(|tx| -> Result<Vec<_>> {
            bought
                .iter()
                .map(|w| {
                    let id = farmstall_domain::Id::parse(&w.product.id).map_err(|_| {
                        AppError::Conflict(format!("bad product id {}", w.product.id))
                    })?;
                    Ok((
                        farmstall_store::stock::product_stock(tx, id)?,
                        sales::recent_suppliers(tx, &w.product.id, 3)?,
                    ))
                })
                .collect()
        })?;
        let mut rows = Vec::new();
        for (w, (stock, suppliers)) in bought.into_iter().zip(facts) {
            let days = w
                .product
                .shelf_life_days
                .map_or(BUYING_DAYS, |d| d.clamp(1, BUYING_DAYS));
            let (demand, confidence, not_enough) = match &w.result {
                Ok((f, b)) => (
                    f.points.first().copied().unwrap_or(0.0) * days as f64 / 7.0,
                    b.confidence().code().to_string(),
                    String::new(),
                ),
                Err(e) => (0.0, String::new(), e.to_string()),
            };
            let on_hand = stock.on_hand_milli as f64 / 1000.0;
            let promised = stock.reserved_milli as f64 / 1000.0;
            let margin = demand * f64::from(safety) / 100.0;
            let need = (demand + margin - (on_hand - promised)).max(0.0);
            let per_day = demand / days as f64;
            let cover_days = (not_enough.is_empty() && per_day > 0.0).then(|| {
                let d = ((on_hand - promised).max(0.0) / per_day).floor();
                if d.is_finite() {
                    d.clamp(0.0, 365.0) as u32
                } else {
                    365
                }
            });
            let suggested = if not_enough.is_empty() {
                format!("{}", need.ceil())
            } else {
                String::new()
            };
            rows.push(PlanRow {
                product_id: w.product.id.clone(),
                product_name: w.product.name_zh.clone(),
                product_name_en: w.product.name_en.clone(),
                stock_unit: w.product.stock_unit.clone(),
                days,
                demand: units(demand),
                on_hand: milli_text(stock.on_hand_milli),
                promised: milli_text(stock.reserved_milli),
                safety: units(margin),
                suggested,
                confidence,
                suppliers: suppliers
                    .into_iter()
                    .map(|s| SupplierDto {
                        farmer_id: s.farmer,
                        farmer_name: s.farmer_name,
                        last_on: s.received_on,
                        grade: s.grade,
                        unit_price: Decimal::new(s.unit_price_e4, 4).normalize().to_string(),
                    })
                    .collect(),
                not_enough,
                cover_days,
                shelf_life_days: w
                    .product
                    .shelf_life_days
                    .and_then(|d| u32::try_from(d).ok()),
            });
        }
        // Most to buy first.
        rows.sort_by(|a, b| {
            let n = |r: &PlanRow| r.suggested.parse::<f64>().unwrap_or(-1.0);
            n(b).total_cmp(&n(a))
                .then_with(|| a.product_name.cmp(&b.product_name))
        });
        Ok(PurchasePlan {
            safety_percent: safety,
            rows,
        })
    }
}
