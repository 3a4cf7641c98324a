//! Forecast errors: MASE (scaled by an in-sample baseline) and wMAPE, with the fallbacks that keep
//! both finite on series that never change or never sell.

use serde::Serialize;

use crate::SEASON;

/// How wrong a forecast was over a window of weeks. Both are finite and non-negative.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// Mean absolute error divided by [`mase_scale`] of the data the method was fitted on:
    /// 1.0 means "as wrong as the baseline was in-sample", lower is better.
    pub mase: f64,
    /// Sum of absolute errors divided by the units actually sold (see [`wmape`] for the window
    /// where nothing sold).
    pub wmape: f64,
}

impl Metrics {
    /// Errors of `forecast` against `actual` (same length), MASE scaled by `scale`.
    pub(crate) fn of(actual: &[f64], forecast: &[f64], scale: f64) -> Metrics {
        let abs = abs_error(actual, forecast);
        let n = actual.len().min(forecast.len());
        let mae = if n == 0 { 0.0 } else { abs / n as f64 };
        Metrics {
            mase: finite_or_zero(mae / scale),
            wmape: wmape(abs, actual.iter().sum()),
        }
    }
}

/// Sum of |actual - forecast| over the common length.
pub(crate) fn abs_error(actual: &[f64], forecast: &[f64]) -> f64 {
    actual
        .iter()
        .zip(forecast)
        .map(|(a, f)| (a - f).abs())
        .sum()
}

/// Root mean squared error over the common length (0 for no weeks); finite for clean input.
pub(crate) fn rmse(actual: &[f64], forecast: &[f64]) -> f64 {
    let n = actual.len().min(forecast.len());
    if n == 0 {
        return 0.0;
    }
    let sq: f64 = actual
        .iter()
        .zip(forecast)
        .map(|(a, f)| (a - f).powi(2))
        .sum();
    finite_or_zero((sq / n as f64).sqrt())
}

/// wMAPE = `abs_error / sold`. When nothing sold (`sold` is 0) it is 0 if the forecast was all
/// zeros too and 1 (all of it wrong) otherwise, so a window without sales never divides by zero.
pub fn wmape(abs_error: f64, sold: f64) -> f64 {
    if sold > 0.0 {
        finite_or_zero(abs_error / sold)
    } else if abs_error > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// The MASE denominator for a method fitted on `fit`: the in-sample mean absolute error of the
/// seasonal naive forecast (m = [`SEASON`]) when `fit` has more than a season of weeks, else of
/// the naive forecast (m = 1).
///
/// Fallbacks when that is zero (a series that repeats itself exactly, or never sells): the naive
/// in-sample MAE, then the mean weekly sales of `fit`, then 1.0 (MASE becomes the MAE in units).
/// The result is always finite and positive.
pub fn mase_scale(fit: &[f64]) -> f64 {
    let lagged = |m: usize| -> f64 {
        if fit.len() <= m {
            return 0.0;
        }
        let n = fit.len() - m;
        fit.windows(m + 1).map(|w| (w[m] - w[0]).abs()).sum::<f64>() / n as f64
    };
    let seasonal = if fit.len() > SEASON {
        lagged(SEASON)
    } else {
        0.0
    };
    let mean = if fit.is_empty() {
        0.0
    } else {
        fit.iter().map(|y| y.abs()).sum::<f64>() / fit.len() as f64
    };
    [seasonal, lagged(1), mean]
        .into_iter()
        .find(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(1.0)
}

pub(crate) fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mase_of_a_short_series_is_scaled_by_its_naive_error() {
        // fit = [2, 4, 3, 5]: shorter than a season, so the naive (m = 1) scale:
        // |4-2| + |3-4| + |5-3| = 2 + 1 + 2 = 5 over 3 steps = 5/3.
        let fit = [2.0, 4.0, 3.0, 5.0];
        assert!((mase_scale(&fit) - 5.0 / 3.0).abs() < 1e-12);
        // actual [6, 4], forecast [5, 5]: MAE = (1 + 1) / 2 = 1, MASE = 1 / (5/3) = 0.6;
        // wMAPE = (1 + 1) / (6 + 4) = 0.2.
        let m = Metrics::of(&[6.0, 4.0], &[5.0, 5.0], mase_scale(&fit));
        assert!((m.mase - 0.6).abs() < 1e-12);
        assert!((m.wmape - 0.2).abs() < 1e-12);
    }

    #[test]
    fn mase_of_a_long_series_is_scaled_by_its_seasonal_naive_error() {
        // 54 weeks: week t sells t. Seasonal differences y[t] - y[t-52] are 52 for t = 52, 53:
        // scale = (52 + 52) / 2 = 52.
        let fit: Vec<f64> = (0..54).map(f64::from).collect();
        assert!((mase_scale(&fit) - 52.0).abs() < 1e-12);
        // actual [60, 70], forecast [8, 18]: MAE 52, MASE 1.0; wMAPE = 104 / 130 = 0.8.
        let m = Metrics::of(&[60.0, 70.0], &[8.0, 18.0], mase_scale(&fit));
        assert!((m.mase - 1.0).abs() < 1e-12);
        assert!((m.wmape - 0.8).abs() < 1e-12);
    }

    #[test]
    fn zero_scales_fall_back_in_the_documented_order() {
        // A season repeated exactly: the seasonal scale is 0, the naive one (|3-1|, |1-3|, ...) 2.
        let repeating: Vec<f64> = (0..60)
            .map(|t| if t % 2 == 0 { 1.0 } else { 3.0 })
            .collect();
        assert!((mase_scale(&repeating) - 2.0).abs() < 1e-12);
        // Constant 4: both differences are 0, the mean level 4 is the scale.
        assert!((mase_scale(&[4.0; 30]) - 4.0).abs() < 1e-12);
        // Nothing ever sold: scale 1, MASE is the MAE in units.
        assert_eq!(mase_scale(&[0.0; 30]), 1.0);
        assert_eq!(mase_scale(&[]), 1.0);
    }

    #[test]
    fn wmape_of_a_window_without_sales() {
        assert_eq!(wmape(0.0, 0.0), 0.0);
        assert_eq!(wmape(3.0, 0.0), 1.0);
        assert!((wmape(3.0, 12.0) - 0.25).abs() < 1e-12);
    }
}
