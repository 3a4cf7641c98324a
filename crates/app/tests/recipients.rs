//! Repeat buyers: the recipients earlier orders went to, found again by phone or name while a
//! WeChat or phone order is typed, on a real SQLite file.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use farmstall_app::dto::ProductInput;
use farmstall_app::orders::{OrderInput, OrderLineInput, RecipientInput};
use farmstall_app::recipients::KnownRecipient;
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::{FixedClock, Id};
use farmstall_store::orders::{NewOrder, NewOrderLine, Recipient};
use farmstall_store::Store;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    kiwi: String,
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a valid instant")),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "猕猴桃 5斤装".into(),
        sale_unit: "箱(5斤)".into(),
        stock_unit: "斤".into(),
        price: "48.80".into(),
        ..ProductInput::default()
    }))
    .id;
    Shop { dir, app, kiwi }
}

fn recipient(name: &str, phone: &str, district: &str, street: &str) -> RecipientInput {
    RecipientInput {
        name: name.into(),
        phone: phone.into(),
        province: "贵州省".into(),
        city: "贵阳市".into(),
        district: district.into(),
        street: street.into(),
        postcode: "550001".into(),
    }
}

impl Shop {
    /// A WeChat order waiting for payment (no stock needed) to `to`, ordered on `on`.
    fn order(&mut self, to: RecipientInput, on: &str) {
        ok(self.app.create_order(&OrderInput {
            source: "wechat".into(),
            buyer: to.name.clone(),
            recipient: to,
            lines: vec![OrderLineInput {
                product_id: self.kiwi.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            }],
            ordered_on: on.into(),
            state: "waiting_payment".into(),
            ..OrderInput::default()
        }));
    }
}

fn known(
    name: &str,
    phone: &str,
    district: &str,
    street: &str,
    orders: u32,
    last: &str,
) -> KnownRecipient {
    let r = recipient(name, phone, district, street);
    KnownRecipient {
        name: r.name,
        phone: r.phone,
        province: r.province,
        city: r.city,
        district: r.district,
        street: r.street,
        postcode: r.postcode,
        orders,
        last_ordered_on: last.into(),
    }
}

#[test]
fn one_phone_at_two_addresses_is_two_known_recipients_with_their_counts() {
    let mut s = shop();
    let home = ("云岩区", "中华北路88号3单元");
    let work = ("南明区", "花果园大街18号");
    s.order(
        recipient("张三", "13800138000", home.0, home.1),
        "2026-09-01",
    );
    s.order(
        recipient("张三", "138 0013 8000", home.0, home.1),
        "2026-10-15",
    );
    s.order(
        recipient("张三", "+86 138-0013-8000", work.0, work.1),
        "2026-11-02",
    );
    // Someone else, whose number shares digits with his.
    s.order(
        recipient("李四", "13800138001", home.0, home.1),
        "2026-11-20",
    );

    let expected = vec![
        known("张三", "+86 138-0013-8000", work.0, work.1, 1, "2026-11-02"),
        known("张三", "138 0013 8000", home.0, home.1, 2, "2026-10-15"),
    ];
    // However the number is typed in the form.
    for typed in [
        "13800138000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "１３８００１３８０００",
    ] {
        assert_eq!(
            ok(s.app.recent_recipients(typed)),
            expected,
            "typed {typed:?}"
        );
    }
    // By the name too; the other buyer is not among them.
    assert_eq!(ok(s.app.recent_recipients("张三")), expected);
    assert_eq!(ok(s.app.recent_recipients("李四")).len(), 1);
}

#[test]
fn an_unknown_phone_or_name_or_a_number_not_typed_to_its_end_finds_nobody() {
    let mut s = shop();
    s.order(
        recipient("张三", "13800138000", "云岩区", "中华北路88号"),
        "2026-11-02",
    );
    for text in [
        "13900139000",
        "1380013800",
        "138",
        "王五",
        "张",
        "",
        "   ",
        "8000",
    ] {
        assert_eq!(ok(s.app.recent_recipients(text)), vec![], "{text:?}");
    }
}

#[test]
fn a_landline_is_found_with_its_area_code() {
    let mut s = shop();
    s.order(
        recipient("王老师", "0851-86881234", "云岩区", "中华北路1号"),
        "2026-11-02",
    );
    let found = ok(s.app.recent_recipients("0851 8688 1234"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].phone, "0851-86881234");
    assert_eq!(ok(s.app.recent_recipients("王老师")).len(), 1);
}

#[test]
fn at_most_five_most_recent_first() {
    let mut s = shop();
    for day in 1..=7 {
        s.order(
            recipient("张三", "13800138000", "云岩区", &format!("中华北路{day}号")),
            &format!("2026-11-0{day}"),
        );
    }
    let found = ok(s.app.recent_recipients("13800138000"));
    let streets: Vec<&str> = found.iter().map(|k| k.street.as_str()).collect();
    assert_eq!(
        streets,
        [
            "中华北路7号",
            "中华北路6号",
            "中华北路5号",
            "中华北路4号",
            "中华北路3号"
        ]
    );
}

#[test]
fn masked_recipients_from_a_marketplace_are_never_offered() {
    let mut s = shop();
    s.order(
        recipient("张三", "13800138000", "云岩区", "中华北路88号"),
        "2026-11-02",
    );
    // What a marketplace shows of a buyer it protects, written straight into the store (the form
    // would refuse the phone).
    let mut store =
        Store::open(&s.dir.path().join("farmstall.db")).unwrap_or_else(|e| panic!("{e}"));
    let kiwi = Id::parse(&s.kiwi).unwrap_or_else(|e| panic!("{e}"));
    for (n, phone) in ["138****8000", "13800138000"].into_iter().enumerate() {
        let order = NewOrder {
            id: Id::generate(),
            source: "taobao".into(),
            platform_order_id: Some(format!("3300000000{n}")),
            state: "paid".into(),
            buyer: "t**3".into(),
            recipient: Recipient {
                name: if n == 0 {
                    "张三".into()
                } else {
                    "张*".into()
                },
                phone: phone.into(),
                province: "贵州省".into(),
                city: "贵阳市".into(),
                district: "观山湖区".into(),
                street: "长岭北路***".into(),
                postcode: String::new(),
            },
            shipping_fee_fen: 0,
            buyer_note: String::new(),
            seller_note: String::new(),
            ordered_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            lines: vec![NewOrderLine {
                product: kiwi,
                quantity_milli: 1000,
                stock_milli: 5000,
                unit_price_fen: 4880,
                discount_fen: 0,
                line_fen: 4880,
            }],
            masked: true,
            history: false,
            paid_at: None,
            ship_by: None,
        };
        store
            .write(|tx| farmstall_store::orders::insert_order(tx, &order, Utc::now(), Origin::Sync))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    drop(store);
    for typed in ["13800138000", "张三"] {
        let found = ok(s.app.recent_recipients(typed));
        assert_eq!(found.len(), 1, "{typed:?}: {found:?}");
        assert_eq!(found[0].street, "中华北路88号");
    }
}

#[test]
fn bad_input_is_a_field_error_or_nobody_never_a_panic() {
    let mut s = shop();
    s.order(
        recipient("张三", "13800138000", "云岩区", "中华北路88号"),
        "2026-11-02",
    );
    let mut rule = |text: &str| match s.app.recent_recipients(text) {
        Err(e) => {
            let e = IpcError::from(&e);
            (e.field, e.rule)
        }
        Ok(found) => panic!("{text:?} found {found:?}"),
    };
    assert_eq!(
        rule("张三\u{0}"),
        (Some("phoneOrName".into()), Some("bad_character".into()))
    );
    assert_eq!(
        rule("138\u{1b}00138000"),
        (Some("phoneOrName".into()), Some("bad_character".into()))
    );
    assert_eq!(
        rule(&"张".repeat(10_000)),
        (Some("phoneOrName".into()), Some("too_long".into()))
    );
    assert_eq!(
        rule(&"1".repeat(10_000)),
        (Some("phoneOrName".into()), Some("too_long".into()))
    );
    // What an FTS5 query would read as syntax is only ever a literal.
    for text in [
        "\"张三",
        "张三\" OR \"李",
        "NEAR(张三 李四)",
        "***",
        "张三*",
        "(*)",
        "1380013800*",
        "+",
        "--",
    ] {
        assert_eq!(ok(s.app.recent_recipients(text)), vec![], "{text:?}");
    }
}
