//! The window at 1024x700, the smallest screen the family may have (issue 13): every sidebar entry,
//! down to 报表, is in view without scrolling the sidebar, and Today and the reports do not scroll
//! sideways; the week of work's cells and buttons are at least 36 px. Screenshots of each.

use std::time::Duration;

use farmstall_e2e::App;
use serde_json::{json, Value};

/// The page's layout facts: whether the document scrolls sideways, and whether the last sidebar
/// entry ends inside the window.
fn layout(app: &App) -> (bool, bool) {
    let v: Value = app
        .session()
        .execute(
            "const d = document.documentElement;
             const nav = document.querySelector('[data-testid=\"nav-reports\"]');
             const r = nav ? nav.getBoundingClientRect() : null;
             return [d.scrollWidth > d.clientWidth, !!r && r.bottom <= window.innerHeight && r.top >= 0];",
            json!([]),
        )
        .unwrap_or_else(|e| panic!("layout script: {e}"));
    (
        v[0].as_bool().unwrap_or(true),
        v[1].as_bool().unwrap_or(false),
    )
}

#[test]
fn at_1024_by_700_every_entry_shows_and_nothing_scrolls_sideways() {
    let app = App::launch("small-screen");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    app.session()
        .set_window_rect(1024, 700)
        .unwrap_or_else(|e| panic!("resize: {e}"));
    // The window has its new size once the page says so.
    app.wait_until("the window at 1024x700", Duration::from_secs(10), |s| {
        let v = s
            .execute("return [window.innerWidth, window.innerHeight];", json!([]))
            .ok()?;
        (v[0].as_u64()? <= 1024 && v[1].as_u64()? <= 700).then_some(())
    });
    app.wait_text_contains("today-card-sales", "¥");
    let (sideways, reports_in_view) = layout(&app);
    assert!(!sideways, "Today scrolls sideways at 1024x700");
    assert!(
        reports_in_view,
        "报表 is below the window's edge at 1024x700"
    );
    app.screenshot("small-today-zh");

    app.click("nav-reports");
    app.wait_for("sales-table");
    let (sideways, reports_in_view) = layout(&app);
    assert!(!sideways, "the sales report scrolls sideways at 1024x700");
    assert!(reports_in_view);
    app.screenshot("small-sales-zh");

    // The orders list, the widest table the family uses every day: its actions stay in reach.
    app.click("nav-orders");
    app.wait_for("order-row");
    let (sideways, _) = layout(&app);
    assert!(!sideways, "the orders list scrolls sideways at 1024x700");
    let table: Value = app
        .session()
        .execute(
            "const w = document.querySelector('.table-wrap');
             return w ? [w.scrollWidth, w.clientWidth] : null;",
            json!([]),
        )
        .unwrap_or_else(|e| panic!("table script: {e}"));
    let (scroll, client) = (
        table[0].as_u64().unwrap_or(0),
        table[1].as_u64().unwrap_or(0),
    );
    assert!(
        scroll <= client,
        "the orders table is {scroll} px wide in {client} px: its actions are cut off"
    );
    app.screenshot("small-orders-zh");

    // The week of work: the page does not scroll sideways (the grid scrolls in its own box), and
    // its cells and buttons are touch-size, at least 36 px.
    app.click("nav-payroll");
    app.wait_until("the week's records", Duration::from_secs(10), |s| {
        s.find("[data-testid=\"work-grid\"][data-loaded=\"true\"]")
            .ok()
            .flatten()
    });
    let (sideways, _) = layout(&app);
    assert!(!sideways, "the pay screen scrolls sideways at 1024x700");
    let smallest: Value = app
        .session()
        .execute(
            "const all = [...document.querySelectorAll('.work-cell, [data-testid=\"work-save\"], [data-testid=\"work-week-prev\"], [data-testid=\"work-week-next\"]')];
             return all.length === 0 ? null : Math.min(...all.map((e) => Math.min(e.getBoundingClientRect().height, e.getBoundingClientRect().width)));",
            json!([]),
        )
        .unwrap_or_else(|e| panic!("work grid script: {e}"));
    let smallest = smallest
        .as_f64()
        .unwrap_or_else(|| panic!("no cells or buttons in the week grid: {smallest}"));
    assert!(
        smallest >= 36.0,
        "a cell or button of the week grid is {smallest} px, less than 36"
    );
    app.screenshot("small-work-week-zh");
}
