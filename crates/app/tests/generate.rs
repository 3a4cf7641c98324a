//! Generated shops: their orders must look like a real shop's and add up, since reports and
//! forecasts are built and checked on them.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::generate::{generate_sized, GeneratedShop, PROVINCES};
use farmstall_app::{App, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::rusqlite::Connection;

struct Shop {
    _dir: tempfile::TempDir,
    app: App,
    made: GeneratedShop,
}

fn generated(years: u32, seed: u64, lots: u32, orders: u32) -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 9, 1, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Cli,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    let made = generate_sized(&mut app, years, seed, lots, orders)
        .unwrap_or_else(|e| panic!("generate: {e}"));
    Shop {
        _dir: dir,
        app,
        made,
    }
}

fn reader(s: &Shop) -> farmstall_store::ReadOnly<'_> {
    s.app.reader().unwrap_or_else(|e| panic!("{e}"))
}

fn one(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn a_generated_shop_is_the_same_from_the_same_seed() {
    let a = generated(1, 11, 40, 1500);
    let b = generated(1, 11, 40, 1500);
    assert_eq!(a.made, b.made);
    let total = "SELECT sum(goods_fen + shipping_fee_fen) FROM orders";
    assert_eq!(one(&reader(&a), total), one(&reader(&b), total));
    let costs = "SELECT sum(goods_cost_fen) FROM orders";
    assert_eq!(one(&reader(&a), costs), one(&reader(&b), costs));
    let c = generated(1, 12, 40, 1500);
    assert_ne!(one(&reader(&a), total), one(&reader(&c), total));
}

#[test]
fn a_generated_shop_sells_in_season_and_adds_up() {
    let s = generated(2, 7, 60, 5000);
    let db = reader(&s);
    let orders = one(&db, "SELECT count(*) FROM orders");
    assert_eq!(orders, i64::from(s.made.orders));
    // 5,000 a year over the 665 days of a two-year shop, give or take the noise.
    assert!((8000..=10_500).contains(&orders), "{orders} orders");
    assert_eq!(
        one(&db, "SELECT count(*) FROM stock_ledger"),
        i64::from(s.made.ledger_entries)
    );
    assert_eq!(
        one(&db, "SELECT count(*) FROM expenses"),
        i64::from(s.made.expenses)
    );
    let mismatches = farmstall_store::stock::check_balances(&db).unwrap_or_default();
    assert!(mismatches.is_empty(), "{mismatches:?}");

    // An order's total is its lines plus the shipping the buyer paid.
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders o
             WHERE goods_fen <> (SELECT sum(line_fen) FROM order_lines l WHERE l.order_id = o.id)
                OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id
                           AND line_fen <> unit_price_fen * quantity_milli / 1000 - discount_fen)"
        ),
        0
    );
    // What was given back is the sum of the returns; a refunded order gave back everything.
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders o
             WHERE refunded_fen <> (SELECT coalesce(sum(refund_fen), 0) FROM order_returns r
                                    WHERE r.order_id = o.id)"
        ),
        0
    );
    assert!(one(&db, "SELECT count(*) FROM orders WHERE state = 'refunded'") > 0);
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE state = 'refunded'
             AND refunded_fen <> goods_fen + shipping_fee_fen"
        ),
        0
    );
    // Whatever left the shop carries its costs, and its goods cost is what left its lots.
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE state IN ('packed', 'shipped', 'finished', 'refunded')
             AND (goods_cost_fen IS NULL OR packaging_cost_fen IS NULL
                  OR (state <> 'packed' AND shipping_cost_fen IS NULL))"
        ),
        0
    );
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders o WHERE goods_cost_fen IS NOT NULL AND goods_cost_fen <>
             (SELECT -coalesce(sum(cost_fen), 0) FROM stock_ledger s
              WHERE s.ref = o.id AND s.kind = 'allocate')"
        ),
        0
    );
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE source IN ('taobao', 'pinduoduo', 'douyin')
             AND courier IS NOT NULL AND (shipping_cost_fen < 700 OR shipping_cost_fen > 10000)"
        ),
        0
    );
    // Most old orders are done; the last days' wait to be packed or shipped.
    let finished = one(&db, "SELECT count(*) FROM orders WHERE state = 'finished'");
    assert!(
        finished * 100 > orders * 80,
        "{finished} of {orders} finished"
    );
    for state in ["cancelled", "paid", "packed", "shipped"] {
        let n = one(
            &db,
            &format!("SELECT count(*) FROM orders WHERE state = '{state}'"),
        );
        assert!(n > 0, "no {state} orders");
    }
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE state IN ('paid', 'packed')
             AND ordered_on < (SELECT date(max(ordered_on), '-3 days') FROM orders)"
        ),
        0,
        "only recent orders still wait"
    );
    // Six channels; platform order ids only for the platforms.
    assert_eq!(one(&db, "SELECT count(DISTINCT source) FROM orders"), 6);
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE (platform_order_id IS NULL)
             <> (source IN ('wechat', 'phone', 'market'))"
        ),
        0
    );
    // Some buyers come back.
    assert!(
        one(
            &db,
            "SELECT count(*) FROM (SELECT recipient_phone FROM orders
             GROUP BY recipient_phone HAVING count(*) > 1)"
        ) > 50
    );
    // Kiwis sell several times more a week in October–December than in June–August.
    let kiwi_week = |months: &str| {
        one(
            &db,
            &format!(
                "SELECT sum(l.quantity_milli) / 1000 FROM order_lines l
                 JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
                 WHERE p.name_zh = '猕猴桃 5斤装' AND o.ordered_on BETWEEN '2021-01-01' AND '2021-12-31'
                 AND strftime('%m', o.ordered_on) IN ({months})"
            ),
        ) / 13
    };
    let (autumn, summer) = (kiwi_week("'10', '11', '12'"), kiwi_week("'06', '07', '08'"));
    assert!(
        autumn > 4 * summer.max(1),
        "{autumn} a week in autumn, {summer} in summer"
    );
    // Honey sells on few days.
    let honey_days = one(
        &db,
        "SELECT count(DISTINCT o.ordered_on) FROM order_lines l JOIN orders o ON o.id = l.order_id
         JOIN products p ON p.id = l.product_id WHERE p.name_zh = '蜂蜜 500克'",
    );
    assert!(
        honey_days > 5 && honey_days < 300,
        "honey sold on {honey_days} days"
    );
    // Expenses: platform fees every month, in the categories the cost book knows.
    assert!(
        one(
            &db,
            "SELECT count(DISTINCT substr(spent_on, 1, 7)) FROM expenses WHERE category = 'platform_fees'"
        ) >= 20
    );
    assert_eq!(one(&db, "SELECT count(DISTINCT category) FROM expenses"), 5);
    // Orders are found by search, as an import's are.
    assert_eq!(
        one(&db, "SELECT count(*) FROM orders_fts"),
        orders,
        "every order is indexed"
    );
}

#[test]
fn a_one_year_shop_has_buyers_in_every_province() {
    let s = generated(1, 3, 40, 5000);
    let db = reader(&s);
    assert_eq!(PROVINCES.len(), 31);
    let mut stmt = db
        .prepare("SELECT province, count(*) FROM orders GROUP BY province ORDER BY 2 DESC")
        .unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or_else(|e| panic!("{e}"))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    for (province, ..) in PROVINCES {
        assert!(
            found.iter().any(|(p, _)| p == province),
            "no order to {province}"
        );
    }
    assert_eq!(found.len(), 31);
    assert_eq!(found[0].0, "广东省");
    let count = |name: &str| found.iter().find(|(p, _)| p == name).map_or(0, |f| f.1);
    assert!(count("浙江省") > 10 * count("西藏自治区"));
}

#[test]
fn the_demo_has_two_seasons_of_past_orders_that_moved_no_stock() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 2, 0, 0)
        .single()
        .unwrap_or_default();
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(FixedClock::new(now)),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    app.load_demo().unwrap_or_else(|e| panic!("demo: {e}"));
    let db = app.reader().unwrap_or_else(|e| panic!("{e}"));
    let past = one(&db, "SELECT count(*) FROM orders WHERE history = 1");
    // Last season (imported history, from September 2025) and this one up to a fortnight ago.
    assert!((1000..=3000).contains(&past), "{past} past orders");
    assert!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE history = 1 AND ordered_on < '2026-01-01'"
        ) > 300,
        "last season's kiwis"
    );
    // The fortnight the demo plays through the use cases is untouched.
    assert_eq!(
        one(&db, "SELECT count(*) FROM orders WHERE history = 0"),
        160
    );
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE history = 1
             AND (ordered_on < '2025-09-01' OR ordered_on > '2026-11-22'
                  OR state NOT IN ('finished', 'cancelled', 'refunded'))"
        ),
        0
    );
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM stock_ledger s JOIN orders o ON o.id = s.ref WHERE o.history = 1"
        ),
        0,
        "past orders moved no stock"
    );
    let mismatches = farmstall_store::stock::check_balances(&db).unwrap_or_default();
    assert!(mismatches.is_empty(), "{mismatches:?}");
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE history = 1 AND state = 'finished'
             AND (goods_cost_fen IS NULL OR goods_cost_fen = 0 OR packaging_cost_fen IS NULL
                  OR shipping_cost_fen IS NULL)"
        ),
        0
    );
    assert!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE history = 1 AND state = 'refunded'"
        ) > 0
    );
    assert!(
        one(
            &db,
            "SELECT count(*) FROM orders WHERE history = 1 AND state = 'cancelled'"
        ) > 0
    );
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM orders o
             WHERE refunded_fen <> (SELECT coalesce(sum(refund_fen), 0) FROM order_returns r
                                    WHERE r.order_id = o.id)"
        ),
        0
    );
    assert!(
        one(
            &db,
            "SELECT count(DISTINCT source) FROM orders WHERE history = 1"
        ) >= 5
    );
    assert!(
        one(
            &db,
            "SELECT count(DISTINCT province) FROM orders WHERE history = 1"
        ) >= 20
    );
    // November sells more than September.
    let month = |m: &str| {
        one(
            &db,
            &format!(
                "SELECT count(*) FROM orders WHERE history = 1 AND ordered_on LIKE '2026-{m}-%'"
            ),
        )
    };
    assert!(
        month("11") > month("09"),
        "{} vs {}",
        month("11"),
        month("09")
    );
    // Nothing waits to be told to a marketplace.
    assert_eq!(
        one(
            &db,
            "SELECT count(*) FROM sync_outbox WHERE state = 'pending'"
        ),
        0
    );
}
