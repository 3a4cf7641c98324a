//! Buying from a farmer and keeping stock, through the window: receive a purchase on credit, see its
//! lot, record spoilage (refused first for more than there is), find it all again after a restart,
//! and pay the farmer part of what is owed.

use farmstall_e2e::App;

#[test]
fn receive_a_purchase_see_the_lot_and_record_spoilage() {
    let mut app = App::launch("stock");
    app.click("welcome-demo");
    app.wait_for("products-screen");

    app.click("nav-purchases");
    app.wait_for("purchases-screen");
    app.click("purchases-add");
    app.wait_for("purchase-form");
    app.fill("purchase-farmerId", "王德贵");
    app.fill("purchase-payment", "owed");
    app.fill("purchase-line-0-productId", "修文猕猴桃 特级大果 5斤装");
    app.fill("purchase-line-0-grade", "特级");
    app.fill("purchase-line-0-quantity", "23.5");
    app.fill("purchase-line-0-unitPrice", "3.275");
    app.wait_text_contains("purchase-total", "76.96");
    app.screenshot("purchase-form");
    app.click("purchase-save");
    app.wait_gone("purchase-form");
    let rows = app.wait_rows("purchase-row", "one purchase", |r| r.len() == 1);
    assert!(
        rows[0].contains("王德贵") && rows[0].contains("76.96"),
        "{rows:?}"
    );
    app.screenshot("purchases-list");

    app.click("nav-stock");
    app.wait_for("stock-screen");
    let lots = app.wait_rows("lot-row", "one lot", |r| r.len() == 1);
    assert!(
        lots[0].contains("23.5"),
        "the lot shows what was received: {lots:?}"
    );
    app.screenshot("stock-list");

    // More than there is: refused, with the amount on hand, and nothing taken.
    app.click("lot-waste");
    app.wait_for("waste-form");
    app.fill("waste-quantity", "30");
    app.fill("waste-reason", "spoiled");
    app.click("waste-save");
    let message = app.wait_for_error("error-waste-quantity");
    assert!(
        message.contains("23.5"),
        "the message says how much there is: {message:?}"
    );
    assert_eq!(
        app.db_count("stock_ledger"),
        1,
        "only the receipt is in the ledger"
    );
    app.fill("waste-quantity", "3.5");
    app.click("waste-save");
    app.wait_gone("waste-form");
    app.wait_text_contains("lot-row", "20");
    assert_eq!(app.db_count("stock_ledger"), 2);

    app.restart();
    app.click("nav-stock");
    let lots = app.wait_rows("lot-row", "the lot after the restart", |r| r.len() == 1);
    assert!(
        lots[0].contains("20"),
        "after a restart the lot still holds 20 jin: {lots:?}"
    );

    // The purchase was on credit: the shop owes 王德贵 76.96 and pays 40 of it.
    app.click("nav-payables");
    app.wait_for("payables-screen");
    let rows = app.wait_rows("balance-row", "王德贵's balance", |r| r.len() == 1);
    assert!(
        rows[0].contains("王德贵") && rows[0].contains("76.96"),
        "{rows:?}"
    );
    app.click("balance-pay");
    app.wait_for("payment-form");
    app.fill("payment-amount", "100");
    app.click("payment-save");
    let message = app.wait_for_error("error-payment-amount");
    assert!(
        message.contains("76.96"),
        "the refusal says what is owed: {message:?}"
    );
    app.fill("payment-amount", "40");
    app.fill("payment-method", "wechat");
    app.click("payment-save");
    app.wait_gone("payment-form");
    app.wait_text_contains("balance-row", "36.96");
    app.screenshot("payables-list");
    assert_eq!(app.db_count("farmer_payments"), 1);
}
