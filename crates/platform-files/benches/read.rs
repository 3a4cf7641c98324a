//! A busy season's Taobao export: 5,000 orders (order list + line details, GBK) read into typed
//! orders. Target: well under a second, so an import never makes the window wait.
//!
//! `cargo bench -p farmstall-platform-files --bench read`

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use farmstall_platform_files::{read_orders, synth_taobao_pair};

fn read_pair(c: &mut Criterion) {
    let codes = [
        "KIWI-T5", "KIWI-T10", "KIWI-Y5", "KIWI-Y10", "DF-01", "LJ-YP250",
    ];
    let (list, details) = synth_taobao_pair(5_000, &codes, 42);
    let files = [list, details];
    let mut group = c.benchmark_group("taobao");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("read 5000 orders", |b| {
        b.iter(|| match read_orders(&files, None) {
            Ok(parsed) => assert_eq!(parsed.orders.len(), 5_000),
            Err(e) => panic!("{e}"),
        })
    });
    group.finish();
}

criterion_group!(benches, read_pair);
criterion_main!(benches);
