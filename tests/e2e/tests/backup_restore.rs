//! Backups from the window: make a backup, change the shop, close, find the backup listed after
//! the restart, restore it from the backups screen, and find the change gone and the replaced
//! file kept aside. And a damaged shop offers its newest good backup on the error screen.

use std::path::Path;

use farmstall_e2e::App;

/// The files in `dir` whose names start with `prefix`.
fn files_starting(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

/// Backs up with the screen's button once the list has loaded (the button waits for it).
fn back_up_now(app: &App) {
    app.wait_for("backup-screen");
    app.wait_text_contains("backup-newest", "备份");
    app.click("backup-now");
    app.wait_rows("backup-row", "a manual backup", |rows| {
        rows.iter().any(|r| r.contains("手动"))
    });
}

fn add_farmer(app: &App, name: &str) {
    app.click("nav-farmers");
    app.click("farmers-add");
    app.wait_for("farmer-form");
    app.fill("farmer-name", name);
    app.click("farmer-save");
    app.wait_gone("farmer-form");
}

#[test]
fn restoring_an_earlier_backup_undoes_a_change_and_keeps_the_replaced_file() {
    let mut app = App::launch("backup_restore");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let demo_farmers = app.db_count("farmers");

    app.click("nav-backup");
    back_up_now(&app);

    add_farmer(&app, "回退测试农户");
    assert_eq!(app.db_count("farmers"), demo_farmers + 1);

    app.restart();
    app.click("nav-backup");
    app.wait_for("backup-screen");
    let rows = app.wait_rows("backup-row", "the backups after a restart", |rows| {
        rows.iter().any(|r| r.contains("手动"))
    });
    assert!(
        rows.iter().all(|r| r.contains("订单")),
        "a backup row does not say what it holds: {rows:?}"
    );
    app.screenshot("backup-screen");

    app.click_in_row("backup-row", "手动", "backup-restore");
    app.wait_for("restore-confirm");
    // The farmers' row: its label, the count now, the count in the backup.
    assert_eq!(
        app.text("restore-compare-farmers"),
        format!("农户{}{}", demo_farmers + 1, demo_farmers),
        "the confirmation does not compare the farmers now and in the backup"
    );
    app.screenshot("backup-restore-confirm");
    app.click("restore-confirm-yes");

    // The window reloads on the restored shop and says what changed.
    app.wait_for("today-screen");
    app.wait_text_contains("toast", "已回到");
    assert_eq!(
        app.db_count("farmers"),
        demo_farmers,
        "the change is still there"
    );
    app.click("nav-farmers");
    app.wait_for("farmers-add");
    assert!(
        !app.body_text().contains("回退测试农户"),
        "the farmer added after the backup is still listed"
    );

    let kept = files_starting(app.data_dir(), "farmstall.replaced-");
    assert_eq!(
        kept.len(),
        1,
        "the replaced file was not kept aside: {kept:?}"
    );
    let before_restore = files_starting(&app.data_dir().join("backups"), "farmstall-")
        .into_iter()
        .filter(|n| n.ends_with("-before-restore.db"))
        .count();
    assert_eq!(before_restore, 1, "no before-restore backup was taken");
}

#[test]
fn a_damaged_shop_offers_its_newest_good_backup() {
    let mut app = App::launch("backup_damaged");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    app.click("nav-backup");
    back_up_now(&app);
    let farmers = app.db_count("farmers");
    app.close();

    let path = app.db_path();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(&path, "not a database\n".repeat(100))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));

    app.restart_expecting("db-error");
    app.wait_text_contains("db-error-newest", "订单");
    app.screenshot("backup-db-error");
    app.click("db-error-restore-newest");
    app.wait_for("restore-confirm");
    app.click("restore-confirm-yes");
    app.wait_for("today-screen");
    assert_eq!(app.db_count("farmers"), farmers);
    assert_eq!(
        files_starting(app.data_dir(), "farmstall.replaced-").len(),
        1,
        "the damaged file was not kept aside"
    );
}
