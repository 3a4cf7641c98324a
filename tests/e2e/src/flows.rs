//! User journeys that several tests need as a starting point, and the data they type.

use crate::App;

/// What the tests type into the shop form, as (test id, value).
pub const SHOP: [(&str, &str); 8] = [
    ("shop-shopName", "青山农家小店"),
    ("shop-ownerName", "王大山"),
    ("shop-senderName", "王小山"),
    ("shop-phone", "13800138000"),
    ("shop-province", "浙江省"),
    ("shop-city", "杭州市"),
    ("shop-district", "西湖区"),
    ("shop-street", "龙井村8号"),
];

/// Fills every text field of the shop form (which must be open).
pub fn fill_shop_form(app: &App) {
    app.wait_for("shop-form");
    for (testid, value) in SHOP {
        app.fill(testid, value);
    }
}

/// From the welcome screen of a fresh app: set up the shop through the form and wait for the
/// navigation, which only a set-up shop has.
pub fn set_up_shop(app: &App) {
    app.click("welcome-setup");
    fill_shop_form(app);
    app.click("shop-save");
    app.wait_gone("welcome");
    app.wait_for("nav-products");
}

/// Whether `text` has any Chinese character (CJK unified ideographs), e.g. to tell a translated
/// zh-CN message from an English fallback.
pub fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}
