//! Issue 12 end to end in the desktop app: it opens on Today with the demo shop and a card leads to
//! its list; the sales report shows a chart and the province view; an expense is entered and the
//! month's profit changes by it; the purchase plan turns into a purchase draft. Screenshots in
//! both languages.

use farmstall_e2e::App;

/// Yuan as the window shows it ("¥4,523.66" or "-¥22.80") in fen.
fn fen(text: &str) -> i64 {
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    let negative = digits.starts_with('-');
    let (whole, part) = digits.trim_start_matches('-').split_once('.').map_or(
        (digits.trim_start_matches('-').to_string(), "00".to_string()),
        |(w, p)| (w.to_string(), format!("{p:0<2}")),
    );
    let value = whole
        .parse::<i64>()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        * 100
        + part[..2]
            .parse::<i64>()
            .unwrap_or_else(|e| panic!("{text}: {e}"));
    if negative {
        -value
    } else {
        value
    }
}

#[test]
fn today_sales_profit_and_the_purchase_plan() {
    let mut app = App::launch("today-reports");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let to_ship = app.wait_text_contains("today-card-to-ship", "待发货");
    let waiting =
        app.db_value("SELECT count(*) FROM orders WHERE state IN ('paid', 'packing', 'packed')");
    assert!(
        to_ship.contains(&waiting),
        "{to_ship} should count {waiting} orders"
    );
    app.wait_for("nav-badge-orders");
    app.screenshot("today-zh");

    // The card opens the orders waiting to ship, soonest due first.
    app.click("today-card-to-ship");
    app.wait_for("orders-screen");
    app.wait_rows("order-row", "paid orders", |rows| !rows.is_empty());

    // The app opens on Today again when restarted on the demo shop.
    app.restart();
    app.wait_for("today-screen");

    // Sales: a chart over the months, then the provinces as a tile map.
    app.click("nav-reports");
    app.wait_for("sales-tab");
    app.wait_for("sales-chart");
    app.wait_rows("sales-row", "months with sales", |rows| rows.len() >= 3);
    app.screenshot("sales-by-month-zh");
    app.fill("sales-by", "province");
    app.wait_for("province-tiles");
    app.wait_rows("sales-row", "provinces", |rows| rows.len() >= 5);
    app.screenshot("sales-by-province-zh");

    // The month's profit, then an expense, then the profit again: less by exactly the expense.
    app.click("reports-tab-profit");
    let before = fen(&app.wait_text_contains("profit-total", "¥"));
    app.click("reports-tab-expenses");
    app.wait_for("expense-form");
    app.fill("expense-category", "electricity");
    app.fill("expense-amount", "123.45");
    app.click("expense-save");
    app.wait_text_contains("expense-sum", "123.45");
    app.click("reports-tab-profit");
    app.wait_for("profit-line-expense-electricity");
    let after = fen(&app.text("profit-total"));
    assert_eq!(before - after, 12_345, "the profit fell by the expense");
    app.screenshot("profit-zh");

    // The purchase plan.
    app.click("reports-tab-plan");
    app.wait_rows("plan-row", "products bought from farmers", |rows| {
        !rows.is_empty()
    });
    app.screenshot("plan-zh");

    // The same screens in English.
    app.click("lang-toggle");
    app.click("nav-today");
    app.wait_text_contains("today-card-to-ship", "To ship");
    app.screenshot("today-en");
    app.click("nav-reports");
    app.wait_for("sales-chart");
    app.screenshot("sales-en");
    app.click("reports-tab-plan");
    app.wait_rows("plan-row", "products bought from farmers", |rows| {
        !rows.is_empty()
    });
    app.screenshot("plan-en");

    // A suggestion becomes a purchase draft in the purchase form, saved only when recorded.
    let purchases = app.db_count("purchases");
    app.click("plan-draft");
    app.wait_for("purchases-screen");
    app.wait_for("purchase-form");
    assert_eq!(app.db_count("purchases"), purchases, "a draft is not saved");
    app.screenshot("plan-draft-en");
}
