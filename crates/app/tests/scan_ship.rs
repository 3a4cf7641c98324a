//! The daily shipping round on a real SQLite file: waybills given to a batch before packing (all
//! or nothing), an order found by what is scanned from its label, shipping by scanning its
//! waybill, a repeated or unknown scan refused without a change, and a wrong scan undone while the
//! marketplace has not been told.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderInput, OrderLineInput, PackInput, RecipientInput};
use farmstall_app::production::InputLine;
use farmstall_app::scan::AssignWaybillsInput;
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::waybills::WaybillRangeInput;
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::rusqlite::Connection;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn refusal<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, String)> {
    match result {
        Err(e) => IpcError::from(&e)
            .errors
            .into_iter()
            .map(|i| (i.field, i.rule))
            .collect(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn one(field: &str, rule: &str) -> Vec<(String, String)> {
    vec![(field.to_string(), rule.to_string())]
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    kiwi: String,
    foam: String,
}

/// A shop with 50 jin of kiwis, ten foam boxes and a ZTO range of `numbers` waybills.
fn shop(numbers: u32) -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-11-28 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a time")),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "猕猴桃 5斤装".into(),
        sale_unit: "箱(5斤)".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "48.80".into(),
        ..ProductInput::default()
    }))
    .id;
    let foam = ok(app.create_product(&ProductInput {
        name_zh: "泡沫箱 5斤装".into(),
        sale_unit: "个".into(),
        stock_unit: "个".into(),
        price: "0".into(),
        kind: "packaging".into(),
        ..ProductInput::default()
    }))
    .id;
    for (product, quantity) in [(&kiwi, "50"), (&foam, "10")] {
        ok(app.receive_purchase(&PurchaseInput {
            farmer_id: farmer.clone(),
            received_on: "2026-11-27".into(),
            payment: "cash".into(),
            lines: vec![PurchaseLineInput {
                product_id: product.clone(),
                quantity: quantity.into(),
                unit_price: "4".into(),
                best_before: if product == &kiwi {
                    "2026-12-10".into()
                } else {
                    String::new()
                },
                ..PurchaseLineInput::default()
            }],
            ..PurchaseInput::default()
        }));
    }
    ok(app.add_waybill_range(&WaybillRangeInput {
        courier: "ZTO".into(),
        first: "75120000000001".into(),
        last: format!("{}", 75_120_000_000_000_u64 + u64::from(numbers)),
        note: String::new(),
    }));
    Shop {
        dir,
        app,
        kiwi,
        foam,
    }
}

/// A paid marketplace order for one box, so shipping it queues a `ship` item for the marketplace.
fn order(s: &mut Shop, platform_id: &str) -> String {
    ok(s.app.create_order(&OrderInput {
        source: "taobao".into(),
        platform_order_id: platform_id.into(),
        buyer: "tb_buyer".into(),
        recipient: RecipientInput {
            name: "欧阳娜娜".into(),
            phone: "13912345678".into(),
            province: "广东省".into(),
            city: "广州市".into(),
            district: "天河区".into(),
            street: "体育西路 191 号".into(),
            postcode: String::new(),
        },
        lines: vec![OrderLineInput {
            product_id: s.kiwi.clone(),
            quantity: "1".into(),
            ..OrderLineInput::default()
        }],
        ..OrderInput::default()
    }))
    .id
}

fn pack(s: &mut Shop, id: &str) {
    ok(s.app.pack_order(&PackInput {
        order_id: id.into(),
        packaging: vec![InputLine {
            product_id: s.foam.clone(),
            quantity: "1".into(),
        }],
        weight_kg: "2.6".into(),
        packed_by: "秀英".into(),
    }));
}

fn assign(
    s: &mut Shop,
    ids: &[&String],
) -> Result<farmstall_app::scan::AssignedWaybills, AppError> {
    s.app.assign_waybills(&AssignWaybillsInput {
        order_ids: ids.iter().map(|id| (*id).clone()).collect(),
        courier: "ZTO".into(),
    })
}

/// A connection of the test's own, for what only the sync round writes (an item sent).
fn db(s: &Shop) -> Connection {
    Connection::open(s.dir.path().join("farmstall.db")).unwrap_or_else(|e| panic!("{e}"))
}

fn outbox(s: &Shop, order: &str) -> Vec<String> {
    let conn = db(s);
    let mut stmt = conn
        .prepare("SELECT state FROM sync_outbox WHERE kind = 'ship' AND subject = ?1 ORDER BY id")
        .unwrap_or_else(|e| panic!("{e}"));
    let states = stmt
        .query_map([order], |r| r.get(0))
        .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
        .unwrap_or_else(|e| panic!("{e}"));
    states
}

#[test]
fn waybills_are_given_before_packing_and_packing_and_unpacking_keep_them() {
    let mut s = shop(10);
    let a = order(&mut s, "T1001");
    let b = order(&mut s, "T1002");
    let given = ok(assign(&mut s, &[&a, &b]));
    assert_eq!((given.given, given.kept), (2, 0));
    let numbers: Vec<&str> = given.orders.iter().map(|o| o.waybill.as_str()).collect();
    assert_eq!(numbers, ["75120000000001", "75120000000002"]);
    assert_eq!(
        ok(s.app.get_order(&a)).state,
        "paid",
        "a waybill packs nothing"
    );

    pack(&mut s, &a);
    let packed = ok(s.app.get_order(&a));
    assert_eq!(
        (packed.state.as_str(), packed.waybill.as_deref()),
        ("packed", Some("75120000000001")),
        "packing keeps the waybill given earlier"
    );
    ok(s.app.unpack_order(&a));
    assert_eq!(
        ok(s.app.get_order(&a)).waybill.as_deref(),
        Some("75120000000001"),
        "unpacking keeps it too"
    );

    // Asked again with a new order: the two keep theirs, the new one gets the next number.
    let c = order(&mut s, "T1003");
    let again = ok(assign(&mut s, &[&a, &b, &c]));
    assert_eq!((again.given, again.kept), (1, 2));
    assert_eq!(again.orders[2].waybill, "75120000000003");
    assert!(again.orders[0].kept && again.orders[1].kept && !again.orders[2].kept);

    // Cancelled before packing: its number is free again for the order that replaces it.
    let cancelled = ok(s.app.cancel_order(&c, "地址写错了"));
    assert_eq!(cancelled.waybill, None);
}

#[test]
fn assigning_waybills_is_all_or_nothing_when_the_range_is_short() {
    let mut s = shop(2);
    let ids: Vec<String> = (0..3).map(|i| order(&mut s, &format!("T20{i}"))).collect();
    let refused = assign(&mut s, &ids.iter().collect::<Vec<_>>());
    let Err(e) = refused else {
        panic!("three orders, two numbers: refused");
    };
    let ipc = IpcError::from(&e);
    assert_eq!(ipc.errors.len(), 1);
    let issue = &ipc.errors[0];
    assert_eq!(
        (issue.field.as_str(), issue.rule.as_str()),
        ("courier", "no_numbers_left")
    );
    assert_eq!(
        (
            issue.params.get("left").map(String::as_str),
            issue.params.get("needed").map(String::as_str)
        ),
        (Some("2"), Some("3"))
    );
    assert!(issue.message.contains("2 numbers") && issue.message.contains("3 are needed"));
    for id in &ids {
        assert_eq!(ok(s.app.get_order(id)).waybill, None, "nothing was given");
    }
    assert_eq!(
        ok(s.app.list_waybill_ranges())[0].left,
        2,
        "no number used up"
    );

    // An order that cannot get one (not paid) is named, and nothing is given either.
    let unpaid = ok(s.app.create_order(&OrderInput {
        state: "waiting_payment".into(),
        ..OrderInput {
            source: "phone".into(),
            recipient: RecipientInput {
                name: "张三".into(),
                phone: "13912345678".into(),
                province: "四川省".into(),
                street: "春熙路 1 号".into(),
                ..RecipientInput::default()
            },
            lines: vec![OrderLineInput {
                product_id: s.kiwi.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            }],
            ..OrderInput::default()
        }
    }))
    .id;
    assert_eq!(
        refusal(assign(&mut s, &[&ids[0], &unpaid])),
        one("orderIds.1", "not_allowed")
    );
    assert_eq!(ok(s.app.get_order(&ids[0])).waybill, None);
}

#[test]
fn an_order_is_found_by_its_waybill_label_qr_number_or_platform_id() {
    let mut s = shop(10);
    let a = order(&mut s, "3456789012345678");
    ok(assign(&mut s, &[&a]));
    let number = ok(s.app.get_order(&a)).number;
    // The label's QR code holds the order number (crates/documents: `order_ref`).
    for code in [
        "75120000000001",
        " 75120000000001\r\n",
        number.as_str(),
        "3456789012345678",
    ] {
        assert_eq!(ok(s.app.find_order_by_code(code)).id, a, "{code:?}");
    }
    let refused = s.app.find_order_by_code("75129999999999");
    let Err(e) = refused else {
        panic!("an unknown code is refused");
    };
    let ipc = IpcError::from(&e);
    assert_eq!(
        (ipc.errors[0].field.as_str(), ipc.errors[0].rule.as_str()),
        ("code", "unknown_record")
    );
    assert!(ipc.errors[0].message.contains("belongs to no order"));
}

#[test]
fn scanning_a_packed_orders_waybill_ships_it_and_counts_the_day() {
    let mut s = shop(10);
    let a = order(&mut s, "T3001");
    let b = order(&mut s, "T3002");
    ok(assign(&mut s, &[&a, &b]));
    pack(&mut s, &a);
    pack(&mut s, &b);
    let first = ok(s.app.ship_scanned("75120000000001"));
    assert_eq!(
        (first.order.id.as_str(), first.order.state.as_str()),
        (a.as_str(), "shipped")
    );
    assert_eq!(first.shipped_today, 1);
    let number = ok(s.app.get_order(&b)).number;
    let second = ok(s.app.ship_scanned(&number));
    assert_eq!(
        (second.order.state.as_str(), second.shipped_today),
        ("shipped", 2),
        "the label's QR code ships it too"
    );
    assert_eq!(outbox(&s, &a), ["pending"], "the marketplace will be told");
    assert_eq!(
        ok(s.app.shipped_today()),
        2,
        "what the scan screen opens with"
    );
    ok(s.app.unship_order(&b));
    assert_eq!(
        ok(s.app.shipped_today()),
        1,
        "an undone scan is not counted"
    );
}

#[test]
fn scanning_twice_refuses_and_changes_nothing() {
    let mut s = shop(10);
    let a = order(&mut s, "T4001");
    ok(assign(&mut s, &[&a]));
    pack(&mut s, &a);
    let shipped = ok(s.app.ship_scanned("75120000000001")).order;
    assert_eq!(
        refusal(s.app.ship_scanned("75120000000001")),
        one("code", "already_shipped")
    );
    assert_eq!(ok(s.app.get_order(&a)), shipped, "nothing changed");
    assert_eq!(outbox(&s, &a), ["pending"], "told once");
}

#[test]
fn an_unknown_or_unpacked_scan_is_refused() {
    let mut s = shop(10);
    let a = order(&mut s, "T5001");
    ok(assign(&mut s, &[&a]));
    assert_eq!(
        refusal(s.app.ship_scanned("SF1234567890123")),
        one("code", "unknown_record")
    );
    assert_eq!(refusal(s.app.ship_scanned("")), one("code", "required"));
    assert_eq!(
        refusal(s.app.ship_scanned("75120000000001")),
        one("code", "not_allowed"),
        "paid, not packed yet"
    );
    assert_eq!(ok(s.app.get_order(&a)).state, "paid");
}

#[test]
fn undoing_a_scan_puts_it_back_to_packed_and_drops_the_pending_ship_item() {
    let mut s = shop(10);
    let a = order(&mut s, "T6001");
    ok(assign(&mut s, &[&a]));
    pack(&mut s, &a);
    let before = ok(s.app.product_stock(&s.kiwi)).available;
    let shipped = ok(s.app.ship_scanned("75120000000001"));
    let back = ok(s.app.unship_order(&a));
    assert_eq!(
        (back.state.as_str(), back.waybill.as_deref()),
        ("packed", Some("75120000000001"))
    );
    assert_eq!(
        back.goods_cost, shipped.order.goods_cost,
        "still in its box"
    );
    assert_eq!(ok(s.app.product_stock(&s.kiwi)).available, before);
    assert_eq!(outbox(&s, &a), ["discarded"]);
    assert_eq!(
        refusal(s.app.unship_order(&a)),
        one("id", "not_allowed"),
        "packed: nothing to undo"
    );
    let events: Vec<(Option<String>, String)> = {
        let conn = db(&s);
        let mut stmt = conn
            .prepare(
                "SELECT from_state, to_state FROM order_events WHERE order_id = ?1 ORDER BY seq",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt
            .query_map([&a], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .unwrap_or_else(|e| panic!("{e}"));
        rows
    };
    assert_eq!(
        events.last(),
        Some(&(Some("shipped".to_string()), "packed".to_string()))
    );
    // Scanned again: it ships, the day counts it once, and the marketplace will be told.
    let again = ok(s.app.ship_scanned("75120000000001"));
    assert_eq!(again.shipped_today, 1);
    assert_eq!(outbox(&s, &a), ["discarded", "pending"]);

    // Once sent, the marketplace knows: the scan stays.
    db(&s)
        .execute(
            "UPDATE sync_outbox SET state = 'done' WHERE state = 'pending'",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refusal(s.app.unship_order(&a)), one("id", "already_sent"));
    assert_eq!(ok(s.app.get_order(&a)).state, "shipped");
}
