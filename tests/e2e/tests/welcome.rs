//! First start on an empty data folder shows the welcome screen, in Chinese.

use farmstall_e2e::App;

#[test]
fn first_start_shows_the_welcome_in_chinese() {
    let app = App::launch("welcome");

    app.wait_for("welcome");
    app.wait_for("welcome-setup");
    app.wait_for("welcome-demo");
    let text = app.body_text();
    assert!(
        text.contains("农家小店"),
        "the window text has no 农家小店:\n{text}"
    );
    assert!(
        !app.is_visible("nav-products"),
        "a shop that does not exist yet has navigation"
    );
    app.screenshot("welcome");

    // The app created its database where it was told to, not somewhere else.
    assert!(
        app.db_path().is_file(),
        "no database at {}",
        app.db_path().display()
    );
    assert_eq!(
        app.db_count("shop_profile"),
        0,
        "a first start saved a shop profile"
    );
}
