//! `farmstall import ...` and `export shipments` on the real binary: the demo shop's own export
//! files previewed without writing, imported once however often they come, a line matched to a
//! product by the person, and files that are not exports refused with their name and nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn exports() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/exports")
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_farmstall"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env(
            "FARMSTALL_DATA_DIR",
            db.parent().unwrap_or(Path::new("/nonexistent")),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run farmstall: {e}"))
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(db, &all);
    assert!(
        out.status.success(),
        "farmstall {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "farmstall {args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn orders(db: &Path) -> u64 {
    json(db, &["order", "list", "--limit", "1"])["total"]
        .as_u64()
        .unwrap_or(u64::MAX)
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("shop.db");
    json(&db, &["demo"]);
    (dir, db)
}

#[test]
fn the_taobao_pair_is_previewed_then_imported_once_and_a_line_is_matched() {
    let (_dir, db) = demo();
    let list = exports().join("taobao/ExportOrderList202612061030.csv");
    let details = exports().join("taobao/ExportOrderDetailList202612061030.csv");
    let (list, details) = (list.to_string_lossy(), details.to_string_lossy());
    let before = orders(&db);

    let preview = json(&db, &["import", "orders", &list, &details, "--dry-run"]);
    assert_eq!(preview["applied"], false);
    assert_eq!(preview["platform"], "taobao");
    assert!(preview["new"].as_u64().unwrap_or(0) > 0, "{preview}");
    assert_eq!(orders(&db), before, "a dry run writes nothing");

    let first = json(&db, &["import", "orders", &list, &details]);
    // New orders, and sales history (orders the platform already shipped before they were here).
    let new = first["new"].as_u64().unwrap_or(0) + first["history"].as_u64().unwrap_or(0);
    assert_eq!(orders(&db), before + new);
    let again = json(
        &db,
        &["import", "orders", &details, &list, "--platform", "taobao"],
    );
    assert_eq!(again["new"], 0);
    assert_eq!(orders(&db), before + new);

    // The line without a 商家编码 waits; the person says it is the 5-jin gift box, once.
    let key = first["unmapped"][0]["key"]
        .as_str()
        .unwrap_or_else(|| panic!("an unmapped line: {first}"))
        .to_string();
    let products = json(&db, &["product", "list", "--search", "特级大果 5斤"]);
    let product = products["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let saved = json(
        &db,
        &["import", "map", &key, "--product", &product, "--per", "1"],
    );
    assert!(saved["released"].as_u64().unwrap_or(0) >= 1, "{saved}");
    let mappings = json(&db, &["import", "mappings"]);
    assert!(mappings
        .as_array()
        .is_some_and(|m| m.iter().any(|m| m["key"] == key.as_str())));
    assert!(orders(&db) > before + new, "the held orders came in");
}

#[test]
fn a_file_that_is_not_an_export_is_refused_by_name_and_nothing_is_written() {
    let (dir, db) = demo();
    let before = orders(&db);
    let bogus = dir.path().join("假的.csv");
    std::fs::write(&bogus, "姓名,年龄\n张三,30\n").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&db, &["import", "orders", &bogus.to_string_lossy()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("假的.csv"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let out = run(&db, &["import", "orders", "/nonexistent/orders.csv"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/orders.csv"));
    assert_eq!(orders(&db), before);
    // Nothing shipped here yet on Douyin: nothing to export, and no file is left behind.
    let out_file = dir.path().join("发货.csv");
    let out = run(
        &db,
        &[
            "export",
            "shipments",
            "--platform",
            "douyin",
            "--out",
            &out_file.to_string_lossy(),
        ],
    );
    assert!(!out.status.success());
    assert!(!out_file.exists());
}
