//! What a person typed is never thrown away without asking: cancelling a half-filled farmer form
//! asks first; "keep editing" keeps every character, "discard" closes and saves nothing.

use farmstall_e2e::{flows, App};

#[test]
fn cancelling_a_filled_form_asks_before_throwing_the_typing_away() {
    let app = App::launch("discard");
    flows::set_up_shop(&app);
    app.click("nav-farmers");
    app.wait_for("farmers-screen");

    // A form nobody typed in closes at once.
    app.click("farmers-add");
    app.wait_for("farmer-form");
    app.click("farmer-cancel");
    app.wait_gone("farmer-form");
    assert!(
        !app.is_visible("confirm-discard"),
        "an untouched form asked to discard"
    );

    // A filled one asks, and keeping on editing keeps the text.
    app.click("farmers-add");
    app.fill("farmer-name", "王德贵");
    app.fill("farmer-village", "大木村");
    app.click("farmer-cancel");
    app.wait_for("confirm-discard");
    app.screenshot("farmer-form-discard-question");
    app.click("confirm-keep");
    app.wait_gone("confirm-discard");
    assert_eq!(app.value("farmer-name"), "王德贵");
    assert_eq!(app.value("farmer-village"), "大木村");

    // Discarding closes the form and saves nothing.
    app.click("farmer-cancel");
    app.wait_for("confirm-discard");
    app.click("confirm-discard-yes");
    app.wait_gone("farmer-form");
    assert_eq!(
        app.db_count("farmers"),
        0,
        "a discarded form saved a farmer"
    );
}
