//! The change log tells the whole truth: every stock movement and every change to the owner's PIN
//! leaves a `change_log` row in the same transaction, with its origin, so that the log alone says
//! what happened to the shop (what a second PC would replay). The PIN's hash never enters it.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderInput, OrderLineInput, PackInput, RecipientInput};
use farmstall_app::stock::{
    CountInput, CountLineInput, LotQuery, PurchaseInput, PurchaseLineInput, WasteInput,
};
use farmstall_app::{App, AppError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::rusqlite::{Connection, OpenFlags};

/// One use case the test runs, by name.
type Step = Box<dyn Fn(&mut App)>;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// A second, read-only connection to the shop's file: what any SQLite tool would see.
fn reader(app: &App) -> Connection {
    Connection::open_with_flags(app.db_path(), OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// (ledger rows, change-log rows about lots, every change-log row)
fn tally(app: &App) -> (i64, i64, i64) {
    let conn = reader(app);
    (
        count(&conn, "SELECT count(*) FROM stock_ledger"),
        count(
            &conn,
            "SELECT count(*) FROM change_log WHERE entity = 'lot'",
        ),
        count(&conn, "SELECT count(*) FROM change_log"),
    )
}

/// The product's lot that expires first.
fn first_lot(app: &mut App, product: &str) -> String {
    ok(app.list_lots(&LotQuery {
        product_id: Some(product.to_string()),
        ..LotQuery::default()
    }))
    .items[0]
        .id
        .clone()
}

fn shop() -> (tempfile::TempDir, App, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a valid instant")),
    );
    let app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    let mut app = app;
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
    (dir, app, kiwi)
}

#[test]
fn every_stock_movement_is_in_the_change_log_with_its_origin() {
    let (_dir, mut app, kiwi) = shop();
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let mut steps: Vec<(&str, Step)> = Vec::new();
    let (k, f) = (kiwi.clone(), farmer.clone());
    steps.push((
        "receive",
        Box::new(move |app| {
            ok(app.receive_purchase(&PurchaseInput {
                farmer_id: f.clone(),
                received_on: "2026-11-27".into(),
                payment: "owed".into(),
                lines: vec![PurchaseLineInput {
                    product_id: k.clone(),
                    quantity: "40".into(),
                    unit_price: "4".into(),
                    best_before: "2026-12-12".into(),
                    ..PurchaseLineInput::default()
                }],
                ..PurchaseInput::default()
            }));
        }),
    ));
    let k = kiwi.clone();
    steps.push((
        "waste",
        Box::new(move |app| {
            let lot = first_lot(app, &k);
            ok(app.record_waste(&WasteInput {
                lot_id: lot,
                quantity: "1.5".into(),
                reason: "spoiled".into(),
                ..WasteInput::default()
            }));
        }),
    ));
    let k = kiwi.clone();
    steps.push((
        "count",
        Box::new(move |app| {
            let lot = first_lot(app, &k);
            ok(app.record_count(&CountInput {
                lines: vec![CountLineInput {
                    lot_id: lot,
                    counted: "37".into(),
                }],
                ..CountInput::default()
            }));
        }),
    ));
    let k = kiwi.clone();
    steps.push((
        "order paid, packed",
        Box::new(move |app| {
            let order = ok(app.create_order(&OrderInput {
                source: "wechat".into(),
                buyer: "老客户".into(),
                recipient: RecipientInput {
                    name: "李娜".into(),
                    phone: "13912345678".into(),
                    province: "广东省".into(),
                    city: "广州市".into(),
                    district: "天河区".into(),
                    street: "体育西路 191 号".into(),
                    postcode: String::new(),
                },
                lines: vec![OrderLineInput {
                    product_id: k.clone(),
                    quantity: "2".into(),
                    ..OrderLineInput::default()
                }],
                ..OrderInput::default()
            }));
            ok(app.pack_order(&PackInput {
                order_id: order.id,
                packed_by: "秀英".into(),
                ..PackInput::default()
            }));
        }),
    ));
    for (name, step) in &steps {
        let (ledger, lots, all) = tally(&app);
        step(&mut app);
        let (ledger_after, lots_after, all_after) = tally(&app);
        assert!(ledger_after > ledger, "{name} moved no stock");
        assert_eq!(
            lots_after - lots,
            ledger_after - ledger,
            "{name}: every ledger row has its change-log row"
        );
        assert!(all_after > all, "{name} left no trace in the change log");
    }
    // The rows say what moved and where the change came from.
    let conn = reader(&app);
    let (origin, data): (String, String) = conn
        .query_row(
            "SELECT origin, data FROM change_log WHERE entity = 'lot' ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(origin, "desktop");
    assert!(data.contains("\"movement\""), "{data}");
}

#[test]
fn setting_changing_and_removing_the_pin_is_logged_without_the_hash() {
    let (_dir, mut app, _kiwi) = shop();
    ok(app.set_pin("", "2468"));
    ok(app.set_pin("2468", "1357"));
    ok(app.set_pin("1357", ""));
    let conn = reader(&app);
    let mut stmt = conn
        .prepare("SELECT action, data FROM change_log WHERE entity = 'owner_pin' ORDER BY seq")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or_else(|e| panic!("{e}"))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["create", "update", "delete"]);
    for (_, data) in &rows {
        assert!(
            !data.contains("argon2"),
            "the PIN's hash is in the log: {data}"
        );
    }
}
