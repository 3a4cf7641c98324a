//! Sync through the window: the owner connects the demo marketplace built into the app, its
//! orders appear among the shop's orders, one is packed and shipped here, and after "sync now"
//! the marketplace (asked over its own HTTP state page) has it shipped with that waybill.

use std::time::{Duration, Instant};

use farmstall_e2e::App;

const WAYBILL: &str = "SF1234567890128";

fn until<T>(what: &str, timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn connect_the_demo_marketplace_ship_an_order_and_the_marketplace_has_it() {
    let app = App::launch("sync");
    app.click("welcome-demo");
    app.wait_for("today-screen");

    app.click("nav-sync");
    app.wait_for("sync-screen");
    app.screenshot("sync-empty");
    app.click("sync-connect-demo");
    let mapped = app.wait_text_contains("sync-demo-mapped", "");
    assert!(!mapped.trim().is_empty());
    app.wait_rows("listing-row", "the demo listings", |r| r.len() >= 3);
    let base_url = app.text("sync-baseUrl").trim().to_string();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");

    // The demo marketplace's buyers ordered at start; the first round brings their orders in.
    let tid = until(
        "a paid order from the demo marketplace",
        Duration::from_secs(90),
        || {
            // One the marketplace sent (the demo shop has marketplace orders of its own) whose goods
            // are all reserved (the demo marketplace also sells tofu the demo shop has run out of).
            let tid = app.db_value(
                "SELECT coalesce(max(o.platform_order_id), '') FROM orders o
                 WHERE o.state = 'paid'
                   AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.origin = 'sync')
                   AND (SELECT sum(stock_milli) FROM order_lines WHERE order_id = o.id)
                     = (SELECT coalesce(sum(reserved_milli), 0) FROM stock_ledger WHERE ref = o.id)",
            );
            if !tid.is_empty() {
                return Some(tid);
            }
            // The demo's buyers are seeded by the clock: when none of theirs fits yet, more of
            // them shop (the simulator's own control page) and a round brings the orders in.
            let _ = ureq::post(&format!("{base_url}/sim/buyers"))
                .send_json(serde_json::json!({ "steps": 5 }));
            app.click("sync-now");
            std::thread::sleep(Duration::from_secs(1));
            None
        },
    );
    app.wait_text_contains("sync-state", "在线");
    app.screenshot("sync-online");

    // Packed and shipped here, through the order's own screen.
    app.click("nav-orders");
    app.wait_for("orders-screen");
    app.fill("orders-search", &tid);
    app.wait_rows("order-row", "the marketplace order", |r| r.len() == 1);
    app.click("order-open");
    app.wait_for("order-detail");
    app.click("order-pack");
    app.wait_for("pack-form");
    app.fill("pack-weight", "5.6");
    app.click("pack-save");
    app.wait_gone("pack-form");
    app.fill("ship-courier", "SF");
    app.fill("ship-waybill", WAYBILL);
    app.click("ship-save-waybill");
    app.wait_for("ship-confirm");
    app.click("ship-confirm");
    app.wait_text_contains("order-detail-state", "已发货");
    app.click("modal-close");

    app.click("nav-sync");
    app.wait_for("sync-screen");
    app.click("sync-now");
    let shipped = until(
        "the marketplace to have the waybill",
        Duration::from_secs(60),
        || {
            let state: serde_json::Value = ureq::get(&format!("{base_url}/sim/state?requests=0"))
                .call()
                .ok()?
                .into_json()
                .ok()?;
            let order = state["shops"]
                .as_array()?
                .iter()
                .flat_map(|s| s["orders"].as_array().cloned().unwrap_or_default())
                .find(|o| {
                    o["tid"].as_u64().map(|t| t.to_string()).as_deref() == Some(tid.as_str())
                })?;
            (order["status"] == "WAIT_BUYER_CONFIRM_GOODS"
                || order["waybill"]["out_sid"] == WAYBILL)
                .then_some(order)
        },
    );
    assert_eq!(shipped["waybill"]["out_sid"], WAYBILL, "{shipped}");
    assert_eq!(shipped["waybill"]["company_code"], "SF", "{shipped}");
    app.wait_text_contains("sync-pending", "0");
    app.screenshot("sync-shipped");
}
