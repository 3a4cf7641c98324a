//! The method choice on shop-like series: a seasonal, growing kiwi line with festival spikes, and
//! a slow product that sells on few weeks.

mod common;

use common::{ok, synth};
use farmstall_forecast::{backtest, forecast, Method, HORIZON};

#[test]
fn kiwi_season_chosen_method_beats_seasonal_naive_on_the_test_weeks() {
    // Five years of weeks; the test window is the last 8 weeks of the fifth year (November and
    // December, Double 11 and Double 12 in it), the validation window the 8 weeks before.
    let weekly = synth::kiwi(260, 2026, 100.0);
    let b = ok(backtest(&weekly));
    assert!(
        b.beats_seasonal_naive(),
        "chosen {:?} with test MASE {} vs seasonal naive {}",
        b.chosen,
        b.chosen_metrics.mase,
        b.seasonal_naive.mase
    );
    assert!(b.chosen_metrics.wmape < b.seasonal_naive.wmape);
}

#[test]
fn slow_product_gets_an_intermittent_method_or_beats_naive() {
    // Sells on about one week in six.
    let weekly = synth::intermittent(260, 7, 0.15);
    let zeros = weekly.iter().filter(|&&v| v == 0.0).count();
    assert!(zeros > 200, "most weeks sell nothing ({zeros} of 260)");
    let b = ok(backtest(&weekly));
    assert!(
        matches!(b.chosen, Method::Croston | Method::Tsb) || b.chosen_metrics.mase < b.naive.mase,
        "chosen {:?}",
        b.chosen
    );
    // MSTL + AutoETS is not offered for a product that sells on few weeks.
    assert!(b.candidates.iter().all(|c| c.method != Method::Ets));
}

#[test]
fn forecast_is_horizon_weeks_in_range_and_uses_the_chosen_method() {
    let weekly = synth::kiwi(260, 11, 40.0);
    let (f, b) = ok(forecast(&weekly));
    assert_eq!(f.method, b.chosen);
    assert_eq!(f.points.len(), HORIZON);
    for i in 0..HORIZON {
        assert!(0.0 <= f.low[i] && f.low[i] <= f.points[i] && f.points[i] <= f.high[i]);
    }
}

#[test]
fn kiwi_over_twenty_seeds_the_choice_mostly_beats_seasonal_naive() {
    // One seed can be lucky; twenty different noise draws of the same kiwi line. Measured when
    // written: 16 of 20 beat seasonal naive on the test weeks; shop-wide MASE 2.97 against
    // seasonal naive's 3.92, wMAPE 0.108 against 0.143.
    let each: Vec<_> = (0..20)
        .map(|seed| ok(backtest(&synth::kiwi(260, seed, 100.0))))
        .collect();
    let beats = each.iter().filter(|b| b.beats_seasonal_naive()).count();
    assert!(beats >= 15, "only {beats} of 20 beat seasonal naive");
    let all = farmstall_forecast::overall(&each);
    assert!(all.chosen.mase < all.seasonal_naive.mase);
    assert!(all.chosen.wmape < all.seasonal_naive.wmape);
}

#[test]
fn slow_products_over_twenty_seeds_get_croston_or_tsb() {
    // Measured when written: Croston or TSB chosen for all 20. (Their test MASE is often worse
    // than naive's, because naive's last week is usually zero and zero minimises absolute error
    // on a product that mostly sells nothing; that is why the choice ranks by squared error.)
    let chosen: Vec<Method> = (0..20)
        .map(|seed| ok(backtest(&synth::intermittent(260, seed, 0.15))).chosen)
        .collect();
    let intermittent = chosen
        .iter()
        .filter(|m| matches!(m, Method::Croston | Method::Tsb))
        .count();
    assert!(intermittent >= 18, "chosen: {chosen:?}");
}
