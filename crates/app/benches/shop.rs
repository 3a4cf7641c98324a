//! Benchmarks on a generated five-year shop: opening it, listing and searching its products and
//! orders, and finding a repeat buyer's earlier recipients.
//! Run with `make bench`; criterion prints medians and compares with the previous run.

use std::path::Path;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use farmstall_app::dto::{ListQuery, ProductInput};
use farmstall_app::orders::{OrderQuery, ShipInput};
use farmstall_app::reports::{MonthRange, PurchaseReportQuery};
use farmstall_app::stock::{LotQuery, PurchaseInput, PurchaseLineInput};
use farmstall_app::{generate, App, Origin};
use farmstall_domain::SystemClock;

fn open(path: &Path) -> App {
    App::open_with_clock(path, Origin::System, Arc::new(SystemClock))
        .unwrap_or_else(|e| panic!("open: {e}"))
}

fn five_year_shop(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("five-years.db");
    {
        let mut app = open(&path);
        let shop = generate::generate(&mut app, 5, 42).unwrap_or_else(|e| panic!("generate: {e}"));
        eprintln!(
            "five-year shop: {} farmers, {} products ({} archived), {} purchases, {} lots, {} ledger entries",
            shop.farmers, shop.products, shop.archived_products, shop.purchases, shop.lots, shop.ledger_entries
        );
    }

    c.bench_function("open five-year shop", |b| {
        b.iter_batched(|| (), |()| open(&path), BatchSize::SmallInput)
    });

    let mut app = open(&path);
    c.bench_function("list products, first page of 50", |b| {
        b.iter(|| {
            app.list_products(&ListQuery::default())
                .map(|p| p.items.len())
        })
    });
    c.bench_function("list products incl. archived, page 5", |b| {
        let query = ListQuery {
            include_archived: true,
            offset: 200,
            ..ListQuery::default()
        };
        b.iter(|| app.list_products(&query).map(|p| p.items.len()))
    });
    c.bench_function("search products for 猕猴桃", |b| {
        let query = ListQuery {
            search: "猕猴桃".into(),
            include_archived: true,
            ..ListQuery::default()
        };
        b.iter(|| app.list_products(&query).map(|p| p.total))
    });
    c.bench_function("search products, no match", |b| {
        let query = ListQuery {
            search: "榴莲".into(),
            include_archived: true,
            ..ListQuery::default()
        };
        b.iter(|| app.list_products(&query).map(|p| p.total))
    });

    c.bench_function("stock by lot, first page of 50", |b| {
        b.iter(|| app.list_lots(&LotQuery::default()).map(|p| p.items.len()))
    });
    c.bench_function("stock by lot incl. used up, page 100", |b| {
        let query = LotQuery {
            include_empty: true,
            offset: 5_000,
            ..LotQuery::default()
        };
        b.iter(|| app.list_lots(&query).map(|p| p.items.len()))
    });

    // Each iteration adds a real purchase (20 lots) to the same shop, which therefore grows during
    // the run; few samples keep that to some thousands of lots, and a bigger shop only makes the
    // figure more conservative.
    let farmer = app
        .list_farmers(&ListQuery::default())
        .ok()
        .and_then(|p| p.items.first().map(|f| f.id.clone()))
        .unwrap_or_default();
    let product = app
        .list_products(&ListQuery::default())
        .ok()
        .and_then(|p| p.items.first().map(|p| p.id.clone()))
        .unwrap_or_default();
    c.bench_function("available stock of one product", |b| {
        b.iter(|| app.product_stock(&product).map(|s| s.lots))
    });
    c.bench_function("inventory value at cost", |b| {
        b.iter(|| app.inventory_value().map(|v| v.lots))
    });

    // Reports, before the writes below grow one product's lots. The generated shop sets no reorder
    // points, so every active product gets one of 100 jin first: some of this year's products
    // are then low, others not, and the low-stock query has real candidates to sum.
    c.bench_function("stock by product, first page of 50", |b| {
        b.iter(|| {
            app.stock_by_product(&ListQuery::default())
                .map(|p| p.items.len())
        })
    });
    let active = app
        .list_products(&ListQuery {
            limit: 500,
            ..ListQuery::default()
        })
        .map(|p| p.items)
        .unwrap_or_default();
    for p in active {
        let id = p.id.clone();
        let input = ProductInput {
            reorder_point: "100".into(),
            ..ProductInput::from(p)
        };
        app.update_product(&id, &input)
            .unwrap_or_else(|e| panic!("set a reorder point: {e}"));
    }
    c.bench_function("low stock", |b| {
        b.iter(|| app.low_stock(&ListQuery::default()).map(|p| p.total))
    });
    // The generated history ends in 2025, so the ranges are fixed rather than "the last year".
    c.bench_function("spoilage by month, 12 months", |b| {
        let range = MonthRange {
            from: "2025-01".into(),
            to: "2025-12".into(),
        };
        b.iter(|| app.spoilage_by_month(&range).map(|r| r.months.len()))
    });
    c.bench_function("purchases by farmer by month, first page", |b| {
        // All five years: every purchase is grouped, counted and summed for the total.
        let query = PurchaseReportQuery {
            from: "2021-01".into(),
            to: "2025-12".into(),
            ..PurchaseReportQuery::default()
        };
        b.iter(|| app.purchases_by_farmer_month(&query).map(|p| p.total))
    });

    // Half a million orders over the five years (written once, straight through the store).
    let started = std::time::Instant::now();
    let made = generate::generate_orders(&mut app, 500_000, 7)
        .unwrap_or_else(|e| panic!("generate orders: {e}"));
    eprintln!("{made} orders written in {:?}", started.elapsed());
    c.bench_function("orders, first page, no filter", |b| {
        let query = OrderQuery::default();
        b.iter(|| app.list_orders(&query).map(|p| p.total))
    });
    c.bench_function(
        "orders, first page, state filter + 3-character search",
        |b| {
            let query = OrderQuery {
                states: vec!["finished".into()],
                search: "欧阳娜".into(),
                ..OrderQuery::default()
            };
            b.iter(|| app.list_orders(&query).map(|p| p.total))
        },
    );
    c.bench_function(
        "orders, first page, province filter + 2-character search (pair index)",
        |b| {
            let query = OrderQuery {
                province: "浙江省".into(),
                search: "王芳".into(),
                ..OrderQuery::default()
            };
            b.iter(|| app.list_orders(&query).map(|p| p.total))
        },
    );
    // Repeat buyers, asked while an order is typed: a whole mobile number (found through its digit
    // groups in the trigram index), and names shared by thousands of the generated orders.
    let phone = app
        .list_orders(&OrderQuery::default())
        .ok()
        .and_then(|p| p.items.first().map(|o| o.recipient.phone.clone()))
        .unwrap_or_else(|| panic!("the generated shop has no orders"));
    c.bench_function("recent recipients by a whole mobile number", |b| {
        b.iter(|| app.recent_recipients(&phone).map(|r| r.len()))
    });
    c.bench_function(
        "recent recipients by a 2-character name (pair index)",
        |b| b.iter(|| app.recent_recipients("王芳").map(|r| r.len())),
    );
    c.bench_function("recent recipients by a 4-character name (trigrams)", |b| {
        b.iter(|| app.recent_recipients("欧阳娜娜").map(|r| r.len()))
    });

    // The shipping round: a scan at the courier's table finds the order by its waybill among half
    // a million, ships it and counts the day. Packed orders get waybills first (not timed); an
    // order scanned in an earlier round is put back to packed (not timed) before it is scanned again.
    let mut packed = Vec::new();
    for page in 0..4 {
        let query = OrderQuery {
            states: vec!["packed".into()],
            limit: 500,
            offset: page * 500,
            ..OrderQuery::default()
        };
        let items = app
            .list_orders(&query)
            .unwrap_or_else(|e| panic!("packed orders: {e}"))
            .items;
        for o in items {
            let waybill = format!("7513{:010}", packed.len());
            app.set_waybill(&ShipInput {
                order_id: o.id.clone(),
                courier: "ZTO".into(),
                waybill: waybill.clone(),
                shipping_cost: String::new(),
            })
            .unwrap_or_else(|e| panic!("waybill: {e}"));
            packed.push((o.id, waybill));
        }
    }
    let mut scanned = vec![false; packed.len()];
    let mut next = 0;
    let mut group = c.benchmark_group("shipping round");
    group.sample_size(20);
    group.bench_function(
        "ship_scanned: one waybill scan in the five-year shop",
        |b| {
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let i = next % packed.len();
                    next += 1;
                    let (id, waybill) = &packed[i];
                    if scanned[i] {
                        app.unship_order(id)
                            .unwrap_or_else(|e| panic!("unship: {e}"));
                    }
                    let started = std::time::Instant::now();
                    let shipped = app.ship_scanned(waybill);
                    spent += started.elapsed();
                    shipped.unwrap_or_else(|e| panic!("ship_scanned: {e}"));
                    scanned[i] = true;
                }
                spent
            })
        },
    );
    group.finish();

    let purchase = PurchaseInput {
        farmer_id: farmer,
        received_on: String::new(),
        payment: "owed".into(),
        note: String::new(),
        lines: (0..20)
            .map(|i| PurchaseLineInput {
                product_id: product.clone(),
                grade: "特级".into(),
                quantity: format!("{}.5", 20 + i),
                unit: "斤".into(),
                unit_price: "3.275".into(),
                ..PurchaseLineInput::default()
            })
            .collect(),
    };
    let mut group = c.benchmark_group("writes");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(1));
    group.warm_up_time(std::time::Duration::from_millis(200));
    group.bench_function("receive a 20-line purchase into the five-year shop", |b| {
        b.iter(|| app.receive_purchase(&purchase).map(|p| p.lines.len()))
    });
    group.finish();
}

criterion_group!(benches, five_year_shop);
criterion_main!(benches);
