//! Issue 12's figures on the generated five-year shop (`make bench`): the Today screen's data
//! (target under 50 ms), a year of sales by month, by product and by province (each under
//! 200 ms), and the forecast and purchase plan for every product (under 2 s). Prints medians;
//! the machine is shared, so read the ratios.
//!
//! The shop is generated once into `target/bench-shops/` (minutes: half a million orders) and
//! reused; `FARMSTALL_BENCH_YEARS` (default 5) and `FARMSTALL_BENCH_ORDERS_PER_YEAR` (default the
//! generator's) change it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use farmstall_app::sales::SalesQuery;
use farmstall_app::{App, Origin};
use farmstall_domain::FixedClock;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let years = env("FARMSTALL_BENCH_YEARS", 5);
    let per_year = env(
        "FARMSTALL_BENCH_ORDERS_PER_YEAR",
        farmstall_app::generate::ORDERS_PER_YEAR,
    );
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-shops");
    ok(std::fs::create_dir_all(&dir));
    let path = dir.join(format!("shop-{years}y-{per_year}.db"));
    // The generated history ends 300 days into its last year; the clock is the day after.
    let end = Utc
        .with_ymd_and_hms(2021, 1, 4, 2, 0, 0)
        .single()
        .unwrap_or_default()
        + chrono::Duration::days(i64::from(years - 1) * 365 + 301);
    let fresh = !path.exists();
    let mut app = ok(App::open_with_clock(
        &path,
        Origin::System,
        Arc::new(FixedClock::new(end)),
    ));
    if fresh {
        let t = Instant::now();
        let lots = u32::try_from(
            u64::from(per_year) * u64::from(farmstall_app::generate::LOTS_PER_YEAR)
                / u64::from(farmstall_app::generate::ORDERS_PER_YEAR),
        )
        .unwrap_or(u32::MAX);
        let shop = ok(farmstall_app::generate::generate_sized(
            &mut app, years, 42, lots, per_year,
        ));
        println!(
            "generated a {years}-year shop ({} orders) in {:.1?}",
            shop.orders,
            t.elapsed()
        );
    }
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
