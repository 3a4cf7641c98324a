//! Orders entered by hand, found again, paid and cancelled, on a real SQLite file: what each step
//! does to stock, and that the ledger still equals the lots' balances afterwards.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderInput, OrderLineInput, OrderQuery, RecipientInput};
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::stock;

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

struct Shop {
    _dir: tempfile::TempDir,
    app: App,
    kiwi: String,
    oil: String,
}

/// A shop with 23 jin of kiwis in two lots (the later-expiring one received first) and chilli oil.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-11-28 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_default(),
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
    let oil = ok(app.create_product(&ProductInput {
        name_zh: "油泼辣椒".into(),
        sale_unit: "瓶".into(),
        stock_unit: "瓶".into(),
        price: "25".into(),
        ..ProductInput::default()
    }))
    .id;
    for (qty, best_before, on) in [
        ("15", "2026-12-10", "2026-11-20"),
        ("8", "2026-12-05", "2026-11-25"),
    ] {
        ok(app.receive_purchase(&PurchaseInput {
            farmer_id: farmer.clone(),
            received_on: on.into(),
            payment: "owed".into(),
            lines: vec![PurchaseLineInput {
                product_id: kiwi.clone(),
                quantity: qty.into(),
                unit_price: "4".into(),
                best_before: best_before.into(),
                ..PurchaseLineInput::default()
            }],
            ..PurchaseInput::default()
        }));
    }
    Shop {
        _dir: dir,
        app,
        kiwi,
        oil,
    }
}

fn recipient(name: &str, phone: &str, province: &str) -> RecipientInput {
    RecipientInput {
        name: name.into(),
        phone: phone.into(),
        province: province.into(),
        city: "广州市".into(),
        district: "天河区".into(),
        street: "体育西路 191 号中石化大厦 B 座 2708".into(),
        postcode: "510620".into(),
    }
}

fn order(product: &str, boxes: &str, name: &str, province: &str) -> OrderInput {
    OrderInput {
        source: "wechat".into(),
        buyer: "老客户".into(),
        recipient: recipient(name, "13912345678", province),
        lines: vec![OrderLineInput {
            product_id: product.into(),
            quantity: boxes.into(),
            ..OrderLineInput::default()
        }],
        shipping_fee: "12".into(),
        ..OrderInput::default()
    }
}

fn available(app: &mut App, product: &str) -> String {
    ok(app.product_stock(product)).available
}

fn ledger_agrees(app: &App) {
    let mismatches = stock::check_balances(&app.reader().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

#[test]
fn a_paid_order_reserves_first_expiry_first_and_cancelling_releases_it() {
    let mut s = shop();
    let o = ok(s.app.create_order(&OrderInput {
        lines: vec![OrderLineInput {
            product_id: s.kiwi.clone(),
            quantity: "2".into(),
            discount: "5".into(),
            ..OrderLineInput::default()
        }],
        ..order(&s.kiwi, "2", "欧阳娜娜", "广东省")
    }));
    assert_eq!(o.state, "paid");
    assert_eq!(o.number, "20261128-0001");
    assert_eq!(
        o.lines[0].unit_price, "48.80",
        "the product's price by default"
    );
    assert_eq!(o.lines[0].line_total, "92.60", "2 × 48.80 − 5");
    assert_eq!(o.total, "104.60", "with ¥12 shipping");
    // 2 boxes of 5 jin = 10 jin: all 8 of the lot expiring 12-05, then 2 of the 12-10 lot.
    assert_eq!(available(&mut s.app, &s.kiwi), "13");
    let lots = ok(s.app.list_lots(&Default::default())).items;
    assert_eq!(
        lots.iter()
            .map(|l| (
                l.best_before.clone().unwrap_or_default(),
                l.reserved.clone()
            ))
            .collect::<Vec<_>>(),
        vec![
            ("2026-12-05".into(), "8".into()),
            ("2026-12-10".into(), "2".into())
        ]
    );
    let cancelled = ok(s.app.cancel_order(&o.id, "买家不要了"));
    assert_eq!(cancelled.state, "cancelled");
    assert_eq!(available(&mut s.app, &s.kiwi), "23");
    assert_eq!(
        refusal(s.app.cancel_order(&o.id, "")),
        vec![("state".to_string(), "not_allowed".to_string())]
    );
    ledger_agrees(&s.app);
}

#[test]
fn an_order_for_more_than_there_is_is_taken_and_reserves_what_there_is() {
    let mut s = shop();
    // 5 boxes = 25 jin; there are 23.
    let o = ok(s.app.create_order(&order(&s.kiwi, "5", "李四", "贵州省")));
    assert_eq!(o.state, "paid");
    assert_eq!(available(&mut s.app, &s.kiwi), "0");
    ledger_agrees(&s.app);
}

#[test]
fn an_unpaid_order_reserves_nothing_until_it_is_paid() {
    let mut s = shop();
    let o = ok(s.app.create_order(&OrderInput {
        state: "waiting_payment".into(),
        ..order(&s.kiwi, "1", "张三", "四川省")
    }));
    assert_eq!(available(&mut s.app, &s.kiwi), "23");
    let paid = ok(s.app.mark_order_paid(&o.id));
    assert_eq!(paid.state, "paid");
    assert_eq!(available(&mut s.app, &s.kiwi), "18");
    assert_eq!(
        refusal(s.app.mark_order_paid(&o.id)),
        vec![("state".to_string(), "not_allowed".to_string())]
    );
    ledger_agrees(&s.app);
}

#[test]
fn bad_orders_are_refused_field_by_field_and_nothing_is_written() {
    let mut s = shop();
    let mut bad = order(&s.kiwi, "0", " ", "");
    bad.recipient.phone = "139-ABC".into();
    bad.recipient.postcode = "5106".into();
    bad.lines.push(OrderLineInput {
        product_id: s.oil.clone(),
        quantity: "1".into(),
        discount: "30".into(),
        ..OrderLineInput::default()
    });
    bad.lines.push(OrderLineInput {
        product_id: "nope".into(),
        quantity: "1".into(),
        ..OrderLineInput::default()
    });
    bad.source = "jd".into();
    let got = refusal(s.app.create_order(&bad));
    for expected in [
        ("source", "unknown_record"),
        ("recipient.name", "required"),
        ("recipient.phone", "invalid_phone"),
        ("recipient.province", "required"),
        ("recipient.postcode", "not_a_number"),
        ("lines.0.quantity", "must_be_positive"),
        ("lines.1.discount", "more_than_owed"),
        ("lines.2.productId", "unknown_record"),
    ] {
        assert!(
            got.contains(&(expected.0.to_string(), expected.1.to_string())),
            "missing {expected:?} in {got:?}"
        );
    }
    assert_eq!(ok(s.app.list_orders(&OrderQuery::default())).total, 0);
    assert_eq!(available(&mut s.app, &s.kiwi), "23");
}

#[test]
fn one_platform_order_is_stored_once_per_source() {
    let mut s = shop();
    let tb = OrderInput {
        source: "taobao".into(),
        platform_order_id: "3391028837461".into(),
        ..order(&s.oil, "1", "王芳", "浙江省")
    };
    ok(s.app.create_order(&tb));
    assert_eq!(
        refusal(s.app.create_order(&tb)),
        vec![("platformOrderId".to_string(), "duplicate".to_string())]
    );
    ok(s.app.create_order(&OrderInput {
        source: "wechat".into(),
        ..tb.clone()
    }));
    assert_eq!(ok(s.app.list_orders(&OrderQuery::default())).total, 2);
}

#[test]
fn orders_are_found_by_state_place_product_source_date_and_chinese_text() {
    let mut s = shop();
    let a = ok(s
        .app
        .create_order(&order(&s.kiwi, "1", "欧阳娜娜", "广东省")));
    let b = ok(s.app.create_order(&OrderInput {
        ordered_on: "2026-11-20".into(),
        recipient: recipient("王芳", "13800005678", "浙江省"),
        ..order(&s.oil, "3", "", "")
    }));
    let c = ok(s.app.create_order(&OrderInput {
        source: "phone".into(),
        state: "waiting_payment".into(),
        ..order(&s.oil, "1", "李建国", "广东省")
    }));
    let numbers = |q: OrderQuery, app: &mut App| -> Vec<String> {
        ok(app.list_orders(&q))
            .items
            .into_iter()
            .map(|o| o.number)
            .collect()
    };
    // Newest first; the one ordered on the 20th is last.
    assert_eq!(
        numbers(OrderQuery::default(), &mut s.app),
        vec![c.number.clone(), a.number.clone(), b.number.clone()]
    );
    let q = |f: &dyn Fn(&mut OrderQuery)| {
        let mut q = OrderQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(
        numbers(
            q(&|q| q.states = vec!["waiting_payment".into()]),
            &mut s.app
        ),
        vec![c.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.province = "广东省".into()), &mut s.app),
        vec![c.number.clone(), a.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.product_id = s.oil.clone()), &mut s.app),
        vec![c.number.clone(), b.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.source = "phone".into()), &mut s.app),
        vec![c.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.to = "2026-11-25".into()), &mut s.app),
        vec![b.number.clone()]
    );
    // Chinese text: three or more characters (trigram index), two (pair index: a name, the middle
    // of a name, part of an address), one (a scan), phone digits, the address, the order number.
    assert_eq!(
        numbers(q(&|q| q.search = "欧阳娜".into()), &mut s.app),
        vec![a.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.search = "王芳".into()), &mut s.app),
        vec![b.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.search = "阳娜".into()), &mut s.app),
        vec![a.number.clone()]
    );
    assert_eq!(
        ok(s.app.list_orders(&q(&|q| q.search = "天河".into()))).total,
        3
    );
    assert_eq!(
        numbers(q(&|q| q.search = "芳".into()), &mut s.app),
        vec![b.number.clone()]
    );
    assert_eq!(
        numbers(q(&|q| q.search = "0005678".into()), &mut s.app),
        vec![b.number.clone()]
    );
    assert_eq!(
        ok(s.app.list_orders(&q(&|q| q.search = "中石化大厦".into()))).total,
        3
    );
    assert_eq!(
        numbers(q(&|q| q.search = b.number.clone()), &mut s.app),
        vec![b.number.clone()]
    );
    // A quote in the search is just text.
    assert_eq!(
        ok(s.app.list_orders(&q(&|q| q.search = "\"王\" OR".into()))).total,
        0
    );
    // Largest first, and paging.
    let by_total = numbers(
        q(&|q| {
            q.sort = "total".into();
            q.limit = 1;
            q.offset = 0;
        }),
        &mut s.app,
    );
    assert_eq!(
        by_total,
        vec![b.number.clone()],
        "3 bottles + shipping is the largest"
    );
    assert_eq!(
        refusal(s.app.list_orders(&q(&|q| q.states = vec!["lost".into()]))),
        vec![("states.0".to_string(), "unknown_record".to_string())]
    );
}

fn foam_boxes(s: &mut Shop) -> String {
    let foam = ok(s.app.create_product(&ProductInput {
        name_zh: "泡沫箱 5斤装".into(),
        sale_unit: "个".into(),
        stock_unit: "个".into(),
        price: "0".into(),
        kind: "packaging".into(),
        ..ProductInput::default()
    }))
    .id;
    let farmer = ok(s.app.list_farmers(&Default::default())).items[0]
        .id
        .clone();
    ok(s.app.receive_purchase(&PurchaseInput {
        farmer_id: farmer,
        payment: "cash".into(),
        lines: vec![PurchaseLineInput {
            product_id: foam.clone(),
            quantity: "5".into(),
            unit_price: "2".into(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
    foam
}

/// Three bottles of chilli oil bought at ¥9 from the shop's farmer.
fn three_bottles_of_oil(s: &mut Shop) {
    let farmer = ok(s.app.list_farmers(&Default::default())).items[0]
        .id
        .clone();
    ok(s.app.receive_purchase(&PurchaseInput {
        farmer_id: farmer,
        payment: "cash".into(),
        lines: vec![PurchaseLineInput {
            product_id: s.oil.clone(),
            quantity: "3".into(),
            unit_price: "9".into(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
}

fn pack(order: &str, foam: &str, boxes: &str) -> farmstall_app::orders::PackInput {
    farmstall_app::orders::PackInput {
        order_id: order.into(),
        packaging: vec![farmstall_app::production::InputLine {
            product_id: foam.into(),
            quantity: boxes.into(),
        }],
        weight_kg: "5.8".into(),
        packed_by: "秀英".into(),
    }
}

fn ship(order: &str, courier: &str, waybill: &str) -> farmstall_app::orders::ShipInput {
    farmstall_app::orders::ShipInput {
        order_id: order.into(),
        courier: courier.into(),
        waybill: waybill.into(),
        shipping_cost: "12".into(),
    }
}

#[test]
fn packing_takes_lots_fefo_and_packaging_and_the_order_knows_its_margin() {
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let o = ok(s.app.create_order(&OrderInput {
        lines: vec![OrderLineInput {
            product_id: s.kiwi.clone(),
            quantity: "2".into(),
            discount: "5".into(),
            ..OrderLineInput::default()
        }],
        ..order(&s.kiwi, "2", "欧阳娜娜", "广东省")
    }));
    let packed = ok(s.app.pack_order(&pack(&o.id, &foam, "1")));
    assert_eq!(packed.state, "packed");
    assert_eq!(packed.packed_by.as_deref(), Some("秀英"));
    assert_eq!(packed.weight_kg.as_deref(), Some("5.8"));
    assert_eq!(packed.goods_cost.as_deref(), Some("40.00"), "10 jin at ¥4");
    assert_eq!(packed.packaging_cost.as_deref(), Some("2.00"));
    assert_eq!(packed.margin.as_deref(), Some("62.60"), "104.60 − 40 − 2");
    let kiwi = ok(s.app.product_stock(&s.kiwi));
    assert_eq!((kiwi.on_hand.as_str(), kiwi.reserved.as_str()), ("13", "0"));
    assert_eq!(ok(s.app.product_stock(&foam)).on_hand, "4");
    // The lot expiring first was emptied.
    let lots = ok(s.app.list_lots(&Default::default())).items;
    assert!(lots
        .iter()
        .all(|l| l.best_before.as_deref() != Some("2026-12-05")));

    // A waybill that cannot be SF's, then the right one; then it is used.
    let bad = refusal(s.app.ship_order(&ship(&o.id, "SF", "7512345678901")));
    assert_eq!(
        bad,
        vec![("waybill".to_string(), "bad_waybill".to_string())]
    );
    let shipped = ok(s.app.ship_order(&ship(&o.id, "顺丰", "sf 1234 5678 90123")));
    assert_eq!(shipped.state, "shipped");
    assert_eq!(shipped.waybill.as_deref(), Some("SF1234567890123"));
    assert_eq!(shipped.courier.as_deref(), Some("SF"));
    assert_eq!(
        shipped.margin.as_deref(),
        Some("50.60"),
        "and ¥12 to the courier"
    );
    let other = ok(s.app.create_order(&order(&s.oil, "1", "王芳", "浙江省")));
    three_bottles_of_oil(&mut s);
    ok(s.app.pack_order(&pack(&other.id, &foam, "1")));
    assert_eq!(
        refusal(s.app.ship_order(&ship(&other.id, "SF", "SF1234567890123"))),
        vec![("waybill".to_string(), "duplicate".to_string())]
    );
    assert_eq!(
        ok(s.app.get_order(&other.id)).state,
        "packed",
        "nothing changed"
    );
    assert_eq!(
        refusal(s.app.cancel_order(&o.id, "")),
        vec![("state".to_string(), "not_allowed".to_string())],
        "what has shipped cannot be cancelled"
    );
    ledger_agrees(&s.app);
}

#[test]
fn packing_more_than_there_is_is_refused_with_what_there_is_and_changes_nothing() {
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    // 5 boxes = 25 jin of the 23 there are; and 6 foam boxes of 5.
    let o = ok(s.app.create_order(&order(&s.kiwi, "5", "李四", "贵州省")));
    let e = s.app.pack_order(&pack(&o.id, &foam, "6"));
    let e = IpcError::from(
        &e.err()
            .unwrap_or_else(|| panic!("packed what is not there")),
    );
    assert_eq!(
        e.errors
            .iter()
            .map(|i| (
                i.field.as_str(),
                i.rule.as_str(),
                i.params.get("available").cloned()
            ))
            .collect::<Vec<_>>(),
        vec![
            ("lines.0", "not_enough_stock", Some("23".to_string())),
            (
                "packaging.0.quantity",
                "not_enough_stock",
                Some("5".to_string())
            ),
        ]
    );
    assert_eq!(ok(s.app.get_order(&o.id)).state, "paid");
    let kiwi = ok(s.app.product_stock(&s.kiwi));
    assert_eq!(
        (kiwi.on_hand.as_str(), kiwi.reserved.as_str()),
        ("23", "23"),
        "still reserved, nothing taken"
    );
    ledger_agrees(&s.app);
}

#[test]
fn unpacking_or_cancelling_a_packed_order_puts_everything_back() {
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let o = ok(s.app.create_order(&order(&s.kiwi, "2", "张三", "四川省")));
    ok(s.app.pack_order(&pack(&o.id, &foam, "2")));
    let unpacked = ok(s.app.unpack_order(&o.id));
    assert_eq!(unpacked.state, "paid");
    assert_eq!(unpacked.goods_cost, None);
    let kiwi = ok(s.app.product_stock(&s.kiwi));
    assert_eq!(
        (
            kiwi.on_hand.as_str(),
            kiwi.reserved.as_str(),
            kiwi.cost_on_hand.as_str()
        ),
        ("23", "10", "92.00"),
        "back in the lots at what it cost, and reserved again"
    );
    assert_eq!(ok(s.app.product_stock(&foam)).on_hand, "5");
    ok(s.app.pack_order(&pack(&o.id, &foam, "1")));
    let cancelled = ok(s.app.cancel_order(&o.id, "买家退款"));
    assert_eq!(cancelled.state, "cancelled");
    let kiwi = ok(s.app.product_stock(&s.kiwi));
    assert_eq!((kiwi.on_hand.as_str(), kiwi.reserved.as_str()), ("23", "0"));
    assert_eq!(ok(s.app.product_stock(&foam)).on_hand, "5");
    ledger_agrees(&s.app);
}

#[test]
fn the_pick_list_totals_a_batch_and_names_the_lots_first_expiry_first() {
    use farmstall_app::shipping::PickListQuery;
    let mut s = shop();
    let a = ok(s
        .app
        .create_order(&order(&s.kiwi, "2", "欧阳娜娜", "广东省")));
    let b = ok(s.app.create_order(&order(&s.kiwi, "1", "王芳", "浙江省")));
    let pick = ok(s.app.pick_list(&PickListQuery {
        order_ids: vec![a.id.clone(), b.id.clone()],
    }));
    assert_eq!(pick.orders, 2);
    let kiwi = &pick.products[0];
    assert_eq!(
        (kiwi.quantity.as_str(), kiwi.orders, kiwi.short.as_str()),
        ("15", 2, "0")
    );
    assert_eq!(
        kiwi.lots
            .iter()
            .map(|l| (
                l.best_before.clone().unwrap_or_default(),
                l.quantity.clone()
            ))
            .collect::<Vec<_>>(),
        vec![
            ("2026-12-05".into(), "8".into()),
            ("2026-12-10".into(), "7".into())
        ]
    );
    // A third order for 3 boxes more than there is: the list says what is short.
    let c = ok(s.app.create_order(&order(&s.kiwi, "3", "李四", "贵州省")));
    let pick = ok(s.app.pick_list(&PickListQuery {
        order_ids: vec![a.id, b.id.clone(), c.id],
    }));
    assert_eq!(pick.products[0].short, "7", "30 jin wanted, 23 there");
    // Two lines of the same product are one order; a packed order is not picked again.
    let two_lines = ok(s.app.create_order(&OrderInput {
        lines: vec![
            OrderLineInput {
                product_id: s.kiwi.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            },
            OrderLineInput {
                product_id: s.kiwi.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            },
        ],
        ..order(&s.kiwi, "1", "张三", "四川省")
    }));
    let foam = foam_boxes(&mut s);
    ok(s.app.pack_order(&pack(&b.id, &foam, "1")));
    let pick = ok(s.app.pick_list(&PickListQuery {
        order_ids: vec![b.id.clone(), two_lines.id.clone()],
    }));
    assert_eq!(pick.orders, 1, "the packed one is left out");
    assert_eq!(
        (pick.products[0].quantity.as_str(), pick.products[0].orders),
        ("10", 1)
    );
}

#[test]
fn labels_print_for_packed_orders_with_a_waybill_and_are_kept() {
    use farmstall_app::dto::{Address, ShopProfileInput};
    use farmstall_app::shipping::LabelRequest;
    let mut s = shop();
    ok(s.app.save_shop_profile(&ShopProfileInput {
        shop_name: "黔山果园".into(),
        owner_name: "杨秀英".into(),
        sender_name: "杨秀英".into(),
        phone: "13985012345".into(),
        address: Address {
            province: "贵州省".into(),
            city: "贵阳市".into(),
            district: "修文县".into(),
            street: "六屯镇大木村三组12号".into(),
        },
        ..ShopProfileInput::default()
    }));
    let foam = foam_boxes(&mut s);
    let o = ok(s
        .app
        .create_order(&order(&s.kiwi, "1", "欧阳娜娜", "广东省")));
    let request = |mask: bool, format: &str| LabelRequest {
        order_ids: vec![o.id.clone()],
        format: format.into(),
        mask_phone: mask,
        ..LabelRequest::default()
    };
    assert_eq!(
        refusal(s.app.print_labels(&request(false, ""))),
        vec![("orderIds.0".to_string(), "required".to_string())],
        "paid, no waybill yet"
    );
    ok(s.app.pack_order(&pack(&o.id, &foam, "1")));
    assert_eq!(
        refusal(s.app.print_labels(&request(false, ""))),
        vec![("orderIds.0".to_string(), "required".to_string())],
        "no waybill yet"
    );
    ok(s.app.set_waybill(&ship(&o.id, "中通", "75123456789012")));
    assert_eq!(
        ok(s.app.get_order(&o.id)).state,
        "packed",
        "a waybill does not ship it"
    );
    let saved = ok(s.app.print_labels(&request(true, "")));
    assert!(saved.path.contains("documents/labels/"), "{}", saved.path);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", &saved.path, "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "欧阳娜娜",
        "75123456789012",
        "139****5678",
        "中通",
        "黔山果园",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from the label:\n{text}"
        );
    }
    assert!(!text.contains("13912345678"), "the phone is masked");
    let tspl = ok(s.app.print_labels(&request(false, "tspl")));
    let program = std::fs::read(&tspl.path).unwrap_or_default();
    assert!(program.starts_with(b"SIZE"), "a TSPL program");
    // Shipping keeps the waybill it was given.
    let shipped = ok(s.app.ship_order(&farmstall_app::orders::ShipInput {
        order_id: o.id.clone(),
        ..Default::default()
    }));
    assert_eq!(
        (shipped.state.as_str(), shipped.waybill.as_deref()),
        ("shipped", Some("75123456789012"))
    );
}

fn ledger_members(app: &App, reference: &str) -> Vec<Option<String>> {
    let conn = app.reader().unwrap_or_else(|e| panic!("{e}"));
    let mut stmt = conn
        .prepare(
            "SELECT m.name FROM stock_ledger l LEFT JOIN members m ON m.id = l.member_id
             WHERE l.ref = ?1 AND l.kind = 'allocate' ORDER BY l.seq",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    stmt.query_map([reference], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn who_is_working_packs_and_is_recorded_on_every_movement() {
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let mother = ok(s.app.add_member(" 杨秀英 "));
    assert_eq!(mother.name, "杨秀英");
    assert_eq!(
        refusal(s.app.add_member("杨秀英")),
        vec![("name".to_string(), "duplicate".to_string())]
    );
    assert_eq!(
        refusal(s.app.add_member("  ")),
        vec![("name".to_string(), "required".to_string())]
    );
    let sister = ok(s.app.add_member("杨小妹"));
    assert_eq!(ok(s.app.current_member()), None);

    // Nobody working and nobody named: who packed it is asked for.
    let o = ok(s
        .app
        .create_order(&order(&s.kiwi, "1", "欧阳娜娜", "广东省")));
    let mut input = pack(&o.id, &foam, "1");
    input.packed_by = String::new();
    assert_eq!(
        refusal(s.app.pack_order(&input)),
        vec![("packedBy".to_string(), "required".to_string())]
    );
    ok(s.app.set_current_member(&sister.id));
    let packed = ok(s.app.pack_order(&input));
    assert_eq!(packed.packed_by.as_deref(), Some("杨小妹"));
    let who = ledger_members(&s.app, &o.id);
    assert!(
        !who.is_empty() && who.iter().all(|w| w.as_deref() == Some("杨小妹")),
        "{who:?}"
    );

    // The switch survives a restart; a member who leaves is no longer the one working.
    assert_eq!(
        ok(s.app.current_member()).map(|m| m.name),
        Some("杨小妹".into())
    );
    let left = ok(s.app.set_member_active(&sister.id, false));
    assert!(!left.active);
    assert_eq!(ok(s.app.current_member()), None);
    assert_eq!(
        refusal(s.app.set_current_member(&sister.id)),
        vec![("id".to_string(), "not_allowed".to_string())]
    );
    let names: Vec<String> = ok(s.app.list_members())
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(
        names,
        ["杨秀英", "杨小妹"],
        "active first, the one who left kept"
    );
    assert_eq!(ok(s.app.set_current_member("")), None);
    ledger_agrees(&s.app);
}

#[test]
fn packaging_rules_suggest_the_box_and_ice_packs_for_an_order() {
    use farmstall_app::packaging::PackagingRuleInput;
    use farmstall_app::production::InputLine;
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let ice = ok(s.app.create_product(&ProductInput {
        name_zh: "冰袋".into(),
        sale_unit: "个".into(),
        stock_unit: "个".into(),
        price: "0".into(),
        kind: "packaging".into(),
        ..ProductInput::default()
    }))
    .id;
    let rule = |product: &str, up_to: &str, items: &[(&str, &str)]| PackagingRuleInput {
        product_id: product.into(),
        up_to: up_to.into(),
        packaging: items
            .iter()
            .map(|(p, q)| InputLine {
                product_id: (*p).into(),
                quantity: (*q).into(),
            })
            .collect(),
        ..PackagingRuleInput::default()
    };
    ok(s.app
        .save_packaging_rule(&rule(&s.kiwi, "1", &[(&foam, "1"), (&ice, "1")])));
    ok(s.app
        .save_packaging_rule(&rule(&s.kiwi, "2", &[(&foam, "1"), (&ice, "2")])));
    ok(s.app.save_packaging_rule(&rule("", "3", &[(&foam, "1")])));
    assert_eq!(ok(s.app.list_packaging_rules()).len(), 3);
    // A rule must be for goods and must name packaging.
    let bad = refusal(
        s.app
            .save_packaging_rule(&rule(&foam, "0", &[(&s.kiwi, "1")])),
    );
    assert_eq!(
        bad,
        vec![
            ("productId".to_string(), "not_allowed".to_string()),
            ("upTo".to_string(), "must_be_positive".to_string()),
            (
                "packaging.0.productId".to_string(),
                "not_allowed".to_string()
            ),
        ]
    );

    let amount = |sug: &farmstall_app::packaging::PackagingSuggestion, p: &str| {
        sug.packaging
            .iter()
            .find(|l| l.product_id == p)
            .map(|l| l.quantity.clone())
    };
    // Two boxes fit the "up to 2" rule: one carton and two ice packs.
    let two = ok(s.app.create_order(&order(&s.kiwi, "2", "王芳", "浙江省")));
    let sug = ok(s.app.suggest_packaging(&two.id));
    assert_eq!(
        (amount(&sug, &foam), amount(&sug, &ice)),
        (Some("1".into()), Some("2".into()))
    );
    assert!(sug.reasons[0].contains("至多 2 箱"), "{:?}", sug.reasons);
    // Five boxes are more than any kiwi rule: the largest, three times.
    let five = ok(s.app.create_order(&order(&s.kiwi, "5", "李四", "贵州省")));
    let sug = ok(s.app.suggest_packaging(&five.id));
    assert_eq!(
        (amount(&sug, &foam), amount(&sug, &ice)),
        (Some("3".into()), Some("6".into()))
    );
    // Chilli oil has no rules of its own: the rule for any goods.
    let oil = ok(s.app.create_order(&order(&s.oil, "2", "张三", "四川省")));
    let sug = ok(s.app.suggest_packaging(&oil.id));
    assert_eq!(
        (amount(&sug, &foam), amount(&sug, &ice)),
        (Some("1".into()), None)
    );
    assert!(sug.unmatched.is_empty());
}

#[test]
fn returned_goods_go_back_into_their_lots_or_are_written_off_and_the_margin_follows() {
    use farmstall_app::returns::{ReturnInput, ReturnLineInput};
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    // 3 boxes = 15 jin: 8 from the lot expiring 12-05 and 7 from the one expiring 12-10.
    let o = ok(s
        .app
        .create_order(&order(&s.kiwi, "3", "欧阳娜娜", "广东省")));
    ok(s.app.pack_order(&pack(&o.id, &foam, "1")));
    let shipped = ok(s.app.ship_order(&ship(&o.id, "顺丰", "SF1234567890123")));
    assert_eq!(
        shipped.margin.as_deref(),
        Some("84.40"),
        "158.40 − 60 − 2 − 12"
    );
    assert_eq!(available(&mut s.app, &s.kiwi), "8");

    let line = |qty: &str, disposition: &str| ReturnLineInput {
        product_id: s.kiwi.clone(),
        quantity: qty.into(),
        disposition: disposition.into(),
        reason: String::new(),
    };
    let wanted = |lines: Vec<ReturnLineInput>, refund: &str| ReturnInput {
        order_id: o.id.clone(),
        lines,
        refund: refund.into(),
        note: "一箱压坏".into(),
    };
    // More than left, more money than paid, nothing at all: refused, nothing written.
    assert_eq!(
        refusal(s.app.return_order(&wanted(
            vec![line("10", "restock"), line("6", "waste")],
            "200"
        ))),
        vec![
            ("lines.1.quantity".to_string(), "more_than_sent".to_string()),
            ("refund".to_string(), "more_than_owed".to_string()),
        ]
    );
    assert_eq!(
        refusal(s.app.return_order(&wanted(vec![], ""))),
        vec![("lines".to_string(), "required".to_string())]
    );
    assert_eq!(available(&mut s.app, &s.kiwi), "8");

    // 5 jin back on the shelf (from the lot that keeps longest), 5 jin crushed; ¥60 back.
    let back = ok(s.app.return_order(&wanted(
        vec![line("5", "restock"), line("5", "waste")],
        "60",
    )));
    assert_eq!(back.state, "shipped", "a part refund keeps the order");
    assert_eq!(back.refunded, "60.00");
    assert_eq!(back.returns.len(), 1);
    assert_eq!(back.returns[0].restocked_cost, "20.00");
    assert_eq!(back.returns[0].written_off_cost, "20.00");
    // 158.40 − 60 − (60 − 20) − 2 − 12
    assert_eq!(back.margin.as_deref(), Some("44.40"));
    assert_eq!(available(&mut s.app, &s.kiwi), "13");
    let lots = ok(s.app.list_lots(&Default::default())).items;
    let later = lots
        .iter()
        .find(|l| l.best_before.as_deref() == Some("2026-12-10"))
        .map(|l| l.on_hand.clone());
    assert_eq!(later.as_deref(), Some("13"), "8 left + 5 back");
    assert_eq!(
        refusal(s.app.return_order(&wanted(vec![line("6", "restock")], ""))),
        vec![("lines.0.quantity".to_string(), "more_than_sent".to_string())],
        "5 jin are still out"
    );
    // The rest of the money: the order is refunded.
    let done = ok(s.app.return_order(&wanted(vec![], "98.40")));
    assert_eq!(
        (done.state.as_str(), done.refunded.as_str()),
        ("refunded", "158.40")
    );
    assert_eq!(
        refusal(s.app.return_order(&wanted(vec![], "1"))),
        vec![("refund".to_string(), "more_than_owed".to_string())],
        "nothing left to refund"
    );
    // The parcel's last 5 jin come back after the money did: they go back on the shelf.
    let late = ok(s.app.return_order(&wanted(vec![line("5", "restock")], "")));
    assert_eq!((late.state.as_str(), late.returns.len()), ("refunded", 3));
    assert_eq!(available(&mut s.app, &s.kiwi), "18");
    ledger_agrees(&s.app);
}

#[test]
fn pick_list_and_packing_slips_print_to_saved_pdfs() {
    use farmstall_app::shipping::PickListQuery;
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let a = ok(s
        .app
        .create_order(&order(&s.kiwi, "2", "欧阳娜娜", "广东省")));
    let b = ok(s.app.create_order(&order(&s.kiwi, "3", "王芳", "浙江省")));
    let text_of = |path: &str| {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout", path, "-"])
            .output()
            .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let picked = ok(s.app.print_pick_list(&PickListQuery {
        order_ids: vec![a.id.clone(), b.id.clone()],
    }));
    assert!(
        picked.path.contains("documents/picklists/"),
        "{}",
        picked.path
    );
    let text = text_of(&picked.path);
    for expected in [
        "拣货单",
        "猕猴桃 5斤装",
        "25 斤",
        "王德贵",
        "2026-12-05",
        &a.number,
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    // 25 jin wanted, 23 there: the shortage is marked (pdftotext may drop the tag's spaces).
    let packed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(packed.contains("缺2斤"), "the shortage is missing:\n{text}");
    assert_eq!(
        refusal(s.app.print_packing_slips(std::slice::from_ref(&a.id))),
        vec![("orderIds.0".to_string(), "not_allowed".to_string())],
        "a slip lists what was packed"
    );
    ok(s.app.pack_order(&pack(&a.id, &foam, "1")));
    let slips = ok(s.app.print_packing_slips(std::slice::from_ref(&a.id)));
    let text = text_of(&slips.path);
    for expected in [
        "装箱单",
        &a.number,
        "欧阳娜娜",
        "猕猴桃 5斤装",
        "2 箱",
        "王德贵",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
}

#[test]
fn documents_go_to_the_cups_printer_and_no_printer_is_a_clear_refusal() {
    use farmstall_app::printing::list_printers;
    let mut s = shop();
    let a = ok(s
        .app
        .create_order(&order(&s.kiwi, "1", "欧阳娜娜", "广东省")));
    let saved = ok(s
        .app
        .print_pick_list(&farmstall_app::shipping::PickListQuery {
            order_ids: vec![a.id.clone()],
        }));
    // A stand-in CUPS: lpstat lists two printers, lp records what it was asked to print.
    let bin = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = bin.path().join("lp.log");
    let script = |name: &str, body: &str| {
        let path = bin.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap_or_else(|e| panic!("{e}"));
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
    };
    script(
        "lpstat",
        "case \"$1\" in -e) printf 'Office-A4\\nLabel-TSC\\n';; -d) echo 'system default destination: Label-TSC';; esac",
    );
    script(
        "lp",
        &format!(
            "echo \"$@\" >> {}\necho 'request id is Label-TSC-17 (1 file(s))'",
            log.display()
        ),
    );
    std::env::set_var("FARMSTALL_CUPS_BIN", bin.path());
    let printers = list_printers();
    assert_eq!(
        printers
            .iter()
            .map(|p| (p.name.as_str(), p.is_default))
            .collect::<Vec<_>>(),
        [("Label-TSC", true), ("Office-A4", false)]
    );
    let job = ok(s.app.print_document(&saved.path, ""));
    assert_eq!(
        (job.printer.as_str(), job.job.as_str()),
        ("Label-TSC", "Label-TSC-17")
    );
    ok(s.app.print_document(&saved.path, "Office-A4"));
    let asked = std::fs::read_to_string(&log).unwrap_or_default();
    assert_eq!(asked.lines().count(), 2, "{asked}");
    assert!(
        asked
            .lines()
            .all(|l| l.ends_with(&saved.path) || l.contains("picklist")),
        "{asked}"
    );
    assert!(asked.starts_with("-d Label-TSC"), "{asked}");
    assert_eq!(
        refusal(s.app.print_document(&saved.path, "Kitchen")),
        vec![("printer".to_string(), "unknown_record".to_string())]
    );
    assert_eq!(
        refusal(s.app.print_document("/etc/passwd", "")),
        vec![("path".to_string(), "not_allowed".to_string())]
    );
    // CUPS without a printer.
    script("lpstat", "exit 0");
    assert!(list_printers().is_empty());
    assert_eq!(
        refusal(s.app.print_document(&saved.path, "")),
        vec![("printer".to_string(), "no_printer".to_string())]
    );
    // No CUPS at all: said as such (tests/printing.rs has the rest).
    std::env::set_var("FARMSTALL_CUPS_BIN", bin.path().join("missing"));
    assert!(list_printers().is_empty());
    assert_eq!(
        refusal(s.app.print_document(&saved.path, "")),
        vec![("printer".to_string(), "no_cups".to_string())]
    );
}

#[test]
fn a_barcode_is_checked_kept_unique_and_shown_on_order_lines_for_scanning() {
    let mut s = shop();
    let kiwi = ok(s.app.get_product(&s.kiwi));
    let with_code = |code: &str| ProductInput {
        barcode: code.into(),
        ..ProductInput::from(kiwi.clone())
    };
    let saved = ok(s
        .app
        .update_product(&s.kiwi, &with_code(" 6958 0123 00011 ")));
    assert_eq!(
        saved.barcode.as_deref(),
        Some("6958012300011"),
        "spaces dropped"
    );
    assert_eq!(
        refusal(s.app.update_product(&s.kiwi, &with_code("69580123/0001"))),
        vec![("barcode".to_string(), "bad_barcode".to_string())]
    );
    let oil = ok(s.app.get_product(&s.oil));
    assert_eq!(
        refusal(s.app.update_product(
            &s.oil,
            &ProductInput {
                barcode: "6958012300011".into(),
                ..ProductInput::from(oil)
            }
        )),
        vec![("barcode".to_string(), "duplicate".to_string())],
        "one code, one product"
    );
    let o = ok(s.app.create_order(&order(&s.kiwi, "2", "王芳", "浙江省")));
    let line = &o.lines[0];
    assert_eq!(line.barcode.as_deref(), Some("6958012300011"));
    assert_eq!(
        (line.stock_quantity.as_str(), line.stock_unit.as_str()),
        ("10", "jin"),
        "2 boxes of 5 jin"
    );
}

#[test]
fn bought_waybill_numbers_are_given_out_once_each_skipping_used_ones() {
    use farmstall_app::waybills::WaybillRangeInput;
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let range = |first: &str, last: &str| WaybillRangeInput {
        courier: "ZTO".into(),
        first: first.into(),
        last: last.into(),
        note: "网点买的 3 个单号".into(),
    };
    let added = ok(s
        .app
        .add_waybill_range(&range("75120000000100", "75120000000102")));
    assert_eq!(
        (added.left, added.next.as_deref()),
        (3, Some("75120000000100"))
    );
    assert_eq!(
        refusal(
            s.app
                .add_waybill_range(&range("75120000000102", "75120000000200"))
        ),
        vec![("first".to_string(), "duplicate".to_string())],
        "overlaps the first range"
    );
    assert_eq!(
        refusal(
            s.app
                .add_waybill_range(&range("75120000000300", "7512000000029"))
        ),
        vec![("last".to_string(), "not_allowed".to_string())],
        "a shorter last number"
    );
    assert_eq!(
        refusal(s.app.add_waybill_range(&WaybillRangeInput {
            courier: "SF".into(),
            ..range("75120000000300", "75120000000400")
        })),
        vec![
            ("first".to_string(), "bad_waybill".to_string()),
            ("last".to_string(), "bad_waybill".to_string())
        ],
        "not SF numbers"
    );

    // Someone typed the first number by hand on another order: it is skipped.
    let typed = ok(s.app.create_order(&order(&s.oil, "1", "张三", "四川省")));
    three_bottles_of_oil(&mut s);
    ok(s.app.pack_order(&pack(&typed.id, &foam, "1")));
    ok(s.app.set_waybill(&ship(&typed.id, "ZTO", "75120000000100")));
    let unpaid = ok(s.app.create_order(&OrderInput {
        state: "waiting_payment".into(),
        ..order(&s.kiwi, "1", "王芳", "浙江省")
    }));
    assert_eq!(
        refusal(s.app.take_waybill(&unpaid.id, "ZTO")),
        vec![("orderId".to_string(), "not_allowed".to_string())],
        "not paid yet"
    );
    ok(s.app.cancel_order(&unpaid.id, ""));
    let a = ok(s.app.create_order(&order(&s.kiwi, "1", "王芳", "浙江省")));
    ok(s.app.pack_order(&pack(&a.id, &foam, "1")));
    let given = ok(s.app.take_waybill(&a.id, "中通"));
    assert_eq!(
        (given.state.as_str(), given.waybill.as_deref()),
        ("packed", Some("75120000000101"))
    );
    let b = ok(s.app.create_order(&order(&s.kiwi, "1", "李四", "贵州省")));
    ok(s.app.pack_order(&pack(&b.id, &foam, "1")));
    assert_eq!(
        ok(s.app.take_waybill(&b.id, "ZTO")).waybill.as_deref(),
        Some("75120000000102")
    );
    let ranges = ok(s.app.list_waybill_ranges());
    assert_eq!((ranges[0].left, ranges[0].next.clone()), (0, None));
    let c = ok(s.app.create_order(&order(&s.kiwi, "1", "赵六", "湖北省")));
    ok(s.app.pack_order(&pack(&c.id, &foam, "1")));
    assert_eq!(
        refusal(s.app.take_waybill(&c.id, "ZTO")),
        vec![("courier".to_string(), "no_numbers_left".to_string())],
        "used up: add another range"
    );
    assert_eq!(ok(s.app.get_order(&c.id)).waybill, None, "nothing written");
}

#[test]
fn each_step_is_taken_only_from_its_own_state_and_a_cancelled_parcel_frees_its_waybill() {
    let mut s = shop();
    let foam = foam_boxes(&mut s);
    let o = ok(s
        .app
        .create_order(&order(&s.kiwi, "1", "欧阳娜娜", "广东省")));
    // Not packed: shipping says so, whatever was typed.
    assert_eq!(
        refusal(s.app.ship_order(&ship(&o.id, "", ""))),
        vec![("state".to_string(), "not_allowed".to_string())]
    );
    assert_eq!(
        refusal(s.app.unpack_order(&o.id)),
        vec![("state".to_string(), "not_allowed".to_string())],
        "a paid order is not unpacked"
    );
    ok(s.app.pack_order(&pack(&o.id, &foam, "1")));
    assert_eq!(
        refusal(s.app.mark_order_paid(&o.id)),
        vec![("state".to_string(), "not_allowed".to_string())],
        "paying a packed order must not unpack it"
    );
    assert_eq!(ok(s.app.get_order(&o.id)).state, "packed");

    // A waybill given first, then shipped with a cost typed at the door: the cost is kept.
    ok(s.app.set_waybill(&farmstall_app::orders::ShipInput {
        shipping_cost: String::new(),
        ..ship(&o.id, "ZTO", "75120000000100")
    }));
    assert_eq!(
        refusal(s.app.ship_order(&farmstall_app::orders::ShipInput {
            order_id: o.id.clone(),
            courier: "SF".into(),
            waybill: String::new(),
            shipping_cost: "12".into(),
        })),
        vec![("courier".to_string(), "not_allowed".to_string())],
        "the waybill is ZTO's"
    );
    let shipped = ok(s.app.ship_order(&farmstall_app::orders::ShipInput {
        order_id: o.id.clone(),
        courier: String::new(),
        waybill: String::new(),
        shipping_cost: "12".into(),
    }));
    assert_eq!(
        (shipped.waybill.as_deref(), shipped.shipping_cost.as_deref()),
        (Some("75120000000100"), Some("12.00"))
    );

    // A packed parcel cancelled before it left frees its waybill for the order that replaces it.
    let first = ok(s.app.create_order(&order(&s.kiwi, "1", "王芳", "浙江省")));
    ok(s.app.pack_order(&pack(&first.id, &foam, "1")));
    ok(s.app.set_waybill(&ship(&first.id, "ZTO", "75120000000200")));
    let cancelled = ok(s.app.cancel_order(&first.id, "地址写错了"));
    assert_eq!(cancelled.waybill, None);
    let again = ok(s.app.create_order(&order(&s.kiwi, "1", "王芳", "浙江省")));
    ok(s.app.pack_order(&pack(&again.id, &foam, "1")));
    assert_eq!(
        ok(s.app.set_waybill(&ship(&again.id, "ZTO", "75120000000200")))
            .waybill
            .as_deref(),
        Some("75120000000200")
    );
    // Taking a pre-bought number twice gives the same one, not a wasted second.
    ok(s.app
        .add_waybill_range(&farmstall_app::waybills::WaybillRangeInput {
            courier: "YTO".into(),
            first: "YT7000000000000".into(),
            last: "YT7000000000009".into(),
            note: String::new(),
        }));
    let third = ok(s.app.create_order(&order(&s.oil, "1", "李四", "贵州省")));
    three_bottles_of_oil(&mut s);
    ok(s.app.pack_order(&pack(&third.id, &foam, "1")));
    let a = ok(s.app.take_waybill(&third.id, "YTO")).waybill;
    let b = ok(s.app.take_waybill(&third.id, "YTO")).waybill;
    assert_eq!(
        (a.as_deref(), b.as_deref()),
        (Some("YT7000000000000"), Some("YT7000000000000"))
    );
    assert_eq!(ok(s.app.list_waybill_ranges())[0].left, 9);
    ledger_agrees(&s.app);
    // Every write said what it did in the change log: waybills given and freed, the range.
    let logged = |sql: &str| -> i64 {
        s.app
            .reader()
            .unwrap_or_else(|e| panic!("{e}"))
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_default()
    };
    assert_eq!(
        logged(
            "SELECT count(*) FROM change_log WHERE entity = 'order' AND data LIKE '%75120000000200%'"
        ),
        2,
        "given to the first order and to the one that replaced it"
    );
    assert_eq!(
        logged("SELECT count(*) FROM change_log WHERE entity = 'order' AND data LIKE '%\"waybill\":null%'"),
        1,
        "freed when the first was cancelled"
    );
    assert_eq!(
        logged("SELECT count(*) FROM change_log WHERE entity = 'waybill_range'"),
        2,
        "added, then one number given"
    );
}
