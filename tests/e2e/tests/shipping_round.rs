//! The kiwi season's daily shipping round through the window, on the demo shop: the day's paid
//! orders get pre-bought waybills in one go, their labels print in one PDF in the pick list's
//! order, one parcel is packed by scanning its label's QR code into scan-to-pack and two more by
//! their waybills, and the three are shipped by scanning their waybills on the scan-to-ship screen
//! (the count says 3, a repeated scan is refused in red). A scanner is a keyboard that types fast
//! and ends with Enter, which is what the tests send.

use std::path::{Path, PathBuf};

use farmstall_e2e::App;

fn newest_pdf(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .unwrap_or_else(|| panic!("no PDF in {}", dir.display()))
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a USB scanner does: the code typed quickly, then Enter.
fn scan(app: &App, testid: &str, code: &str) {
    let field = app.wait_for(testid);
    if let Err(e) = app.session().send_keys(&field, &format!("{code}\u{E007}")) {
        panic!("cannot scan into [data-testid=\"{testid}\"]: {e}");
    }
}

fn wait_db(app: &App, sql: &str, expected: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let value = app.db_value(sql);
        if value == expected {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{sql} is {value:?}, not {expected:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Packs the order on screen in the pack step with what the rules suggest.
fn pack_open_order(app: &App) {
    app.wait_for("pack-form");
    app.click("pack-save");
    app.wait_gone("pack-form");
    app.click("modal-close");
    app.wait_gone("order-detail");
}

#[test]
fn assign_waybills_print_labels_pack_by_scanning_and_ship_by_scanning() {
    let app = App::launch("shipping-round");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    app.click("nav-orders");
    app.wait_for("orders-screen");
    assert_eq!(
        app.session()
            .execute(
                "return document.activeElement && document.activeElement.dataset.testid",
                serde_json::json!([])
            )
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .as_deref(),
        Some("scan-to-pack"),
        "the scan field is ready for the first label"
    );

    // Fifty numbers bought from ZTO.
    app.click("orders-waybill-ranges");
    app.wait_for("range-form");
    app.fill("range-courier", "ZTO");
    app.fill("range-first", "75129990000000");
    app.fill("range-last", "75129990000049");
    app.click("range-save");
    app.wait_rows("waybill-range-row", "the new range", |r| r.len() == 1);
    app.click("modal-close");
    app.wait_gone("waybill-ranges");

    // The day's paid orders, all ticked, get their numbers in one go.
    app.fill("orders-state", "paid");
    // The demo has more paid orders than a page shows: the page's fifty are ticked.
    let rows = app.wait_rows("order-row", "paid orders", |r| r.len() >= 3);
    let paid = rows.len().to_string();
    app.set_checked("orders-select-all", true);
    app.wait_text_contains("orders-selected", &paid);
    app.click("orders-assign-waybills");
    app.wait_for("assign-waybills");
    app.fill("assign-courier", "ZTO");
    app.click("assign-save");
    let result = app.wait_for("assign-result");
    let given = app
        .session()
        .attribute(&result, "data-given")
        .ok()
        .flatten()
        .unwrap_or_default();
    assert_eq!(given, paid, "each ticked order got a number");
    app.screenshot("assign-waybills");
    app.click("assign-close");
    app.wait_gone("assign-waybills");
    assert_eq!(
        app.db_value(
            "SELECT count(*) FROM orders WHERE state = 'paid' AND courier = 'ZTO' AND waybill LIKE '7512999%'"
        ),
        paid
    );

    // The day's labels in one PDF, in the pick list's order: by the first of each order's products
    // by name, then by order number.
    app.click("orders-print-labels");
    app.wait_for("labels-dialog");
    app.wait_for("print-choice");
    let labels = pdf_text(&newest_pdf(&app.data_dir().join("documents/labels")));
    let expected = app.db_value(
        "SELECT group_concat(waybill, ' ') FROM (
             SELECT o.waybill FROM orders o WHERE o.state = 'paid' AND o.waybill LIKE '7512999%'
             ORDER BY (SELECT min(p.name_zh || char(1) || p.id) FROM order_lines l
                       JOIN products p ON p.id = l.product_id WHERE l.order_id = o.id), o.number)",
    );
    let order: Vec<&str> = expected.split(' ').collect();
    let at: Vec<usize> = order
        .iter()
        .map(|w| {
            labels
                .find(w)
                .unwrap_or_else(|| panic!("{w} is not on the labels:\n{labels}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|p| p[0] < p[1]),
        "labels in the pick list's order {order:?}, found at {at:?}"
    );
    app.screenshot("labels-in-pick-order");
    app.click("labels-close");
    app.wait_gone("labels-dialog");

    // Three parcels to pack, the first three of the pick list with only kiwis (the demo's tofu
    // and chilli oil are sold out, so those orders wait): the first by its label's QR code (the
    // order number), two by their waybills, scanned into scan-to-pack.
    let kiwis = app.db_value(
        "SELECT group_concat(waybill, ' ') FROM (
             SELECT o.waybill FROM orders o WHERE o.state = 'paid' AND o.waybill LIKE '7512999%'
               AND NOT EXISTS (SELECT 1 FROM order_lines l JOIN products p ON p.id = l.product_id
                               WHERE l.order_id = o.id AND p.name_zh NOT LIKE '修文猕猴桃%')
             ORDER BY (SELECT min(p.name_zh || char(1) || p.id) FROM order_lines l
                       JOIN products p ON p.id = l.product_id WHERE l.order_id = o.id), o.number
             LIMIT 3)",
    );
    let order: Vec<&str> = kiwis.split(' ').collect();
    assert_eq!(order.len(), 3, "three kiwi orders: {kiwis}");
    let first = order[0];
    let number = app.db_value(&format!(
        "SELECT number FROM orders WHERE waybill = '{first}'"
    ));
    scan(&app, "scan-to-pack", &number);
    app.wait_for("pack-form");
    app.screenshot("scan-to-pack");
    pack_open_order(&app);
    wait_db(
        &app,
        &format!("SELECT state FROM orders WHERE waybill = '{first}'"),
        "packed",
    );
    for waybill in &order[1..3] {
        scan(&app, "scan-to-pack", waybill);
        pack_open_order(&app);
        wait_db(
            &app,
            &format!("SELECT state FROM orders WHERE waybill = '{waybill}'"),
            "packed",
        );
    }

    // At the courier's table: three scans, three shipped; a repeated scan is refused in red.
    app.click("nav-scan-ship");
    app.wait_for("scan-ship");
    for waybill in &order[..3] {
        scan(&app, "scan-ship-input", waybill);
    }
    app.wait_text_contains("scan-ship-session", "3");
    assert_eq!(
        app.db_value(
            "SELECT count(*) FROM orders WHERE state = 'shipped' AND waybill LIKE '7512999%'"
        ),
        "3"
    );
    scan(&app, "scan-ship-input", order[0]);
    let error = app.wait_text_contains("scan-ship-error", "这单已经发货了");
    assert!(error.contains(&number), "{error}");
    assert_eq!(app.text("scan-ship-session"), "3", "nothing changed");
    let focused = app
        .session()
        .execute(
            "return document.activeElement && document.activeElement.dataset.testid",
            serde_json::json!([]),
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    assert_eq!(
        focused.as_deref(),
        Some("scan-ship-input"),
        "ready for the next parcel"
    );
    app.screenshot("scan-ship");
    if let Err(e) = app.session().set_window_rect(1024, 700) {
        panic!("cannot resize the window: {e}");
    }
    app.wait_for("scan-ship-input");
    let scrolls = app
        .session()
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth",
            serde_json::json!([]),
        )
        .ok()
        .and_then(|v| v.as_bool());
    assert_eq!(scrolls, Some(false), "no sideways scrolling at 1024x700");
    app.screenshot("scan-ship-1024x700");
}
