//! Loading the demo shop from the welcome screen fills the products and farmers lists.

use farmstall_e2e::App;

#[test]
fn demo_shop_lists_kiwi_products_and_farmers() {
    let app = App::launch("demo");

    app.click("welcome-demo");
    app.wait_for("today-screen");
    app.click("nav-products");
    app.wait_for("products-screen");
    let products = app.wait_rows("product-row", "demo products", |rows| !rows.is_empty());
    assert!(
        products.iter().any(|r| r.contains("猕猴桃")),
        "no kiwi (猕猴桃) among the demo products: {products:#?}"
    );
    assert!(
        !app.is_visible("welcome"),
        "the welcome stays after loading the demo"
    );
    app.screenshot("demo-products");

    app.click("nav-farmers");
    app.wait_for("farmers-screen");
    app.wait_rows("farmer-row", "demo farmers", |rows| !rows.is_empty());
    app.screenshot("demo-farmers");
    assert!(app.db_count("products") > 0);
}
