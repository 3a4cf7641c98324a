//! Any text in any field of any input gives a result or a refusal naming the field: never a panic,
//! never an internal error, and a refusal leaves the shop as it was.
//!
//! Each input starts from one that works on the demo shop; a case puts one or two nasty strings
//! (huge numbers, tiny numbers, dates out of range, control and zero-width characters, anything)
//! into its fields and calls the real use case. One demo shop is opened per input type and reused
//! by its cases, so the whole file runs in seconds.

use std::cell::{Cell, RefCell};
use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{Address, FarmerInput, ListQuery, ProductInput, ShopProfileInput};
use farmstall_app::expenses::{ExpenseInput, ExpenseQuery};
use farmstall_app::orders::{
    OrderInput, OrderLineInput, OrderQuery, PackInput, RecipientInput, ShipInput,
};
use farmstall_app::packaging::PackagingRuleInput;
use farmstall_app::payroll::{EmployeeInput, PayInput, SchemeInput, WorkInput};
use farmstall_app::production::{InputLine, ProductionInput, RecipeInput};
use farmstall_app::reports::{MonthRange, PurchaseReportQuery};
use farmstall_app::returns::{ReturnInput, ReturnLineInput};
use farmstall_app::statement::StatementQuery;
use farmstall_app::stock::{
    CountInput, CountLineInput, LotQuery, PaymentInput, PurchaseInput, PurchaseLineInput,
    ReversalInput, WasteInput,
};
use farmstall_app::waybills::WaybillRangeInput;
use farmstall_app::{App, AppError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::StoreError;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Strings a careless person or script may send, and some that no one should.
const NASTY: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "-1",
    "1",
    "1e30",
    "1e27",
    "1E5",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7922816251426433759354395033.5",
    "100000000000000000000000000",
    "99999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "1000000000000",
    "100000001",
    "0.0000000000000000000000000001",
    "0.001",
    "0.0005",
    "NaN",
    "inf",
    "¥1e27",
    "79228162514264337593543950335元",
    "box:99999999999999999999:jin",
    "box:79228162514264337593543950335:jin",
    "箱(79228162514264337593543950335斤)",
    "box:0.0000000000000000000000000001:jin",
    "box:1e3:jin",
    "2026-11-28",
    "2026-11",
    "9999-12-31",
    "0001-01-01",
    "1900-01-01",
    "2100-01-01",
    "+262143-12-31",
    "-0001-01-01",
    "2026-13-01",
    "2026-02-30",
    "9999-12",
    "0000-01",
    "\u{200B}",
    "\u{200B}\u{200C}\u{200D}\u{FEFF}\u{2060}",
    "\u{1b}[31mred",
    "a\u{0007}b",
    "\u{0000}",
    "\t\n",
    "王\u{200B}",
    "=HYPERLINK(\"http://x\")",
    "'; DROP TABLE orders; --",
    "%s%n",
    "𝕏🥝",
];

fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(NASTY).prop_map(str::to_string),
        2 => "-?[0-9]{1,40}(\\.[0-9]{1,30})?",
        1 => "[0-9]{1,3}(e|E)-?[0-9]{1,3}",
        1 => any::<String>(),
        1 => "\\PC{0,5}[\\x00-\\x1f\\u{200b}-\\u{200d}\\u{feff}]\\PC{0,5}",
    ]
}

type Setter<'a, I> = (&'static str, Box<dyn Fn(&mut I, String) + 'a>);

macro_rules! fields {
    ($t:ty; $($name:literal => |$i:ident, $v:ident| $body:expr),* $(,)?) => {
        vec![$(($name, Box::new(|$i: &mut $t, $v: String| { $body; }) as Box<dyn Fn(&mut $t, String) + '_>)),*]
    };
}

/// The demo shop with a product and packaging in ample stock, and the ids the inputs need.
struct Shop {
    _dir: tempfile::TempDir,
    app: RefCell<App>,
    farmer: String,
    oil: String,
    ice: String,
    member: String,
    recipe: String,
    waybill: Cell<u64>,
}

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-11-28 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a clock")),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    ok(app.load_demo());
    let farmer = ok(app.list_farmers(&ListQuery::default()))
        .items
        .first()
        .unwrap_or_else(|| panic!("a demo farmer"))
        .id
        .clone();
    let oil = ok(app.create_product(&ProductInput {
        name_zh: "压榨菜籽油".into(),
        sale_unit: "斤".into(),
        stock_unit: "斤".into(),
        price: "10".into(),
        weight_kg: "0.5".into(),
        ..ProductInput::default()
    }))
    .id;
    let ice = ok(app.list_products(&ListQuery {
        search: "冰袋".into(),
        ..ListQuery::default()
    }))
    .items
    .first()
    .unwrap_or_else(|| panic!("the demo's ice packs"))
    .id
    .clone();
    let line = |product: &str| PurchaseLineInput {
        product_id: product.to_string(),
        quantity: "100000".into(),
        unit: "斤".into(),
        unit_price: "1".into(),
        ..PurchaseLineInput::default()
    };
    let mut ice_line = line(&ice);
    ice_line.unit = "个".into();
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer.clone(),
        received_on: "2026-11-27".into(),
        payment: "owed".into(),
        lines: vec![line(&oil), ice_line],
        ..PurchaseInput::default()
    }));
    let member = ok(app.list_members())
        .first()
        .unwrap_or_else(|| panic!("a demo member"))
        .id
        .clone();
    let recipe = ok(app.list_recipes(&ListQuery::default()))
        .items
        .first()
        .unwrap_or_else(|| panic!("a demo recipe"))
        .id
        .clone();
    Shop {
        _dir: dir,
        app: RefCell::new(app),
        farmer,
        oil,
        ice,
        member,
        recipe,
        waybill: Cell::new(1),
    }
}

/// Row counts of every table and the stock check: what a refused use case must leave as it was.
fn fingerprint(app: &App) -> Vec<(String, i64)> {
    let conn = app.reader().unwrap_or_else(|e| panic!("{e}"));
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'orders_fts%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    tables.push("change_log".into());
    let mut counts: Vec<(String, i64)> = tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap_or_else(|e| panic!("{t}: {e}"));
            (t, n)
        })
        .collect();
    let on_hand: i64 = conn
        .query_row(
            "SELECT coalesce(sum(on_hand_milli), 0) + coalesce(sum(reserved_milli), 0) FROM lots",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    counts.push(("lots.balances".into(), on_hand));
    let changes: i64 = conn
        .query_row("SELECT coalesce(max(rowid), 0) FROM change_log", [], |r| {
            r.get(0)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    counts.push(("change_log.last".into(), changes));
    counts
}

fn describe(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// Runs `call` on `app`: a panic or an internal error fails the case; a refusal must leave every
/// table as it was.
fn call_checked<T: Debug>(
    app: &mut App,
    what: &str,
    call: impl FnOnce(&mut App) -> Result<T, AppError>,
) -> Result<(), TestCaseError> {
    let before = fingerprint(app);
    let result = catch_unwind(AssertUnwindSafe(|| call(app)))
        .map_err(|p| TestCaseError::fail(format!("{what} panicked: {}", describe(&*p))))?;
    match result {
        Ok(_) => Ok(()),
        Err(
            AppError::Invalid(_)
            | AppError::Conflict(_)
            | AppError::Store(StoreError::NotFound { .. } | StoreError::Conflict(_)),
        ) => {
            prop_assert_eq!(fingerprint(app), before, "{} was refused but wrote", what);
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!(
            "{what} failed with an internal error: {e:?}"
        ))),
    }
}

/// Puts one or two nasty strings into `base`'s fields (after `prepare` filled in fresh ids) and
/// calls the use case.
fn fuzz<I: Clone + Debug, T: Debug>(
    shop: &Shop,
    name: &str,
    base: I,
    fields: Vec<Setter<'_, I>>,
    prepare: impl Fn(&Shop, &mut I),
    call: impl Fn(&mut App, &I) -> Result<T, AppError>,
) {
    // The base input must work, or the cases would test nothing past the first check.
    let mut first = base.clone();
    prepare(shop, &mut first);
    {
        let mut app = shop.app.borrow_mut();
        if let Err(e) = call(&mut app, &first) {
            panic!("{name}: the base input is refused: {e:?}");
        }
    }
    fuzz_cases(shop, name, base, fields, prepare, call);
}

/// The cases alone, for an input whose base may be refused.
fn fuzz_cases<I: Clone + Debug, T: Debug>(
    shop: &Shop,
    name: &str,
    base: I,
    fields: Vec<Setter<'_, I>>,
    prepare: impl Fn(&Shop, &mut I),
    call: impl Fn(&mut App, &I) -> Result<T, AppError>,
) {
    fuzz_n(shop, 64, name, base, fields, prepare, call);
}

/// `cases` cases (fewer for use cases that render a PDF).
fn fuzz_n<I: Clone + Debug, T: Debug>(
    shop: &Shop,
    cases: u32,
    name: &str,
    base: I,
    fields: Vec<Setter<'_, I>>,
    prepare: impl Fn(&Shop, &mut I),
    call: impl Fn(&mut App, &I) -> Result<T, AppError>,
) {
    if std::env::var_os("FUZZ_SURVEY").is_some() {
        survey(shop, name, &base, &fields, &prepare, &call);
        return;
    }
    let n = fields.len();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = proptest::collection::vec((0..n, nasty()), 1..=2);
    let result = runner.run(&strategy, |changes| {
        let mut input = base.clone();
        prepare(shop, &mut input);
        let mut what = name.to_string();
        for (i, value) in &changes {
            let (field, set) = &fields[*i];
            set(&mut input, value.clone());
            what.push_str(&format!(" {field}={value:?}"));
        }
        let mut app = shop.app.borrow_mut();
        call_checked(&mut app, &what, |app| call(app, &input))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Every listed nasty string in every field, one at a time, printing what broke instead of
/// stopping at the first (`FUZZ_SURVEY=1`: how the list of what panicked before the fix was made).
fn survey<I: Clone + Debug, T: Debug>(
    shop: &Shop,
    name: &str,
    base: &I,
    fields: &[Setter<'_, I>],
    prepare: &impl Fn(&Shop, &mut I),
    call: &impl Fn(&mut App, &I) -> Result<T, AppError>,
) {
    for (field, set) in fields {
        for value in NASTY {
            let mut input = base.clone();
            prepare(shop, &mut input);
            set(&mut input, (*value).to_string());
            let mut app = shop.app.borrow_mut();
            if let Err(e) = call_checked(&mut app, &format!("{name} {field}={value:?}"), |app| {
                call(app, &input)
            }) {
                println!("SURVEY {e}");
            }
        }
    }
}

fn no_prep<I>(_: &Shop, _: &mut I) {}

fn order_input(s: &Shop, state: &str) -> OrderInput {
    OrderInput {
        source: "wechat".into(),
        buyer: "李女士".into(),
        recipient: RecipientInput {
            name: "李芳".into(),
            phone: "13800138000".into(),
            province: "贵州省".into(),
            city: "贵阳市".into(),
            district: "修文县".into(),
            street: "龙场镇 1 号".into(),
            postcode: "550200".into(),
        },
        lines: vec![OrderLineInput {
            product_id: s.oil.clone(),
            quantity: "2".into(),
            unit_price: "10".into(),
            discount: "1".into(),
        }],
        shipping_fee: "8".into(),
        ordered_on: "2026-11-28".into(),
        state: state.into(),
        ..OrderInput::default()
    }
}

fn new_order(s: &Shop, state: &str) -> String {
    // A case may have sold or packed everything there was: each order brings its own stock.
    let line = |product: &str, unit: &str| PurchaseLineInput {
        product_id: product.to_string(),
        quantity: "10".into(),
        unit: unit.into(),
        unit_price: "1".into(),
        ..PurchaseLineInput::default()
    };
    ok(s.app.borrow_mut().receive_purchase(&PurchaseInput {
        farmer_id: s.farmer.clone(),
        received_on: "2026-11-28".into(),
        payment: "owed".into(),
        lines: vec![line(&s.oil, "斤"), line(&s.ice, "个")],
        ..PurchaseInput::default()
    }));
    ok(s.app.borrow_mut().create_order(&order_input(s, state))).id
}

fn pack(s: &Shop, order: &str) -> PackInput {
    PackInput {
        order_id: order.into(),
        packaging: vec![InputLine {
            product_id: s.ice.clone(),
            quantity: "1".into(),
        }],
        weight_kg: "1.2".into(),
        packed_by: s.member.clone(),
    }
}

fn next_waybill(s: &Shop) -> String {
    let n = s.waybill.get();
    s.waybill.set(n + 1);
    format!("SF{:013}", 1_000_000_000_000 + n)
}

fn ship(s: &Shop, order: &str) -> ShipInput {
    ShipInput {
        order_id: order.into(),
        courier: "SF".into(),
        waybill: next_waybill(s),
        shipping_cost: "12".into(),
    }
}

fn shipped_order(s: &Shop) -> String {
    let id = new_order(s, "paid");
    ok(s.app.borrow_mut().pack_order(&pack(s, &id)));
    ok(s.app.borrow_mut().ship_order(&ship(s, &id)));
    id
}

#[test]
fn shop_profile_input() {
    let s = shop();
    let base = ShopProfileInput {
        shop_name: "杨家农庄".into(),
        owner_name: "杨德明".into(),
        sender_name: "杨家农庄".into(),
        phone: "13800138000".into(),
        address: Address {
            province: "贵州省".into(),
            city: "贵阳市".into(),
            district: "修文县".into(),
            street: "六屯镇".into(),
        },
        default_courier: Some("SF".into()),
        language: "zh-CN".into(),
    };
    let fields = fields![ShopProfileInput;
        "shopName" => |i, v| i.shop_name = v,
        "ownerName" => |i, v| i.owner_name = v,
        "senderName" => |i, v| i.sender_name = v,
        "phone" => |i, v| i.phone = v,
        "address.province" => |i, v| i.address.province = v,
        "address.city" => |i, v| i.address.city = v,
        "address.district" => |i, v| i.address.district = v,
        "address.street" => |i, v| i.address.street = v,
        "defaultCourier" => |i, v| i.default_courier = Some(v),
        "language" => |i, v| i.language = v,
    ];
    fuzz(&s, "save_shop_profile", base, fields, no_prep, |app, i| {
        app.save_shop_profile(i)
    });
    fuzz(
        &s,
        "set_language",
        "zh-CN".to_string(),
        fields![String; "language" => |i, v| *i = v],
        no_prep,
        |app, i| app.set_language(i),
    );
}

#[test]
fn farmer_and_member_inputs() {
    let s = shop();
    let base = FarmerInput {
        name: "张德贵".into(),
        village: "大木村".into(),
        phone: "13800138000".into(),
        payment_notes: "微信".into(),
        remarks: "老朋友".into(),
    };
    let fields = fields![FarmerInput;
        "name" => |i, v| i.name = v,
        "village" => |i, v| i.village = v,
        "phone" => |i, v| i.phone = v,
        "paymentNotes" => |i, v| i.payment_notes = v,
        "remarks" => |i, v| i.remarks = v,
    ];
    let counter = Cell::new(0u32);
    let unique = |_: &Shop, i: &mut FarmerInput| {
        counter.set(counter.get() + 1);
        i.name = format!("王德贵{}", counter.get());
    };
    fuzz(
        &s,
        "create_farmer",
        base.clone(),
        fields,
        unique,
        |app, i| app.create_farmer(i),
    );
    let farmer = s.farmer.clone();
    let fields = fields![FarmerInput;
        "name" => |i, v| i.name = v,
        "village" => |i, v| i.village = v,
        "phone" => |i, v| i.phone = v,
    ];
    fuzz(&s, "update_farmer", base, fields, no_prep, |app, i| {
        app.update_farmer(&farmer, i)
    });
    fuzz(
        &s,
        "add_member",
        "小杨".to_string(),
        fields![String; "name" => |i, v| *i = v],
        |_, i| {
            counter.set(counter.get() + 1);
            *i = format!("小杨{}", counter.get());
        },
        |app, i| app.add_member(i),
    );
}

#[test]
fn product_input() {
    let s = shop();
    let base = ProductInput {
        name_zh: "土鸡蛋".into(),
        name_en: "Eggs".into(),
        sale_unit: "箱(30个)".into(),
        stock_unit: "个".into(),
        perishable: true,
        shelf_life_days: "30".into(),
        price: "45".into(),
        weight_kg: "2.1".into(),
        kind: "goods".into(),
        reorder_point: "60".into(),
        barcode: "6901234567892".into(),
    };
    let fields = fields![ProductInput;
        "nameZh" => |i, v| i.name_zh = v,
        "nameEn" => |i, v| i.name_en = v,
        "saleUnit" => |i, v| i.sale_unit = v,
        "stockUnit" => |i, v| i.stock_unit = v,
        "shelfLifeDays" => |i, v| i.shelf_life_days = v,
        "price" => |i, v| i.price = v,
        "weightKg" => |i, v| i.weight_kg = v,
        "kind" => |i, v| i.kind = v,
        "reorderPoint" => |i, v| i.reorder_point = v,
        "barcode" => |i, v| i.barcode = v,
    ];
    let counter = Cell::new(0u32);
    fuzz(
        &s,
        "create_product",
        base,
        fields,
        |_, i| {
            counter.set(counter.get() + 1);
            i.name_zh = format!("土鸡蛋{}", counter.get());
            i.barcode = String::new();
        },
        |app, i| app.create_product(i),
    );
    let list = fields![ListQuery;
        "search" => |i, v| i.search = v,
        "kind" => |i, v| i.kind = v,
    ];
    fuzz(
        &s,
        "list_products",
        ListQuery::default(),
        list,
        no_prep,
        |app, q| app.list_products(q),
    );
}

#[test]
fn stock_inputs() {
    let s = shop();
    let base = PurchaseInput {
        farmer_id: s.farmer.clone(),
        received_on: "2026-11-28".into(),
        payment: "owed".into(),
        note: "早上送来".into(),
        lines: vec![PurchaseLineInput {
            product_id: s.oil.clone(),
            grade: "一级".into(),
            quantity: "12.5".into(),
            unit: "斤".into(),
            unit_price: "3.2750".into(),
            line_total: String::new(),
            harvested_on: "2026-11-20".into(),
            best_before: "2027-11-20".into(),
        }],
    };
    let fields = fields![PurchaseInput;
        "farmerId" => |i, v| i.farmer_id = v,
        "receivedOn" => |i, v| i.received_on = v,
        "payment" => |i, v| i.payment = v,
        "note" => |i, v| i.note = v,
        "lines.grade" => |i, v| i.lines[0].grade = v,
        "lines.quantity" => |i, v| i.lines[0].quantity = v,
        "lines.unit" => |i, v| i.lines[0].unit = v,
        "lines.unitPrice" => |i, v| i.lines[0].unit_price = v,
        "lines.lineTotal" => |i, v| i.lines[0].line_total = v,
        "lines.unitPrice+lineTotal" => |i, v| { i.lines[0].unit_price = String::new(); i.lines[0].line_total = v },
        "lines.harvestedOn" => |i, v| i.lines[0].harvested_on = v,
        "lines.bestBefore" => |i, v| i.lines[0].best_before = v,
    ];
    fuzz(
        &s,
        "receive_purchase",
        base.clone(),
        fields,
        no_prep,
        |app, i| app.receive_purchase(i),
    );

    let lot = |s: &Shop| {
        ok(s.app.borrow_mut().receive_purchase(&base)).lines[0]
            .lot_id
            .clone()
    };
    let waste = WasteInput {
        lot_id: String::new(),
        quantity: "0.5".into(),
        reason: "spoiled".into(),
        note: "烂了".into(),
    };
    let fields = fields![WasteInput;
        "lotId" => |i, v| i.lot_id = v,
        "quantity" => |i, v| i.quantity = v,
        "reason" => |i, v| i.reason = v,
        "note" => |i, v| i.note = v,
    ];
    fuzz(
        &s,
        "record_waste",
        waste,
        fields,
        |s, i| i.lot_id = lot(s),
        |app, i| app.record_waste(i),
    );

    let count = CountInput {
        counted_on: "2026-11-28".into(),
        note: "月底盘点".into(),
        lines: vec![CountLineInput {
            lot_id: String::new(),
            counted: "12".into(),
        }],
    };
    let fields = fields![CountInput;
        "countedOn" => |i, v| i.counted_on = v,
        "note" => |i, v| i.note = v,
        "lines.lotId" => |i, v| i.lines[0].lot_id = v,
        "lines.counted" => |i, v| i.lines[0].counted = v,
    ];
    fuzz(
        &s,
        "record_count",
        count,
        fields,
        |s, i| i.lines[0].lot_id = lot(s),
        |app, i| app.record_count(i),
    );

    let reversal = ReversalInput {
        purchase_id: String::new(),
        reason: "称错了".into(),
        reversed_on: "2026-11-28".into(),
    };
    let fields = fields![ReversalInput;
        "purchaseId" => |i, v| i.purchase_id = v,
        "reason" => |i, v| i.reason = v,
        "reversedOn" => |i, v| i.reversed_on = v,
    ];
    fuzz(
        &s,
        "reverse_purchase",
        reversal,
        fields,
        |s, i| i.purchase_id = ok(s.app.borrow_mut().receive_purchase(&base)).id,
        |app, i| app.reverse_purchase(i),
    );

    let payment = PaymentInput {
        farmer_id: s.farmer.clone(),
        amount: "1".into(),
        method: "wechat".into(),
        paid_on: "2026-11-28".into(),
        note: "微信转账".into(),
    };
    let fields = fields![PaymentInput;
        "farmerId" => |i, v| i.farmer_id = v,
        "amount" => |i, v| i.amount = v,
        "method" => |i, v| i.method = v,
        "paidOn" => |i, v| i.paid_on = v,
        "note" => |i, v| i.note = v,
    ];
    fuzz(&s, "record_payment", payment, fields, no_prep, |app, i| {
        app.record_payment(i)
    });

    let query = LotQuery {
        search: String::new(),
        product_id: Some(s.oil.clone()),
        include_empty: false,
        expiring_within_days: Some(30),
        limit: 50,
        offset: 0,
        after: None,
    };
    let fields = fields![LotQuery;
        "search" => |i, v| i.search = v,
        "productId" => |i, v| i.product_id = Some(v),
        "after" => |i, v| i.after = Some(v),
    ];
    fuzz(&s, "list_lots", query, fields, no_prep, |app, q| {
        app.list_lots(q)
    });
}

#[test]
fn production_inputs() {
    let s = shop();
    let soy = ok(s.app.borrow_mut().get_recipe(&s.recipe)).inputs[0]
        .product_id
        .clone();
    let output = ok(s.app.borrow_mut().get_recipe(&s.recipe)).output_product_id;
    let recipe = RecipeInput {
        name: "豆腐".into(),
        output_product_id: output,
        output_quantity: "3".into(),
        shelf_life_days: "3".into(),
        note: "点卤".into(),
        inputs: vec![InputLine {
            product_id: soy.clone(),
            quantity: "1".into(),
        }],
    };
    let fields = fields![RecipeInput;
        "name" => |i, v| i.name = v,
        "outputProductId" => |i, v| i.output_product_id = v,
        "outputQuantity" => |i, v| i.output_quantity = v,
        "shelfLifeDays" => |i, v| i.shelf_life_days = v,
        "note" => |i, v| i.note = v,
        "inputs.productId" => |i, v| i.inputs[0].product_id = v,
        "inputs.quantity" => |i, v| i.inputs[0].quantity = v,
    ];
    let counter = Cell::new(0u32);
    fuzz(
        &s,
        "create_recipe",
        recipe,
        fields,
        |_, i| {
            counter.set(counter.get() + 1);
            i.name = format!("豆腐{}", counter.get());
        },
        |app, i| app.create_recipe(i),
    );
    // Soy beans for every run.
    ok(s.app.borrow_mut().receive_purchase(&PurchaseInput {
        farmer_id: s.farmer.clone(),
        received_on: "2026-11-28".into(),
        payment: "owed".into(),
        lines: vec![PurchaseLineInput {
            product_id: soy.clone(),
            quantity: "100000".into(),
            unit: "斤".into(),
            unit_price: "2".into(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
    let run = ProductionInput {
        recipe_id: s.recipe.clone(),
        output_quantity: "3".into(),
        produced_on: "2026-11-28".into(),
        labour: "5".into(),
        note: "早上做的".into(),
        inputs: vec![],
    };
    let fields = fields![ProductionInput;
        "recipeId" => |i, v| i.recipe_id = v,
        "outputQuantity" => |i, v| i.output_quantity = v,
        "producedOn" => |i, v| i.produced_on = v,
        "labour" => |i, v| i.labour = v,
        "note" => |i, v| i.note = v,
        "inputs.quantity" => |i, v| i.inputs = vec![InputLine { product_id: soy.clone(), quantity: v }],
        "inputs.productId" => |i, v| i.inputs = vec![InputLine { product_id: v, quantity: "1".into() }],
    ];
    fuzz(
        &s,
        "plan_production",
        run.clone(),
        fields,
        no_prep,
        |app, i| app.plan_production(i),
    );
    let fields = fields![ProductionInput;
        "outputQuantity" => |i, v| i.output_quantity = v,
        "producedOn" => |i, v| i.produced_on = v,
        "labour" => |i, v| i.labour = v,
        "note" => |i, v| i.note = v,
        "inputs.quantity" => |i, v| i.inputs = vec![InputLine { product_id: soy.clone(), quantity: v }],
    ];
    fuzz(&s, "record_production", run, fields, no_prep, |app, i| {
        app.record_production(i)
    });
}

#[test]
fn order_inputs() {
    let s = shop();
    let fields = fields![OrderInput;
        "source" => |i, v| i.source = v,
        "platformOrderId" => |i, v| i.platform_order_id = v,
        "buyer" => |i, v| i.buyer = v,
        "recipient.name" => |i, v| i.recipient.name = v,
        "recipient.phone" => |i, v| i.recipient.phone = v,
        "recipient.province" => |i, v| i.recipient.province = v,
        "recipient.city" => |i, v| i.recipient.city = v,
        "recipient.district" => |i, v| i.recipient.district = v,
        "recipient.street" => |i, v| i.recipient.street = v,
        "recipient.postcode" => |i, v| i.recipient.postcode = v,
        "lines.productId" => |i, v| i.lines[0].product_id = v,
        "lines.quantity" => |i, v| i.lines[0].quantity = v,
        "lines.unitPrice" => |i, v| i.lines[0].unit_price = v,
        "lines.discount" => |i, v| i.lines[0].discount = v,
        "shippingFee" => |i, v| i.shipping_fee = v,
        "buyerNote" => |i, v| i.buyer_note = v,
        "sellerNote" => |i, v| i.seller_note = v,
        "orderedOn" => |i, v| i.ordered_on = v,
        "state" => |i, v| i.state = v,
    ];
    fuzz(
        &s,
        "create_order",
        order_input(&s, "paid"),
        fields,
        no_prep,
        |app, i| app.create_order(i),
    );

    let fields = fields![PackInput;
        "orderId" => |i, v| i.order_id = v,
        "packaging.productId" => |i, v| i.packaging[0].product_id = v,
        "packaging.quantity" => |i, v| i.packaging[0].quantity = v,
        "weightKg" => |i, v| i.weight_kg = v,
        "packedBy" => |i, v| i.packed_by = v,
    ];
    fuzz(
        &s,
        "pack_order",
        pack(&s, ""),
        fields,
        |s, i| i.order_id = new_order(s, "paid"),
        |app, i| app.pack_order(i),
    );

    let fields = fields![ShipInput;
        "orderId" => |i, v| i.order_id = v,
        "courier" => |i, v| i.courier = v,
        "waybill" => |i, v| i.waybill = v,
        "shippingCost" => |i, v| i.shipping_cost = v,
    ];
    let packed = |s: &Shop, i: &mut ShipInput| {
        let id = new_order(s, "paid");
        ok(s.app.borrow_mut().pack_order(&pack(s, &id)));
        i.order_id = id;
        i.waybill = next_waybill(s);
    };
    fuzz(&s, "ship_order", ship(&s, ""), fields, packed, |app, i| {
        app.ship_order(i)
    });

    let fields = fields![ReturnInput;
        "orderId" => |i, v| i.order_id = v,
        "lines.productId" => |i, v| i.lines[0].product_id = v,
        "lines.quantity" => |i, v| i.lines[0].quantity = v,
        "lines.disposition" => |i, v| i.lines[0].disposition = v,
        "lines.reason" => |i, v| i.lines[0].reason = v,
        "refund" => |i, v| i.refund = v,
        "note" => |i, v| i.note = v,
    ];
    let back = ReturnInput {
        order_id: String::new(),
        lines: vec![ReturnLineInput {
            product_id: s.oil.clone(),
            quantity: "1".into(),
            disposition: "waste".into(),
            reason: "damaged".into(),
        }],
        refund: "5".into(),
        note: "压坏了".into(),
    };
    fuzz(
        &s,
        "return_order",
        back,
        fields,
        |s, i| i.order_id = shipped_order(s),
        |app, i| app.return_order(i),
    );

    let query = OrderQuery {
        states: vec!["paid".into()],
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        search: "李".into(),
        limit: 50,
        ..OrderQuery::default()
    };
    let fields = fields![OrderQuery;
        "states" => |i, v| i.states = vec![v],
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
        "productId" => |i, v| i.product_id = v,
        "province" => |i, v| i.province = v,
        "source" => |i, v| i.source = v,
        "search" => |i, v| i.search = v,
        "sort" => |i, v| i.sort = v,
        "after" => |i, v| i.after = Some(v),
    ];
    fuzz(&s, "list_orders", query, fields, no_prep, |app, q| {
        app.list_orders(q)
    });

    let rule = PackagingRuleInput {
        id: String::new(),
        product_id: s.oil.clone(),
        up_to: "2".into(),
        packaging: vec![InputLine {
            product_id: s.ice.clone(),
            quantity: "1".into(),
        }],
        note: "两斤一袋冰".into(),
    };
    let fields = fields![PackagingRuleInput;
        "id" => |i, v| i.id = v,
        "productId" => |i, v| i.product_id = v,
        "upTo" => |i, v| i.up_to = v,
        "packaging.productId" => |i, v| i.packaging[0].product_id = v,
        "packaging.quantity" => |i, v| i.packaging[0].quantity = v,
        "note" => |i, v| i.note = v,
    ];
    fuzz(
        &s,
        "save_packaging_rule",
        rule,
        fields,
        no_prep,
        |app, i| app.save_packaging_rule(i),
    );

    let range = WaybillRangeInput {
        courier: "ZTO".into(),
        first: "75120000000100".into(),
        last: "75120000000102".into(),
        note: "网点买的".into(),
    };
    let fields = fields![WaybillRangeInput;
        "courier" => |i, v| i.courier = v,
        "first" => |i, v| i.first = v,
        "last" => |i, v| i.last = v,
        "note" => |i, v| i.note = v,
    ];
    let n = Cell::new(0u64);
    fuzz(
        &s,
        "add_waybill_range",
        range,
        fields,
        |_, i| {
            n.set(n.get() + 1);
            let first = 75_120_000_000_000 + n.get() * 1000;
            i.first = first.to_string();
            i.last = (first + 2).to_string();
        },
        |app, i| app.add_waybill_range(i),
    );
}

#[test]
fn payroll_inputs() {
    let s = shop();
    let employee = EmployeeInput {
        name: String::new(),
        relation: "妹妹".into(),
        phone: "13800138000".into(),
        start_on: "2026-03-01".into(),
        end_on: String::new(),
        withhold_tax: true,
        special_deduction: "1000".into(),
        additional_deduction: "0".into(),
        account_note: "微信".into(),
        schemes: vec![SchemeInput {
            kind: "piece".into(),
            work: "packing".into(),
            rate: "1.5".into(),
        }],
    };
    let fields = fields![EmployeeInput;
        "name" => |i, v| i.name = v,
        "relation" => |i, v| i.relation = v,
        "phone" => |i, v| i.phone = v,
        "startOn" => |i, v| i.start_on = v,
        "endOn" => |i, v| i.end_on = v,
        "specialDeduction" => |i, v| i.special_deduction = v,
        "additionalDeduction" => |i, v| i.additional_deduction = v,
        "accountNote" => |i, v| i.account_note = v,
        "schemes.kind" => |i, v| i.schemes[0].kind = v,
        "schemes.work" => |i, v| i.schemes[0].work = v,
        "schemes.rate" => |i, v| i.schemes[0].rate = v,
    ];
    let counter = Cell::new(0u32);
    fuzz(
        &s,
        "save_employee",
        employee.clone(),
        fields,
        |_, i| {
            counter.set(counter.get() + 1);
            i.name = format!("杨秀梅{}", counter.get());
        },
        |app, i| app.save_employee(i),
    );
    let member = ok(s.app.borrow_mut().save_employee(&EmployeeInput {
        name: "杨秀兰".into(),
        ..employee
    }))
    .member_id;
    // Months first: a case of record_work below may leave a month too large to compute.
    for (name, call) in [
        (
            "preview_payroll",
            (|app: &mut App, m: &String| app.preview_payroll(m).map(|_| ()))
                as fn(&mut App, &String) -> Result<(), AppError>,
        ),
        ("list_work", |app, m| app.list_work(m).map(|_| ())),
    ] {
        fuzz(
            &s,
            name,
            "2026-11".to_string(),
            fields![String; "month" => |i, v| *i = v],
            no_prep,
            call,
        );
    }
    let work = WorkInput {
        member_id: member.clone(),
        date: "2026-11-20".into(),
        kind: "pieces".into(),
        work: "packing".into(),
        quantity: "30".into(),
        amount: String::new(),
        note: "打包".into(),
    };
    let fields = fields![WorkInput;
        "memberId" => |i, v| i.member_id = v,
        "date" => |i, v| i.date = v,
        "kind" => |i, v| i.kind = v,
        "work" => |i, v| i.work = v,
        "quantity" => |i, v| i.quantity = v,
        "amount" => |i, v| { i.kind = "bonus".into(); i.amount = v },
        "note" => |i, v| i.note = v,
    ];
    fuzz(&s, "record_work", work, fields, no_prep, |app, i| {
        app.record_work(i)
    });
    let pay = PayInput {
        month: "2026-10".into(),
        member_id: member,
        amount: "1".into(),
        method: "wechat".into(),
        paid_on: "2026-11-28".into(),
    };
    let fields = fields![PayInput;
        "month" => |i, v| i.month = v,
        "memberId" => |i, v| i.member_id = v,
        "amount" => |i, v| i.amount = v,
        "method" => |i, v| i.method = v,
        "paidOn" => |i, v| i.paid_on = v,
    ];
    // Pay is for an approved month; whether this one is or not, no text may panic.
    let _ = s.app.borrow_mut().approve_payroll("2026-10");
    fuzz_cases(&s, "pay_payslip", pay, fields, no_prep, |app, i| {
        app.pay_payslip(i)
    });
}

#[test]
fn report_and_statement_queries() {
    let s = shop();
    let fields = fields![MonthRange;
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
    ];
    let range = MonthRange {
        from: "2026-01".into(),
        to: "2026-11".into(),
    };
    fuzz(&s, "spoilage_by_month", range, fields, no_prep, |app, q| {
        app.spoilage_by_month(q)
    });
    let fields = fields![PurchaseReportQuery;
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
        "search" => |i, v| i.search = v,
    ];
    let query = PurchaseReportQuery {
        from: "2026-01".into(),
        to: "2026-11".into(),
        search: String::new(),
        limit: 50,
        offset: 0,
    };
    fuzz(
        &s,
        "purchases_by_farmer_month",
        query,
        fields,
        no_prep,
        |app, q| app.purchases_by_farmer_month(q),
    );
    let fields = fields![StatementQuery;
        "farmerId" => |i, v| i.farmer_id = v,
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
        "language" => |i, v| i.language = v,
    ];
    let query = StatementQuery {
        farmer_id: s.farmer.clone(),
        from: "2026-01-01".into(),
        to: "2026-11-28".into(),
        language: "zh-CN".into(),
    };
    fuzz(&s, "farmer_statement", query, fields, no_prep, |app, q| {
        app.farmer_statement(q)
    });
    let fields = fields![ListQuery;
        "search" => |i, v| i.search = v,
        "kind" => |i, v| i.kind = v,
    ];
    fuzz(
        &s,
        "list_farmers",
        ListQuery::default(),
        fields,
        no_prep,
        |app, q| app.list_farmers(q),
    );
    let fields = fields![ListQuery;
        "search" => |i, v| i.search = v,
        "after" => |i, v| i.after = Some(v),
    ];
    fuzz(
        &s,
        "list_purchases",
        ListQuery::default(),
        fields,
        no_prep,
        |app, q| app.list_purchases(q),
    );
}

/// A use case that takes one string (an id, a note, a courier, a month), with an order made for
/// it first when it needs one.
type OneString = fn(&mut App, &str, &str) -> Result<String, AppError>;

fn debug<T: Debug>(result: Result<T, AppError>) -> Result<String, AppError> {
    result.map(|v| format!("{v:?}"))
}

#[test]
fn ids_notes_couriers_and_months() {
    let s = shop();
    let calls: [(&str, bool, OneString); 16] = [
        ("get_farmer", false, |app, _, v| debug(app.get_farmer(v))),
        ("archive_farmer", false, |app, _, v| {
            debug(app.archive_farmer(v))
        }),
        ("get_product", false, |app, _, v| debug(app.get_product(v))),
        ("restore_product", false, |app, _, v| {
            debug(app.restore_product(v))
        }),
        ("get_recipe", false, |app, _, v| debug(app.get_recipe(v))),
        ("product_stock", false, |app, _, v| {
            debug(app.product_stock(v))
        }),
        ("get_order", false, |app, _, v| debug(app.get_order(v))),
        ("mark_order_paid", false, |app, _, v| {
            debug(app.mark_order_paid(v))
        }),
        ("cancel_order.note", true, |app, order, v| {
            debug(app.cancel_order(order, v))
        }),
        ("take_waybill.courier", true, |app, order, v| {
            debug(app.take_waybill(order, v))
        }),
        ("set_current_member", false, |app, _, v| {
            debug(app.set_current_member(v))
        }),
        ("set_member_active", false, |app, _, v| {
            debug(app.set_member_active(v, true))
        }),
        ("delete_work", false, |app, _, v| debug(app.delete_work(v))),
        ("approve_payroll", false, |app, _, v| {
            debug(app.approve_payroll(v))
        }),
        ("suggest_packaging", false, |app, _, v| {
            debug(app.suggest_packaging(v))
        }),
        ("pick_list", false, |app, _, v| {
            debug(app.pick_list(&farmstall_app::shipping::PickListQuery {
                order_ids: vec![v.to_string()],
            }))
        }),
    ];
    for (name, needs_order, call) in calls {
        let fields = fields![(String, String); "value" => |i, v| i.1 = v];
        let prepare = |s: &Shop, i: &mut (String, String)| {
            if needs_order {
                i.0 = new_order(s, "paid");
            }
        };
        fuzz_cases(&s, name, Default::default(), fields, prepare, |app, i| {
            call(app, &i.0, &i.1)
        });
    }
}

#[test]
fn printed_documents() {
    let s = shop();
    let paid = new_order(&s, "paid");
    let labels = farmstall_app::shipping::LabelRequest {
        order_ids: vec![paid],
        format: "100x150".into(),
        size: String::new(),
        dpi: 203,
        mask_phone: true,
        sort: String::new(),
    };
    let fields = fields![farmstall_app::shipping::LabelRequest;
        "orderIds" => |i, v| i.order_ids = vec![v],
        "format" => |i, v| i.format = v,
        "size" => |i, v| { i.format = "zpl".into(); i.size = v },
    ];
    fuzz_n(&s, 16, "print_labels", labels, fields, no_prep, |app, r| {
        app.print_labels(r)
    });
    let statement = StatementQuery {
        farmer_id: s.farmer.clone(),
        from: "2026-01-01".into(),
        to: "2026-11-28".into(),
        language: "en".into(),
    };
    let fields = fields![StatementQuery;
        "farmerId" => |i, v| i.farmer_id = v,
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
        "language" => |i, v| i.language = v,
    ];
    fuzz_n(
        &s,
        16,
        "save_farmer_statement",
        statement,
        fields,
        no_prep,
        |app, q| app.save_farmer_statement(q),
    );
    let slips = farmstall_app::payroll::PayslipRequest {
        month: "2026-10".into(),
        member_ids: vec![],
        language: "zh-CN".into(),
    };
    let fields = fields![farmstall_app::payroll::PayslipRequest;
        "month" => |i, v| i.month = v,
        "memberIds" => |i, v| i.member_ids = vec![v],
        "language" => |i, v| i.language = v,
    ];
    // The demo's October may not be approved: a refusal is as good as a PDF here.
    fuzz_n(
        &s,
        16,
        "print_payslips",
        slips,
        fields,
        no_prep,
        |app, r| app.print_payslips(r),
    );
}

#[test]
fn import_inputs() {
    let s = shop();
    let mapping = farmstall_app::imports::ImportMappingInput {
        key: "KIWI-TEST".into(),
        product_id: s.oil.clone(),
        per: "2".into(),
    };
    let fields = fields![farmstall_app::imports::ImportMappingInput;
        "key" => |i, v| i.key = v,
        "productId" => |i, v| i.product_id = v,
        "per" => |i, v| i.per = v,
    ];
    fuzz(
        &s,
        "save_import_mapping",
        mapping,
        fields,
        no_prep,
        |app, i| app.save_import_mapping(i),
    );
    // The demo's Douyin export, read with any platform and history day.
    let douyin = farmstall_app::imports::demo_files()
        .into_iter()
        .filter(|f| f.name.starts_with("douyin/"))
        .collect::<Vec<_>>();
    let options = farmstall_app::imports::ImportOptions {
        platform: "douyin".into(),
        history_before: "2026-12-01".into(),
    };
    let fields = fields![farmstall_app::imports::ImportOptions;
        "platform" => |i, v| i.platform = v,
        "historyBefore" => |i, v| i.history_before = v,
    ];
    fuzz(&s, "preview_import", options, fields, no_prep, |app, o| {
        let files = farmstall_app::imports::decode_files(douyin.clone())?;
        app.preview_import(&files, o)
    });
    let file = farmstall_app::imports::ImportFile {
        name: "orders.csv".into(),
        data: "5ZWG5ZOBLOiuouWNleWPtw==".into(),
    };
    let fields = fields![farmstall_app::imports::ImportFile;
        "name" => |i, v| i.name = v,
        "data" => |i, v| i.data = v,
    ];
    // Any name and any text as the file's base64: refused as a field, never a panic.
    fuzz_cases(&s, "import_orders", file, fields, no_prep, |app, f| {
        let files = farmstall_app::imports::decode_files(vec![f.clone()])?;
        app.import_orders(&files, &Default::default(), &mut |_, _| {})
    });
    let export = farmstall_app::imports::ShipmentExportInput {
        platform: "taobao".into(),
        format: "csv".into(),
    };
    let fields = fields![farmstall_app::imports::ShipmentExportInput;
        "platform" => |i, v| i.platform = v,
        "format" => |i, v| i.format = v,
    ];
    fuzz_cases(&s, "export_shipments", export, fields, no_prep, |app, i| {
        app.export_shipments(i)
    });
    let split = farmstall_app::imports::SplitInput {
        source: "taobao".into(),
        platform_order_id: "4201521103100730461".into(),
        lines: vec![farmstall_app::orders::OrderLineInput {
            product_id: s.oil.clone(),
            quantity: "1".into(),
            ..Default::default()
        }],
    };
    let fields = fields![farmstall_app::imports::SplitInput;
        "source" => |i, v| i.source = v,
        "platformOrderId" => |i, v| i.platform_order_id = v,
        "lines.0.productId" => |i, v| i.lines[0].product_id = v,
        "lines.0.quantity" => |i, v| i.lines[0].quantity = v,
    ];
    fuzz_cases(&s, "split_held_import", split, fields, no_prep, |app, i| {
        app.split_held_import(i)
    });
}

#[test]
fn expense_inputs() {
    let s = shop();
    let base = ExpenseInput {
        spent_on: "2026-11-20".into(),
        category: "electricity".into(),
        amount: "312.40".into(),
        note: "十一月电费".into(),
    };
    let fields = fields![ExpenseInput;
        "spentOn" => |i, v| i.spent_on = v,
        "category" => |i, v| i.category = v,
        "amount" => |i, v| i.amount = v,
        "note" => |i, v| i.note = v,
    ];
    fuzz(&s, "add_expense", base, fields, no_prep, |app, i| {
        app.add_expense(i)
    });
    let fields = fields![ExpenseQuery;
        "month" => |i, v| i.month = v,
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
        "category" => |i, v| i.category = v,
    ];
    fuzz(
        &s,
        "list_expenses",
        ExpenseQuery::default(),
        fields,
        no_prep,
        |app, i| app.list_expenses(i),
    );
    fuzz_cases(
        &s,
        "void_expense",
        String::new(),
        fields![String; "id" => |i, v| *i = v],
        no_prep,
        |app, i| app.void_expense(i),
    );
}

#[test]
fn sales_profit_plan_and_forecast_queries() {
    use farmstall_app::sales::SalesQuery;
    let s = shop();
    let fields = fields![SalesQuery;
        "by" => |i, v| i.by = v,
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
    ];
    let query = SalesQuery {
        by: "province".into(),
        from: "2026-01-01".into(),
        to: "2026-11-28".into(),
    };
    fuzz(
        &s,
        "sales_report",
        query.clone(),
        fields,
        no_prep,
        |app, q| app.sales_report(q),
    );
    let fields = fields![SalesQuery;
        "by" => |i, v| i.by = v,
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
    ];
    fuzz_n(
        &s,
        16,
        "export_sales_xlsx",
        query,
        fields,
        no_prep,
        |app, q| app.export_sales_xlsx(q),
    );
    let month = || fields![String; "month" => |i, v| *i = v];
    fuzz(
        &s,
        "profit_statement",
        "2026-11".to_string(),
        month(),
        no_prep,
        |app, m| app.profit_statement(m),
    );
    fuzz_n(
        &s,
        16,
        "export_profit_xlsx",
        "2026-11".to_string(),
        month(),
        no_prep,
        |app, m| app.export_profit_xlsx(m),
    );
    let safety = || fields![String; "safetyPercent" => |i, v| *i = v];
    fuzz_n(
        &s,
        16,
        "purchase_plan",
        "20".to_string(),
        safety(),
        no_prep,
        |app, p| app.purchase_plan(p),
    );
    fuzz_n(
        &s,
        8,
        "export_plan_xlsx",
        "20".to_string(),
        safety(),
        no_prep,
        |app, p| app.export_plan_xlsx(p),
    );
    fuzz_n(
        &s,
        16,
        "forecast",
        String::new(),
        fields![String; "productId" => |i, v| *i = v],
        no_prep,
        |app, p| app.forecast(p),
    );
    let fields = fields![ExpenseQuery;
        "month" => |i, v| i.month = v,
        "from" => |i, v| i.from = v,
        "to" => |i, v| i.to = v,
        "category" => |i, v| i.category = v,
    ];
    fuzz_n(
        &s,
        16,
        "export_expenses_xlsx",
        ExpenseQuery::default(),
        fields,
        no_prep,
        |app, q| app.export_expenses_xlsx(q),
    );
}
