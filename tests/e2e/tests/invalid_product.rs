//! A product with an invalid field is refused with a message next to that field, and nothing is
//! saved: not in the list, not in the database.

use farmstall_e2e::flows::{self, has_chinese};
use farmstall_e2e::App;

fn assert_nothing_saved(app: &App, attempt: &str) {
    let rows = app.texts("product-row");
    assert!(
        rows.is_empty(),
        "{attempt}: a product row appeared: {rows:?}"
    );
    assert_eq!(
        app.db_count("products"),
        0,
        "{attempt}: the products table is not empty"
    );
    app.wait_for("product-form");
}

#[test]
fn invalid_products_show_field_errors_and_save_nothing() {
    let app = App::launch("invalid_product");
    flows::set_up_shop(&app);
    app.click("nav-products");
    app.wait_for("products-screen");
    app.click("products-add");
    app.wait_for("product-form");

    // 1. No Chinese name.
    app.fill("product-saleUnit", "斤");
    app.fill("product-stockUnit", "斤");
    app.fill("product-price", "5");
    app.click("product-save");
    let message = app.wait_for_error("error-product-nameZh");
    app.screenshot("product-form-errors");
    assert_nothing_saved(&app, "empty nameZh");
    assert!(
        !message.contains("required"),
        "the zh-CN UI shows an untranslated rule: {message:?}"
    );

    // 2. Negative price.
    app.fill("product-nameZh", "土鸡蛋");
    app.fill("product-price", "-3");
    app.click("product-save");
    let message = app.wait_for_error("error-product-price");
    assert_nothing_saved(&app, "price -3");
    assert!(
        has_chinese(&message),
        "the zh-CN UI shows an untranslated message: {message:?}"
    );
    assert!(
        !app.error_shown("error-product-nameZh"),
        "the name error stays after the name was fixed"
    );

    // 3. A unit the shop does not know.
    app.fill("product-price", "5");
    app.fill("product-saleUnit", "筐");
    app.click("product-save");
    let message = app.wait_for_error("error-product-saleUnit");
    assert_nothing_saved(&app, "sale unit 筐");
    assert!(
        has_chinese(&message),
        "the zh-CN UI shows an untranslated message: {message:?}"
    );
    assert!(
        !app.error_shown("error-product-price"),
        "the price error stays after the price was fixed"
    );
}
