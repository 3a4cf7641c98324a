//! A data folder whose database is not a Farmstall database (damaged, or another program's file)
//! shows a clear message instead of the app, and the file is left exactly as it was.

use farmstall_e2e::App;

#[test]
fn a_damaged_database_shows_a_clear_message_and_is_left_untouched() {
    let mut app = App::launch("damaged_db");
    app.wait_for("welcome");
    app.close();
    let path = app.db_path();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let garbage = "这不是数据库 / not a database\n".repeat(200);
    std::fs::write(&path, &garbage)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));

    app.restart_expecting("db-error");
    let text = app.text("db-error");
    assert!(
        text.contains("not a Farmstall database") || text.contains("不是"),
        "the message does not say what is wrong:\n{text}"
    );
    assert!(
        text.contains(&path.display().to_string()),
        "the message does not say which file:\n{text}"
    );
    assert!(
        !app.is_visible("nav-products"),
        "the app carried on with a damaged file"
    );
    app.screenshot("db-error");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        garbage,
        "the damaged file was changed"
    );
}
