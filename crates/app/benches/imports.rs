//! Import figures (`make bench`): a 50,000-order Taobao CSV pair imported into a shop (target:
//! under 10 s), the same files imported again (target: under half the first time), and the
//! preview of 5,000 orders (target: under 1 s). Prints medians; the machine is shared, so read
//! the ratios. `FARMSTALL_BENCH_ORDERS` changes the size of the big import.

use std::sync::Arc;
use std::time::{Duration, Instant};

use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::imports::{ImportMappingInput, ImportOptions, InputFile};
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::{App, Origin};
use farmstall_domain::SystemClock;
use farmstall_platform_files::synth_taobao_pair;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

const CODES: [&str; 3] = ["KIWI-5", "KIWI-10", "OIL-1"];

/// A shop with kiwis and oil in stock, the synthetic codes mapped, and every title the files
/// carry without a code said once (as a person would after the first preview).
fn shop(dir: &std::path::Path, files: &[InputFile]) -> App {
    let mut app = ok(App::open_with_clock(
        &dir.join("farmstall.db"),
        Origin::System,
        Arc::new(SystemClock),
    ));
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let mut products = Vec::new();
    for (name, unit) in [
        ("猕猴桃 5斤", "箱(5斤)"),
        ("猕猴桃 10斤", "箱(10斤)"),
        ("油泼辣椒", "瓶"),
    ] {
        let id = ok(app.create_product(&ProductInput {
            name_zh: name.into(),
            sale_unit: unit.into(),
            stock_unit: if unit == "瓶" {
                "瓶".into()
            } else {
                "斤".into()
            },
            price: "49.90".into(),
            ..ProductInput::default()
        }))
        .id;
        ok(app.receive_purchase(&PurchaseInput {
            farmer_id: farmer.clone(),
            payment: "owed".into(),
            lines: vec![PurchaseLineInput {
                product_id: id.clone(),
                quantity: "900000".into(),
                unit_price: "4".into(),
                ..PurchaseLineInput::default()
            }],
            ..PurchaseInput::default()
        }));
        products.push(id);
    }
    for (code, product) in CODES.iter().zip(&products) {
        ok(app.save_import_mapping(&ImportMappingInput {
            key: (*code).into(),
            product_id: product.clone(),
            per: "1".into(),
        }));
    }
    let preview = ok(app.preview_import(files, &ImportOptions::default()));
    for line in preview.unmapped {
        ok(app.save_import_mapping(&ImportMappingInput {
            key: line.key,
            product_id: products[0].clone(),
            per: "1".into(),
        }));
    }
    app
}

fn pair(orders: usize) -> Vec<InputFile> {
    let (list, details) = synth_taobao_pair(orders, &CODES, 7);
    vec![list, details]
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let big: usize = std::env::var("FARMSTALL_BENCH_ORDERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000);
    let files = pair(big);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();

    let small = pair(5_000);
    let dir = ok(tempfile::tempdir());
    let mut app = shop(dir.path(), &small);
    let preview = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                ok(app.preview_import(&small, &ImportOptions::default()));
                t.elapsed()
            })
            .collect(),
    );
    println!("preview of 5,000 orders: {preview:.2?} (median of 5; target under 1 s)");

    let mut firsts = Vec::new();
    let mut agains = Vec::new();
    let mut lines = 0;
    for _ in 0..3 {
        let dir = ok(tempfile::tempdir());
        let mut app = shop(dir.path(), &files);
        let t = Instant::now();
        let report = ok(app.import_orders(&files, &ImportOptions::default(), &mut |_, _| {}));
        firsts.push(t.elapsed());
        assert_eq!(report.orders as usize, big, "{:?}", report.problems.first());
        assert_eq!(report.refused, 0, "{:?}", report.rows.first());
        println!(
            "  {} new, {} history, {} held, {} ignored",
            report.new, report.history, report.held, report.ignored
        );
        let t = Instant::now();
        let again = ok(app.import_orders(&files, &ImportOptions::default(), &mut |_, _| {}));
        agains.push(t.elapsed());
        assert_eq!(again.new, 0);
        lines = ok(app.reader())
            .query_row("SELECT count(*) FROM order_lines", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_or_default();
    }
    let (first, again) = (median(firsts), median(agains));
    println!(
        "import of a {big}-order Taobao pair ({lines} order lines, {:.1} MB): {first:.2?} (median of 3; target under 10 s)",
        bytes as f64 / 1e6
    );
    println!(
        "the same files again: {again:.2?}, {:.2} of the first (target under 0.5)",
        again.as_secs_f64() / first.as_secs_f64()
    );
}
