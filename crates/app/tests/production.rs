//! Recipes and production runs, stock counts and receipt reversals, on a real SQLite file. After
//! every scenario the lots' balances must equal the sums of the stock ledger.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ListQuery, ProductInput};
use farmstall_app::production::{InputLine, ProductionInput, RecipeInput};
use farmstall_app::stock::{
    CountInput, CountLineInput, LotQuery, PaymentInput, PurchaseInput, PurchaseLineInput,
    ReversalInput, WasteInput,
};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::stock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    farmer: String,
    soybeans: String,
    tofu: String,
    chilli: String,
    oil: String,
    pepper_oil: String,
}

fn product(app: &mut App, name: &str, unit: &str, shelf: &str, kind: &str) -> String {
    ok(app.create_product(&ProductInput {
        name_zh: name.into(),
        sale_unit: unit.into(),
        stock_unit: unit.into(),
        perishable: !shelf.is_empty(),
        shelf_life_days: shelf.into(),
        price: "1".into(),
        kind: kind.into(),
        ..ProductInput::default()
    }))
    .id
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-09-15 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 9, 15, 2, 0, 0)
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
        name: "李秀英".into(),
        village: "石门村".into(),
        ..FarmerInput::default()
    }))
    .id;
    let soybeans = product(&mut app, "黄豆", "斤", "180", "ingredient");
    let tofu = product(&mut app, "手工豆腐", "个", "3", "goods");
    let chilli = product(&mut app, "二荆条辣椒", "斤", "10", "ingredient");
    let oil = product(&mut app, "菜籽油", "斤", "", "ingredient");
    let pepper_oil = product(&mut app, "红油辣椒", "瓶", "180", "goods");
    Shop {
        dir,
        app,
        farmer,
        soybeans,
        tofu,
        chilli,
        oil,
        pepper_oil,
    }
}

/// Receives `quantity` of `product` at `price` a unit, received on `on` with the given best-before.
fn receive(
    app: &mut App,
    farmer: &str,
    product: &str,
    quantity: &str,
    price: &str,
    on: &str,
    best_before: &str,
) {
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer.into(),
        received_on: on.into(),
        payment: "owed".into(),
        note: String::new(),
        lines: vec![PurchaseLineInput {
            product_id: product.into(),
            quantity: quantity.into(),
            unit_price: price.into(),
            best_before: best_before.into(),
            ..PurchaseLineInput::default()
        }],
    }));
}

fn ledger_agrees(app: &App) {
    let mismatches = stock::check_balances(&app.reader().unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        mismatches.is_empty(),
        "ledger and balances disagree: {mismatches:?}"
    );
}

fn refusal<T: std::fmt::Debug>(result: Result<T, AppError>) -> IpcError {
    match result {
        Err(e) => IpcError::from(&e),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn fields(e: &IpcError) -> Vec<(String, String)> {
    e.errors
        .iter()
        .map(|i| (i.field.clone(), i.rule.clone()))
        .collect()
}

fn tofu_recipe(s: &mut Shop) -> String {
    ok(s.app.create_recipe(&RecipeInput {
        name: "豆腐".into(),
        output_product_id: s.tofu.clone(),
        output_quantity: "2".into(),
        note: "1 斤黄豆做 2 块".into(),
        inputs: vec![InputLine {
            product_id: s.soybeans.clone(),
            quantity: "1".into(),
        }],
        ..RecipeInput::default()
    }))
    .id
}

fn on_hand(app: &mut App, product: &str) -> String {
    ok(app.product_stock(product)).on_hand
}

#[test]
fn a_run_takes_inputs_fefo_and_makes_a_lot_costing_inputs_plus_labour() {
    let mut s = shop();
    // Two lots of soybeans: the later-expiring one was received first.
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "30",
        "3.00",
        "2026-09-01",
        "2027-03-01",
    );
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "10",
        "4.00",
        "2026-09-10",
        "2026-12-01",
    );
    let recipe = tofu_recipe(&mut s);
    let run = ok(s.app.record_production(&ProductionInput {
        recipe_id: recipe,
        output_quantity: "40".into(),
        labour: "15.50".into(),
        ..ProductionInput::default()
    }));
    // 40 pieces need 20 jin: all 10 of the December lot (¥40) first, then 10 of the March lot (¥30).
    assert_eq!(run.takes.len(), 2);
    assert_eq!(
        (run.takes[0].quantity.as_str(), run.takes[0].cost.as_str()),
        ("10", "40.00")
    );
    assert_eq!(
        (run.takes[1].quantity.as_str(), run.takes[1].cost.as_str()),
        ("10", "30.00")
    );
    assert_eq!(run.inputs_cost, "70.00");
    assert_eq!(run.total_cost, "85.50");
    let lot = &run.output_lot;
    assert!(lot.made_here);
    assert_eq!(lot.farmer_name, None);
    assert_eq!(lot.on_hand, "40");
    assert_eq!(lot.cost_on_hand, "85.50");
    assert_eq!(lot.unit_cost, "2.1375", "85.50 / 40 pieces");
    assert_eq!(
        lot.best_before.as_deref(),
        Some("2026-09-18"),
        "made today + tofu's 3 days"
    );
    assert_eq!(on_hand(&mut s.app, &s.soybeans), "20");
    assert_eq!(on_hand(&mut s.app, &s.tofu), "40");
    // The run is listed with what it took.
    let runs = ok(s.app.list_production_runs(&ListQuery::default()));
    assert_eq!(runs.total, 1);
    assert_eq!(runs.items[0].takes.len(), 2);
    ledger_agrees(&s.app);
}

#[test]
fn pepper_oil_from_two_inputs_with_the_recipes_own_shelf_life() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.chilli,
        "12",
        "8.50",
        "2026-09-14",
        "",
    );
    receive(
        &mut s.app,
        &s.farmer,
        &s.oil,
        "50",
        "9.20",
        "2026-09-01",
        "",
    );
    let recipe = ok(s.app.create_recipe(&RecipeInput {
        name: "红油辣椒".into(),
        output_product_id: s.pepper_oil.clone(),
        output_quantity: "10".into(),
        shelf_life_days: "90".into(),
        inputs: vec![
            InputLine {
                product_id: s.chilli.clone(),
                quantity: "3".into(),
            },
            InputLine {
                product_id: s.oil.clone(),
                quantity: "5".into(),
            },
        ],
        ..RecipeInput::default()
    }));
    assert_eq!(recipe.effective_shelf_life_days, Some(90));
    // What was really used differs from the recipe: the owner types it.
    let input = ProductionInput {
        recipe_id: recipe.id.clone(),
        output_quantity: "20".into(),
        produced_on: "2026-09-15".into(),
        inputs: vec![
            InputLine {
                product_id: s.chilli.clone(),
                quantity: "6.5".into(),
            },
            InputLine {
                product_id: s.oil.clone(),
                quantity: "10".into(),
            },
        ],
        ..ProductionInput::default()
    };
    let plan = ok(s.app.plan_production(&input));
    assert!(!plan.short);
    assert_eq!(plan.inputs[0].cost, "55.25", "6.5 jin × 8.50");
    assert_eq!(plan.inputs[1].cost, "92.00");
    assert_eq!(plan.total_cost, "147.25");
    assert_eq!(plan.unit_cost, "7.3625");
    assert_eq!(plan.best_before.as_deref(), Some("2026-12-14"));
    // Planning wrote nothing.
    assert_eq!(on_hand(&mut s.app, &s.chilli), "12");
    let run = ok(s.app.record_production(&input));
    assert_eq!(
        run.total_cost, plan.total_cost,
        "the run costs what the plan said"
    );
    assert_eq!(on_hand(&mut s.app, &s.chilli), "5.5");
    assert_eq!(on_hand(&mut s.app, &s.oil), "40");
    assert_eq!(on_hand(&mut s.app, &s.pepper_oil), "20");
    ledger_agrees(&s.app);
}

#[test]
fn a_short_input_is_refused_with_what_there_is_and_nothing_is_taken() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "5",
        "3.00",
        "2026-09-01",
        "",
    );
    // 2 more jin in a lot that expired yesterday: not counted as available.
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "2",
        "3.00",
        "2026-09-01",
        "2026-09-14",
    );
    let recipe = tofu_recipe(&mut s);
    let input = ProductionInput {
        recipe_id: recipe,
        output_quantity: "12".into(),
        ..ProductionInput::default()
    };
    let plan = ok(s.app.plan_production(&input));
    assert!(plan.short);
    assert!(plan.inputs[0].short);
    assert_eq!(plan.inputs[0].available, "5");
    let e = refusal(s.app.record_production(&input));
    assert_eq!(
        fields(&e),
        vec![(
            "inputs.0.quantity".to_string(),
            "not_enough_stock".to_string()
        )]
    );
    assert_eq!(
        e.errors[0].params.get("available").map(String::as_str),
        Some("5")
    );
    assert!(e.message.contains("expired"), "{}", e.message);
    assert_eq!(on_hand(&mut s.app, &s.soybeans), "7", "nothing was taken");
    assert_eq!(on_hand(&mut s.app, &s.tofu), "0");
    assert_eq!(
        ok(s.app.list_production_runs(&ListQuery::default())).total,
        0
    );
    ledger_agrees(&s.app);
}

#[test]
fn bad_recipes_are_refused_field_by_field() {
    let mut s = shop();
    let e = refusal(s.app.create_recipe(&RecipeInput {
        name: " ".into(),
        output_product_id: s.tofu.clone(),
        output_quantity: "-2".into(),
        shelf_life_days: "0".into(),
        inputs: vec![
            InputLine {
                product_id: s.tofu.clone(),
                quantity: "1".into(),
            },
            InputLine {
                product_id: s.soybeans.clone(),
                quantity: "1.0001".into(),
            },
            InputLine {
                product_id: "not-an-id".into(),
                quantity: "1".into(),
            },
        ],
        ..RecipeInput::default()
    }));
    let got = fields(&e);
    for expected in [
        ("name", "required"),
        ("outputQuantity", "must_be_positive"),
        ("shelfLifeDays", "must_be_positive"),
        ("inputs.0.productId", "recipe_uses_its_output"),
        ("inputs.1.quantity", "too_many_decimals"),
        ("inputs.2.productId", "unknown_record"),
    ] {
        assert!(
            got.contains(&(expected.0.to_string(), expected.1.to_string())),
            "missing {expected:?} in {got:?}"
        );
    }
    assert_eq!(
        ok(s.app.list_recipes(&ListQuery::default())).total,
        0,
        "nothing written"
    );
    // A second recipe with the same name is a duplicate; an archived one frees the name.
    let first = tofu_recipe(&mut s);
    let e = refusal(s.app.create_recipe(&RecipeInput {
        name: "豆腐".into(),
        output_product_id: s.tofu.clone(),
        output_quantity: "2".into(),
        inputs: vec![InputLine {
            product_id: s.soybeans.clone(),
            quantity: "1".into(),
        }],
        ..RecipeInput::default()
    }));
    assert_eq!(fields(&e), vec![("name".into(), "duplicate".into())]);
    ok(s.app.archive_recipe(&first));
    let e = refusal(s.app.record_production(&ProductionInput {
        recipe_id: first,
        output_quantity: "2".into(),
        ..ProductionInput::default()
    }));
    assert_eq!(
        fields(&e),
        vec![("recipeId".into(), "unknown_record".into())]
    );
}

#[test]
fn editing_a_recipe_does_not_change_a_past_run() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "30",
        "3.00",
        "2026-09-01",
        "",
    );
    let recipe = tofu_recipe(&mut s);
    ok(s.app.record_production(&ProductionInput {
        recipe_id: recipe.clone(),
        output_quantity: "10".into(),
        ..ProductionInput::default()
    }));
    ok(s.app.update_recipe(
        &recipe,
        &RecipeInput {
            name: "豆腐（新）".into(),
            output_product_id: s.tofu.clone(),
            output_quantity: "3".into(),
            inputs: vec![InputLine {
                product_id: s.soybeans.clone(),
                quantity: "1".into(),
            }],
            ..RecipeInput::default()
        },
    ));
    let runs = ok(s.app.list_production_runs(&ListQuery::default()));
    assert_eq!(runs.items[0].takes[0].quantity, "5", "10 pieces took 5 jin");
    assert_eq!(runs.items[0].inputs_cost, "15.00");
    let r = ok(s.app.get_recipe(&recipe));
    assert_eq!(r.output_quantity, "3");
}

#[test]
fn a_count_turns_differences_into_adjustments_at_cost() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "20",
        "3.00",
        "2026-09-01",
        "",
    );
    receive(
        &mut s.app,
        &s.farmer,
        &s.chilli,
        "10",
        "8.00",
        "2026-09-14",
        "",
    );
    let lots = ok(s.app.list_lots(&LotQuery::default())).items;
    let beans = lots
        .iter()
        .find(|l| l.product_id == s.soybeans)
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let chilli = lots
        .iter()
        .find(|l| l.product_id == s.chilli)
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let result = ok(s.app.record_count(&CountInput {
        counted_on: String::new(),
        note: "月底盘点".into(),
        lines: vec![
            CountLineInput {
                lot_id: beans.clone(),
                counted: "18.5".into(),
            },
            CountLineInput {
                lot_id: chilli.clone(),
                counted: "10.25".into(),
            },
        ],
    }));
    assert_eq!(result.adjusted, 2);
    assert_eq!(result.lines[0].difference, "-1.5");
    assert_eq!(result.lines[0].cost, "-4.50");
    assert_eq!(result.lines[1].difference, "0.25");
    assert_eq!(
        result.lines[1].cost, "2.00",
        "found at the lot's ¥8.00 a jin"
    );
    assert_eq!(result.lost, "2.50");
    assert_eq!(on_hand(&mut s.app, &s.soybeans), "18.5");
    assert_eq!(on_hand(&mut s.app, &s.chilli), "10.25");
    assert_eq!(ok(s.app.product_stock(&s.soybeans)).cost_on_hand, "55.50");
    // Counting what the books say changes nothing but is recorded.
    let same = ok(s.app.record_count(&CountInput {
        lines: vec![CountLineInput {
            lot_id: beans.clone(),
            counted: "18.5".into(),
        }],
        ..CountInput::default()
    }));
    assert_eq!(same.adjusted, 0);
    // Counting zero empties the lot and takes all its cost.
    ok(s.app.record_count(&CountInput {
        lines: vec![CountLineInput {
            lot_id: beans.clone(),
            counted: "0".into(),
        }],
        ..CountInput::default()
    }));
    assert_eq!(ok(s.app.product_stock(&s.soybeans)).cost_on_hand, "0.00");
    ledger_agrees(&s.app);
}

#[test]
fn bad_count_lines_are_refused_and_nothing_changes() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "20",
        "3.00",
        "2026-09-01",
        "",
    );
    let lot = ok(s.app.list_lots(&LotQuery::default())).items[0]
        .id
        .clone();
    let e = refusal(s.app.record_count(&CountInput {
        lines: vec![
            CountLineInput {
                lot_id: lot.clone(),
                counted: "-1".into(),
            },
            CountLineInput {
                lot_id: lot.clone(),
                counted: "".into(),
            },
            CountLineInput {
                lot_id: "nope".into(),
                counted: "3".into(),
            },
            CountLineInput {
                lot_id: lot.clone(),
                counted: "1.2345".into(),
            },
        ],
        ..CountInput::default()
    }));
    assert_eq!(
        fields(&e),
        vec![
            ("lines.0.counted".to_string(), "negative".to_string()),
            ("lines.1.counted".to_string(), "required".to_string()),
            ("lines.2.lotId".to_string(), "unknown_record".to_string()),
            (
                "lines.3.counted".to_string(),
                "too_many_decimals".to_string()
            ),
        ]
    );
    let e = refusal(s.app.record_count(&CountInput {
        lines: vec![
            CountLineInput {
                lot_id: lot.clone(),
                counted: "3".into(),
            },
            CountLineInput {
                lot_id: lot.clone(),
                counted: "4".into(),
            },
        ],
        ..CountInput::default()
    }));
    assert_eq!(
        fields(&e),
        vec![("lines.1.lotId".into(), "duplicate".into())]
    );
    assert_eq!(on_hand(&mut s.app, &s.soybeans), "20");
    ledger_agrees(&s.app);
}

#[test]
fn a_wrong_receipt_is_reversed_not_edited_and_stops_being_owed() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "20",
        "3.00",
        "2026-09-01",
        "",
    );
    receive(
        &mut s.app,
        &s.farmer,
        &s.chilli,
        "10",
        "8.00",
        "2026-09-14",
        "",
    );
    let purchases = ok(s.app.list_purchases(&ListQuery::default())).items;
    let chilli_receipt = purchases
        .iter()
        .find(|p| p.lines[0].product_id == s.chilli)
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let owed_before = ok(s.app.farmer_balances(&ListQuery::default())).items[0]
        .balance
        .clone();
    assert_eq!(owed_before, "140.00");
    let e = refusal(s.app.reverse_purchase(&ReversalInput {
        purchase_id: chilli_receipt.clone(),
        reason: "  ".into(),
        reversed_on: String::new(),
    }));
    assert_eq!(fields(&e), vec![("reason".into(), "required".into())]);
    let reversed = ok(s.app.reverse_purchase(&ReversalInput {
        purchase_id: chilli_receipt.clone(),
        reason: "记错了农户".into(),
        reversed_on: String::new(),
    }));
    assert_eq!(reversed.reversed_on.as_deref(), Some("2026-09-15"));
    assert_eq!(reversed.reversal_reason.as_deref(), Some("记错了农户"));
    assert_eq!(reversed.total, "80.00", "the receipt itself is unchanged");
    assert_eq!(on_hand(&mut s.app, &s.chilli), "0");
    assert_eq!(
        ok(s.app.farmer_balances(&ListQuery::default())).items[0].balance,
        "60.00"
    );
    // Twice is refused.
    let e = refusal(s.app.reverse_purchase(&ReversalInput {
        purchase_id: chilli_receipt,
        reason: "again".into(),
        reversed_on: String::new(),
    }));
    assert_eq!(
        fields(&e),
        vec![("purchaseId".into(), "already_reversed".into())]
    );
    ledger_agrees(&s.app);
}

#[test]
fn a_receipt_whose_stock_was_used_cannot_be_reversed() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "20",
        "3.00",
        "2026-09-01",
        "",
    );
    let lot = ok(s.app.list_lots(&LotQuery::default())).items[0]
        .id
        .clone();
    ok(s.app.record_waste(&WasteInput {
        lot_id: lot,
        quantity: "1.5".into(),
        reason: "damaged".into(),
        note: String::new(),
    }));
    let receipt = ok(s.app.list_purchases(&ListQuery::default())).items[0]
        .id
        .clone();
    let e = refusal(s.app.reverse_purchase(&ReversalInput {
        purchase_id: receipt,
        reason: "wrong".into(),
        reversed_on: String::new(),
    }));
    assert_eq!(fields(&e), vec![("lines.0".into(), "lot_used".into())]);
    assert_eq!(
        e.errors[0].params.get("used").map(String::as_str),
        Some("1.5")
    );
    assert_eq!(on_hand(&mut s.app, &s.soybeans), "18.5");
    // A payment of everything, then the balance is zero; nothing was reversed.
    ok(s.app.record_payment(&PaymentInput {
        farmer_id: s.farmer.clone(),
        amount: "60".into(),
        method: "cash".into(),
        ..PaymentInput::default()
    }));
    assert_eq!(
        ok(s.app.farmer_balances(&ListQuery::default())).items[0].balance,
        "0.00"
    );
    ledger_agrees(&s.app);
}

#[test]
fn products_have_kinds_and_the_list_filters_by_kind() {
    let mut s = shop();
    product(&mut s.app, "泡沫箱 5斤", "个", "", "packaging");
    let packaging = ok(s.app.list_products(&ListQuery {
        kind: "packaging".into(),
        ..ListQuery::default()
    }));
    assert_eq!(packaging.total, 1);
    assert_eq!(packaging.items[0].kind, "packaging");
    let ingredients = ok(s.app.list_products(&ListQuery {
        kind: "ingredient".into(),
        ..ListQuery::default()
    }));
    assert_eq!(ingredients.total, 3);
    let e = refusal(s.app.create_product(&ProductInput {
        name_zh: "胶带".into(),
        sale_unit: "个".into(),
        stock_unit: "个".into(),
        price: "1".into(),
        kind: "tape".into(),
        reorder_point: "-1".into(),
        ..ProductInput::default()
    }));
    assert_eq!(
        fields(&e),
        vec![
            ("kind".into(), "unknown_kind".into()),
            ("reorderPoint".into(), "must_be_positive".into())
        ]
    );
    let tape = ok(s.app.create_product(&ProductInput {
        name_zh: "胶带".into(),
        sale_unit: "个".into(),
        stock_unit: "个".into(),
        price: "1".into(),
        kind: "packaging".into(),
        reorder_point: "5".into(),
        ..ProductInput::default()
    }));
    assert_eq!(tape.reorder_point.as_deref(), Some("5"));
}

#[test]
fn expiring_lots_are_found_by_days_to_expiry() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.chilli,
        "10",
        "8.00",
        "2026-09-14",
        "2026-09-17",
    );
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "20",
        "3.00",
        "2026-09-01",
        "2027-03-01",
    );
    receive(
        &mut s.app,
        &s.farmer,
        &s.oil,
        "20",
        "9.00",
        "2026-09-01",
        "",
    );
    let soon = ok(s.app.list_lots(&LotQuery {
        expiring_within_days: Some(7),
        ..LotQuery::default()
    }));
    assert_eq!(soon.total, 1);
    assert_eq!(soon.items[0].product_id, s.chilli);
    assert_eq!(soon.items[0].days_to_expiry, Some(2));
    let year = ok(s.app.list_lots(&LotQuery {
        expiring_within_days: Some(365),
        ..LotQuery::default()
    }));
    assert_eq!(year.total, 2, "the oil keeps and is never 'expiring'");
}

#[test]
fn two_copies_making_tofu_at_once_never_use_more_beans_than_there_are() {
    let mut s = shop();
    receive(
        &mut s.app,
        &s.farmer,
        &s.soybeans,
        "10",
        "3.00",
        "2026-09-01",
        "",
    );
    let recipe = tofu_recipe(&mut s);
    let path = s.dir.path().join("farmstall.db");
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (path, recipe) = (path.clone(), recipe.clone());
            std::thread::spawn(move || {
                let mut app = App::open(&path, Origin::Cli).unwrap_or_else(|e| panic!("{e}"));
                // Each run of 2 pieces takes 1 jin; 12 tries between them for 10 jin.
                (0..6)
                    .filter(|_| {
                        app.record_production(&ProductionInput {
                            recipe_id: recipe.clone(),
                            output_quantity: "2".into(),
                            ..ProductionInput::default()
                        })
                        .is_ok()
                    })
                    .count()
            })
        })
        .collect();
    let made: usize = workers.into_iter().map(|w| w.join().unwrap_or(0)).sum();
    assert_eq!(made, 10, "exactly the 10 jin there were made tofu, no more");
    assert_eq!(on_hand(&mut s.app, &s.soybeans), "0");
    assert_eq!(on_hand(&mut s.app, &s.tofu), "20");
    ledger_agrees(&s.app);
}
