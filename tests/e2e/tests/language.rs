//! The language switch turns the UI into English at once, English unit names are understood, and
//! the choice survives a restart.

use farmstall_e2e::flows::{self, has_chinese};
use farmstall_e2e::App;

#[test]
fn language_toggle_switches_to_english_and_persists() {
    let mut app = App::launch("language");
    flows::set_up_shop(&app);

    let before = app.text("nav-products");
    assert!(
        !before.contains("Products"),
        "the default (zh-CN) navigation is in English: {before:?}"
    );

    app.click("lang-toggle");
    app.wait_text_contains("nav-products", "Products");
    app.wait_text_contains("nav-farmers", "Farmers");
    app.click("nav-products");
    app.wait_for("products-screen");
    app.wait_for("products-empty");

    // Units typed with their English names, as the English UI suggests them.
    app.click("products-add");
    app.wait_for("product-form");
    app.fill("product-nameZh", "土鸡蛋");
    app.fill("product-nameEn", "Free-range eggs");
    app.fill("product-saleUnit", "piece");
    app.fill("product-stockUnit", "piece");
    app.fill("product-price", "1.80");
    app.click("product-save");
    app.wait_gone("product-form");
    let rows = app.wait_rows("product-row", "the eggs", |rows| {
        rows.len() == 1 && rows[0].contains("土鸡蛋")
    });
    assert!(
        rows[0].contains("piece"),
        "the English list does not show the unit as `piece`: {:?}",
        rows[0]
    );
    app.screenshot("products-list-en");
    // Apart from what the user typed and the switch back to 中文, nothing on screen is Chinese.
    let mut text = app.body_text();
    for user_data in ["青山农家小店", "土鸡蛋", "中文"] {
        text = text.replace(user_data, "");
    }
    assert!(
        !has_chinese(&text),
        "untranslated Chinese in the English products screen:\n{text}"
    );

    app.restart();

    app.wait_text_contains("nav-products", "Products");
    app.wait_text_contains("nav-farmers", "Farmers");
    // A restart opens on Today, in English too.
    app.wait_text_contains("today-card-to-ship", "To ship");
    app.click("nav-products");
    app.wait_for("products-screen");
    app.wait_rows(
        "product-row",
        "the eggs listed in English after restart",
        |rows| rows.len() == 1 && rows[0].contains("piece"),
    );
}
