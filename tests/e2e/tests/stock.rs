//! Buying from a farmer and keeping stock, through the window: receive a purchase on credit, see its
//! lot, record spoilage (refused first for more than there is), find it all again after a restart,
//! and pay the farmer part of what is owed. The demo shop already has a season of receipts, so the
//! test buys what the season did not (ciba chilli paste from 田老三, who was paid in cash).

use farmstall_e2e::App;

#[test]
fn receive_a_purchase_see_the_lot_and_record_spoilage() {
    let mut app = App::launch("stock");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let ledger_before = app.db_count("stock_ledger");

    app.click("nav-purchases");
    app.wait_for("purchases-screen");
    app.wait_rows("purchase-row", "the demo season's receipts", |r| {
        !r.is_empty()
    });
    app.click("purchases-add");
    app.wait_for("purchase-form");
    app.fill("purchase-farmerId", "田老三");
    app.fill("purchase-payment", "owed");
    app.fill("purchase-line-0-productId", "糍粑辣椒 500克");
    app.fill("purchase-line-0-quantity", "24");
    app.fill("purchase-line-0-unitPrice", "3.275");
    app.wait_text_contains("purchase-total", "78.60");
    app.screenshot("purchase-form");
    app.click("purchase-save");
    app.wait_gone("purchase-form");
    let rows = app.wait_rows("purchase-row", "the new receipt first", |r| {
        r.first().is_some_and(|r| r.contains("田老三"))
    });
    assert!(rows[0].contains("78.60"), "{rows:?}");
    app.screenshot("purchases-list");

    app.click("nav-stock");
    app.wait_for("stock-screen");
    app.fill("stock-search", "糍粑");
    let lots = app.wait_rows("lot-row", "one lot of chilli paste", |r| r.len() == 1);
    assert!(
        lots[0].contains("24"),
        "the lot shows what was received: {lots:?}"
    );

    // More than there is: refused, with the amount on hand, and nothing taken.
    app.click("lot-waste");
    app.wait_for("waste-form");
    app.fill("waste-quantity", "30");
    app.fill("waste-reason", "damaged");
    app.click("waste-save");
    let message = app.wait_for_error("error-waste-quantity");
    assert!(
        message.contains("24"),
        "the message says how much there is: {message:?}"
    );
    assert_eq!(
        app.db_count("stock_ledger"),
        ledger_before + 1,
        "only the receipt was added to the ledger"
    );
    app.fill("waste-quantity", "4");
    app.click("waste-save");
    app.wait_gone("waste-form");
    app.wait_text_contains("lot-row", "20");
    assert_eq!(app.db_count("stock_ledger"), ledger_before + 2);

    app.restart();
    app.click("nav-stock");
    app.wait_for("stock-screen");
    app.wait_rows("lot-row", "the season's lots", |r| r.len() > 1);
    app.screenshot("stock-list");
    app.fill("stock-search", "糍粑");
    let lots = app.wait_rows("lot-row", "the lot after the restart", |r| r.len() == 1);
    assert!(
        lots[0].contains("20"),
        "after a restart the lot still holds 20 bottles: {lots:?}"
    );

    // The purchase was on credit: the shop owes 田老三 78.60 and pays 40 of it.
    app.click("nav-payables");
    app.wait_for("payables-screen");
    app.fill("payables-search", "田老三");
    let rows = app.wait_rows("balance-row", "田老三's balance", |r| {
        r.len() == 1 && r[0].contains("田老三")
    });
    assert!(rows[0].contains("78.60"), "{rows:?}");
    let payments_before = app.db_count("farmer_payments");
    app.click("balance-pay");
    app.wait_for("payment-form");
    app.fill("payment-amount", "100");
    app.click("payment-save");
    let message = app.wait_for_error("error-payment-amount");
    assert!(
        message.contains("78.60"),
        "the refusal says what is owed: {message:?}"
    );
    app.fill("payment-amount", "40");
    app.fill("payment-method", "wechat");
    app.click("payment-save");
    app.wait_gone("payment-form");
    app.wait_text_contains("balance-row", "38.60");
    app.fill("payables-search", "");
    app.wait_rows("balance-row", "every farmer owed", |r| r.len() > 1);
    app.screenshot("payables-list");
    assert_eq!(app.db_count("farmer_payments"), payments_before + 1);
}
