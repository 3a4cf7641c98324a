//! Orders from the platforms' export files, through the window: the owner opens the import on the
//! Orders screen, tries the demo's Taobao pair, matches the line without a 商家编码 to a product,
//! imports; then the demo's Pinduoduo file; the orders are in the list. Then the bulk-shipping files
//! of what shipped here, read back by independent readers (Python's csv and openpyxl), hold each
//! order's platform id, the courier as the platform names it and the waybill.

use std::process::Command;

use farmstall_e2e::App;

const GIFT_BOX: &str = "修文猕猴桃 特级大果 5斤装";

/// Runs a Python snippet on `path`; its stdout, one row a line, cells joined by `|`.
fn python(script: &str, path: &str) -> Vec<String> {
    // The system's Python, where `make deps` installs openpyxl (a pyenv or venv python3 earlier on
    // the PATH would not have it).
    let python = if std::path::Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("python3 (apt install python3 python3-openpyxl): {e}"));
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

const READ_CSV: &str = r#"
import csv, sys
with open(sys.argv[1], encoding='gbk', newline='') as f:
    for row in csv.reader(f):
        print('|'.join(row))
"#;

const READ_XLSX: &str = r#"
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
for row in ws.iter_rows(values_only=True):
    print('|'.join('' if c is None else str(c) for c in row))
"#;

/// Each shipped order of `source` not yet told to the platform: (platform id, waybill).
fn unconfirmed(app: &App, source: &str) -> Vec<(String, String)> {
    let text = app.db_value(&format!(
        "SELECT coalesce(group_concat(platform_order_id || ':' || waybill, ','), '') FROM orders
         WHERE source = '{source}' AND state = 'shipped' AND shipment_exported_at IS NULL"
    ));
    text.split(',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.split_once(':'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn import_the_demo_exports_match_a_line_and_hand_back_the_shipping_files() {
    let app = App::launch("imports");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let before = app.db_count("orders");

    app.click("nav-orders");
    app.wait_for("orders-screen");
    app.click("orders-import");
    app.wait_for("import-dialog");
    app.screenshot("import-empty");
    app.click("import-demo-taobao");
    app.wait_for("import-preview");
    assert_eq!(app.db_count("orders"), before, "the preview writes nothing");
    // The demo's gift box has no 商家编码: the owner says once which product it is.
    app.wait_for("import-unmapped");
    app.screenshot("import-preview");
    app.fill("import-map-product", GIFT_BOX);
    app.fill("import-map-per", "1");
    app.click("import-map-save");
    app.wait_gone("import-unmapped");
    app.click("import-run");
    app.wait_for("import-done");
    app.screenshot("import-done");
    let taobao = app.db_count("orders") - before;
    assert!(taobao >= 10, "the Taobao pair's orders came in: {taobao}");
    let mapped = app.db_value(
        "SELECT count(*) FROM import_mappings m JOIN products p ON p.id = m.product_id
         WHERE m.key LIKE '%礼盒%'",
    );
    assert_eq!(mapped, "1");

    app.click("import-demo-pinduoduo");
    app.wait_for("import-preview");
    app.click("import-run");
    app.wait_for("import-done");
    let pdd = app.db_value(
        "SELECT count(*) FROM orders WHERE source = 'pinduoduo' AND platform_order_id LIKE '2%'",
    );
    assert_ne!(pdd, "0", "the Pinduoduo file's orders came in");
    app.click("import-demo-pinduoduo");
    app.wait_for("import-preview");
    assert_eq!(
        app.text("import-count-new").trim_start().chars().next(),
        Some('0'),
        "imported once"
    );
    app.click("import-close");
    app.wait_gone("import-dialog");
    // The imported orders are in the list, found by their platform id.
    let id = app.db_value(
        "SELECT platform_order_id FROM orders WHERE source = 'pinduoduo' ORDER BY created_at DESC LIMIT 1",
    );
    app.fill("orders-search", &id);
    app.wait_rows("order-row", "the imported Pinduoduo order", |r| {
        r.len() == 1
    });

    // Taobao: what shipped here, as the platform's XLSX upload.
    let expected = unconfirmed(&app, "taobao");
    assert!(
        !expected.is_empty(),
        "the demo has Taobao orders shipped here"
    );
    app.click("orders-shipments");
    app.wait_for("shipments-dialog");
    app.fill("shipments-platform", "taobao");
    app.fill("shipments-format", "xlsx");
    app.click("shipments-run");
    app.wait_for("shipments-result");
    app.screenshot("shipments-done");
    let path = app.text("shipments-path").trim().to_string();
    assert!(path.ends_with(".xlsx"), "{path}");
    let rows = python(READ_XLSX, &path);
    assert_eq!(rows[0], "订单编号|物流公司|运单号");
    for (platform_id, waybill) in &expected {
        assert!(
            rows[1..]
                .iter()
                .any(|r| r.starts_with(&format!("{platform_id}|"))
                    && r.ends_with(&format!("|{waybill}"))),
            "{platform_id} {waybill} in {rows:?}"
        );
    }
    assert_eq!(rows.len() - 1, expected.len());
    assert!(
        unconfirmed(&app, "taobao").is_empty(),
        "the orders remember they were exported"
    );

    // Pinduoduo: the CSV in GBK, if the demo shipped any there.
    let expected = unconfirmed(&app, "pinduoduo");
    if !expected.is_empty() {
        app.fill("shipments-platform", "pinduoduo");
        app.fill("shipments-format", "csv");
        app.click("shipments-run");
        let path = app
            .wait_text_contains("shipments-path", ".csv")
            .trim()
            .to_string();
        let rows = python(READ_CSV, &path);
        assert_eq!(rows[0], "订单号|快递公司|快递单号");
        assert_eq!(rows.len() - 1, expected.len());
    }
}
