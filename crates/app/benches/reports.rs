//! Issue 12's figures on the generated five-year shop (`make bench`): the Today screen's data
//! (target under 50 ms), a year of sales by month, by product and by province (each under
//! 200 ms), and the forecast and purchase plan for every product (under 2 s). Prints medians;
//! the machine is shared, so read the ratios.
//!
//! The shop is generated once into `target/bench-shops/` (minutes: half a million orders) and
//! reused; `FARMSTALL_BENCH_YEARS` (default 5) and `FARMSTALL_BENCH_ORDERS_PER_YEAR` (default the
//! generator's) change it.

mod common;

use std::sync::Arc;
use std::time::Instant;

use common::{env, median, ok, shop, time};
use farmstall_app::sales::SalesQuery;
use farmstall_app::{App, Origin};
use farmstall_domain::FixedClock;

fn main() {
    let years = env("FARMSTALL_BENCH_YEARS", 5);
    let per_year = env(
        "FARMSTALL_BENCH_ORDERS_PER_YEAR",
        farmstall_app::generate::ORDERS_PER_YEAR,
    );
    let (path, mut app, end) = shop(years, per_year);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "shop: {} ({:.0} MB)",
        path.display(),
        size as f64 / 1_048_576.0
    );
    println!(
        "today's data: {:.2?} (median of 9; target under 50 ms)",
        time(9, || ok(app.today()))
    );
    let to = (end - chrono::Duration::days(1)).date_naive();
    let from = to - chrono::Duration::days(364);
    for by in ["month", "product", "province"] {
        let query = SalesQuery {
            by: by.into(),
            from: from.to_string(),
            to: to.to_string(),
        };
        println!(
            "a year of sales by {by}: {:.2?} (median of 5; target under 200 ms)",
            time(5, || ok(app.sales_report(&query)))
        );
    }
    let query = SalesQuery {
        by: String::new(),
        from: from.to_string(),
        to: to.to_string(),
    };
    println!(
        "a year's repeat buyers (asked apart, beside the table): {:.2?} (median of 5)",
        time(5, || ok(app.repeat_buyers(&query)))
    );
    let month = to.format("%Y-%m").to_string();
    println!(
        "the month's profit: {:.2?} (median of 5)",
        time(5, || ok(app.profit_statement(&month)))
    );
    let report = ok(app.forecast(""));
    if let Some(o) = &report.overall {
        println!(
            "forecast backtest over {} products: chosen MASE {:.3} wMAPE {:.3}; seasonal naive MASE {:.3} wMAPE {:.3}; naive MASE {:.3} wMAPE {:.3}",
            o.products,
            o.chosen.mase,
            o.chosen.wmape,
            o.seasonal_naive.mase,
            o.seasonal_naive.wmape,
            o.naive.mase,
            o.naive.wmape
        );
    }
    // Worked out afresh: each run on a newly opened app, which remembers no forecast.
    let fresh = || {
        ok(App::open_with_clock(
            &path,
            Origin::System,
            Arc::new(FixedClock::new(end)),
        ))
    };
    let mut cold_forecast = Vec::new();
    let mut cold_plan = Vec::new();
    for _ in 0..3 {
        let mut a = fresh();
        let t = Instant::now();
        std::hint::black_box(ok(a.forecast("")));
        cold_forecast.push(t.elapsed());
        let mut a = fresh();
        let t = Instant::now();
        std::hint::black_box(ok(a.purchase_plan("")));
        cold_plan.push(t.elapsed());
    }
    println!(
        "worked out afresh, every product ({}): forecast {:.2?}; purchase plan {:.2?} (medians of 3; target under 2 s)",
        report.products.len(),
        median(cold_forecast),
        median(cold_plan)
    );
    println!(
        "asked again with the history unchanged: forecast {:.2?}; purchase plan {:.2?} (medians of 5)",
        time(5, || ok(app.forecast(""))),
        time(5, || ok(app.purchase_plan("")))
    );
}
