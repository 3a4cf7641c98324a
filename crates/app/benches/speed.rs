//! Issue 15's table (`make bench`): the first page of every list on a generated one-year and
//! five-year shop, with their ratio (a list whose first page does not grow with history stays
//! near 1.0; the goal is within 20%), a deep page, and the order searches at five years (about
//! half a million orders; goal under 20 ms). Medians; the machine is shared, so the load
//! average is printed with them and the ratios are what to read.
//!
//! `cargo bench -p farmstall-app --bench speed`. The shops are generated once into
//! `target/bench-shops/` (the five-year one takes minutes) and reused; `FARMSTALL_BENCH_ORDERS_PER_YEAR`
//! (default the generator's 100,000) changes them.

mod common;

use std::time::Duration;

use common::{env, ok, shop, time};
use farmstall_app::dto::ListQuery;
use farmstall_app::expenses::ExpenseQuery;
use farmstall_app::orders::OrderQuery;
use farmstall_app::reports::PurchaseReportQuery;
use farmstall_app::stock::LotQuery;
use farmstall_app::App;

/// Runs for each median.
const RUNS: usize = 21;

type List = (&'static str, fn(&mut App, &Ctx) -> usize);

/// What a list's query needs to know of the shop it runs on.
struct Ctx {
    /// The month before the clock's, `YYYY-MM`: the one-year shop's clock stands on the 1st of a
    /// month, which has no expenses yet, so "this month" would compare an empty page with a full one.
    last_month: String,
}

impl Ctx {
    fn of(app: &mut App) -> Ctx {
        let this = ok(app.list_expenses(&ExpenseQuery::default())).from;
        let (year, month) = (
            this.get(0..4)
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(2021),
            this.get(5..7)
                .and_then(|m| m.parse::<u32>().ok())
                .unwrap_or(1),
        );
        let (year, month) = if month == 1 {
            (year - 1, 12)
        } else {
            (year, month - 1)
        };
        Ctx {
            last_month: format!("{year:04}-{month:02}"),
        }
    }
}

/// Pages of 20 where the one-year shop has fewer than 50 rows in all (its 40 farmers), so that
/// both shops' pages hold as many rows.
const SHORT_PAGE: u32 = 20;

/// Every list screen's first page as the screen first asks for it.
fn lists() -> Vec<List> {
    vec![
        ("products", |a, _| {
            ok(a.list_products(&ListQuery::default())).items.len()
        }),
        ("farmers (pages of 20)", |a, _| {
            let query = ListQuery {
                limit: SHORT_PAGE,
                ..ListQuery::default()
            };
            ok(a.list_farmers(&query)).items.len()
        }),
        ("farmer balances (payables, pages of 20)", |a, _| {
            let query = ListQuery {
                limit: SHORT_PAGE,
                ..ListQuery::default()
            };
            ok(a.farmer_balances(&query)).items.len()
        }),
        ("purchases", |a, _| {
            ok(a.list_purchases(&ListQuery::default())).items.len()
        }),
        ("stock by lot (in stock, FEFO)", |a, _| {
            ok(a.list_lots(&LotQuery::default())).items.len()
        }),
        ("stock by lot incl. used up", |a, _| {
            let query = LotQuery {
                include_empty: true,
                ..LotQuery::default()
            };
            ok(a.list_lots(&query)).items.len()
        }),
        ("stock by product", |a, _| {
            ok(a.stock_by_product(&ListQuery::default())).items.len()
        }),
        ("low stock", |a, _| {
            ok(a.low_stock(&ListQuery::default())).items.len()
        }),
        ("recipes", |a, _| {
            ok(a.list_recipes(&ListQuery::default())).items.len()
        }),
        ("production runs", |a, _| {
            ok(a.list_production_runs(&ListQuery::default()))
                .items
                .len()
        }),
        ("expenses (last month)", |a, c| {
            let query = ExpenseQuery {
                month: c.last_month.clone(),
                ..ExpenseQuery::default()
            };
            ok(a.list_expenses(&query)).items.len()
        }),
        ("purchases by farmer by month (12 months)", |a, _| {
            ok(a.purchases_by_farmer_month(&PurchaseReportQuery::default()))
                .items
                .len()
        }),
        ("orders, newest first", |a, _| {
            ok(a.list_orders(&OrderQuery::default())).items.len()
        }),
        ("orders waiting to pack (paid)", |a, _| {
            let query = OrderQuery {
                states: vec!["paid".into()],
                ..OrderQuery::default()
            };
            ok(a.list_orders(&query)).items.len()
        }),
    ]
}

/// The order searches of the orders screen, at the size of the five-year shop.
fn searches() -> Vec<List> {
    vec![
        ("orders, first page, no filter", |a, _| {
            ok(a.list_orders(&OrderQuery::default())).items.len()
        }),
        (
            "orders, state + 3-character search (finished, 欧阳娜)",
            |a, _| {
                let query = OrderQuery {
                    states: vec!["finished".into()],
                    search: "欧阳娜".into(),
                    ..OrderQuery::default()
                };
                ok(a.list_orders(&query)).items.len()
            },
        ),
        (
            "orders, province + 2-character search (浙江省, 王芳)",
            |a, _| {
                let query = OrderQuery {
                    province: "浙江省".into(),
                    search: "王芳".into(),
                    ..OrderQuery::default()
                };
                ok(a.list_orders(&query)).items.len()
            },
        ),
        ("orders, sorted oldest first", |a, _| {
            let query = OrderQuery {
                sort: "oldest".into(),
                ..OrderQuery::default()
            };
            ok(a.list_orders(&query)).items.len()
        }),
    ]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    let per_year = env(
        "FARMSTALL_BENCH_ORDERS_PER_YEAR",
        farmstall_app::generate::ORDERS_PER_YEAR,
    );
    let (_, mut one, _) = shop(1, per_year);
    let (_, mut five, _) = shop(5, per_year);
    println!("load average before: {}", loadavg());
    println!();
    let (c1, c5) = (Ctx::of(&mut one), Ctx::of(&mut five));
    println!("| first page of | rows | 1 year | 5 years | 5y / 1y |");
    println!("|---|---:|---:|---:|---:|");
    let mut worst: f64 = 0.0;
    for (name, f) in lists() {
        // One call first: both shops' pages in the cache, prepared statements ready.
        let rows = (f(&mut one, &c1), f(&mut five, &c5));
        let a = time(RUNS, || f(&mut one, &c1));
        let b = time(RUNS, || f(&mut five, &c5));
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        worst = worst.max(ratio);
        println!(
            "| {name} | {} / {} | {} | {} | {ratio:.2} |",
            rows.0,
            rows.1,
            ms(a),
            ms(b)
        );
    }
    println!("worst ratio: {worst:.2} (goal: at most 1.20)");
    println!();
    println!("| deep page (five years) | time |");
    println!("|---|---:|");
    let deep = |offset: u32| {
        move |a: &mut App| {
            let query = LotQuery {
                include_empty: true,
                offset,
                ..LotQuery::default()
            };
            ok(a.list_lots(&query)).items.len()
        }
    };
    for offset in [0_u32, 5_000, 40_000] {
        let f = deep(offset);
        println!(
            "| stock by lot incl. used up, rows {}-{}, by offset | {} |",
            offset + 1,
            offset + 50,
            ms(time(RUNS, || f(&mut five)))
        );
        // The same page as the screen asks for it: after the last lot of the page before.
        if offset > 0 {
            let before = LotQuery {
                include_empty: true,
                offset: offset - 50,
                ..LotQuery::default()
            };
            let after = ok(five.list_lots(&before)).next;
            let query = LotQuery {
                include_empty: true,
                offset,
                after,
                ..LotQuery::default()
            };
            println!(
                "| stock by lot incl. used up, rows {}-{}, by key | {} |",
                offset + 1,
                offset + 50,
                ms(time(RUNS, || ok(five.list_lots(&query)).items.len()))
            );
        }
    }
    for offset in [100_000_u32, 400_000] {
        let page = |after: Option<String>| OrderQuery {
            offset,
            after,
            ..OrderQuery::default()
        };
        let by_offset = page(None);
        let before = OrderQuery {
            offset: offset - 50,
            ..OrderQuery::default()
        };
        let by_key = page(ok(five.list_orders(&before)).next);
        for (how, query) in [("offset", by_offset), ("key", by_key)] {
            println!(
                "| orders newest first, rows {}-{}, by {how} | {} |",
                offset + 1,
                offset + 50,
                ms(time(RUNS, || ok(five.list_orders(&query)).items.len()))
            );
        }
    }
    println!();
    println!("| order search (five years) | time |");
    println!("|---|---:|");
    for (name, f) in searches() {
        f(&mut five, &c5);
        println!("| {name} | {} |", ms(time(RUNS, || f(&mut five, &c5))));
    }
    println!("(goal: every order search under 20 ms)");
    println!("load average after: {}", loadavg());
}
