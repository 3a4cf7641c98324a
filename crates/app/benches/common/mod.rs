//! The generated shops the benchmarks share: written once into `target/bench-shops/` (minutes for
//! five years: half a million orders) and reused by later runs.

// Each benchmark uses only some of these.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use farmstall_app::{App, Origin};
use farmstall_domain::FixedClock;

pub fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// The median time of `runs` calls of `f`.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
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

/// A number from the environment, or `default`.
pub fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A generated shop of `years` years and `per_year` orders a year, opened on a clock the day after
/// its history ends (300 days into its last year), generated first if it is not there yet.
pub fn shop(years: u32, per_year: u32) -> (PathBuf, App, DateTime<Utc>) {
    // Cargo's output folder, `CARGO_TARGET_DIR` when it is moved (as the Makefile allows).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("bench-shops");
    ok(std::fs::create_dir_all(&dir));
    let path = dir.join(format!("shop-{years}y-{per_year}.db"));
    let end = Utc
        .with_ymd_and_hms(2021, 1, 4, 2, 0, 0)
        .single()
        .unwrap_or_default()
        + chrono::Duration::days(i64::from(years - 1) * 365 + 301);
    let fresh = !path.exists();
    // Written under another name and renamed when complete: an interrupted run leaves no half shop.
    let writing = path.with_extension("db.partial");
    if fresh {
        for stale in [&writing, &writing.with_extension("partial-wal")] {
            let _ = std::fs::remove_file(stale);
        }
        let t = Instant::now();
        let lots = u32::try_from(
            u64::from(per_year) * u64::from(farmstall_app::generate::LOTS_PER_YEAR)
                / u64::from(farmstall_app::generate::ORDERS_PER_YEAR),
        )
        .unwrap_or(u32::MAX);
        let mut app = ok(App::open_with_clock(
            &writing,
            Origin::System,
            Arc::new(FixedClock::new(end)),
        ));
        let shop = ok(farmstall_app::generate::generate_sized(
            &mut app, years, 42, lots, per_year,
        ));
        drop(app);
        ok(std::fs::rename(&writing, &path));
        println!(
            "generated a {years}-year shop ({} orders) in {:.1?}",
            shop.orders,
            t.elapsed()
        );
    }
    let app = ok(App::open_with_clock(
        &path,
        Origin::System,
        Arc::new(FixedClock::new(end)),
    ));
    (path, app, end)
}
