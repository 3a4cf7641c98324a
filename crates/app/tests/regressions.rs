//! Regression tests for inputs that once broke a use case, each named after what broke.
//!
//! Before these fixes a huge number panicked inside the use case (rust_decimal's `*` panics on
//! overflow) while the shop's lock was held; a date or name the schema refused came back as an
//! internal database error; an absurd box size was stored.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderInput, OrderLineInput, PackInput, RecipientInput};
use farmstall_app::payroll::{EmployeeInput, SchemeInput, WorkInput};
use farmstall_app::stock::{LotQuery, PurchaseInput, PurchaseLineInput};
use farmstall_app::{App, AppError, Origin};
use farmstall_domain::FixedClock;

struct Shop {
    _dir: tempfile::TempDir,
    app: App,
    farmer: String,
    oil: String,
}

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// The refusal as (field, rule code, params): a panic or an internal error fails the test.
fn refusal<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, String, Vec<String>)> {
    match result {
        Err(AppError::Invalid(errors)) => errors
            .into_iter()
            .map(|e| {
                let params = e.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                (e.field, e.rule.code().to_string(), params)
            })
            .collect(),
        other => panic!("expected a refusal naming the field, got {other:?}"),
    }
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
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let oil = ok(app.create_product(&oil()).map(|p| p.id));
    Shop {
        _dir: dir,
        app,
        farmer,
        oil,
    }
}

fn oil() -> ProductInput {
    ProductInput {
        name_zh: "菜籽油".into(),
        sale_unit: "斤".into(),
        stock_unit: "斤".into(),
        price: "10".into(),
        ..ProductInput::default()
    }
}

fn receipt(s: &Shop, line: PurchaseLineInput) -> PurchaseInput {
    PurchaseInput {
        farmer_id: s.farmer.clone(),
        received_on: "2026-11-28".into(),
        payment: "owed".into(),
        lines: vec![PurchaseLineInput {
            product_id: s.oil.clone(),
            ..line
        }],
        ..PurchaseInput::default()
    }
}

fn line(quantity: &str, unit_price: &str, best_before: &str) -> PurchaseLineInput {
    PurchaseLineInput {
        quantity: quantity.into(),
        unit: "斤".into(),
        unit_price: unit_price.into(),
        best_before: best_before.into(),
        ..PurchaseLineInput::default()
    }
}

/// 10^27 written out, as a person (or a script) would type it: it overflowed `* 100` and `* 1000`.
const E27: &str = "1000000000000000000000000000";

fn too_large(field: &str, max: &str) -> Vec<(String, String, Vec<String>)> {
    vec![(field.into(), "too_large".into(), vec![format!("max={max}")])]
}

#[test]
fn a_price_of_1e27_yuan_panicked_and_is_now_too_large() {
    let mut s = shop();
    for price in [
        E27,
        "79228162514264337593543950335",
        "¥1000000000000000000000000000",
        "100000000.01",
    ] {
        assert_eq!(
            refusal(s.app.create_product(&ProductInput {
                name_zh: "贵油".into(),
                price: price.into(),
                ..oil()
            })),
            too_large("price", "100000000"),
            "{price}"
        );
    }
    // The largest allowed still works.
    ok(s.app.create_product(&ProductInput {
        name_zh: "贵油".into(),
        price: "100000000".into(),
        ..oil()
    }));
}

#[test]
fn a_receipt_price_or_total_of_1e27_panicked_and_is_now_too_large() {
    let mut s = shop();
    let input = receipt(&s, line("2", E27, ""));
    assert_eq!(
        refusal(s.app.receive_purchase(&input)),
        too_large("lines.0.unitPrice", "100000000")
    );
    let input = receipt(
        &s,
        PurchaseLineInput {
            line_total: E27.into(),
            ..line("2", "", "")
        },
    );
    assert_eq!(
        refusal(s.app.receive_purchase(&input)),
        too_large("lines.0.lineTotal", "100000000")
    );
    let input = receipt(&s, line(E27, "1", ""));
    assert_eq!(
        refusal(s.app.receive_purchase(&input)),
        too_large("lines.0.quantity", "1000000")
    );
}

#[test]
fn a_sale_unit_of_a_box_of_7e28_jin_was_stored_and_is_now_refused() {
    let mut s = shop();
    for unit in [
        "box:79228162514264337593543950335:jin",
        "box:99999999999999999999:jin",
        "箱(10001斤)",
    ] {
        assert_eq!(
            refusal(s.app.create_product(&ProductInput {
                name_zh: "大箱油".into(),
                sale_unit: unit.into(),
                ..oil()
            })),
            too_large("saleUnit", "10000"),
            "{unit}"
        );
    }
    // A receipt in such a box panicked converting it to the stock unit.
    let input = receipt(
        &s,
        PurchaseLineInput {
            unit: "box:79228162514264337593543950335:jin".into(),
            ..line("1", "1", "")
        },
    );
    assert_eq!(
        refusal(s.app.receive_purchase(&input)),
        too_large("lines.0.unit", "10000")
    );
}

#[test]
fn a_weight_or_reorder_point_of_1e27_panicked_and_is_now_too_large() {
    let mut s = shop();
    let input = ProductInput {
        name_zh: "重油".into(),
        weight_kg: E27.into(),
        reorder_point: "79228162514264337593543950335".into(),
        ..oil()
    };
    let mut refused = refusal(s.app.create_product(&input));
    refused.sort();
    let mut expected = too_large("reorderPoint", "1000000");
    expected.extend(too_large("weightKg", "1000000"));
    assert_eq!(refused, expected);
}

#[test]
fn an_order_price_discount_fee_or_pack_weight_of_1e27_panicked_and_is_now_too_large() {
    let mut s = shop();
    ok(s.app.receive_purchase(&receipt(&s, line("100", "1", ""))));
    let order = |price: &str, discount: &str, fee: &str| OrderInput {
        source: "wechat".into(),
        recipient: RecipientInput {
            name: "李芳".into(),
            phone: "13800138000".into(),
            province: "贵州省".into(),
            street: "龙场镇 1 号".into(),
            ..RecipientInput::default()
        },
        lines: vec![OrderLineInput {
            product_id: s.oil.clone(),
            quantity: "2".into(),
            unit_price: price.into(),
            discount: discount.into(),
        }],
        shipping_fee: fee.into(),
        ordered_on: "2026-11-28".into(),
        state: "paid".into(),
        ..OrderInput::default()
    };
    assert_eq!(
        refusal(s.app.create_order(&order(E27, "0", "0"))),
        too_large("lines.0.unitPrice", "100000000")
    );
    assert_eq!(
        refusal(s.app.create_order(&order("10", E27, "0"))),
        too_large("lines.0.discount", "100000000")
    );
    assert_eq!(
        refusal(s.app.create_order(&order("10", "0", E27))),
        too_large("shippingFee", "100000000")
    );
    let paid = ok(s.app.create_order(&order("10", "0", "0")));
    assert_eq!(
        refusal(s.app.pack_order(&PackInput {
            order_id: paid.id,
            weight_kg: E27.into(),
            packed_by: "杨德明".into(),
            ..PackInput::default()
        })),
        too_large("weightKg", "1000000")
    );
}

#[test]
fn a_pay_rate_deduction_or_work_quantity_of_1e27_panicked_and_is_now_too_large() {
    let mut s = shop();
    let employee = |rate: &str, deduction: &str| EmployeeInput {
        name: "杨秀梅".into(),
        start_on: "2026-03-01".into(),
        special_deduction: deduction.into(),
        schemes: vec![SchemeInput {
            kind: "piece".into(),
            work: "packing".into(),
            rate: rate.into(),
        }],
        ..EmployeeInput::default()
    };
    assert_eq!(
        refusal(s.app.save_employee(&employee(E27, ""))),
        too_large("schemes.0.rate", "100000000")
    );
    assert_eq!(
        refusal(s.app.save_employee(&employee("1", E27))),
        too_large("specialDeduction", "100000000")
    );
    let member = ok(s.app.save_employee(&employee("1", ""))).member_id;
    let work = |kind: &str, quantity: &str, amount: &str| WorkInput {
        member_id: member.clone(),
        date: "2026-11-20".into(),
        kind: kind.into(),
        work: "packing".into(),
        quantity: quantity.into(),
        amount: amount.into(),
        ..WorkInput::default()
    };
    assert_eq!(
        refusal(s.app.record_work(&work("pieces", E27, ""))),
        too_large("quantity", "1000000")
    );
    assert_eq!(
        refusal(s.app.record_work(&work("bonus", "", E27))),
        too_large("amount", "100000000")
    );
}

#[test]
fn a_date_in_year_9999_or_before_2000_is_refused() {
    let mut s = shop();
    for date in [
        "9999-12-31",
        "2100-01-01",
        "1999-12-31",
        "-0001-01-01",
        "+10000-01-01",
    ] {
        let input = PurchaseInput {
            received_on: date.into(),
            ..receipt(&s, line("1", "1", ""))
        };
        assert_eq!(
            refusal(s.app.receive_purchase(&input)),
            vec![(
                "receivedOn".to_string(),
                "bad_date".to_string(),
                vec!["min=2000-01-01".to_string(), "max=2099-12-31".to_string()]
            )],
            "{date}"
        );
    }
    assert_eq!(
        refusal(s.app.preview_payroll("9999-12"))
            .into_iter()
            .map(|(f, r, _)| (f, r))
            .collect::<Vec<_>>(),
        vec![("month".to_string(), "bad_date".to_string())]
    );
}

#[test]
fn a_name_of_control_or_invisible_characters_is_refused_not_an_internal_error() {
    let mut s = shop();
    let farmer = |name: &str| FarmerInput {
        name: name.into(),
        ..FarmerInput::default()
    };
    // A NUL once reached the schema's CHECK and came back as "database error".
    for (name, rule) in [
        ("\u{0}", "bad_character"),
        ("\u{1b}[31m王强", "bad_character"),
        ("王\n强", "bad_character"),
        ("\u{200B}", "required"),
        ("\u{200B}\u{200C}\u{200D}\u{FEFF}\u{2060}", "required"),
        (" \t ", "required"),
    ] {
        assert_eq!(
            refusal(s.app.create_farmer(&farmer(name)))
                .into_iter()
                .map(|(f, r, _)| (f, r))
                .collect::<Vec<_>>(),
            vec![("name".to_string(), rule.to_string())],
            "{name:?}"
        );
    }
    // Invisible characters around a real name are dropped; a note keeps its lines.
    let saved = ok(s.app.create_farmer(&FarmerInput {
        remarks: "周一送货\n周四结账".into(),
        ..farmer("\u{FEFF}张强\u{200B}")
    }));
    assert_eq!(
        (saved.name.as_str(), saved.remarks.as_str()),
        ("张强", "周一送货\n周四结账")
    );
}

#[test]
fn lots_expiring_compare_dates_not_text() {
    let mut s = shop();
    let soon = ok(s
        .app
        .receive_purchase(&receipt(&s, line("1", "1", "2026-12-10"))));
    let far = ok(s
        .app
        .receive_purchase(&receipt(&s, line("1", "1", "2027-06-01"))));
    // A lot stored by an older Farmstall, which accepted a best-before in the year 10000: as
    // text "+10000-01-01" sorts before "2026-12-28", so it was listed as expiring within 30 days.
    let odd = ok(s
        .app
        .receive_purchase(&receipt(&s, line("1", "1", "2099-12-31"))));
    let odd_lot = odd.lines[0].lot_id.clone();
    // What the older Farmstall stored, written by a second connection as any SQLite tool would.
    farmstall_store::rusqlite::Connection::open(s.app.db_path())
        .and_then(|conn| {
            conn.execute(
                "UPDATE lots SET best_before = '+10000-01-01' WHERE id = ?1",
                [&odd_lot],
            )
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let listed: Vec<String> = ok(s.app.list_lots(&LotQuery {
        expiring_within_days: Some(30),
        ..LotQuery::default()
    }))
    .items
    .into_iter()
    .map(|l| l.id)
    .collect();
    assert_eq!(listed, vec![soon.lines[0].lot_id.clone()]);
    assert!(!listed.contains(&far.lines[0].lot_id));
}

/// Regression: "1e3" was read as a thousand (an exponent), so a slip for 13 saved a price of
/// ¥1000.00; full-width digits from a Chinese input method were "not a number".
#[test]
fn an_exponent_is_not_a_number_and_full_width_digits_are() {
    let mut s = shop();
    for (price, rule) in [("1e3", "not_a_number"), ("1,000", "not_a_number")] {
        let refused = refusal(s.app.create_product(&ProductInput {
            name_zh: "贵油".into(),
            price: price.into(),
            ..oil()
        }));
        assert_eq!(refused[0].1, rule, "{price}: {refused:?}");
    }
    let saved = ok(s.app.create_product(&ProductInput {
        name_zh: "贵油".into(),
        price: "１２．５".into(),
        ..oil()
    }));
    assert_eq!(saved.price, "12.50");
}
