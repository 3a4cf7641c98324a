//! Weekly demand forecasts for one product at a time, the method chosen per product by backtest.
//!
//! Pure: no IO, no clock, no randomness. The same weeks in give the same forecast out.
//!
//! # Input
//!
//! `weekly[i]` is the units sold in week i, oldest first, the last element the last complete
//! week. A negative week (more returned than sold) counts as 0 sold. A NaN or infinite week is
//! refused ([`NotEnough::NotANumber`]), as is a week above [`MAX_WEEKLY`]
//! ([`NotEnough::TooLarge`]): those are broken data, not sales, and a guess would hide them.
//! At least [`MIN_WEEKS`] weeks are needed ([`NotEnough::NeedWeeks`]).
//!
//! # How the method is chosen
//!
//! The history is split into train | validation | test, the test window the last [`HORIZON`]
//! weeks, the validation window the [`VALIDATION_FOLDS`] × [`HORIZON`] weeks before it (fewer
//! folds on a short history), train everything before.
//!
//! 1. Each candidate forecasts every validation fold from all the weeks before that fold (a
//!    rolling origin: the last fold is forecast from train alone), and the one with the lowest
//!    root mean squared error over the folds is chosen. The test weeks are never looked at while
//!    choosing.
//!    - Several folds, not one: with one 8-week window a product that sells on one week in six
//!      has no sale at all in it about a quarter of the time, and then "forecast zero" wins; a
//!      seasonal product's single window says nothing about its peak. On the synthetic tests
//!      (`tests/synthetic.rs`) six folds chose better than one or four.
//!    - Squared, not absolute, errors: the absolute error of a slow product is smallest when
//!      forecasting zero every week (the median week sells nothing), which would stock nothing;
//!      the squared error is smallest at the mean rate. The M5 competition scored with RMSSE
//!      for the same reason; within one product RMSSE's scale is a constant, so ranking by RMSE
//!      is the same choice.
//!    - Candidates, in tie-breaking order (a later one must be strictly better): seasonal naive,
//!      naive, Croston, TSB, and augurs' MSTL + AutoETS when the product sold on more than half
//!      of the train weeks (on intermittent demand ETS forecasts an average of spikes and zeros;
//!      Croston and TSB model exactly that). A candidate augurs cannot fit is left out.
//! 2. The chosen method and the two baselines (seasonal naive, naive) are refitted on train +
//!    validation and scored on the test weeks: that is the [`Backtest`] a person sees, an honest
//!    estimate of how wrong the next forecast will be, next to what the baselines would have done.
//!    Whether the chosen method earned its place by beating seasonal naive there is
//!    [`Backtest::beats_seasonal_naive`]; the choice is never changed after the test (that would
//!    make the test a second validation and its errors optimistic).
//! 3. [`forecast`] refits the chosen method on all weeks and forecasts the next [`HORIZON`].
//!
//! MASE divides the mean absolute error by the in-sample seasonal naive error (m = [`SEASON`]) of
//! the data the method was fitted on, or by the naive error (m = 1) when that data is not longer
//! than a season; zero scales fall back as [`mase_scale`] documents. wMAPE is the sum of absolute
//! errors over the units sold ([`wmape`] for a window without sales). No metric is ever NaN or
//! infinite.
//!
//! A product that never sold forecasts zeros: its backtest chooses seasonal naive with zero
//! errors, and [`Backtest::weeks_with_sales`] is 0 for the caller to say so.
//!
//! Every forecast carries an ~80% range: point ± 1.28·σ·√h, σ the root mean square of the
//! method's one-step errors on the weeks it was fitted on, h the weeks ahead, cut at zero.

mod methods;
mod metrics;

use serde::Serialize;

pub use methods::{Method, CROSTON_ALPHA, TSB_ALPHA, TSB_BETA};
pub use metrics::{mase_scale, wmape, Metrics};

/// Weeks in a season (a year).
pub const SEASON: usize = 52;
/// Weeks forecast ahead, and the length of the validation and the test windows.
pub const HORIZON: usize = 8;
/// The fewest weeks of history a forecast needs: validation and test windows plus 8 weeks to fit.
pub const MIN_WEEKS: usize = 2 * HORIZON + 8;
/// The most units a week may sell; more is taken for broken data. A thousand times the shop's
/// largest quantity (`MAX_QUANTITY`, a million units), and small enough that sums of squares of
/// a few hundred weeks stay finite.
pub const MAX_WEEKLY: f64 = 1e9;
/// Validation windows of [`HORIZON`] weeks each, back to back before the test window (fewer
/// when the history is short: the oldest must leave [`MIN_WEEKS`] − 2·[`HORIZON`] weeks to fit).
pub const VALIDATION_FOLDS: usize = 6;
const MIN_TRAIN: usize = MIN_WEEKS - 2 * HORIZON;
/// The share of weeks with sales above which MSTL + AutoETS is a candidate.
pub const ETS_MIN_SELLING_SHARE: f64 = 0.5;

/// The next [`HORIZON`] weeks. Every value finite and non-negative, `low[i] <= points[i] <=
/// high[i]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// The method that made it: the backtest's choice, or seasonal naive in the rare case augurs
    /// could fit the shorter history but not all of it.
    pub method: Method,
    pub points: Vec<f64>,
    /// The lower end of the ~80% range.
    pub low: Vec<f64>,
    /// The upper end of the ~80% range.
    pub high: Vec<f64>,
}

/// A candidate's errors on the validation window (fitted on train): why it was or was not chosen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub method: Method,
    /// Root mean squared error in units: what the choice ranks by.
    pub validation_rmse: f64,
    pub validation: Metrics,
}

/// Sums over the test window, kept so that [`overall`] can weigh products by what they sold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestTotals {
    /// Units sold in the test weeks.
    pub sold: f64,
    /// Sum of |actual − forecast| of the chosen method.
    pub chosen_abs_error: f64,
    pub seasonal_naive_abs_error: f64,
    pub naive_abs_error: f64,
}

/// How one product's method was chosen and how it did on the held-back test weeks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backtest {
    pub chosen: Method,
    /// The chosen method's errors on the test weeks, fitted on train + validation.
    pub chosen_metrics: Metrics,
    /// Seasonal naive's errors on the same test weeks.
    pub seasonal_naive: Metrics,
    /// Naive's errors on the same test weeks.
    pub naive: Metrics,
    /// Every candidate tried, in tie-breaking order, with its validation errors.
    pub candidates: Vec<Candidate>,
    pub test: TestTotals,
    /// Weeks of history.
    pub weeks: usize,
    /// Weeks of history with any sales (0: the product never sold, the forecast is zeros).
    pub weeks_with_sales: usize,
}

impl Backtest {
    /// How far to trust the forecast, from the chosen method's test wMAPE.
    pub fn confidence(&self) -> Confidence {
        Confidence::of_wmape(self.chosen_metrics.wmape)
    }

    /// Whether the chosen method was strictly better than seasonal naive on the test weeks (by
    /// MASE). Seasonal naive itself never beats itself.
    pub fn beats_seasonal_naive(&self) -> bool {
        self.chosen_metrics.mase < self.seasonal_naive.mase
    }
}

/// The shop's accuracy over many products.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overall {
    pub products: usize,
    pub chosen: Metrics,
    pub seasonal_naive: Metrics,
    pub naive: Metrics,
}

/// How far to trust a forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Backtest wMAPE under 0.3.
    Good,
    /// Backtest wMAPE under 0.6.
    Rough,
    /// Backtest wMAPE 0.6 or more.
    Unsure,
}

impl Confidence {
    pub fn of_wmape(wmape: f64) -> Confidence {
        if wmape < 0.3 {
            Confidence::Good
        } else if wmape < 0.6 {
            Confidence::Rough
        } else {
            Confidence::Unsure
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Confidence::Good => "good",
            Confidence::Rough => "rough",
            Confidence::Unsure => "unsure",
        }
    }
}

/// Why a product gets no forecast, and what it would take.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NotEnough {
    /// Too short a history.
    #[error(
        "a forecast needs at least {need} weeks of sales history and this product has {have}; \
         try again after {}", weeks(need.saturating_sub(*have))
    )]
    NeedWeeks { have: usize, need: usize },
    /// A week (counting from 1, the oldest) is NaN or infinite.
    #[error(
        "week {week} of the sales history is not a number; check the sales data for that week"
    )]
    NotANumber { week: usize },
    /// A week (counting from 1, the oldest) sold more than `max` units.
    #[error(
        "week {week} of the sales history is more than {max} units, which cannot be right; \
         check the sales data for that week"
    )]
    TooLarge { week: usize, max: f64 },
}

fn weeks(n: usize) -> String {
    if n == 1 {
        "1 more week".to_string()
    } else {
        format!("{n} more weeks")
    }
}

/// Chooses the method by backtest (see the crate doc), then refits it on all weeks and forecasts
/// the next [`HORIZON`].
pub fn forecast(weekly: &[f64]) -> Result<(Forecast, Backtest), NotEnough> {
    let y = clean(weekly)?;
    let backtest = backtest_clean(&y);
    let (method, fitted) = fit_or_baseline(backtest.chosen, &y);
    let (low, high) = fitted.range();
    Ok((
        Forecast {
            method,
            points: fitted.points,
            low,
            high,
        },
        backtest,
    ))
}

/// Chooses the method on the validation weeks and scores it and the baselines on the test weeks
/// (see the crate doc).
pub fn backtest(weekly: &[f64]) -> Result<Backtest, NotEnough> {
    let y = clean(weekly)?;
    Ok(backtest_clean(&y))
}

/// The products' accuracy together: MASE is the mean of the products' MASE (each product counts
/// once, whatever it sells); wMAPE is the sum of all absolute errors over all units sold in the
/// test weeks (big sellers weigh more), with [`wmape`]'s rule when nothing sold. No products:
/// all zeros.
pub fn overall(each: &[Backtest]) -> Overall {
    let n = each.len();
    let sold: f64 = each.iter().map(|b| b.test.sold).sum();
    let total = |mase: fn(&Backtest) -> f64, abs: fn(&Backtest) -> f64| Metrics {
        mase: if n == 0 {
            0.0
        } else {
            metrics::finite_or_zero(each.iter().map(mase).sum::<f64>() / n as f64)
        },
        wmape: wmape(each.iter().map(abs).sum(), sold),
    };
    Overall {
        products: n,
        chosen: total(|b| b.chosen_metrics.mase, |b| b.test.chosen_abs_error),
        seasonal_naive: total(
            |b| b.seasonal_naive.mase,
            |b| b.test.seasonal_naive_abs_error,
        ),
        naive: total(|b| b.naive.mase, |b| b.test.naive_abs_error),
    }
}

/// The checked history: negatives as 0; NaN, infinite or above [`MAX_WEEKLY`] refused; at
/// least [`MIN_WEEKS`] weeks. Bad values are reported before a short history, since they need
/// fixing either way.
fn clean(weekly: &[f64]) -> Result<Vec<f64>, NotEnough> {
    let y = weekly
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if !v.is_finite() {
                Err(NotEnough::NotANumber { week: i + 1 })
            } else if v > MAX_WEEKLY {
                Err(NotEnough::TooLarge {
                    week: i + 1,
                    max: MAX_WEEKLY,
                })
            } else {
                Ok(v.max(0.0))
            }
        })
        .collect::<Result<Vec<f64>, NotEnough>>()?;
    if y.len() < MIN_WEEKS {
        return Err(NotEnough::NeedWeeks {
            have: y.len(),
            need: MIN_WEEKS,
        });
    }
    Ok(y)
}

/// `y` is clean and at least [`MIN_WEEKS`] long.
fn backtest_clean(y: &[f64]) -> Backtest {
    let n = y.len();
    let fit_data = &y[..n - HORIZON];
    let test = &y[n - HORIZON..];
    let train = &y[..n - 2 * HORIZON];
    // Validation origins, oldest first; the last is the end of train.
    let folds = ((fit_data.len() - MIN_TRAIN) / HORIZON).clamp(1, VALIDATION_FOLDS);
    let origins: Vec<usize> = (1..=folds)
        .rev()
        .map(|k| fit_data.len() - k * HORIZON)
        .collect();

    let train_scale = mase_scale(train);
    let selling = train.iter().filter(|&&v| v > 0.0).count();
    let ets_candidate = selling as f64 > ETS_MIN_SELLING_SHARE * train.len() as f64;
    let candidates: Vec<Candidate> = Method::ALL
        .into_iter()
        .filter(|&m| m != Method::Ets || ets_candidate)
        .filter_map(|method| {
            let mut actual = Vec::with_capacity(folds * HORIZON);
            let mut predicted = Vec::with_capacity(folds * HORIZON);
            for &origin in &origins {
                let fitted = methods::fit(method, &y[..origin])?;
                actual.extend_from_slice(&y[origin..origin + HORIZON]);
                predicted.extend(fitted.points);
            }
            Some(Candidate {
                method,
                validation_rmse: metrics::rmse(&actual, &predicted),
                validation: Metrics::of(&actual, &predicted, train_scale),
            })
        })
        .collect();
    let mut chosen = Method::SeasonalNaive;
    let mut best = f64::INFINITY;
    for c in &candidates {
        if c.validation_rmse < best {
            best = c.validation_rmse;
            chosen = c.method;
        }
    }

    let scale = mase_scale(fit_data);
    let (chosen, chosen_fit) = fit_or_baseline(chosen, fit_data);
    let (_, seasonal_fit) = fit_or_baseline(Method::SeasonalNaive, fit_data);
    let (_, naive_fit) = fit_or_baseline(Method::Naive, fit_data);
    Backtest {
        chosen,
        chosen_metrics: Metrics::of(test, &chosen_fit.points, scale),
        seasonal_naive: Metrics::of(test, &seasonal_fit.points, scale),
        naive: Metrics::of(test, &naive_fit.points, scale),
        candidates,
        test: TestTotals {
            sold: test.iter().sum(),
            chosen_abs_error: metrics::abs_error(test, &chosen_fit.points),
            seasonal_naive_abs_error: metrics::abs_error(test, &seasonal_fit.points),
            naive_abs_error: metrics::abs_error(test, &naive_fit.points),
        },
        weeks: n,
        weeks_with_sales: y.iter().filter(|&&v| v > 0.0).count(),
    }
}

/// `method` fitted on `y`, or seasonal naive when augurs cannot fit it (the baselines always fit
/// a non-empty series).
fn fit_or_baseline(method: Method, y: &[f64]) -> (Method, methods::Fitted) {
    if let Some(fitted) = methods::fit(method, y) {
        return (method, fitted);
    }
    let fitted = methods::fit(Method::SeasonalNaive, y).unwrap_or_else(|| methods::Fitted {
        points: vec![0.0; HORIZON],
        sigma: 0.0,
    });
    (Method::SeasonalNaive, fitted)
}
