//! Issue 14's backup figures: a backup (online backup in one step, fsync, full verification, rename) of the demo
//! shop and of a generated shop, with their sizes, how long the window's connection takes to
//! answer while a backup runs on its own thread (target under 100 ms), and, when it is there, one
//! backup of the five-year bench shop opened immutable (read-only, untouched). Prints medians.
//!
//! `cargo bench -p farmstall-app --bench backup`; `FARMSTALL_BENCH_BACKUP_ORDERS` (default 20000)
//! sizes the generated shop, `FARMSTALL_BENCH_SHOP` names another big shop to copy.
//!
//! Measured on the 2-core CI machine (7 Dec 2026), with SQLite's online backup in one step: demo
//! shop (8 MB) 66 ms; a generated shop of 20,000 orders (102 MB) 0.62 s, the window's connection
//! answering meanwhile in at most 1.4 ms; the 2.8 GB five-year bench shop (482,480 orders) one
//! backup in 43.8 s. With `VACUUM INTO` these were 69 ms, 0.73 s and 110 s: on the big shop
//! `VACUUM INTO` alone took 58 s where the page copy takes 4.9 s, and `integrity_check` 11 s.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use farmstall_app::{App, Origin};
use farmstall_domain::SystemClock;
use farmstall_store::backup::{self as engine, Kind};
use farmstall_store::rusqlite::{Connection, OpenFlags};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Median of `runs` manual backups through the app, with the backup's size.
fn backups(app: &mut App, runs: usize) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let done = ok(app.backup_now(None));
        times.push(t.elapsed());
        bytes = done.backup.size;
    }
    (median(times), bytes)
}

fn main() {
    let dir = ok(tempfile::tempdir());

    let demo = dir.path().join("demo").join("farmstall.db");
    let mut app = ok(App::open_with_clock(
        &demo,
        Origin::System,
        Arc::new(SystemClock),
    ));
    ok(app.load_demo());
    let (t, bytes) = backups(&mut app, 7);
    println!(
        "demo shop ({:.1} MB): backup {t:.2?} (median of 7), {:.1} MB",
        mb(size(&demo)),
        mb(bytes)
    );
    drop(app);

    let orders: u32 = std::env::var("FARMSTALL_BENCH_BACKUP_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let generated = dir.path().join("generated").join("farmstall.db");
    let mut app = ok(App::open_with_clock(
        &generated,
        Origin::System,
        Arc::new(SystemClock),
    ));
    ok(farmstall_app::generate::generate_sized(
        &mut app,
        1,
        42,
        orders / 10,
        orders,
    ));
    let (t, bytes) = backups(&mut app, 5);
    println!(
        "generated shop, {orders} orders ({:.1} MB): backup {t:.2?} (median of 5), {:.1} MB",
        mb(size(&generated)),
        mb(bytes)
    );
    // The window's connection while a backup runs on its own thread and connection.
    let job = ok(app.backup_job(Kind::Manual, None));
    let worker = std::thread::spawn(move || job.run().map(|d| d.millis));
    let mut slowest = Duration::ZERO;
    let mut answers = 0;
    while !worker.is_finished() {
        let t = Instant::now();
        ok(app.status());
        ok(app.list_farmers(&farmstall_app::dto::ListQuery::default()));
        slowest = slowest.max(t.elapsed());
        answers += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = ok(worker
        .join()
        .unwrap_or_else(|_| panic!("the backup thread panicked")));
    println!(
        "during a {took} ms backup the window's connection answered {answers} times, slowest {slowest:.2?} (target under 100 ms)"
    );
    drop(app);

    let big = std::env::var_os("FARMSTALL_BENCH_SHOP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
            target.join("bench-shops/shop-5y-100000.db")
        });
    if !big.exists() {
        println!("no big shop at {} (skipped)", big.display());
        return;
    }
    // Immutable: no lock, no -shm beside it, nothing written to the bench shop.
    let uri = format!("file:{}?immutable=1", big.display());
    let conn = ok(Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ));
    let out = dir.path().join("big-backups");
    let t = Instant::now();
    match engine::take(&conn, &out, &Kind::Manual, Utc::now()) {
        Ok(taken) => println!(
            "{} ({:.0} MB): one backup {:.1?} (page copy, fsync, integrity check), {:.0} MB, {} orders",
            big.display(),
            mb(size(&big)),
            t.elapsed(),
            mb(taken.size),
            taken.facts.orders
        ),
        Err(e) => println!(
            "{}: the backup failed after {:.1?}: {e}",
            big.display(),
            t.elapsed()
        ),
    }
}
