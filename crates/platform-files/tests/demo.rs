//! The demo shop's export files (assets/demo/exports, written by
//! `cargo run --example write_demo_exports -p farmstall-platform-files`) read without a single
//! problem, and every 商家编码 in them maps to a demo product, so they never drift from the parser.

use std::collections::HashSet;
use std::path::PathBuf;

use farmstall_platform_files::{read_orders, InputFile, Parsed, Platform};

fn exports() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/exports")
}

fn file(path: &str) -> InputFile {
    let full = exports().join(path);
    InputFile {
        name: path.rsplit('/').next().unwrap_or(path).to_string(),
        bytes: std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display())),
    }
}

fn read(paths: &[&str], platform: Platform) -> Parsed {
    let files: Vec<InputFile> = paths.iter().map(|p| file(p)).collect();
    let parsed = read_orders(&files, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.platform, platform);
    assert!(
        parsed.problems.is_empty(),
        "{paths:?}: {:?}",
        parsed.problems
    );
    parsed
}

fn json(path: PathBuf) -> serde_json::Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_demo_export_reads_without_a_problem_and_its_codes_are_mapped() {
    let taobao = read(
        &[
            "taobao/ExportOrderList202612061030.csv",
            "taobao/ExportOrderDetailList202612061030.csv",
        ],
        Platform::Taobao,
    );
    assert_eq!(taobao.orders.len(), 12);
    let uncoded = taobao
        .orders
        .iter()
        .flat_map(|o| &o.lines)
        .filter(|l| l.code.is_empty())
        .count();
    assert_eq!(
        uncoded, 2,
        "two lines without 商家编码, for the person to map"
    );
    assert!(taobao.orders.iter().any(|o| o.lines.len() > 1));

    let desensitised = read(
        &["taobao/淘宝订单导出_脱敏_20261206.xlsx"],
        Platform::Taobao,
    );
    assert_eq!(desensitised.orders.len(), 6);
    assert_eq!(
        desensitised
            .orders
            .iter()
            .filter(|o| o.joined_titles)
            .count(),
        1
    );
    assert!(desensitised.orders.iter().all(|o| o.recipient.masked));

    let pdd = read(&["pinduoduo/pdd_orders_20261206.csv"], Platform::Pinduoduo);
    assert_eq!(pdd.orders.len(), 10);

    let douyin = read(&["douyin/douyin_orders_20261206.csv"], Platform::Douyin);
    assert_eq!(douyin.orders.len(), 8);
    assert_eq!(
        douyin.orders.iter().filter(|o| o.recipient.masked).count(),
        2
    );

    // Dates inside the demo window.
    for parsed in [&taobao, &desensitised, &pdd, &douyin] {
        for o in &parsed.orders {
            let day = o.created.date().to_string();
            assert!(
                ("2026-11-25".."2026-12-07").contains(&day.as_str()),
                "{} {day}",
                o.order_id
            );
        }
    }

    let mappings = json(exports().join("mappings.json"));
    let shop = json(exports().join("../shop.json"));
    let products: HashSet<&str> = shop["products"]
        .as_array()
        .unwrap_or_else(|| panic!("shop.json has no products"))
        .iter()
        .filter_map(|p| p["nameZh"].as_str())
        .collect();
    let mut mapped = HashSet::new();
    for m in mappings
        .as_array()
        .unwrap_or_else(|| panic!("mappings.json is not a list"))
    {
        let code = m["code"].as_str().unwrap_or_default();
        let product = m["product"].as_str().unwrap_or_default();
        let per = m["per"].as_str().unwrap_or_default();
        assert!(
            products.contains(product),
            "{product} is not a demo product"
        );
        assert!(
            farmstall_domain::number::parse(per).is_some_and(|p| p > rust_decimal::Decimal::ZERO),
            "{code}: per {per}"
        );
        mapped.insert(code.to_string());
    }
    for parsed in [&taobao, &desensitised, &pdd, &douyin] {
        for line in parsed.orders.iter().flat_map(|o| &o.lines) {
            assert!(
                line.code.is_empty() || mapped.contains(&line.code),
                "{} has no mapping",
                line.code
            );
        }
    }
}
