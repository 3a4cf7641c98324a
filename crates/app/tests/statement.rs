//! A farmer's statement: the lines and running balance a farmer would check, and the PDF saved in
//! the data folder with that text in it.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ListQuery, ProductInput, ShopProfileInput};
use farmstall_app::statement::StatementQuery;
use farmstall_app::stock::{PaymentInput, PurchaseInput, PurchaseLineInput, ReversalInput};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    farmer: String,
}

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
    ok(app.save_shop_profile(&ShopProfileInput {
        shop_name: "秦岭猕猴桃小店".into(),
        owner_name: "张伟".into(),
        sender_name: "张伟".into(),
        phone: "13800138000".into(),
        address: farmstall_app::dto::Address {
            province: "陕西省".into(),
            city: "西安市".into(),
            district: "周至县".into(),
            street: "楼观镇大木村 3 组".into(),
        },
        ..ShopProfileInput::default()
    }));
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        village: "大木村".into(),
        phone: "13912345678".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "猕猴桃".into(),
        sale_unit: "斤".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "6".into(),
        ..ProductInput::default()
    }))
    .id;
    let mut s = Shop { dir, app, farmer };
    // Before the period: 100 jin on credit (¥350), paid ¥200 on 10-30.
    receive(&mut s, &kiwi, "2026-10-20", "owed", "100", "3.5");
    pay(&mut s, "200", "2026-10-30");
    // In November: 120 jin on credit, 30 jin paid in cash, a payment, a receipt reversed.
    receive(&mut s, &kiwi, "2026-11-03", "owed", "120", "3.5");
    receive(&mut s, &kiwi, "2026-11-05", "cash", "30", "4");
    pay(&mut s, "300", "2026-11-10");
    let wrong = receive(&mut s, &kiwi, "2026-11-12", "owed", "10", "3.5");
    ok(s.app.reverse_purchase(&ReversalInput {
        purchase_id: wrong,
        reason: "记重了".into(),
        reversed_on: "2026-11-13".into(),
    }));
    s
}

fn receive(s: &mut Shop, product: &str, on: &str, payment: &str, qty: &str, price: &str) -> String {
    ok(s.app.receive_purchase(&PurchaseInput {
        farmer_id: s.farmer.clone(),
        received_on: on.into(),
        payment: payment.into(),
        note: String::new(),
        lines: vec![PurchaseLineInput {
            product_id: product.into(),
            grade: "一级".into(),
            quantity: qty.into(),
            unit_price: price.into(),
            ..PurchaseLineInput::default()
        }],
    }))
    .id
}

fn pay(s: &mut Shop, amount: &str, on: &str) {
    ok(s.app.record_payment(&PaymentInput {
        farmer_id: s.farmer.clone(),
        amount: amount.into(),
        method: "wechat".into(),
        paid_on: on.into(),
        note: String::new(),
    }));
}

fn november(s: &Shop) -> StatementQuery {
    StatementQuery {
        farmer_id: s.farmer.clone(),
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        language: String::new(),
    }
}

#[test]
fn the_statement_runs_from_the_opening_balance_to_what_is_owed_now() {
    let mut s = shop();
    let st = ok(s.app.farmer_statement(&november(&s)));
    assert_eq!(
        st.opening_balance, "150.00",
        "350 owed − 200 paid in October"
    );
    type Row<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);
    let rows: Vec<Row<'_>> = st
        .lines
        .iter()
        .map(|l| {
            (
                l.date.as_str(),
                l.kind.as_str(),
                l.purchased.as_deref(),
                l.paid.as_deref(),
                l.balance.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("2026-11-03", "purchase", Some("420.00"), None, "570.00"),
            (
                "2026-11-05",
                "purchase",
                Some("120.00"),
                Some("120.00"),
                "570.00"
            ),
            ("2026-11-10", "payment", None, Some("300.00"), "270.00"),
            ("2026-11-12", "purchase", Some("35.00"), None, "305.00"),
            ("2026-11-13", "reversal", Some("-35.00"), None, "270.00"),
        ]
    );
    assert!(
        st.lines[0].description.contains("猕猴桃 一级 120斤 × ¥3.5"),
        "{}",
        st.lines[0].description
    );
    assert!(st.lines[1].description.contains("现金付清"));
    assert!(st.lines[4].description.contains("记重了"));
    assert_eq!(st.total_purchased, "540.00");
    assert_eq!(st.total_paid, "420.00");
    assert_eq!(st.closing_balance, "270.00");
    // In English the same statement reads in English, units included.
    let en = ok(s.app.farmer_statement(&StatementQuery {
        language: "en".into(),
        ..november(&s)
    }));
    assert!(
        en.lines[0]
            .description
            .contains("猕猴桃 一级 120 jin × ¥3.5"),
        "{}",
        en.lines[0].description
    );
    assert_eq!(en.lines[2].description, "Payment (WeChat Pay)");
    assert_eq!(en.closing_balance, st.closing_balance);
    // The closing balance is what the payables screen says is owed now.
    let owed = ok(s.app.farmer_balances(&ListQuery::default()));
    assert_eq!(owed.items[0].balance, st.closing_balance);
}

#[test]
fn bad_periods_and_farmers_are_refused_by_field() {
    let mut s = shop();
    let e = s.app.farmer_statement(&StatementQuery {
        from: "2026-11-31".into(),
        to: "2026-11-01".into(),
        ..november(&s)
    });
    let e = IpcError::from(&e.err().unwrap_or_else(|| panic!("accepted a bad date")));
    assert_eq!(e.field.as_deref(), Some("from"));
    let e = s.app.farmer_statement(&StatementQuery {
        from: "2026-11-30".into(),
        to: "2026-11-01".into(),
        ..november(&s)
    });
    let e = IpcError::from(&e.err().unwrap_or_else(|| panic!("accepted to < from")));
    assert_eq!(e.field.as_deref(), Some("to"));
    let e = s.app.farmer_statement(&StatementQuery {
        farmer_id: "x".into(),
        ..november(&s)
    });
    let e = IpcError::from(
        &e.err()
            .unwrap_or_else(|| panic!("accepted an unknown farmer")),
    );
    assert_eq!(e.rule.as_deref(), Some("unknown_record"));
}

#[test]
fn the_pdf_is_saved_in_the_data_folder_with_the_statement_in_it() {
    let mut s = shop();
    let saved = ok(s.app.save_farmer_statement(&november(&s)));
    let path = std::path::PathBuf::from(&saved.path);
    assert!(
        path.starts_with(s.dir.path().join("documents").join("statements")),
        "{}",
        saved.path
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(u32::try_from(bytes.len()).ok(), Some(saved.bytes));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "王德贵",
        "秦岭猕猴桃小店",
        "对账单",
        "420.00",
        "270.00",
        "记重了",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}
