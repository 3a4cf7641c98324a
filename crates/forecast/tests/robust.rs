//! Whatever weeks come in, a forecast never panics and never gives NaN, infinite or negative
//! numbers: it answers with finite figures or says what it needs.

mod common;

use farmstall_forecast::{backtest, forecast, Backtest, Metrics, NotEnough, HORIZON, MIN_WEEKS};
use proptest::prelude::*;

fn finite_metrics(m: &Metrics) -> bool {
    m.mase.is_finite() && m.mase >= 0.0 && m.wmape.is_finite() && m.wmape >= 0.0
}

fn sane_backtest(b: &Backtest) -> bool {
    finite_metrics(&b.chosen_metrics)
        && finite_metrics(&b.seasonal_naive)
        && finite_metrics(&b.naive)
        && b.candidates
            .iter()
            .all(|c| finite_metrics(&c.validation) && c.validation_rmse.is_finite())
        && [
            b.test.sold,
            b.test.chosen_abs_error,
            b.test.seasonal_naive_abs_error,
            b.test.naive_abs_error,
        ]
        .iter()
        .all(|v| v.is_finite() && *v >= 0.0)
}

/// What a clean series of `len` weeks must give, and what a dirty one must be refused with.
fn check(weekly: &[f64]) -> Result<(), TestCaseError> {
    match forecast(weekly) {
        Ok((f, b)) => {
            prop_assert!(weekly.len() >= MIN_WEEKS);
            prop_assert_eq!(f.points.len(), HORIZON);
            prop_assert_eq!(f.low.len(), HORIZON);
            prop_assert_eq!(f.high.len(), HORIZON);
            for i in 0..HORIZON {
                prop_assert!(
                    f.low[i].is_finite() && f.points[i].is_finite() && f.high[i].is_finite()
                );
                prop_assert!(
                    0.0 <= f.low[i] && f.low[i] <= f.points[i] && f.points[i] <= f.high[i]
                );
            }
            prop_assert!(sane_backtest(&b));
            prop_assert_eq!(b.weeks, weekly.len());
        }
        Err(NotEnough::NeedWeeks { have, need }) => {
            prop_assert_eq!(have, weekly.len());
            prop_assert_eq!(need, MIN_WEEKS);
            prop_assert!(have < need);
            prop_assert!(weekly.iter().all(|v| v.is_finite() && *v <= 1e9));
        }
        Err(NotEnough::NotANumber { week }) => {
            prop_assert!(!weekly[week - 1].is_finite());
        }
        Err(NotEnough::TooLarge { week, max }) => {
            prop_assert!(weekly[week - 1] > max);
        }
    }
    Ok(())
}

/// Weeks a shop might really have, and some it should not: zeros, negatives (returns), sales of
/// every size up to the largest allowed, a little above it.
fn plausible_week() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => Just(0.0),
        4 => 0.0..50.0f64,
        2 => (0u32..1000).prop_map(f64::from),
        1 => -100.0..0.0f64,
        1 => 1e6..1e9f64,
        1 => Just(1e9),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_f64_weeks_never_panic(weekly in prop::collection::vec(any::<f64>(), 0..300)) {
        check(&weekly)?;
    }

    #[test]
    fn plausible_weeks_give_finite_forecasts(
        weekly in prop::collection::vec(plausible_week(), 0..300),
    ) {
        check(&weekly)?;
    }

    #[test]
    fn a_few_bad_weeks_in_a_long_history_are_named(
        mut weekly in prop::collection::vec(0.0..30.0f64, MIN_WEEKS..120),
        at in any::<prop::sample::Index>(),
        bad in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY), Just(1e300)],
    ) {
        let i = at.index(weekly.len());
        weekly[i] = bad;
        let err = backtest(&weekly).err();
        let expected = if bad.is_finite() {
            NotEnough::TooLarge { week: i + 1, max: 1e9 }
        } else {
            NotEnough::NotANumber { week: i + 1 }
        };
        prop_assert_eq!(err, Some(expected));
    }
}
