//! Paging a long list in the window: the demo's 1800-odd orders, newest first, page after page
//! and back. The pages after the first are asked by key (`after` the last order of the page
//! before): each must hold the orders the database holds at those rows.

use farmstall_e2e::App;

#[test]
fn next_and_previous_pages_of_the_orders_show_the_right_orders() {
    let mut app = App::launch("paging");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let total: i64 = app
        .db_value("SELECT count(*) FROM orders")
        .parse()
        .unwrap_or(0);
    assert!(total > 150, "the demo has a few pages of orders: {total}");
    // The number of the order at row `n` (from 0) of the newest-first list.
    let number_at = |n: i64| {
        app.db_value(&format!(
            "SELECT number FROM orders ORDER BY ordered_on DESC, number DESC LIMIT 1 OFFSET {n}"
        ))
    };
    let first_row_is = |n: i64| {
        let number = number_at(n);
        let rows = app.wait_rows("order-row", &format!("row {} is {number}", n + 1), |r| {
            r.len() == 50 && r[0].contains(&number)
        });
        assert!(rows[49].contains(&number_at(n + 49)), "{:?}", rows[49]);
        app.wait_text_contains("pager-info", &format!("第 {}–{} 条", n + 1, n + 50));
        // The page is read from its first row: the pager under the list brought its top into view.
        let top = app
            .session()
            .execute(
                "const r = document.querySelector('[data-testid=\"order-row\"]').getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= window.innerHeight;",
                serde_json::json!([]),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            top,
            serde_json::json!(true),
            "the first order of the page is in view"
        );
    };

    app.click("nav-orders");
    app.wait_for("orders-screen");
    first_row_is(0);
    app.click("pager-next");
    first_row_is(50);
    app.click("pager-next");
    first_row_is(100);
    app.screenshot("orders-page-3");
    app.click("pager-prev");
    first_row_is(50);
    app.click("pager-prev");
    first_row_is(0);
    app.close();
}
