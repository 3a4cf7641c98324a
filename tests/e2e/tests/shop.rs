//! Setting up the shop through the form; the profile survives a restart and the welcome is gone.

use farmstall_e2e::flows::{self, SHOP};
use farmstall_e2e::App;

#[test]
fn shop_set_up_through_the_form_survives_a_restart() {
    let mut app = App::launch("shop");

    app.click("welcome-setup");
    flows::fill_shop_form(&app);
    app.screenshot("shop-form");
    app.click("shop-save");
    app.wait_gone("welcome");
    app.wait_for("nav-shop");
    app.wait_for("nav-farmers");
    app.wait_for("nav-products");
    assert_eq!(
        app.db_count("shop_profile"),
        1,
        "the shop profile was not saved"
    );

    app.restart();

    app.wait_for("nav-shop");
    assert!(
        !app.is_visible("welcome"),
        "the welcome shows again after the shop was set up"
    );
    app.click("nav-shop");
    app.wait_for("shop-form");
    for (testid, value) in SHOP {
        app.wait_value(testid, value);
    }
    assert!(
        !app.is_visible("welcome"),
        "the welcome shows again after the shop was set up"
    );
}
