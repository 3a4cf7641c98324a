//! Receiving purchases into lots and taking waste out, on a real SQLite file. After every scenario
//! the lots' balances must equal the sums of the stock ledger.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ListQuery, ProductInput};
use farmstall_app::stock::{LotQuery, PurchaseInput, PurchaseLineInput, WasteInput};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::{changes, stock};

struct Shop {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
    farmer: String,
    kiwi: String,
    oil: String,
}

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn open(path: &std::path::Path) -> App {
    // 2026-09-15 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 9, 15, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    App::open_with_clock(path, Origin::Desktop, Arc::new(clock))
        .unwrap_or_else(|e| panic!("open: {e}"))
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("farmstall.db");
    let mut app = open(&path);
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        village: "大木村".into(),
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
        name_zh: "菜籽油".into(),
        sale_unit: "斤".into(),
        stock_unit: "斤".into(),
        price: "0".into(),
        ..ProductInput::default()
    }))
    .id;
    Shop {
        _dir: dir,
        path,
        app,
        farmer,
        kiwi,
        oil,
    }
}

fn line(product: &str, quantity: &str, unit: &str, price: &str, total: &str) -> PurchaseLineInput {
    PurchaseLineInput {
        product_id: product.into(),
        grade: "特级".into(),
        quantity: quantity.into(),
        unit: unit.into(),
        unit_price: price.into(),
        line_total: total.into(),
        harvested_on: String::new(),
        best_before: String::new(),
    }
}

fn purchase(s: &Shop, lines: Vec<PurchaseLineInput>) -> PurchaseInput {
    PurchaseInput {
        farmer_id: s.farmer.clone(),
        received_on: "2026-09-14".into(),
        payment: "owed".into(),
        note: String::new(),
        lines,
    }
}

fn ledger_agrees(app: &App) {
    let mismatches = stock::check_balances(&app.reader().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        mismatches.is_empty(),
        "ledger and balances disagree: {mismatches:?}"
    );
}

fn lots(app: &mut App) -> Vec<farmstall_app::stock::LotDto> {
    ok(app.list_lots(&LotQuery::default())).items
}

fn refusal_fields<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, String)> {
    match result {
        Err(e) => IpcError::from(&e)
            .errors
            .into_iter()
            .map(|i| (i.field, i.rule))
            .collect(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

#[test]
fn a_purchase_becomes_lots_with_exact_costs_and_computed_best_before() {
    let mut s = shop();
    let p = ok(s.app.receive_purchase(&purchase(
        &s,
        vec![
            // 23.5 jin at 3.2750 a jin = 76.9625 → 76.96
            line(&s.kiwi, "23.5", "", "3.2750", ""),
            // 10 kg of oil for 130.00 in all: 20 jin at 6.5 a jin
            line(&s.oil, "10", "公斤", "", "130"),
        ],
    )));
    assert_eq!(p.total, "206.96");
    assert_eq!(p.lines[0].line_total, "76.96");
    assert_eq!(p.lines[1].unit_price, "13", "130 yuan / 10 kg");
    assert_eq!(
        p.lines[0].best_before.as_deref(),
        Some("2026-10-04"),
        "received 09-14 + 20 days"
    );
    assert_eq!(p.lines[1].best_before, None, "oil keeps");
    let lots = lots(&mut s.app);
    assert_eq!(lots.len(), 2);
    let kiwi = lots
        .iter()
        .find(|l| l.product_id == s.kiwi)
        .unwrap_or_else(|| panic!("no kiwi lot"));
    assert_eq!(
        (kiwi.on_hand.as_str(), kiwi.stock_unit.as_str()),
        ("23.5", "jin")
    );
    assert_eq!(kiwi.cost_on_hand, "76.96");
    assert_eq!(kiwi.days_to_expiry, Some(19), "today is 09-15");
    let oil = lots
        .iter()
        .find(|l| l.product_id == s.oil)
        .unwrap_or_else(|| panic!("no oil lot"));
    assert_eq!(
        (oil.on_hand.as_str(), oil.unit_cost.as_str()),
        ("20", "6.5")
    );
    assert_eq!(
        lots[0].product_id, s.kiwi,
        "perishable lots first (FEFO order)"
    );
    ledger_agrees(&s.app);
    let logged = changes::for_entity(
        &s.app.reader().unwrap_or_else(|e| panic!("{e}")),
        "purchase",
        &p.id,
    )
    .unwrap_or_default();
    assert_eq!(logged.len(), 1);
    // Still there after a restart.
    drop(s.app);
    let mut again = open(&s.path);
    assert_eq!(ok(again.list_purchases(&ListQuery::default())).items[0], p);
}

#[test]
fn every_bad_line_is_named_and_nothing_is_written() {
    let mut s = shop();
    let bad = PurchaseInput {
        farmer_id: "01900000-0000-7000-8000-000000000000".into(),
        received_on: "2026-13-01".into(),
        payment: "credit".into(),
        note: String::new(),
        lines: vec![
            line(&s.kiwi, "0", "", "3", ""),
            line(&s.kiwi, "5", "瓶", "3", ""),
            line(&s.kiwi, "5", "", "3.12345", ""),
            line(&s.kiwi, "5", "", "", ""),
            line(&s.kiwi, "5", "", "3", "16"),
            PurchaseLineInput {
                harvested_on: "2026-09-10".into(),
                best_before: "2026-09-01".into(),
                ..line(&s.kiwi, "5", "", "3", "")
            },
            line("01900000-0000-7000-8000-000000000001", "5", "", "3", ""),
        ],
    };
    let fields = refusal_fields(s.app.receive_purchase(&bad));
    let expect = [
        ("farmerId", "unknown_record"),
        ("receivedOn", "bad_date"),
        ("payment", "unknown_payment"),
        ("lines.0.quantity", "must_be_positive"),
        ("lines.1.unit", "units_incompatible"),
        ("lines.2.unitPrice", "too_many_decimals"),
        ("lines.3.unitPrice", "price_or_total_required"),
        ("lines.4.lineTotal", "price_and_total_disagree"),
        ("lines.5.bestBefore", "best_before_before_harvest"),
        ("lines.6.productId", "unknown_record"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(f, r)| (f.to_string(), r.to_string()))
        .collect();
    assert_eq!(fields, expect);
    assert!(lots(&mut s.app).is_empty());
    assert_eq!(ok(s.app.list_purchases(&ListQuery::default())).total, 0);
    let no_lines = refusal_fields(s.app.receive_purchase(&purchase(&s, vec![])));
    assert_eq!(no_lines, [("lines".to_string(), "required".to_string())]);
}

#[test]
fn an_archived_farmer_or_product_cannot_sell_to_the_shop() {
    let mut s = shop();
    ok(s.app.archive_product(&s.kiwi));
    let fields = refusal_fields(
        s.app
            .receive_purchase(&purchase(&s, vec![line(&s.kiwi, "5", "", "3", "")])),
    );
    assert_eq!(
        fields,
        [(
            "lines.0.productId".to_string(),
            "unknown_record".to_string()
        )]
    );
    ok(s.app.archive_farmer(&s.farmer));
    let fields = refusal_fields(
        s.app
            .receive_purchase(&purchase(&s, vec![line(&s.oil, "5", "", "3", "")])),
    );
    assert_eq!(
        fields,
        [("farmerId".to_string(), "unknown_record".to_string())]
    );
}

#[test]
fn waste_takes_its_share_of_the_cost_and_cannot_take_more_than_there_is() {
    let mut s = shop();
    // 3 jin for 10.00.
    ok(s.app
        .receive_purchase(&purchase(&s, vec![line(&s.kiwi, "3", "", "", "10")])));
    let lot = lots(&mut s.app).remove(0);
    let waste = |app: &mut App, qty: &str| {
        app.record_waste(&WasteInput {
            lot_id: lot.id.clone(),
            quantity: qty.into(),
            reason: "spoiled".into(),
            note: "烂了".into(),
        })
    };
    let after = ok(waste(&mut s.app, "1"));
    assert_eq!(
        (after.on_hand.as_str(), after.cost_on_hand.as_str()),
        ("2", "6.67")
    );
    ledger_agrees(&s.app);
    let refused = waste(&mut s.app, "2.5").err().map(|e| IpcError::from(&e));
    let refused = refused.unwrap_or_else(|| panic!("took more than on hand"));
    assert_eq!(refused.rule.as_deref(), Some("not_enough_stock"));
    assert!(
        refused.message.contains("only 2 jin"),
        "{}",
        refused.message
    );
    let last = ok(waste(&mut s.app, "2"));
    assert_eq!(
        (last.on_hand.as_str(), last.cost_on_hand.as_str()),
        ("0", "0.00")
    );
    ledger_agrees(&s.app);
    assert!(
        lots(&mut s.app).is_empty(),
        "an empty lot leaves the default list"
    );
    let all = ok(s.app.list_lots(&LotQuery {
        include_empty: true,
        ..LotQuery::default()
    }));
    assert_eq!(all.total, 1, "but stays in history");
    let bad = refusal_fields(s.app.record_waste(&WasteInput {
        lot_id: lot.id.clone(),
        quantity: "-1".into(),
        reason: "stolen".into(),
        note: String::new(),
    }));
    assert_eq!(
        bad,
        [
            ("quantity".to_string(), "must_be_positive".to_string()),
            ("reason".to_string(), "unknown_reason".to_string())
        ]
    );
}

#[test]
fn two_copies_wasting_one_lot_at_once_never_take_more_than_it_holds() {
    let mut s = shop();
    ok(s.app
        .receive_purchase(&purchase(&s, vec![line(&s.kiwi, "10", "", "3", "")])));
    let lot = lots(&mut s.app).remove(0).id;
    drop(s.app);
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (path, lot) = (s.path.clone(), lot.clone());
            std::thread::spawn(move || {
                let mut app = App::open(&path, Origin::Cli).unwrap_or_else(|e| panic!("{e}"));
                (0..8)
                    .filter(|_| {
                        app.record_waste(&WasteInput {
                            lot_id: lot.clone(),
                            quantity: "1".into(),
                            reason: "damaged".into(),
                            note: String::new(),
                        })
                        .is_ok()
                    })
                    .count()
            })
        })
        .collect();
    let taken: usize = workers.into_iter().map(|w| w.join().unwrap_or(0)).sum();
    assert_eq!(taken, 10, "exactly the 10 jin there were, no more");
    let app = open(&s.path);
    ledger_agrees(&app);
}

#[test]
fn what_is_owed_to_a_farmer_goes_down_with_payments_and_never_below_zero() {
    use farmstall_app::stock::PaymentInput;
    let mut s = shop();
    // 100.00 owed, 50.00 paid in cash at once (not owed).
    ok(s.app
        .receive_purchase(&purchase(&s, vec![line(&s.kiwi, "20", "", "", "100")])));
    ok(s.app.receive_purchase(&PurchaseInput {
        payment: "cash".into(),
        ..purchase(&s, vec![line(&s.oil, "10", "", "", "50")])
    }));
    let balances = ok(s.app.farmer_balances(&ListQuery::default()));
    assert_eq!(balances.total, 1);
    assert_eq!(
        (
            balances.items[0].owed.as_str(),
            balances.items[0].balance.as_str()
        ),
        ("100.00", "100.00")
    );
    let pay = |app: &mut App, amount: &str| {
        app.record_payment(&PaymentInput {
            farmer_id: s.farmer.clone(),
            amount: amount.into(),
            method: "wechat".into(),
            paid_on: String::new(),
            note: String::new(),
        })
    };
    let after = ok(pay(&mut s.app, "30.5"));
    assert_eq!(
        (after.paid.as_str(), after.balance.as_str()),
        ("30.50", "69.50")
    );
    let too_much = pay(&mut s.app, "70").err().map(|e| IpcError::from(&e));
    let too_much = too_much.unwrap_or_else(|| panic!("paid more than owed"));
    assert_eq!(too_much.rule.as_deref(), Some("more_than_owed"));
    assert_eq!(
        too_much.errors[0].params.get("owed").map(String::as_str),
        Some("69.50")
    );
    assert_eq!(
        refusal_fields(pay(&mut s.app, "0")),
        [("amount".to_string(), "must_be_positive".to_string())]
    );
    let settled = ok(pay(&mut s.app, "69.50"));
    assert_eq!(settled.balance, "0.00");
    let logged: i64 = s
        .app
        .reader()
        .unwrap_or_else(|e| panic!("{e}"))
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity = 'farmer_payment'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    assert_eq!(logged, 2);
}

#[test]
fn stock_of_a_product_and_inventory_value_add_up_over_lots() {
    let mut s = shop();
    ok(s.app.receive_purchase(&purchase(
        &s,
        vec![
            line(&s.kiwi, "10", "", "", "30"),
            line(&s.kiwi, "5", "", "", "20"),
        ],
    )));
    ok(s.app
        .receive_purchase(&purchase(&s, vec![line(&s.oil, "4", "", "", "26")])));
    let lot = lots(&mut s.app)
        .into_iter()
        .find(|l| l.product_id == s.kiwi)
        .unwrap_or_else(|| panic!("no kiwi lot"));
    ok(s.app.record_waste(&WasteInput {
        lot_id: lot.id,
        quantity: "1".into(),
        reason: "sample".into(),
        note: String::new(),
    }));
    let kiwi = ok(s.app.product_stock(&s.kiwi));
    assert_eq!(
        (kiwi.on_hand.as_str(), kiwi.available.as_str(), kiwi.lots),
        ("14", "14", 2)
    );
    let value = ok(s.app.inventory_value());
    let per_lot: i64 = lots(&mut s.app)
        .iter()
        .map(|l| {
            farmstall_domain::Money::parse(&l.cost_on_hand)
                .map(|m| m.fen())
                .unwrap_or(-1)
        })
        .sum();
    assert_eq!(
        farmstall_domain::Money::parse(&value.value).map(|m| m.fen()),
        Ok(per_lot)
    );
    assert_eq!(value.lots, 3);
    assert_eq!(
        kiwi.cost_on_hand, "47.00",
        "50.00 less the 1 jin sample's 3.00"
    );
}

#[test]
fn a_farmers_usual_payment_and_pay_method_are_the_last_ones_entered_and_a_reversed_purchase_does_not_count(
) {
    use farmstall_app::stock::{PaymentInput, ReversalInput};
    let mut s = shop();
    let other = ok(s.app.create_farmer(&FarmerInput {
        name: "李秀英".into(),
        ..FarmerInput::default()
    }))
    .id;
    // Never bought from nor paid: nothing to go by, the forms keep their own defaults.
    let none = ok(s.app.farmer_habits(&s.farmer));
    assert_eq!((none.purchase_payment, none.pay_method), (None, None));

    let with = |s: &Shop, payment: &str| PurchaseInput {
        payment: payment.into(),
        ..purchase(s, vec![line(&s.kiwi, "10", "斤", "4", "")])
    };
    ok(s.app.receive_purchase(&with(&s, "owed")));
    ok(s.app.receive_purchase(&with(&s, "wechat")));
    let pay = |app: &mut App, method: &str| {
        ok(app.record_payment(&PaymentInput {
            farmer_id: s.farmer.clone(),
            amount: "5".into(),
            method: method.into(),
            paid_on: String::new(),
            note: String::new(),
        }))
    };
    pay(&mut s.app, "cash");
    pay(&mut s.app, "alipay");
    let habits = ok(s.app.farmer_habits(&s.farmer));
    assert_eq!(
        (
            habits.purchase_payment.as_deref(),
            habits.pay_method.as_deref()
        ),
        (Some("wechat"), Some("alipay"))
    );

    // A cash receipt entered by mistake and reversed says nothing of how this farmer is paid.
    let wrong = ok(s.app.receive_purchase(&with(&s, "cash")));
    assert_eq!(
        ok(s.app.farmer_habits(&s.farmer))
            .purchase_payment
            .as_deref(),
        Some("cash")
    );
    ok(s.app.reverse_purchase(&ReversalInput {
        purchase_id: wrong.id,
        reason: "记重了".into(),
        reversed_on: String::new(),
    }));
    assert_eq!(
        ok(s.app.farmer_habits(&s.farmer))
            .purchase_payment
            .as_deref(),
        Some("wechat")
    );

    // Another farmer's habits are their own.
    let theirs = ok(s.app.farmer_habits(&other));
    assert_eq!((theirs.purchase_payment, theirs.pay_method), (None, None));
    // A farmer that does not exist is not found, never a default.
    match s.app.farmer_habits("0192f000-0000-7000-8000-000000000000") {
        Err(e) => assert_eq!(IpcError::from(&e).kind, "not_found", "{e}"),
        Ok(h) => panic!("no such farmer, yet {h:?}"),
    }
}
