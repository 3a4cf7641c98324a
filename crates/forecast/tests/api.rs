//! The public contract: what comes out for edge-case histories, how products add up, the JSON
//! and message shapes the CLI and the desktop show.

mod common;

use common::{ok, synth};
use farmstall_forecast::{
    backtest, forecast, overall, Backtest, Confidence, Method, Metrics, NotEnough, TestTotals,
    HORIZON, MIN_WEEKS,
};

fn product(mase: [f64; 3], sold: f64, abs: [f64; 3]) -> Backtest {
    let m = |mase| Metrics { mase, wmape: 0.0 };
    Backtest {
        chosen: Method::Croston,
        chosen_metrics: m(mase[0]),
        seasonal_naive: m(mase[1]),
        naive: m(mase[2]),
        candidates: Vec::new(),
        test: TestTotals {
            sold,
            chosen_abs_error: abs[0],
            seasonal_naive_abs_error: abs[1],
            naive_abs_error: abs[2],
        },
        weeks: 100,
        weeks_with_sales: 50,
    }
}

#[test]
fn overall_means_mase_and_pools_wmape_by_units_sold() {
    // A big seller (sold 1000, errors 100 / 200 / 300) and a small one (sold 10, errors 5 / 2 / 8).
    let each = [
        product([0.5, 1.0, 1.5], 1000.0, [100.0, 200.0, 300.0]),
        product([2.0, 1.0, 0.5], 10.0, [5.0, 2.0, 8.0]),
    ];
    let all = overall(&each);
    assert_eq!(all.products, 2);
    // MASE: each product once. (0.5 + 2.0) / 2, (1.0 + 1.0) / 2, (1.5 + 0.5) / 2.
    assert!((all.chosen.mase - 1.25).abs() < 1e-12);
    assert!((all.seasonal_naive.mase - 1.0).abs() < 1e-12);
    assert!((all.naive.mase - 1.0).abs() < 1e-12);
    // wMAPE: all errors over all units. 105 / 1010, 202 / 1010, 308 / 1010.
    assert!((all.chosen.wmape - 105.0 / 1010.0).abs() < 1e-12);
    assert!((all.seasonal_naive.wmape - 0.2).abs() < 1e-12);
    assert!((all.naive.wmape - 308.0 / 1010.0).abs() < 1e-12);
}

#[test]
fn overall_of_no_products_is_zero_and_of_no_sales_follows_wmape_rule() {
    let none = overall(&[]);
    assert_eq!(none.products, 0);
    assert_eq!(
        none.chosen,
        Metrics {
            mase: 0.0,
            wmape: 0.0
        }
    );
    // Nothing sold in any test window: wMAPE 0 where the forecast was zero, 1 where it was not.
    let all = overall(&[product([0.0, 0.3, 0.0], 0.0, [0.0, 4.0, 0.0])]);
    assert_eq!(all.chosen.wmape, 0.0);
    assert_eq!(all.seasonal_naive.wmape, 1.0);
}

#[test]
fn the_same_weeks_give_the_same_forecast_twice() {
    for weekly in [
        synth::kiwi(260, 3, 80.0),
        synth::intermittent(200, 3, 0.2),
        synth::kiwi(90, 4, 20.0),
    ] {
        let first = ok(forecast(&weekly));
        let second = ok(forecast(&weekly));
        // Bit for bit, through the JSON the app would store.
        assert_eq!(
            ok(serde_json::to_string(&first)),
            ok(serde_json::to_string(&second))
        );
        assert_eq!(first, second);
    }
}

#[test]
fn too_short_a_history_says_how_many_weeks_it_needs() {
    let err = forecast(&[3.0; MIN_WEEKS - 1]).err();
    assert_eq!(
        err,
        Some(NotEnough::NeedWeeks {
            have: MIN_WEEKS - 1,
            need: MIN_WEEKS
        })
    );
    assert_eq!(
        err.map(|e| e.to_string()).unwrap_or_default(),
        "a forecast needs at least 24 weeks of sales history and this product has 23; \
         try again after 1 more week"
    );
    assert_eq!(
        forecast(&[])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default(),
        "a forecast needs at least 24 weeks of sales history and this product has 0; \
         try again after 24 more weeks"
    );
    // Exactly the minimum is enough (one validation fold, 8 weeks to fit). augurs' damped-trend
    // ETS needs more than its 4 parameters + 4 weeks, so it is left out here and the others
    // compete.
    let (f, b) = ok(forecast(&[3.0; MIN_WEEKS]));
    assert_eq!(f.points, vec![3.0; HORIZON]);
    let tried: Vec<Method> = b.candidates.iter().map(|c| c.method).collect();
    assert_eq!(
        tried,
        [
            Method::SeasonalNaive,
            Method::Naive,
            Method::Croston,
            Method::Tsb
        ]
    );
    // Four weeks more and it is a candidate.
    let b = ok(backtest(&[3.0; MIN_WEEKS + 4]));
    assert!(b.candidates.iter().any(|c| c.method == Method::Ets));
}

#[test]
fn bad_weeks_are_named_in_plain_english() {
    let mut weekly = vec![2.0; 30];
    weekly[4] = f64::NAN;
    assert_eq!(
        ok(serde_json::to_value(backtest(&weekly).err())),
        serde_json::json!({ "kind": "notANumber", "week": 5 })
    );
    assert_eq!(
        backtest(&weekly)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default(),
        "week 5 of the sales history is not a number; check the sales data for that week"
    );
    weekly[4] = 2e9;
    assert!(backtest(&weekly)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
        .starts_with("week 5 of the sales history is more than 1000000000 units"));
}

#[test]
fn a_product_that_never_sold_forecasts_zeros_with_zero_error() {
    let (f, b) = ok(forecast(&[0.0; 120]));
    assert_eq!(f.points, vec![0.0; HORIZON]);
    assert_eq!(f.high, vec![0.0; HORIZON]);
    assert_eq!(b.weeks_with_sales, 0);
    assert_eq!(b.chosen, Method::SeasonalNaive);
    assert_eq!(
        b.chosen_metrics,
        Metrics {
            mase: 0.0,
            wmape: 0.0
        }
    );
    assert_eq!(b.confidence(), Confidence::Good);
}

#[test]
fn negative_weeks_count_as_nothing_sold() {
    // Returns outnumbering sales in a week: the same as a week without sales.
    let mut with_returns = synth::intermittent(150, 9, 0.3);
    let mut clamped = with_returns.clone();
    for i in (0..150).step_by(7) {
        with_returns[i] = -3.0;
        clamped[i] = 0.0;
    }
    assert_eq!(ok(forecast(&with_returns)), ok(forecast(&clamped)));
}

#[test]
fn constant_and_huge_series_forecast_their_level() {
    for level in [5.0, 1e9] {
        let (f, b) = ok(forecast(&vec![level; 130]));
        for p in &f.points {
            assert!((p - level).abs() <= 1e-6 * level, "{:?} {p}", f.method);
        }
        assert!(b.chosen_metrics.mase < 1e-6);
    }
}

#[test]
fn json_is_camel_case_with_method_codes() {
    let (f, b) = ok(forecast(&synth::kiwi(160, 1, 30.0)));
    let json = ok(serde_json::to_value(&b));
    assert!(json.get("chosenMetrics").is_some());
    assert!(json.get("seasonalNaive").is_some());
    assert!(json.get("weeksWithSales").is_some());
    assert!(json["test"].get("seasonalNaiveAbsError").is_some());
    assert!(json["candidates"][0].get("validationRmse").is_some());
    assert_eq!(
        ok(serde_json::to_value(f.method)),
        serde_json::json!(f.method.code())
    );
    let codes: Vec<&str> = Method::ALL.iter().map(|m| m.code()).collect();
    assert_eq!(
        codes,
        ["seasonal_naive", "naive", "croston", "tsb", "mstl_ets"]
    );
    for m in Method::ALL {
        assert_eq!(ok(serde_json::to_value(m)), serde_json::json!(m.code()));
    }
}

#[test]
fn confidence_follows_the_test_wmape() {
    assert_eq!(Confidence::of_wmape(0.0), Confidence::Good);
    assert_eq!(Confidence::of_wmape(0.29), Confidence::Good);
    assert_eq!(Confidence::of_wmape(0.3), Confidence::Rough);
    assert_eq!(Confidence::of_wmape(0.59), Confidence::Rough);
    assert_eq!(Confidence::of_wmape(0.6), Confidence::Unsure);
    assert_eq!(Confidence::of_wmape(4.0).code(), "unsure");
    assert_eq!(
        ok(serde_json::to_value(Confidence::Rough)),
        serde_json::json!("rough")
    );
}
