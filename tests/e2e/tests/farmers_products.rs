//! Adding farmers and a product through their forms; they are listed, survive a restart, and the
//! farmers' search narrows the list.

use farmstall_e2e::{flows, App};

fn add_farmer(app: &App, name: &str, village: &str, phone: &str) {
    app.click("farmers-add");
    app.wait_for("farmer-form");
    app.fill("farmer-name", name);
    app.fill("farmer-village", village);
    app.fill("farmer-phone", phone);
    app.fill("farmer-paymentNotes", "微信转账");
    app.fill("farmer-remarks", "种猕猴桃");
    app.click("farmer-save");
    app.wait_gone("farmer-form");
    app.wait_rows("farmer-row", &format!("a row with {name}"), |rows| {
        rows.iter().any(|r| r.contains(name))
    });
}

#[test]
fn farmers_and_products_are_listed_kept_and_searchable() {
    let mut app = App::launch("farmers_products");
    flows::set_up_shop(&app);

    app.click("nav-farmers");
    app.wait_for("farmers-screen");
    app.wait_for("farmers-empty");
    add_farmer(&app, "张三丰", "龙井村", "13900139000");
    add_farmer(&app, "李四娘", "梅家坞", "13700137000");
    app.wait_rows("farmer-row", "exactly the two farmers", |rows| {
        rows.len() == 2
    });
    assert!(
        !app.is_visible("farmers-empty"),
        "the empty state shows beside two farmers"
    );
    app.screenshot("farmers-list");

    app.click("nav-products");
    app.wait_for("products-screen");
    app.click("products-add");
    app.wait_for("product-form");
    app.fill("product-nameZh", "红心猕猴桃");
    app.fill("product-nameEn", "Red kiwi");
    app.fill("product-saleUnit", "斤");
    app.fill("product-stockUnit", "斤");
    app.set_checked("product-perishable", true);
    app.fill("product-shelfLifeDays", "14");
    app.fill("product-price", "12.50");
    app.fill("product-weightKg", "0.5");
    app.click("product-save");
    app.wait_gone("product-form");
    let rows = app.wait_rows("product-row", "a row with 红心猕猴桃", |rows| {
        rows.len() == 1 && rows[0].contains("红心猕猴桃")
    });
    assert!(
        rows[0].contains("12.50"),
        "the product row does not show the price 12.50: {:?}",
        rows[0]
    );
    app.screenshot("products-list");

    app.restart();

    app.click("nav-farmers");
    app.wait_for("farmers-screen");
    app.wait_rows("farmer-row", "both farmers after restart", |rows| {
        rows.len() == 2
            && rows.iter().any(|r| r.contains("张三丰"))
            && rows.iter().any(|r| r.contains("李四娘"))
    });

    app.fill("farmers-search", "三丰");
    let rows = app.wait_rows(
        "farmer-row",
        "only 张三丰 after searching 三丰",
        |rows| rows.len() == 1 && rows[0].contains("张三丰"),
    );
    assert!(
        rows[0].contains("龙井村"),
        "the farmer row does not show the village: {:?}",
        rows[0]
    );
    app.fill("farmers-search", "");
    app.wait_rows(
        "farmer-row",
        "both farmers again after clearing the search",
        |rows| rows.len() == 2,
    );

    app.click("nav-products");
    app.wait_for("products-screen");
    app.wait_rows("product-row", "the product after restart", |rows| {
        rows.len() == 1 && rows[0].contains("红心猕猴桃")
    });
}
