//! Making tofu and printing a farmer's statement, through the window: a production run from the
//! demo's tofu recipe takes soybeans and makes a new lot; a count corrects the soybeans; then the owner
//! prints 王德贵's statement for this month and the PDF holds what the screen showed.

use farmstall_e2e::App;

#[test]
fn run_a_production_count_stock_and_print_a_statement() {
    let app = App::launch("production");
    app.click("welcome-demo");
    app.wait_for("today-screen");

    app.click("nav-production");
    app.wait_for("production-screen");
    let recipes = app.wait_rows("recipe-row", "the demo recipes", |r| r.len() == 2);
    assert!(recipes[0].contains("石磨豆腐"), "{recipes:?}");
    app.wait_rows("run-row", "the demo's two runs", |r| r.len() == 2);
    app.click("recipe-produce");
    app.wait_for("production-form");
    app.fill("production-outputQuantity", "12");
    app.fill("production-labour", "8");
    // 12 pieces at 3 a jin take 4 jin of soybeans, from the one lot bought at 3.20 a jin.
    let plan = app.wait_text_contains("production-plan", "4");
    assert!(plan.contains("黄豆"), "{plan}");
    app.wait_text_contains("plan-total", "20.80");
    app.screenshot("production-form");
    let runs_before = app.db_count("production_runs");
    app.click("production-save");
    app.wait_gone("production-form");
    let runs = app.wait_rows("run-row", "the new run first", |r| r.len() == 3);
    assert!(
        runs[0].contains("12") && runs[0].contains("20.80"),
        "the newest run made 12 pieces for ¥20.80: {runs:?}"
    );
    assert_eq!(app.db_count("production_runs"), runs_before + 1);
    app.screenshot("production-screen");

    // A count finds 2 jin of soybeans missing (46 left after the runs, bought at ¥3.20 a jin).
    app.click("nav-count");
    app.wait_for("count-screen");
    app.fill("count-search", "黄豆");
    let rows = app.wait_rows("count-row", "the soybean lot", |r| r.len() == 1);
    assert!(rows[0].contains("46"), "{rows:?}");
    app.fill("count-counted", "44");
    app.click("count-save");
    app.wait_for("count-result");
    app.wait_text_contains("count-lost", "6.40");
    app.screenshot("count-result");
    assert_eq!(app.db_count("stock_counts"), 1);

    // 王德贵's statement for this month, saved as a PDF in the data folder.
    app.click("nav-payables");
    app.wait_for("payables-screen");
    app.fill("payables-search", "王德贵");
    let rows = app.wait_rows("balance-row", "王德贵", |r| r.len() == 1);
    assert!(rows[0].contains("838.25"), "{rows:?}");
    app.click("balance-statement");
    app.wait_for("statement-form");
    app.wait_text_contains("statement-closing", "838.25");
    let lines = app.wait_rows("statement-line", "this month's lines", |r| !r.is_empty());
    app.screenshot("statement-form");
    app.click("statement-save");
    let saved = app.wait_text_contains("statement-saved", ".pdf");
    let pdf = std::fs::read_dir(app.data_dir().join("documents").join("statements"))
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .map(|e| e.path())
        .unwrap_or_else(|| panic!("no statement PDF in the data folder; the screen said {saved}"));
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("王德贵") && text.contains("838.25") && text.contains("对账单"),
        "the PDF holds the statement:\n{text}"
    );
    assert!(
        lines.len() <= text.lines().count(),
        "every line on the screen is in the PDF"
    );
    app.click("statement-cancel");
    app.wait_gone("statement-form");

    // The reports show the season: stock at cost, what to reorder, losses and purchases by month.
    app.click("nav-reports");
    app.wait_for("reports-screen");
    // Reports open on sales; the stock at cost is on its own tab.
    app.wait_for("sales-tab");
    app.click("reports-tab-stock");
    app.wait_text_contains("stock-value", "¥");
    for (tab, row) in [
        ("reports-tab-stock", "product-stock-row"),
        ("reports-tab-low", "low-stock-row"),
        ("reports-tab-spoilage", "spoilage-row"),
        ("reports-tab-purchases", "farmer-month-row"),
    ] {
        app.click(tab);
        app.wait_rows(row, tab, |r| !r.is_empty());
        app.screenshot(tab);
    }
    let png = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(farmstall_e2e::harness::screenshot_dir().join("statement-pdf"))
        .status();
    assert!(png.is_ok_and(|s| s.success()), "pdftoppm renders the PDF");
}
