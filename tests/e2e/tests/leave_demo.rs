//! Leaving the demo from the window: the demo loaded from the welcome screen shows its note on
//! Today; 清除演示数据，开始我的小店, confirmed, reloads the window onto the shop form of a new,
//! empty shop, and the demo is kept as a verified backup in the data folder's `backups/`.
//! Screenshots of the note and the dialog at 1024x700 in Chinese.

use std::path::PathBuf;
use std::time::Duration;

use farmstall_e2e::harness::LAUNCH_TIMEOUT;
use farmstall_e2e::App;
use serde_json::json;

fn kept_demo_backups(app: &App) -> Vec<PathBuf> {
    let dir = app.data_dir().join("backups");
    // No folder yet is no backup yet (an empty shop is not backed up).
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("-before-leave_demo.db"))
        })
        .collect();
    found.sort();
    found
}

fn count_in(db: &PathBuf, table: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap_or_else(|e| panic!("{}: {e}", db.display()));
    conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .unwrap_or_else(|e| panic!("{table} in {}: {e}", db.display()))
}

#[test]
fn clearing_the_demo_starts_an_empty_shop_and_keeps_the_demo_as_a_backup() {
    let mut app = App::launch("leave-demo");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let products = app.db_count("products");
    let orders = app.db_count("orders");
    assert!(products > 0 && orders > 0, "the demo loaded nothing");

    // The smallest window the family may have.
    app.session()
        .set_window_rect(1024, 700)
        .unwrap_or_else(|e| panic!("resize: {e}"));
    app.wait_until("the window at 1024x700", Duration::from_secs(10), |s| {
        let v = s
            .execute("return [window.innerWidth, window.innerHeight];", json!([]))
            .ok()?;
        (v[0].as_u64()? <= 1024 && v[1].as_u64()? <= 700).then_some(())
    });
    let banner = app.wait_text_contains("demo-banner", "这是演示店铺");
    assert!(banner.contains("清除演示数据，开始我的小店"), "{banner}");
    app.wait_text_contains("today-card-sales", "¥");
    app.screenshot("leave-demo-banner-zh");

    // The dialog says what happens; cancelling changes nothing.
    app.click("demo-leave");
    let dialog = app.wait_text_contains("leave-demo-dialog", "备份");
    assert!(dialog.contains("农户、商品、订单"), "{dialog}");
    app.screenshot("leave-demo-dialog-zh");
    app.click("leave-demo-cancel");
    app.wait_gone("leave-demo-dialog");
    assert_eq!(app.db_count("products"), products);
    assert!(kept_demo_backups(&app).is_empty());

    app.click("demo-leave");
    app.wait_for("leave-demo-dialog");
    app.click("leave-demo-confirm");
    // The window reloads onto the shop form of the new shop, saying the demo was kept.
    app.wait_for_within("shop-form", LAUNCH_TIMEOUT);
    let notice = app.wait_text_contains("toast", "演示数据已清除");
    assert!(notice.contains("留了一份备份"), "{notice}");
    app.screenshot("leave-demo-setup-zh");
    assert!(
        !app.is_visible("nav-products"),
        "the sidebar offers the old shop's screens"
    );

    // Nothing of the demo in the shop.
    for table in ["farmers", "products", "orders", "lots", "shop_profile"] {
        assert_eq!(app.db_count(table), 0, "{table} after leaving the demo");
    }
    assert_eq!(
        app.db_value("SELECT count(*) FROM settings WHERE key = 'demo_shop'"),
        "0"
    );
    // The demo kept, whole, in backups/.
    let kept = kept_demo_backups(&app);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(count_in(&kept[0], "products"), products);
    assert_eq!(count_in(&kept[0], "orders"), orders);

    // Back from the form is the welcome of a first start, with the demo on offer again; and so
    // is the next start.
    app.click("shop-back");
    app.wait_for("welcome");
    app.restart();
    app.wait_for("welcome");
    assert!(!app.is_visible("demo-banner"));
}
