//! The use cases on a real SQLite file: what a shop owner would notice if they broke.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{Address, FarmerInput, ListQuery, ProductInput, ShopProfileInput};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::changes;

/// A table row: the field and rule expected, and how to break a valid input.
type Case<T> = (&'static str, &'static str, Box<dyn Fn(&mut T)>);

struct Shop {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("farmstall.db");
    let app = open(&path);
    Shop {
        _dir: dir,
        path,
        app,
    }
}

fn open(path: &Path) -> App {
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 9, 1, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    App::open_with_clock(path, Origin::Desktop, Arc::new(clock))
        .unwrap_or_else(|e| panic!("open: {e}"))
}

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn profile() -> ShopProfileInput {
    ShopProfileInput {
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
        default_courier: Some("SF".into()),
        language: "zh-CN".into(),
    }
}

fn farmer(name: &str, village: &str) -> FarmerInput {
    FarmerInput {
        name: name.into(),
        village: village.into(),
        phone: "13908510001".into(),
        payment_notes: "微信转账".into(),
        remarks: String::new(),
    }
}

fn kiwi() -> ProductInput {
    ProductInput {
        name_zh: "修文猕猴桃 特级大果 5斤装".into(),
        name_en: "Xiuwen kiwi, extra large, 5 jin".into(),
        sale_unit: "箱(5斤)".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "68.8".into(),
        weight_kg: "2.9".into(),
        kind: String::new(),
        reorder_point: String::new(),
        barcode: String::new(),
    }
}

/// The field and rule an invalid input was refused with.
fn refusal<T: std::fmt::Debug>(result: Result<T, AppError>) -> (String, String) {
    match result {
        Err(error) => {
            let ipc = IpcError::from(&error);
            assert_eq!(ipc.kind, "validation", "{ipc:?}");
            (ipc.field.unwrap_or_default(), ipc.rule.unwrap_or_default())
        }
        Ok(value) => panic!("expected a refusal, got {value:?}"),
    }
}

fn change_count(app: &App) -> i64 {
    ok(changes::count(&app.reader().unwrap_or_else(|e| panic!("{e}"))).map_err(AppError::from))
}

fn all() -> ListQuery {
    ListQuery {
        include_archived: true,
        ..ListQuery::default()
    }
}

#[test]
fn the_shop_profile_round_trips_and_survives_a_restart() {
    let mut s = shop();
    assert!(!ok(s.app.status()).has_shop);
    assert_eq!(ok(s.app.shop_profile()), None);
    let saved = ok(s.app.save_shop_profile(&profile()));
    assert_eq!(saved.shop_name, "黔山果园");
    assert_eq!(saved.default_courier.as_deref(), Some("SF"));
    drop(s.app);
    let mut again = open(&s.path);
    assert!(ok(again.status()).has_shop);
    let loaded = ok(again.shop_profile()).unwrap_or_else(|| panic!("profile lost"));
    assert_eq!(loaded, saved);
}

#[test]
fn an_invalid_shop_profile_names_the_field_and_writes_nothing() {
    let mut s = shop();
    let cases: Vec<Case<ShopProfileInput>> = vec![
        (
            "shopName",
            "required",
            Box::new(|p| p.shop_name = "  ".into()),
        ),
        (
            "senderName",
            "required",
            Box::new(|p| p.sender_name = String::new()),
        ),
        (
            "phone",
            "invalid_phone",
            Box::new(|p| p.phone = "打电话".into()),
        ),
        ("phone", "required", Box::new(|p| p.phone = String::new())),
        (
            "address.province",
            "required",
            Box::new(|p| p.address.province = String::new()),
        ),
        (
            "address.street",
            "required",
            Box::new(|p| p.address.street = String::new()),
        ),
        (
            "defaultCourier",
            "unknown_courier",
            Box::new(|p| p.default_courier = Some("DHL".into())),
        ),
        (
            "language",
            "unknown_language",
            Box::new(|p| p.language = "fr".into()),
        ),
        (
            "shopName",
            "too_long",
            Box::new(|p| p.shop_name = "果".repeat(101)),
        ),
    ];
    let before = change_count(&s.app);
    for (field, rule, break_it) in cases {
        let mut input = profile();
        break_it(&mut input);
        assert_eq!(
            refusal(s.app.save_shop_profile(&input)),
            (field.to_string(), rule.to_string())
        );
    }
    assert_eq!(ok(s.app.shop_profile()), None);
    assert_eq!(
        change_count(&s.app),
        before,
        "a refused input records no change"
    );
}

#[test]
fn language_can_be_switched_before_the_shop_exists() {
    let mut s = shop();
    assert_eq!(ok(s.app.status()).language, "zh-CN");
    assert_eq!(ok(s.app.set_language("en")).language, "en");
    assert_eq!(refusal(s.app.set_language("de")).1, "unknown_language");
    drop(s.app);
    assert_eq!(ok(open(&s.path).status()).language, "en");
}

/// The window's first screen comes from one call (issue 15): before a shop exists it says so and
/// carries no figures; on the demo shop it has the status, the shop's name, who is working, the
/// Today figures as `today` reads them, whether a marketplace is connected, and a crash report
/// not yet told about.
#[test]
fn the_start_answers_the_first_screen_in_one_call() {
    let mut s = shop();
    let first = ok(s.app.start());
    assert!(!first.status.has_shop && !first.status.is_demo);
    assert_eq!(first.status.language, "zh-CN");
    assert_eq!(first.shop, None);
    assert_eq!(first.today, None, "no Today figures before a shop exists");
    assert!(first.member_known);
    assert_eq!(first.current_member, None);
    assert_eq!(first.marketplace_connected, Some(false));
    assert_eq!(first.crash, None);

    ok(s.app.load_demo());
    let member = ok(s.app.add_member("杨小妹"));
    ok(s.app.set_current_member(&member.id));
    let logs = s
        .path
        .parent()
        .unwrap_or_else(|| panic!("the shop file has no folder"))
        .join("logs");
    std::fs::create_dir_all(&logs).unwrap_or_else(|e| panic!("logs: {e}"));
    std::fs::write(logs.join("crash-20260901-015500.txt"), "panicked")
        .unwrap_or_else(|e| panic!("crash report: {e}"));

    let start = ok(s.app.start());
    assert!(start.status.has_shop && start.status.is_demo);
    assert_eq!(start.status, ok(s.app.status()));
    assert_eq!(start.shop, ok(s.app.shop_profile()));
    assert!(start.shop.is_some_and(|p| !p.shop_name.is_empty()));
    assert_eq!(start.current_member.map(|m| m.name), Some("杨小妹".into()));
    let today = start
        .today
        .unwrap_or_else(|| panic!("no Today figures on the demo shop"));
    assert_eq!(today, ok(s.app.today()));
    assert!(today.to_ship > 0, "the demo has orders to ship: {today:?}");
    let crash = start
        .crash
        .unwrap_or_else(|| panic!("the crash report is not told"));
    assert!(
        crash.path.ends_with("crash-20260901-015500.txt"),
        "{crash:?}"
    );
}

#[test]
fn farmers_are_added_edited_archived_and_restored_with_history() {
    let mut s = shop();
    let wang = ok(s.app.create_farmer(&farmer("王德贵", "大木村")));
    ok(s.app.create_farmer(&farmer("李桂芬", "大木村")));
    ok(s.app.create_farmer(&farmer("张志强", "六屯村")));
    let edited = ok(s.app.update_farmer(
        &wang.id,
        &FarmerInput {
            remarks: "果园在半坡".into(),
            ..farmer("王德贵", "大木村")
        },
    ));
    assert_eq!(edited.remarks, "果园在半坡");
    assert_eq!(edited.created_at, wang.created_at);

    let archived = ok(s.app.archive_farmer(&wang.id));
    assert!(archived.archived);
    // Gone from the picker list, still in the full list.
    let active = ok(s.app.list_farmers(&ListQuery::default()));
    assert_eq!(active.total, 2);
    assert!(active.items.iter().all(|f| f.id != wang.id));
    assert_eq!(ok(s.app.list_farmers(&all())).total, 3);
    assert!(!ok(s.app.restore_farmer(&wang.id)).archived);

    let history = ok(changes::for_entity(
        &s.app.reader().unwrap_or_else(|e| panic!("{e}")),
        "farmer",
        &wang.id,
    )
    .map_err(AppError::from));
    let actions: Vec<&str> = history.iter().map(|c| c.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "archive", "restore"]);
    assert!(history.iter().all(|c| c.origin == "desktop"));
    assert_eq!(history[1].data["remarks"], "果园在半坡");
}

#[test]
fn farmer_search_and_paging_happen_in_the_database() {
    let mut s = shop();
    for i in 0..7 {
        ok(s.app.create_farmer(&farmer(&format!("王{i}"), "大木村")));
    }
    ok(s.app.create_farmer(&farmer("李桂芬", "小箐村")));
    let found = ok(s.app.list_farmers(&ListQuery {
        search: "小箐".into(),
        ..ListQuery::default()
    }));
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].name, "李桂芬");
    let page = ok(s.app.list_farmers(&ListQuery {
        search: "王".into(),
        limit: 3,
        offset: 6,
        ..ListQuery::default()
    }));
    assert_eq!((page.total, page.items.len()), (7, 1));
    // LIKE wildcards typed by a user are literal text.
    assert_eq!(
        ok(s.app.list_farmers(&ListQuery {
            search: "%".into(),
            ..ListQuery::default()
        }))
        .total,
        0
    );
}

#[test]
fn invalid_farmers_are_refused_and_nothing_is_saved() {
    let mut s = shop();
    ok(s.app.create_farmer(&farmer("王德贵", "大木村")));
    let before = change_count(&s.app);
    assert_eq!(
        refusal(s.app.create_farmer(&farmer(" ", "大木村"))),
        ("name".into(), "required".into())
    );
    assert_eq!(
        refusal(s.app.create_farmer(&FarmerInput {
            phone: "call me".into(),
            ..farmer("李桂芬", "")
        })),
        ("phone".into(), "invalid_phone".into())
    );
    assert_eq!(
        refusal(s.app.create_farmer(&farmer("王德贵", "大木村"))),
        ("name".into(), "duplicate".into())
    );
    assert_eq!(ok(s.app.list_farmers(&all())).total, 1);
    assert_eq!(change_count(&s.app), before);
    // A namesake in another village is a different person.
    ok(s.app.create_farmer(&farmer("王德贵", "龙场村")));
}

#[test]
fn a_kiwi_box_product_round_trips_with_exact_money_and_units() {
    let mut s = shop();
    let p = ok(s.app.create_product(&kiwi()));
    assert_eq!(p.sale_unit, "box:5:jin");
    assert_eq!(p.stock_unit, "jin");
    assert_eq!(p.price, "68.80");
    assert_eq!(p.weight_kg.as_deref(), Some("2.9"));
    assert_eq!((p.perishable, p.shelf_life_days), (true, Some(20)));
    let price_fen: i64 = s
        .app
        .reader()
        .unwrap_or_else(|e| panic!("{e}"))
        .query_row(
            "SELECT price_fen FROM products WHERE id = ?1",
            [&p.id],
            |r| r.get(0),
        )
        .unwrap_or_default();
    assert_eq!(price_fen, 6880, "money is stored as whole fen");
    drop(s.app);
    let mut again = open(&s.path);
    assert_eq!(ok(again.get_product(&p.id)), p);
}

#[test]
fn invalid_products_name_the_field_and_nothing_is_saved() {
    let mut s = shop();
    ok(s.app.create_product(&kiwi()));
    let before = change_count(&s.app);
    let cases: Vec<Case<ProductInput>> = vec![
        (
            "nameZh",
            "required",
            Box::new(|p| p.name_zh = String::new()),
        ),
        ("price", "negative", Box::new(|p| p.price = "-3".into())),
        (
            "price",
            "too_many_decimals",
            Box::new(|p| p.price = "3.999".into()),
        ),
        (
            "price",
            "not_a_number",
            Box::new(|p| p.price = "三块".into()),
        ),
        ("price", "required", Box::new(|p| p.price = String::new())),
        (
            "saleUnit",
            "unknown_unit",
            Box::new(|p| p.sale_unit = "筐".into()),
        ),
        (
            "stockUnit",
            "required",
            Box::new(|p| p.stock_unit = String::new()),
        ),
        (
            "stockUnit",
            "units_incompatible",
            Box::new(|p| p.stock_unit = "瓶".into()),
        ),
        (
            "shelfLifeDays",
            "shelf_life_required",
            Box::new(|p| p.shelf_life_days = String::new()),
        ),
        (
            "shelfLifeDays",
            "not_a_whole_number",
            Box::new(|p| p.shelf_life_days = "2.5".into()),
        ),
        (
            "shelfLifeDays",
            "must_be_positive",
            Box::new(|p| p.shelf_life_days = "0".into()),
        ),
        (
            "weightKg",
            "must_be_positive",
            Box::new(|p| p.weight_kg = "-1".into()),
        ),
        (
            "weightKg",
            "too_many_decimals",
            Box::new(|p| p.weight_kg = "2.0001".into()),
        ),
        ("nameZh", "duplicate", Box::new(|_| {})),
    ];
    for (field, rule, break_it) in cases {
        let mut input = kiwi();
        break_it(&mut input);
        assert_eq!(
            refusal(s.app.create_product(&input)),
            (field.to_string(), rule.to_string()),
            "{input:?}"
        );
    }
    assert_eq!(ok(s.app.list_products(&all())).total, 1);
    assert_eq!(change_count(&s.app), before);
}

#[test]
fn a_product_that_keeps_needs_no_shelf_life_and_may_be_free() {
    let mut s = shop();
    let beans = ok(s.app.create_product(&ProductInput {
        name_zh: "黄豆（原料）".into(),
        name_en: String::new(),
        sale_unit: "jin".into(),
        stock_unit: "kg".into(),
        perishable: false,
        shelf_life_days: "ignored".into(),
        price: "0".into(),
        weight_kg: String::new(),
        kind: "ingredient".into(),
        reorder_point: String::new(),
        barcode: String::new(),
    }));
    assert_eq!(
        (beans.perishable, beans.shelf_life_days, beans.name_en),
        (false, None, None)
    );
    assert_eq!(beans.weight_kg, None);
}

#[test]
fn archived_products_leave_the_picker_but_not_history_and_names_free_up() {
    let mut s = shop();
    let old = ok(s.app.create_product(&kiwi()));
    ok(s.app.archive_product(&old.id));
    assert_eq!(ok(s.app.list_products(&ListQuery::default())).total, 0);
    assert_eq!(ok(s.app.list_products(&all())).total, 1);
    // This season's listing may reuse the name...
    let new = ok(s.app.create_product(&kiwi()));
    // ...and then the old one cannot come back under the same name.
    assert_eq!(
        refusal(s.app.restore_product(&old.id)),
        ("nameZh".into(), "duplicate".into())
    );
    assert!(!ok(s.app.get_product(&new.id)).archived);
    assert!(ok(s.app.get_product(&old.id)).archived);
}

#[test]
fn product_search_matches_chinese_and_english_names() {
    let mut s = shop();
    ok(s.app.load_demo());
    let search = |app: &mut App, text: &str| {
        ok(app.list_products(&ListQuery {
            search: text.into(),
            ..ListQuery::default()
        }))
        .total
    };
    assert_eq!(search(&mut s.app, "猕猴桃"), 6);
    assert_eq!(search(&mut s.app, "KIWI"), 6, "English search ignores case");
    assert_eq!(search(&mut s.app, "豆腐"), 3);
    assert_eq!(search(&mut s.app, "榴莲"), 0);
}

#[test]
fn unknown_and_malformed_ids_are_clear_errors() {
    let mut s = shop();
    assert_eq!(refusal(s.app.get_farmer("farmer-1")).0, "id");
    let missing = "01900000-0000-7000-8000-000000000000";
    let err = s
        .app
        .archive_product(missing)
        .err()
        .map(|e| IpcError::from(&e));
    assert_eq!(err.map(|e| e.kind), Some("not_found".into()));
}

#[test]
fn the_demo_loads_once_into_an_empty_shop_only() {
    let mut s = shop();
    let summary = ok(s.app.load_demo());
    assert_eq!((summary.farmers, summary.products), (12, 18));
    // A season: receipts (one reversed), spoilage, two production runs, farmers left unpaid.
    let purchases = ok(s.app.list_purchases(&all())).items;
    assert!(purchases.len() >= 15, "{} receipts", purchases.len());
    assert_eq!(
        purchases.iter().filter(|p| p.reversed_on.is_some()).count(),
        1
    );
    let runs = ok(s.app.list_production_runs(&all()));
    assert_eq!(runs.total, 2);
    assert!(runs.items.iter().all(|r| r.output_lot.made_here));
    let owed = ok(s.app.farmer_balances(&all())).items;
    assert!(
        owed.iter()
            .filter(|b| b.balance != "0.00" && !b.balance.starts_with('-'))
            .count()
            >= 3,
        "some farmers are still owed: {owed:?}"
    );
    let packaging = ok(s.app.list_products(&farmstall_app::dto::ListQuery {
        kind: "packaging".into(),
        ..all()
    }));
    assert_eq!(packaging.total, 5);
    // Orders used up tofu and chilli oil; dried chillies and ice packs were low already.
    let low = ok(s.app.low_stock(&all()));
    let names: Vec<&str> = low.items.iter().map(|r| r.product_name.as_str()).collect();
    for low_one in ["冰袋", "干辣椒（做辣椒油原料）", "农家手工石磨豆腐"] {
        assert!(names.contains(&low_one), "{low_one} not in {names:?}");
    }
    assert!(low.items.iter().all(|r| r.low));
    // A fortnight of orders in every state.
    let mut orders = ok(s.app.list_orders(&farmstall_app::orders::OrderQuery {
        limit: 500,
        ..Default::default()
    }));
    // Before them (older, so after them newest first), the season so far as sales history
    // (it moved no stock).
    assert!(orders.total >= 160 + 300, "{} orders", orders.total);
    orders.items.retain(|o| !o.history);
    assert_eq!(orders.items.len(), 160);
    for state in farmstall_domain::order::OrderState::ALL {
        assert!(
            orders.items.iter().any(|o| o.state == state.code()),
            "no demo order is {state}"
        );
    }
    assert!(orders
        .items
        .iter()
        .filter(|o| o.state == "finished")
        .all(|o| o.margin.is_some() && o.waybill.is_some()));
    // Pay: four of the family, last month approved and paid, this month a draft.
    assert_eq!(ok(s.app.list_employees()).len(), 4);
    let this_month = ok(s.app.preview_payroll("2026-09"));
    assert!(!this_month.approved && !this_month.payslips.is_empty());
    let last_month = ok(s.app.preview_payroll("2026-08"));
    assert!(last_month.approved);
    assert!(
        last_month.payslips.iter().all(|p| p.paid == p.net),
        "everyone was paid what they earned"
    );
    assert!(
        last_month.payslips.iter().any(|p| p.tax != "0.00"),
        "the salary has tax withheld"
    );
    let wasted: i64 = s
        .app
        .reader()
        .unwrap_or_else(|e| panic!("{e}"))
        .query_row(
            "SELECT count(*) FROM stock_ledger WHERE kind = 'waste'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0);
    assert_eq!(wasted, 3);
    assert_eq!(
        farmstall_store::stock::check_balances(&s.app.reader().unwrap_or_else(|e| panic!("{e}")))
            .map(|m| m.len())
            .ok(),
        Some(0),
        "the ledger agrees with the balances"
    );
    let status = ok(s.app.status());
    assert!(status.has_shop);
    let before = change_count(&s.app);
    let again = s.app.load_demo().err().map(|e| IpcError::from(&e));
    assert_eq!(again.map(|e| e.kind), Some("conflict".into()));
    assert_eq!(change_count(&s.app), before);
    assert_eq!(ok(s.app.list_farmers(&all())).total, 12);
    let imported = ok(changes::for_entity(
        &s.app.reader().unwrap_or_else(|e| panic!("{e}")),
        "shop_profile",
        "1",
    )
    .map_err(AppError::from));
    assert_eq!(imported[0].origin, "import");
}

#[test]
fn a_demo_into_a_shop_with_one_farmer_is_refused() {
    let mut s = shop();
    ok(s.app.create_farmer(&farmer("王德贵", "大木村")));
    assert!(s.app.load_demo().is_err());
    assert_eq!(ok(s.app.list_products(&all())).total, 0);
    assert_eq!(ok(s.app.shop_profile()), None);
}

#[test]
fn a_generated_shop_has_the_size_its_years_promise() {
    let mut s = shop();
    let g = ok(farmstall_app::generate::generate_with(&mut s.app, 2, 7, 60));
    assert_eq!(g.farmers, 2 * farmstall_app::generate::FARMERS_PER_YEAR);
    assert_eq!(ok(s.app.list_farmers(&all())).total, g.farmers);
    assert_eq!(ok(s.app.list_products(&all())).total, g.products);
    assert_eq!(
        ok(s.app.list_products(&ListQuery::default())).total,
        g.products - g.archived_products
    );
    // 60 lots a year of the yearly products, and the staples' weekly purchases.
    assert!(g.lots > 120, "{} lots", g.lots);
    assert!(g.orders > 1000, "{} orders", g.orders);
    let ledger_rows: i64 = s
        .app
        .reader()
        .unwrap_or_else(|e| panic!("{e}"))
        .query_row("SELECT count(*) FROM stock_ledger", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(ledger_rows, i64::from(g.ledger_entries));
    let mismatches =
        farmstall_store::stock::check_balances(&s.app.reader().unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_default();
    assert!(mismatches.is_empty(), "{mismatches:?}");
}

#[test]
fn two_copies_writing_at_once_lose_nothing() {
    let s = shop();
    drop(s.app);
    let writers: Vec<_> = ["desktop", "cli"]
        .into_iter()
        .map(|who| {
            let path = s.path.clone();
            std::thread::spawn(move || {
                let mut app = App::open(&path, Origin::Cli).unwrap_or_else(|e| panic!("open: {e}"));
                for i in 0..40 {
                    app.create_farmer(&farmer(&format!("{who}-{i}"), "大木村"))
                        .unwrap_or_else(|e| panic!("{who} write {i}: {e}"));
                }
            })
        })
        .collect();
    for writer in writers {
        writer
            .join()
            .unwrap_or_else(|_| panic!("a writer panicked"));
    }
    let mut app = open(&s.path);
    assert_eq!(ok(app.list_farmers(&all())).total, 80);
    let integrity: String = app
        .reader()
        .unwrap_or_else(|e| panic!("{e}"))
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(integrity, "ok");
    assert_eq!(change_count(&app), 80, "one change per write, none lost");
}

#[test]
fn every_wrong_field_of_a_form_is_reported_at_once() {
    let mut s = shop();
    let input = ProductInput {
        name_zh: String::new(),
        sale_unit: "筐".into(),
        price: "abc".into(),
        ..kiwi()
    };
    let error = s
        .app
        .create_product(&input)
        .err()
        .map(|e| IpcError::from(&e));
    let error = error.unwrap_or_else(|| panic!("accepted an invalid product"));
    let fields: Vec<(&str, &str)> = error
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.rule.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("nameZh", "required"),
            ("saleUnit", "unknown_unit"),
            ("price", "not_a_number")
        ]
    );
    assert_eq!(
        error.field.as_deref(),
        Some("nameZh"),
        "the first is repeated for simple callers"
    );
    let profile_error = s
        .app
        .save_shop_profile(&ShopProfileInput::default())
        .err()
        .map(|e| IpcError::from(&e).errors.len());
    assert_eq!(
        profile_error,
        Some(6),
        "name, sender, phone, province, city, street"
    );
}

#[test]
fn lists_are_in_pinyin_order_and_pinyin_initials_find_names() {
    let mut s = shop();
    ok(s.app.load_demo());
    let names: Vec<String> = ok(s.app.list_farmers(&ListQuery::default()))
        .items
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names[..4],
        ["陈玉兰", "黄秀珍", "李桂芬", "刘家顺"].map(String::from),
        "chen, huang, li, liu: the order of a Chinese address book"
    );
    let find = |app: &mut App, text: &str| -> Vec<String> {
        ok(app.list_farmers(&ListQuery {
            search: text.into(),
            ..ListQuery::default()
        }))
        .items
        .into_iter()
        .map(|f| f.name)
        .collect()
    };
    assert_eq!(find(&mut s.app, "wdg"), ["王德贵"]);
    assert_eq!(find(&mut s.app, "Wang De"), ["王德贵"]);
    let kiwis = ok(s.app.list_products(&ListQuery {
        search: "mht".into(),
        ..ListQuery::default()
    }));
    assert_eq!(kiwis.total, 6, "猕猴桃 by its initials");
}

#[test]
fn a_file_that_cannot_be_opened_says_why_as_a_code_the_ui_translates() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text_file = dir.path().join("notes.db");
    std::fs::write(&text_file, "进货记录").unwrap_or_else(|e| panic!("{e}"));
    let error = App::open(&text_file, Origin::Desktop).err();
    assert_eq!(
        error.as_ref().map(AppError::open_error_kind),
        Some("not_farmstall")
    );
    let folder = dir.path().join("a-folder.db");
    std::fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    let error = App::open(&folder, Origin::Desktop).err();
    assert_eq!(
        error.as_ref().map(AppError::open_error_kind),
        Some("cannot_open")
    );
}

/// The only connection the app hands out reads: a test or a benchmark cannot change the shop
/// outside a use case (and so outside the change log), and the app writes again afterwards.
#[test]
fn the_reader_cannot_write_and_the_app_still_can() {
    let mut s = shop();
    {
        let reader = s.app.reader().unwrap_or_else(|e| panic!("{e}"));
        let wrote = reader.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')", []);
        assert!(wrote.is_err(), "the reader wrote a setting");
    }
    let before = change_count(&s.app);
    ok(s.app.create_farmer(&FarmerInput {
        name: "赵大山".into(),
        ..FarmerInput::default()
    }));
    assert_eq!(change_count(&s.app), before + 1);
}
