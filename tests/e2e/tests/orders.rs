//! An order from a phone call to a parcel with a label, through the window: the owner enters it,
//! finds it in the list, prints the pick list, packs it (its kiwis leave their lots first expiry
//! first and the suggested box and ice pack leave stock), prints its label, ships it and reads
//! what it earned. The label PDF holds the recipient's Chinese name and the waybill number.

use std::path::{Path, PathBuf};

use farmstall_e2e::App;

const KIWI: &str = "修文猕猴桃 特级大果 5斤装";
const NAME: &str = "慕容晓燕";
const WAYBILL: &str = "SF1402338879999";

fn newest_pdf(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .unwrap_or_else(|| panic!("no PDF in {}", dir.display()))
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn enter_pick_pack_label_and_ship_an_order() {
    let app = App::launch("orders");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    let kiwi = app.db_value(&format!("SELECT id FROM products WHERE name_zh = '{KIWI}'"));
    let on_hand = |product: &str| {
        app.db_value(&format!(
            "SELECT sum(on_hand_milli) FROM lots WHERE product_id = '{product}'"
        ))
        .parse::<i64>()
        .unwrap_or(0)
    };
    let ice = app.db_value("SELECT id FROM products WHERE name_zh = '冰袋'");
    let (kiwi_before, ice_before) = (on_hand(&kiwi), on_hand(&ice));

    // A phone order for one box.
    app.click("nav-orders");
    app.wait_for("orders-screen");
    app.click("orders-add");
    app.wait_for("order-form");
    app.fill("order-source", "phone");
    app.fill("order-recipient-name", NAME);
    app.fill("order-recipient-phone", "13698765432");
    app.fill("order-recipient-province", "浙江省");
    app.fill("order-recipient-city", "杭州市");
    app.fill("order-recipient-district", "西湖区");
    app.fill(
        "order-recipient-street",
        "文三路 478 号华星时代广场 A 座 1203 室",
    );
    app.fill("order-line-0-productId", &kiwi);
    app.fill("order-line-0-quantity", "1");
    app.fill("order-shippingFee", "10");
    app.screenshot("order-form");
    app.click("order-save");
    app.wait_gone("order-form");

    // Found by a part of the name, then picked.
    app.fill("orders-search", "容晓燕");
    let rows = app.wait_rows("order-row", "the new order", |r| r.len() == 1);
    assert!(rows[0].contains(NAME), "{rows:?}");
    app.set_checked("order-select", true);
    app.click("orders-pick-list");
    app.wait_for("pick-list");
    app.wait_text_contains("pick-product", "5");
    app.screenshot("pick-list");
    app.click("pick-list-print");
    app.wait_for("print-choice");
    let picklist = pdf_text(&newest_pdf(&app.data_dir().join("documents/picklists")));
    assert!(
        picklist.contains("拣货单") && picklist.contains(KIWI),
        "the pick list PDF names the kiwis:\n{picklist}"
    );
    app.click("pick-list-close");
    app.wait_gone("pick-list");

    // Packed by whoever is working, with the box and ice pack the rules suggest.
    app.click("order-open");
    app.wait_for("order-detail");
    app.click("order-pack");
    app.wait_for("pack-form");
    app.wait_for("pack-suggestion");
    app.fill("pack-weight", "5.6");
    app.screenshot("pack-form");
    app.click("pack-save");
    app.wait_gone("pack-form");
    app.wait_for("order-margin");
    assert_eq!(
        on_hand(&kiwi),
        kiwi_before - 5_000,
        "5 jin left the kiwi lots"
    );
    assert_eq!(on_hand(&ice), ice_before - 1_000, "one ice pack left stock");
    let packed_by = app.db_value(&format!(
        "SELECT packed_by FROM orders WHERE recipient_name = '{NAME}'"
    ));
    assert_eq!(packed_by, "杨秀英", "the one working packed it");

    // The waybill, the label, then off with the courier.
    app.fill("ship-courier", "SF");
    app.fill("ship-waybill", WAYBILL);
    app.fill("ship-cost", "14");
    app.click("ship-save-waybill");
    let stored = || {
        app.db_value(&format!(
            "SELECT coalesce(waybill, '') FROM orders WHERE recipient_name = '{NAME}'"
        ))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while stored() != WAYBILL {
        assert!(
            std::time::Instant::now() < deadline,
            "the waybill was not saved: {:?}",
            stored()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.click("order-print-label");
    app.wait_for("print-choice");
    let label = newest_pdf(&app.data_dir().join("documents/labels"));
    let text = pdf_text(&label);
    assert!(
        text.contains(NAME) && text.contains(WAYBILL),
        "the label names {NAME} and {WAYBILL}:\n{text}"
    );
    app.screenshot("order-packed");
    app.click("ship-confirm");
    app.wait_text_contains("order-detail-state", "已发货");
    app.wait_for("order-reprint-label");
    // What the buyer paid − the kiwis' own cost − the box, nets and ice pack − ¥14 courier.
    let margin = app.text("order-margin");
    let expected = app.db_value(&format!(
        "SELECT printf('%.2f', (goods_fen + shipping_fee_fen - goods_cost_fen - packaging_cost_fen
                               - shipping_cost_fen) / 100.0)
         FROM orders WHERE recipient_name = '{NAME}'"
    ));
    assert!(
        margin.contains(&expected),
        "margin {margin}, stored {expected}"
    );
    assert_eq!(
        app.db_value(&format!(
            "SELECT state || ' ' || waybill FROM orders WHERE recipient_name = '{NAME}'"
        )),
        format!("shipped {WAYBILL}")
    );
    app.screenshot("order-shipped");
}

#[test]
fn packaging_rules_and_a_pre_bought_waybill_number() {
    let app = App::launch("orders-ranges");
    app.click("welcome-demo");
    app.wait_for("today-screen");
    app.click("nav-orders");
    app.wait_for("orders-screen");

    // The demo's rules: two sizes for each kind of kiwi, tofu with ice packs, anything else.
    app.click("orders-packaging-rules");
    let rules = app.wait_rows("packaging-rule-row", "the demo's rules", |r| r.len() == 8);
    assert!(
        rules
            .iter()
            .any(|r| r.contains("豆腐") && r.contains("冰袋")),
        "{rules:?}"
    );
    app.screenshot("packaging-rules");
    app.click("modal-close");
    app.wait_gone("packaging-rules");

    // Fifty numbers bought from ZTO.
    app.click("orders-waybill-ranges");
    app.wait_for("range-form");
    app.fill("range-courier", "ZTO");
    app.fill("range-first", "75129990000000");
    app.fill("range-last", "75129990000049");
    app.click("range-save");
    let ranges = app.wait_rows("waybill-range-row", "the new range", |r| r.len() == 1);
    assert!(ranges[0].contains("50"), "{ranges:?}");
    app.screenshot("waybill-ranges");
    app.click("modal-close");
    app.wait_gone("waybill-ranges");

    // A packed demo order takes the first of them.
    app.fill("orders-state", "packed");
    app.wait_rows("order-row", "packed orders", |r| !r.is_empty());
    app.click("order-open");
    app.wait_for("order-detail");
    app.fill("ship-courier", "ZTO");
    app.click("ship-take-waybill");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let taken = || {
        app.db_value(
            "SELECT count(*) FROM orders WHERE courier = 'ZTO' AND waybill = '75129990000000'",
        )
    };
    while taken() != "1" {
        assert!(
            std::time::Instant::now() < deadline,
            "no order got 75129990000000"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.wait_value("ship-waybill", "75129990000000");
    assert_eq!(
        app.db_value("SELECT next_no FROM waybill_ranges"),
        "75129990000001"
    );
    app.screenshot("order-waybill-taken");
}
