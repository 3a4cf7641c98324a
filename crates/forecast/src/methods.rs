//! The candidate methods: each fits weekly history and gives [`HORIZON`] point forecasts plus the
//! spread of its one-step in-sample errors, from which an ~80% range is drawn.

use augurs_core::{Fit, Predict};
use augurs_ets::AutoETS;
use augurs_mstl::MSTLModel;
use serde::Serialize;

use crate::{HORIZON, SEASON};

/// Croston's smoothing constant for both the demand size and the interval between demands.
/// Croston (1972) and Syntetos & Boylan recommend 0.05–0.2; 0.1 is the usual middle.
pub const CROSTON_ALPHA: f64 = 0.1;
/// TSB's smoothing constant for the demand size (Teunter, Syntetos & Babai 2011).
pub const TSB_ALPHA: f64 = 0.1;
/// TSB's smoothing constant for the probability that a week has demand. Updated every week (not
/// only on demand), so a product that stops selling sees its forecast decay towards zero.
pub const TSB_BETA: f64 = 0.1;

/// z of the standard normal at 90%: point ± z·σ is a central 80% range.
const Z80: f64 = 1.281_551_565_545;

/// A forecasting method, in the order ties are broken: a later method must be strictly better on
/// the validation window to be chosen over an earlier one, so a baseline wins ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Next weeks = the last week sold.
    Naive,
    /// Next weeks = the same weeks one season ([`SEASON`] weeks) ago; naive when the history is
    /// not longer than a season.
    SeasonalNaive,
    /// Croston (1972): smoothed demand size over smoothed interval between demands.
    Croston,
    /// Teunter, Syntetos & Babai (2011): smoothed demand size times smoothed probability of demand.
    Tsb,
    /// augurs MSTL (period [`SEASON`]) with an AutoETS trend (additive damped) on log sales, or
    /// that AutoETS alone when the history is shorter than two seasons.
    #[serde(rename = "mstl_ets")]
    Ets,
}

impl Method {
    /// Every method, in tie-breaking order.
    pub const ALL: [Method; 5] = [
        Method::SeasonalNaive,
        Method::Naive,
        Method::Croston,
        Method::Tsb,
        Method::Ets,
    ];

    /// The stable name used in JSON, the CLI and the database.
    pub fn code(self) -> &'static str {
        match self {
            Method::Naive => "naive",
            Method::SeasonalNaive => "seasonal_naive",
            Method::Croston => "croston",
            Method::Tsb => "tsb",
            Method::Ets => "mstl_ets",
        }
    }
}

/// A method fitted to some weeks: its forecasts for the next [`HORIZON`] weeks.
#[derive(Debug, Clone)]
pub(crate) struct Fitted {
    /// Finite, non-negative, [`HORIZON`] values.
    pub points: Vec<f64>,
    /// Root mean square of the one-step in-sample errors (finite, non-negative).
    pub sigma: f64,
}

impl Fitted {
    /// The ~80% range: point ± 1.28·σ·√h (h = weeks ahead), the lower end cut at zero. A rough
    /// range under normal errors that grow like a random walk's; it is the same rule for every
    /// method so that widths compare.
    pub fn range(&self) -> (Vec<f64>, Vec<f64>) {
        self.points
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                let half = Z80 * self.sigma * ((i + 1) as f64).sqrt();
                let half = if half.is_finite() { half } else { 0.0 };
                ((p - half).max(0.0), p + half)
            })
            .unzip()
    }
}

/// Fits `method` to `y` (cleaned: finite, non-negative, at least one week). `None` only when
/// augurs cannot fit (too few weeks, no model found, a non-finite result).
pub(crate) fn fit(method: Method, y: &[f64]) -> Option<Fitted> {
    if y.is_empty() {
        return None;
    }
    let (points, fitted): (Vec<f64>, Vec<Option<f64>>) = match method {
        Method::Naive => lagged(y, 1),
        Method::SeasonalNaive if y.len() > SEASON => lagged(y, SEASON),
        Method::SeasonalNaive => lagged(y, 1),
        Method::Croston => {
            let (next, fitted) = croston(y, CROSTON_ALPHA);
            (vec![next; HORIZON], fitted)
        }
        Method::Tsb => {
            let (next, fitted) = tsb(y, TSB_ALPHA, TSB_BETA);
            (vec![next; HORIZON], fitted)
        }
        Method::Ets => ets(y)?,
    };
    if points.len() != HORIZON || points.iter().any(|p| !p.is_finite()) {
        return None;
    }
    let errors: Vec<f64> = y
        .iter()
        .zip(&fitted)
        .filter_map(|(a, f)| f.map(|f| (a - f).powi(2)))
        .collect();
    let sigma = if errors.is_empty() {
        0.0
    } else {
        (errors.iter().sum::<f64>() / errors.len() as f64).sqrt()
    };
    Some(Fitted {
        points: points.into_iter().map(|p| p.max(0.0)).collect(),
        sigma: if sigma.is_finite() { sigma } else { 0.0 },
    })
}

/// The value `m` weeks before each forecast week (m = 1: naive; m = SEASON: seasonal naive,
/// which needs `y.len() >= m`), and the same rule's one-step forecasts in-sample.
fn lagged(y: &[f64], m: usize) -> (Vec<f64>, Vec<Option<f64>>) {
    let n = y.len();
    let points = (0..HORIZON)
        .map(|h| {
            // Week n + h is forecast by week n + h - m, or by the forecast of it when that is
            // itself ahead (only for m < HORIZON): repeat the last m weeks.
            let back = n + h - m * (1 + h / m);
            y[back]
        })
        .collect();
    let fitted = (0..n).map(|t| t.checked_sub(m).map(|s| y[s])).collect();
    (points, fitted)
}

/// Croston (1972). Nothing is forecast until the first week with demand; that week sets the
/// demand size z to its sales and the interval p to its position (weeks since the start,
/// counting itself). Then on each week with demand d after q weeks (counting itself) since the
/// previous demand: z ← z + α(d − z), p ← p + α(q − p); weeks without demand change nothing. The
/// forecast for every future week is z / p (0 when there was never any demand).
///
/// Returns that forecast and the one-step forecast made before each week (`None` before the
/// first demand).
pub(crate) fn croston(y: &[f64], alpha: f64) -> (f64, Vec<Option<f64>>) {
    let mut state: Option<(f64, f64)> = None;
    let mut since = 0_usize;
    let mut fitted = Vec::with_capacity(y.len());
    for &d in y {
        fitted.push(state.map(|(z, p)| z / p));
        since += 1;
        if d > 0.0 {
            let q = since as f64;
            state = Some(match state {
                None => (d, q),
                Some((z, p)) => (z + alpha * (d - z), p + alpha * (q - p)),
            });
            since = 0;
        }
    }
    (state.map_or(0.0, |(z, p)| z / p), fitted)
}

/// TSB, Teunter, Syntetos & Babai (2011). Nothing is forecast until the first week with demand;
/// that week sets the demand size z to its sales and the probability of demand π to 1 / its
/// position (as Croston's first interval). Then every week: with demand d, z ← z + α(d − z) and
/// π ← π + β(1 − π); without, z stays and π ← π + β(0 − π). The forecast is π·z (0 when there
/// was never any demand).
pub(crate) fn tsb(y: &[f64], alpha: f64, beta: f64) -> (f64, Vec<Option<f64>>) {
    let mut state: Option<(f64, f64)> = None;
    let mut since = 0_usize;
    let mut fitted = Vec::with_capacity(y.len());
    for &d in y {
        fitted.push(state.map(|(z, pi)| z * pi));
        since += 1;
        state = match state {
            None if d > 0.0 => Some((d, 1.0 / since as f64)),
            None => None,
            Some((z, pi)) if d > 0.0 => Some((z + alpha * (d - z), pi + beta * (1.0 - pi))),
            Some((z, pi)) => Some((z, pi + beta * (0.0 - pi))),
        };
    }
    (state.map_or(0.0, |(z, pi)| z * pi), fitted)
}

/// augurs on ln(1 + sales), forecasts turned back by exp − 1: MSTL with one seasonal period of
/// [`SEASON`] weeks and an AutoETS ([`trend_model`]) model of the deseasonalised series, when
/// there are at least two seasons of weeks (MSTL needs them); AutoETS alone otherwise. The log
/// makes MSTL's additive season multiplicative: a growing product's peak grows with it (on the
/// synthetic kiwi line this cut the test MASE by about a fifth against fitting the units
/// themselves). Intervals are not asked of augurs: some of its models draw them by simulation
/// from an unseeded generator, which would break reproducibility.
fn ets(y: &[f64]) -> Option<(Vec<f64>, Vec<Option<f64>>)> {
    let log: Vec<f64> = y.iter().map(|v| v.ln_1p()).collect();
    let y = &log[..];
    let (points, in_sample) = if y.len() >= 2 * SEASON {
        let model = MSTLModel::new(vec![SEASON], trend_model()?.into_trend_model());
        let fitted = model.fit(y).ok()?;
        (
            fitted.predict(HORIZON, None).ok()?.point,
            fitted.predict_in_sample(None).ok()?.point,
        )
    } else {
        let fitted = trend_model()?.fit(y).ok()?;
        (
            fitted.predict(HORIZON, None).ok()?.point,
            fitted.predict_in_sample(None).ok()?.point,
        )
    };
    let fitted = in_sample
        .into_iter()
        .map(|f| Some(f.exp_m1()).filter(|f| f.is_finite()))
        .collect();
    Some((points.into_iter().map(f64::exp_m1).collect(), fitted))
}

/// augurs' AutoETS held to one model: additive errors, additive damped trend, no season (MSTL
/// takes it out), its parameters (α, β, φ and the initial states) estimated by likelihood. Additive
/// errors on the log scale are multiplicative ones on sales. Measured before settling on it: the
/// search over additive-error models ("AZN": no, additive or damped trend, ranked by AICc) gave a
/// test MASE of 2.90 on twenty synthetic kiwi lines against this model's 2.97 (seasonal naive
/// 3.92) at 1.7 times the CPU for the whole synthetic shop (shop-wide MASE 2.05 against 2.08);
/// the full search ("ZZN", multiplicative errors too) cost over twice the "AZN" one again. A
/// damped trend is the robust default of the forecasting literature (Gardner & McKenzie 1985)
/// and never extrapolates growth for ever.
fn trend_model() -> Option<AutoETS> {
    AutoETS::new(1, "AAN").ok()?.damped(true).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERIES: [f64; 10] = [0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 3.0, 0.0, 4.0, 0.0];

    #[test]
    fn croston_by_hand() {
        // α = 0.1 on [0, 0, 5, 0, 0, 0, 3, 0, 4, 0] (weeks 1..10):
        // weeks 1, 2: no demand yet, nothing forecast.
        // week 3: first demand 5 after 3 weeks: z = 5, p = 3. Forecast from here 5/3.
        // weeks 4, 5, 6: no demand, z and p stay.
        // week 7: demand 3, q = 4 weeks since week 3:
        //   z = 5 + 0.1·(3 − 5) = 4.8,  p = 3 + 0.1·(4 − 3) = 3.1.  Forecast 4.8/3.1.
        // week 8: no demand.
        // week 9: demand 4, q = 2:
        //   z = 4.8 + 0.1·(4 − 4.8) = 4.72,  p = 3.1 + 0.1·(2 − 3.1) = 2.99.
        // week 10: no demand.
        // Forecast for week 11 on: 4.72 / 2.99 = 1.578595...
        let (next, fitted) = croston(&SERIES, 0.1);
        assert!((next - 4.72 / 2.99).abs() < 1e-12);
        assert!((next - 1.578_595).abs() < 1e-6);
        assert_eq!(fitted[..3], [None, None, None]);
        assert!((fitted[3].unwrap_or(f64::NAN) - 5.0 / 3.0).abs() < 1e-12);
        assert!((fitted[7].unwrap_or(f64::NAN) - 4.8 / 3.1).abs() < 1e-12);
        assert!((fitted[9].unwrap_or(f64::NAN) - 4.72 / 2.99).abs() < 1e-12);
    }

    #[test]
    fn tsb_by_hand() {
        // α = β = 0.1 on [0, 0, 5, 0, 0, 0, 3, 0, 4, 0]:
        // weeks 1, 2: no demand yet.
        // week 3: first demand 5 after 3 weeks: z = 5, π = 1/3.
        // week 4: none: π = 1/3 − 0.1·(1/3) = 0.3
        // week 5: none: π = 0.3 − 0.03 = 0.27
        // week 6: none: π = 0.27 − 0.027 = 0.243
        // week 7: demand 3: z = 5 + 0.1·(3 − 5) = 4.8,  π = 0.243 + 0.1·(1 − 0.243) = 0.3187
        // week 8: none: π = 0.3187 − 0.03187 = 0.28683
        // week 9: demand 4: z = 4.8 + 0.1·(4 − 4.8) = 4.72,
        //   π = 0.28683 + 0.1·(1 − 0.28683) = 0.358147
        // week 10: none: π = 0.358147 − 0.0358147 = 0.3223323
        // Forecast for week 11 on: π·z = 0.3223323 · 4.72 = 1.52140846 (to 8 places: 1.52140846)
        let (next, fitted) = tsb(&SERIES, 0.1, 0.1);
        assert!((next - 0.322_332_3 * 4.72).abs() < 1e-9);
        assert!((next - 1.521_408_456).abs() < 1e-9);
        assert_eq!(fitted[..3], [None, None, None]);
        assert!((fitted[3].unwrap_or(f64::NAN) - 5.0 / 3.0).abs() < 1e-12);
        assert!((fitted[6].unwrap_or(f64::NAN) - 0.243 * 5.0).abs() < 1e-12);
    }

    #[test]
    fn tsb_decays_when_sales_stop_and_croston_does_not() {
        let mut y = SERIES.to_vec();
        y.extend([0.0; 20]);
        assert_eq!(croston(&y, 0.1).0, croston(&SERIES, 0.1).0);
        assert!(tsb(&y, 0.1, 0.1).0 < 0.2 * tsb(&SERIES, 0.1, 0.1).0);
    }

    #[test]
    fn no_demand_ever_forecasts_zero() {
        assert_eq!(croston(&[0.0; 12], 0.1).0, 0.0);
        assert_eq!(tsb(&[0.0; 12], 0.1, 0.1).0, 0.0);
    }

    #[test]
    fn seasonal_naive_repeats_last_season_and_naive_the_last_week() {
        let y: Vec<f64> = (0..60).map(f64::from).collect();
        let (points, _) = lagged(&y, SEASON);
        assert_eq!(points, (8..16).map(f64::from).collect::<Vec<_>>());
        let (points, _) = lagged(&y, 1);
        assert_eq!(points, vec![59.0; HORIZON]);
    }
}
