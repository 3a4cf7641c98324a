//! Benchmarks on a generated five-year shop: opening it, and listing and searching its products.
//! Run with `make bench`; criterion prints medians and compares with the previous run.

use std::path::Path;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use farmstall_app::dto::ListQuery;
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
            "five-year shop: {} farmers, {} products ({} archived)",
            shop.farmers, shop.products, shop.archived_products
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
}

criterion_group!(benches, five_year_shop);
criterion_main!(benches);
